import type { Tx } from '../../db/write-lock.js';
import { foldedWords, personKey } from '../../shared/names.js';
import { writes, type ChangeLog } from './changes.js';
import { earliestFirst, type ClaimRow } from './claims.js';
import type { ArticleDocument } from './document.js';

// People are shared by articles like organizations: one person per folded name (forms of address dropped)
// within a country, never merged on a guess. A closer name ("Li" beside "Li Wei", "Wei Li" beside "Li Wei")
// is reported as a possible duplicate for an editor. The name shown is the earliest article's claim; each
// article's titles of a person are its own rows, replaced only by a re-import of that article.

export interface PossibleDuplicatePerson {
  /** The person the import created. */
  personId: number;
  name: string;
  /** The existing person of the same country it resembles. */
  similarId: number;
  similarName: string;
  reason: string;
}

/** Why two match keys of one country may name one person, or null. */
function resemblance(a: string, b: string): string | null {
  const [wa, wb] = [a.split(' '), b.split(' ')];
  if ([...wa].sort().join(' ') === [...wb].sort().join(' ')) return 'the same names in another order';
  const [shorter, longer] = wa.length <= wb.length ? [wa, new Set(wb)] : [wb, new Set(wa)];
  if (shorter.every((word) => longer.has(word))) return 'one name is part of the other';
  return null;
}

/** Finds or creates a person by name within a country; reports resemblances of a new one. */
export async function matchPerson(tx: Tx, log: ChangeLog, person: { name: string }, countryId: number) {
  const matchKey = personKey(person.name);
  const row = await tx.person.findUnique({ where: { countryId_matchKey: { countryId, matchKey } } });
  if (row) return { id: row.id, row, duplicates: [] };
  const created = await log.put('people', null, { name: person.name, matchKey, countryId }, writes(tx.person));
  const words = foldedWords(person.name);
  const others = await tx.person.findMany({ where: { countryId, id: { not: created.id }, OR: words.map((word) => ({ matchKey: { contains: word } })) }, select: { id: true, name: true, matchKey: true } });
  const duplicates: PossibleDuplicatePerson[] = others.flatMap((other) => {
    const reason = resemblance(matchKey, other.matchKey);
    return reason ? [{ personId: created.id, name: person.name, similarId: other.id, similarName: other.name, reason }] : [];
  });
  return { id: created.id, row: null, duplicates };
}

/** What a document's person claims: its name. */
export function personClaims(articleId: number, personId: number, person: { name: string }): ClaimRow[] {
  return [{ articleId, personId, field: 'name', value: JSON.stringify(person.name) }];
}

type Title = { personId: number; position: number; title: string; organizationId: number | null };
const titleSignature = (t: Title) => `${t.personId}:${t.position}:${t.title}:${t.organizationId ?? ''}`;

/** Makes the article's titles of people equal to the document's: stale ones deleted, new ones added. */
export async function putTitles(tx: Tx, articleId: number, desired: Title[], log: ChangeLog) {
  const current = await tx.personTitle.findMany({ where: { articleId } });
  const wanted = new Map(desired.map((t) => [titleSignature(t), t]));
  const stale = current.filter((row) => !wanted.delete(titleSignature(row)));
  if (stale.length > 0) {
    await tx.personTitle.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } });
    log.count('personTitles', 'deleted', stale.length);
  }
  if (wanted.size > 0) {
    await tx.personTitle.createMany({ data: [...wanted.values()].map((t) => ({ ...t, articleId })) });
    log.count('personTitles', 'created', wanted.size);
  }
}

/** A document person's titles as rows. */
export function titlesOf(person: ArticleDocument['people'][number], personId: number, organization: (key: string | null | undefined) => number | null): Title[] {
  return person.titles.map((t, i) => ({ personId, position: i + 1, title: t.title, organizationId: organization(t.organizationKey) }));
}

/** Sets each person's shown name from its claims: the earliest article's. */
export async function settlePeople(tx: Tx, ids: Iterable<number>, log: ChangeLog) {
  const list = [...ids];
  if (list.length === 0) return;
  const claims = await tx.claim.findMany({ where: { personId: { in: list }, field: 'name' }, orderBy: earliestFirst });
  for (const row of await tx.person.findMany({ where: { id: { in: list } } })) {
    const first = claims.find((c) => c.personId === row.id);
    if (first) await log.put('people', row, { name: JSON.parse(first.value) as string }, writes(tx.person));
  }
}
