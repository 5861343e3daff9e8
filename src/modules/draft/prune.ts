import { DocumentValidationError, validateDocument, type DocumentIssue } from '../import/validate.js';
import type { ArticleDocument } from '../import/document.js';
import type { DraftNote, DraftSection } from './workspace.js';

// The draft meets every rule of the import before anyone sees it: the import's own validation runs on it,
// and what it refuses is taken out (a fact, a link, a field, at worst a record), each removal a note. So the
// document an editor receives imports as it is, and nothing a rule could not back is left in it.

type Row = Record<string, unknown> & { evidence: { start: number; end: number; facts: string[] }[] };
export type DraftDocument = Omit<ArticleDocument, DraftSection> & { [K in DraftSection]: Row[] };

const sections: DraftSection[] = ['countries', 'cities', 'organizations', 'people', 'delegations', 'events', 'agreements', 'images', 'figures'];

/** What to clear when no quote backs a fact: the field (or list) that states it. */
const factField: Record<string, string | string[]> = {
  city: 'cityKey', country: 'countryCode', startDate: ['startDate', 'endDate'], endDate: 'endDate', signedOn: 'signedOn', takenOn: 'takenOn', event: 'eventKey',
  homeCity: 'homeCityKey', organization: 'organizationKey', parent: 'parentKey', countriesVisited: 'countriesVisited', members: 'members', delegations: 'participants',
  organizers: 'organizerKeys', people: 'peopleKeys', counterparts: 'counterparts', signatories: 'signatoryKeys', titles: 'titles', credit: 'credit', description: 'description',
};
const listFields = new Set(['countriesVisited', 'members', 'participants', 'organizerKeys', 'peopleKeys', 'counterparts', 'signatoryKeys', 'titles', 'parties']);
/** Fields a record cannot be without: a refused one takes the record out. */
const requiredFields = new Set(['isoCode', 'name', 'caption', 'value', 'upTo', 'unit', 'countryCode', 'delegationKey', 'eventKey', 'agreementKey', 'key', 'position', 'qualifier', 'kind']);
/** Facts that are always true of the record when cited at all (its kind, its parties): cite them on its first quote. */
const alwaysFacts = new Set(['kind', 'parties', 'value', 'unit', 'caption', 'name']);

const keyOf = (section: DraftSection, row: Row) => String(section === 'countries' ? row.isoCode : row.key);
const emptyValue = (field: string) => (listFields.has(field) ? [] : null);

export function prune(doc: DraftDocument, notes: DraftNote[]): ArticleDocument {
  for (let round = 0; round < 500; round++) {
    let issues: DocumentIssue[];
    try {
      return validateDocument(doc);
    } catch (error) {
      if (!(error instanceof DocumentValidationError)) throw error;
      issues = error.issues;
    }
    // Fix what stays in place first; take out at most one record a round, since indexes move when one goes.
    let fixed = false;
    let removal: { section: DraftSection; index: number; issue: DocumentIssue } | null = null;
    for (const issue of issues) {
      const [section, index, field, item, sub] = issue.segments as [DraftSection, number, string?, number?, string?];
      const row = doc[section]?.[index];
      if (!row || !sections.includes(section)) throw new Error(`the draft broke a rule it cannot repair: ${issue.path}: ${issue.message}`);
      const note = (message: string) => notes.push({ section, key: keyOf(section, row), ...(row.evidence[0] ?? { start: 0, end: 0 }), message });
      if (field === 'evidence' && typeof item === 'number') {
        row.evidence.splice(item, 1);
        fixed = true;
        continue;
      }
      if (issue.code === 'MISSING_EVIDENCE') {
        const fact = /supports \w+\.(\w+)/.exec(issue.message)?.[1];
        if (fact && alwaysFacts.has(fact) && !(fact === 'name' && 'nameIsQuoted' in row)) {
          row.evidence[0]?.facts.push(fact);
          fixed = row.evidence.length > 0;
        } else if (fact === 'name' && 'nameIsQuoted' in row) {
          row.nameIsQuoted = false;
          fixed = true;
        } else if (fact && factField[fact]) {
          for (const f of [factField[fact]].flat()) row[f] = emptyValue(f);
          note(`left out its ${fact}: ${issue.message}`);
          fixed = true;
        } else removal ??= { section, index, issue };
        continue;
      }
      if (field === undefined) {
        removal ??= { section, index, issue };
        continue;
      }
      if (field === 'name' && 'nameIsQuoted' in row) row.nameIsQuoted = false;
      else if (field === 'title' && 'titleIsQuoted' in row) row.titleIsQuoted = false;
      else if (listFields.has(field) && Array.isArray(row[field])) {
        const list = row[field] as Record<string, unknown>[];
        if (typeof item !== 'number') row[field] = [...new Map(list.map((x) => [JSON.stringify(x), x])).values()];
        else if (sub && (field === 'parties' || field === 'titles') && sub === 'organizationKey') list[item]!.organizationKey = null;
        else if (sub && field === 'participants' && sub !== 'delegationKey') Object.assign(list[item]!, { attendedFrom: null, attendedTo: null });
        else if (field === 'parties' && list.length <= 1) {
          removal ??= { section, index, issue };
          continue;
        } else list.splice(item, 1);
        note(`changed its ${field}: ${issue.message}`);
      } else if (requiredFields.has(field) || field === 'geonameId') {
        removal ??= { section, index, issue };
        continue;
      } else {
        row[field] = emptyValue(field);
        if (field === 'startDate') row.endDate = null;
        note(`left out its ${field}: ${issue.message}`);
      }
      fixed = true;
    }
    if (!fixed && removal) remove(doc, removal.section, removal.index, notes, removal.issue.message);
    else if (!fixed) throw new Error(`the draft broke a rule it cannot repair: ${issues[0]?.path}: ${issues[0]?.message}`);
  }
  throw new Error('the draft did not settle after 500 rounds of repair');
}

/** Takes a record out, and every reference to it with it (a figure without its owner goes too). */
function remove(doc: DraftDocument, section: DraftSection, index: number, notes: DraftNote[], why: string) {
  const row = doc[section][index];
  if (!row) return;
  const key = keyOf(section, row);
  doc[section].splice(index, 1);
  notes.push({ section, key, ...(row.evidence[0] ?? { start: 0, end: 0 }), message: `left out of the draft: ${why}` });
  const all = sections.flatMap((s) => doc[s]);
  const drop = (s: DraftSection, test: (r: Row) => boolean) => {
    for (let i = doc[s].length - 1; i >= 0; i--) if (test(doc[s][i]!)) remove(doc, s, i, notes, `it depended on ${section} ${key}, which was left out`);
  };
  const filter = (field: string, test: (x: Record<string, unknown>) => boolean) => {
    for (const r of all) if (Array.isArray(r[field])) r[field] = (r[field] as Record<string, unknown>[]).filter((x) => !test(x));
  };
  const clear = (field: string) => {
    for (const r of all) if (r[field] === key) r[field] = null;
  };
  switch (section) {
    case 'countries':
      drop('cities', (r) => r.countryCode === key);
      drop('organizations', (r) => r.countryCode === key);
      drop('people', (r) => r.countryCode === key);
      for (const r of [...doc.events, ...doc.agreements, ...doc.images]) if (r.countryCode === key) r.countryCode = null;
      for (const r of doc.delegations) r.countriesVisited = (r.countriesVisited as string[]).filter((c) => c !== key);
      break;
    case 'cities':
      clear('cityKey');
      clear('homeCityKey');
      break;
    case 'organizations':
      clear('organizationKey');
      filter('organizerKeys', (x) => (x as unknown) === key);
      filter('counterparts', (x) => x.organizationKey === key);
      for (const r of [...doc.people, ...doc.agreements]) for (const t of [...((r.titles ?? []) as Record<string, unknown>[]), ...((r.parties ?? []) as Record<string, unknown>[])]) if (t.organizationKey === key) t.organizationKey = null;
      break;
    case 'people':
      filter('members', (x) => x.personKey === key);
      filter('peopleKeys', (x) => (x as unknown) === key);
      filter('signatoryKeys', (x) => (x as unknown) === key);
      filter('counterparts', (x) => x.personKey === key);
      break;
    case 'delegations':
      clear('parentKey');
      filter('participants', (x) => x.delegationKey === key);
      drop('figures', (r) => r.delegationKey === key);
      break;
    case 'events':
      for (const r of [...doc.agreements, ...doc.images]) if (r.eventKey === key) r.eventKey = null;
      drop('figures', (r) => r.eventKey === key);
      break;
    case 'agreements':
      drop('figures', (r) => r.agreementKey === key);
      break;
    default:
      break;
  }
}
