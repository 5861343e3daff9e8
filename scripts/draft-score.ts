// Scores a drafted import document against one written by hand: which records the draft found (matched one
// to one, by the key each kind of record is known by), which dates it got right on them, and how much of the
// hand-picked evidence its quotes cover. Used by `npm run draft:eval` and tested in test/draft-score.test.ts.
import { foldName, organizationKey, personKeyOrBlank } from '../src/shared/names.js';

type Quote = { quote: string; start?: number | null; end?: number | null };
type Row = Record<string, unknown> & { evidence?: Quote[] };
export type ScoredDocument = { article: { body: string } } & Record<string, unknown>;

export const scoredTypes = ['countries', 'cities', 'organizations', 'people', 'delegations', 'events', 'agreements', 'images', 'figures'] as const;
export type ScoredType = (typeof scoredTypes)[number];

export interface Count {
  gold: number;
  draft: number;
  /** Matched pairs (records), or correct values (dates), or covered quotes (spans: of the gold, of the draft). */
  matched: number;
  matchedDraft?: number;
}
export type Score = Record<ScoredType | 'dates' | 'evidence', Count>;

const dateFields: Partial<Record<ScoredType, string[]>> = { delegations: ['startDate', 'endDate'], events: ['startDate', 'endDate'], agreements: ['signedOn'], images: ['takenOn'] };

interface Span {
  start: number;
  end: number;
}

function spans(body: string, row: Row): Span[] {
  return (row.evidence ?? []).map((q) => {
    const start = q.start ?? body.indexOf(q.quote);
    return { start, end: q.end ?? start + q.quote.length };
  });
}
const overlap = (a: Span[], b: Span[]) => a.filter((x) => b.some((y) => x.start < y.end && y.start < x.end)).length;

/** Pairs gold and draft records one to one: for each gold record in turn, the best-scoring free draft record. */
function pair(gold: Row[], draft: Row[], score: (g: Row, d: Row) => number): [Row, Row][] {
  const free = new Set(draft);
  const pairs: [Row, Row][] = [];
  for (const g of gold) {
    let best: Row | undefined;
    let bestScore = 0;
    for (const d of free) {
      const s = score(g, d);
      if (s > bestScore) [best, bestScore] = [d, s];
    }
    if (best) {
      free.delete(best);
      pairs.push([g, best]);
    }
  }
  return pairs;
}

const rows = (doc: ScoredDocument, type: ScoredType) => (doc[type] as Row[] | undefined) ?? [];

/** Each record type's matched pairs of (gold, draft) records. */
function pairDocuments(goldDoc: ScoredDocument, draftDoc: ScoredDocument): Map<ScoredType, [Row, Row][]> {
  const body = goldDoc.article.body;
  const pairs = new Map<ScoredType, [Row, Row][]>();
  // Keys of the gold's records to the draft's, for comparing the places and owners records refer to.
  const cityOf = new Map<unknown, unknown>();
  const sameCity = (g: unknown, d: unknown) => (g == null && d == null) || (g != null && cityOf.get(g) === d);
  const ev = (g: Row, d: Row) => overlap(spans(body, g), spans(body, d));
  const name = (r: Row) => foldName(String(r.name ?? ''));

  const rules: Record<ScoredType, (g: Row, d: Row) => number> = {
    countries: (g, d) => Number(g.isoCode === d.isoCode),
    cities: (g, d) => Number((g.geonameId != null && g.geonameId === d.geonameId) || (name(g) === name(d) && g.countryCode === d.countryCode)),
    organizations: (g, d) => {
      const [a, b] = [organizationKey(String(g.name)), organizationKey(String(d.name))];
      return a === b ? 2 : a.includes(b) || b.includes(a) ? 1 : 0;
    },
    people: (g, d) => Number(personKeyOrBlank(String(g.name)) === personKeyOrBlank(String(d.name))),
    delegations: (g, d) => (g.homeCityKey != null && sameCity(g.homeCityKey, d.homeCityKey) ? 2 : 0) + (name(g) === name(d) ? 2 : 0) + (ev(g, d) > 0 ? 1 : 0),
    events: (g, d) => (ev(g, d) > 0 && (sameCity(g.cityKey, d.cityKey) || (g.nameIsQuoted && name(g) === name(d))) ? 1 + ev(g, d) + Number(g.kind === d.kind) : 0),
    agreements: (g, d) => (ev(g, d) > 0 && sameCity(g.cityKey, d.cityKey) ? 1 + Number(g.kind === d.kind) : 0),
    images: (g, d) => Number(foldName(String(g.caption)) === foldName(String(d.caption))),
    figures: (g, d) => (g.value === d.value && (g.upTo ?? null) === (d.upTo ?? null) && ev(g, d) > 0 ? 1 : 0),
  };
  for (const type of scoredTypes) {
    const found = pair(rows(goldDoc, type), rows(draftDoc, type), rules[type]);
    pairs.set(type, found);
    if (type === 'cities') for (const [g, d] of found) cityOf.set(g.key, d.key);
  }
  return pairs;
}

export function scoreDraft(goldDoc: ScoredDocument, draftDoc: ScoredDocument): Score {
  const body = goldDoc.article.body;
  const pairs = pairDocuments(goldDoc, draftDoc);
  const score = {} as Score;
  for (const type of scoredTypes) score[type] = { gold: rows(goldDoc, type).length, draft: rows(draftDoc, type).length, matched: pairs.get(type)!.length };
  const dates: Count = { gold: 0, draft: 0, matched: 0 };
  const evidence: Count = { gold: 0, draft: 0, matched: 0, matchedDraft: 0 };
  for (const type of scoredTypes) {
    const fields = dateFields[type] ?? [];
    for (const r of rows(goldDoc, type)) dates.gold += fields.filter((f) => r[f] != null).length;
    for (const r of rows(draftDoc, type)) dates.draft += fields.filter((f) => r[f] != null).length;
    for (const [g, d] of pairs.get(type)!) dates.matched += fields.filter((f) => g[f] != null && g[f] === d[f]).length;
    for (const r of rows(goldDoc, type)) evidence.gold += spans(body, r).length;
    for (const r of rows(draftDoc, type)) evidence.draft += spans(body, r).length;
    for (const [g, d] of pairs.get(type)!) {
      evidence.matched += overlap(spans(body, g), spans(body, d));
      evidence.matchedDraft! += overlap(spans(body, d), spans(body, g));
    }
  }
  return { ...score, dates, evidence };
}

/** The records of each type left unpaired: the hand-made ones the draft missed, and the draft's extra ones. */
export function unmatched(goldDoc: ScoredDocument, draftDoc: ScoredDocument): Record<ScoredType, { missed: Row[]; extra: Row[] }> {
  const pairs = pairDocuments(goldDoc, draftDoc);
  const out = {} as Record<ScoredType, { missed: Row[]; extra: Row[] }>;
  for (const type of scoredTypes) {
    const found = pairs.get(type)!;
    out[type] = { missed: rows(goldDoc, type).filter((g) => !found.some(([x]) => x === g)), extra: rows(draftDoc, type).filter((d) => !found.some(([, y]) => y === d)) };
  }
  return out;
}

/** The dates of matched records the draft got wrong or left out: record, field, the hand-made value and the draft's. */
export function dateMisses(goldDoc: ScoredDocument, draftDoc: ScoredDocument): { type: ScoredType; record: Row; field: string; want: unknown; got: unknown }[] {
  const pairs = pairDocuments(goldDoc, draftDoc);
  return scoredTypes.flatMap((type) => pairs.get(type)!.flatMap(([g, d]) => (dateFields[type] ?? []).filter((f) => g[f] != null && g[f] !== d[f]).map((field) => ({ type, record: g, field, want: g[field], got: d[field] ?? null }))));
}

/** Adds scores up (micro-averaged): the sums of gold, draft and matched. */
export function addScores(scores: Score[]): Score {
  const total = {} as Score;
  for (const type of [...scoredTypes, 'dates', 'evidence'] as const) {
    const sum = (k: keyof Count) => scores.reduce((n, s) => n + (s[type][k] ?? 0), 0);
    total[type] = { gold: sum('gold'), draft: sum('draft'), matched: sum('matched'), ...(type === 'evidence' ? { matchedDraft: sum('matchedDraft') } : {}) };
  }
  return total;
}

/** Precision and recall of a count; null when there is nothing to divide by. */
export function rates(c: Count): { precision: number | null; recall: number | null } {
  return { precision: c.draft === 0 ? null : (c.matchedDraft ?? c.matched) / c.draft, recall: c.gold === 0 ? null : c.matched / c.gold };
}
