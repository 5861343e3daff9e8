import { countryLabel } from './places.js';
import { inCaption, mentionsIn, type Reading } from './reading.js';
import type { EntityIndex } from './entities.js';
import { overlaps, sentenceAt, within, type Sentence, type Span } from './text.js';
import { cite, uniqueKey, type DraftDelegation, type DraftNote, type DraftRecords } from './workspace.js';

// Delegations: "a trade delegation from Liaocheng", "the Liaocheng delegation", "officials from Liaocheng",
// "the provincial government delegation" (an organization's), one within another ("officials from X attended
// the provincial government delegation"); their home city, dates and countries visited from the sentence that
// says they travelled, and their leader and members ("led by ...", "who travelled with the delegation").

export interface DelegationRef {
  span: Span;
  key: string;
  /** A mention of the home city standing for its delegation ("Liaocheng hosted ..."), not of the delegation. */
  weak: boolean;
  /** The delegation is the object here ("officials from X attended the provincial government delegation"): not its travel. */
  joined?: boolean;
}

// Lower-case words a delegation's name is built of ("a trade delegation", "the provincial government delegation").
const modifierWords = new Set(['trade', 'business', 'economic', 'economic and trade', 'government', 'official', 'provincial', 'municipal', 'city', 'county', 'friendship', 'investment', 'cultural', 'commercial', 'party', 'high-level', 'joint', 'enterprise', 'industry', 'industrial', 'agricultural', 'education', 'educational', 'tourism', 'media', 'youth', 'medical', 'science', 'technology', 'sports', 'arts', 'art', 'parliamentary', 'ministerial', 'state', 'regional', 'local', 'and', 'large', 'senior']);
const determiners = /^(?:a|an|the|this|that|its|their)$/i;
const travelVerb = /\b(?:visited|visits|visit|toured|tours|travell?ed\s+to|paid\s+a\s+(?:\w+\s+)?visit\s+to|arrived\s+in|went\s+to|is\s+visiting|was\s+visiting|was\s+in|were\s+in|stayed\s+in)\b/iu;
const groupOf = /\b(?:officials|representatives|leaders|a\s+group\s+of\s+[\p{Ll}\s]+?|an?\s+(?:[\p{Ll}-]+\s+)?group)\s+from\s+/giu;
const joinVerb = /\b(?:attended|joined|were\s+part\s+of|was\s+part\s+of|travell?ed\s+with|accompanied)\s*$/iu;

interface Mention {
  span: Span;
  /** The words before "delegation" that name it, and whether they start with a capital (a quotable name). */
  modifiers: string;
  home: { cityKey: string | null; name: string; span: Span } | null;
  /** A home that is a province or region, not a city: "from Vietnam's Quang Ninh province". */
  region: { name: string; span: Span } | null;
  organizationKey: string | null;
}

function mentionAt(reading: Reading, index: EntityIndex, records: DraftRecords, sentence: Sentence, at: number): Mention {
  const { body } = reading;
  const words = [...body.slice(sentence.start, at).matchAll(/[\p{L}\p{N}'’().-]+/gu)].map((m) => ({ text: m[0], start: sentence.start + m.index }));
  let first = words.length;
  while (first > 0) {
    const word = words[first - 1]!;
    if (determiners.test(word.text) || !(/^\p{Lu}/u.test(word.text) || modifierWords.has(word.text.toLowerCase()))) break;
    // Only a word right before the next one joins (no comma or dash between).
    if (first < words.length && !/^\s+$/.test(body.slice(word.start + word.text.length, words[first]!.start))) break;
    first--;
  }
  const lead = first > 0 && determiners.test(words[first - 1]!.text) ? words[first - 1]!.start : (words[first]?.start ?? at);
  const start = first < words.length ? words[first]!.start : at;
  const span = { start: lead, end: at + 'delegation'.length };
  const modifiers = body.slice(start, at).trim();
  const within_ = { start, end: at };
  let home: Mention['home'] = null;
  const city = reading.cities.find((c) => within(c, within_));
  if (city) home = { cityKey: index.cityKeyAt.get(city) ?? null, name: city.text, span: city };
  else {
    // "a delegation of 60 representatives of 11 enterprises from Liaocheng, ...": the first "from <city>" of its clause.
    const clause = body.slice(span.end, span.end + 120).split(/[,;.]/)[0]!;
    const from = /\bfrom\s+/.exec(clause);
    // ... before any verb: "from Vietnam's Quang Ninh province visited Nanning" is not from Nanning.
    const after = from ? reading.cities.find((c) => c.start >= span.end + from.index && c.end <= span.end + clause.length && !travelVerb.test(body.slice(span.end + from.index, c.start))) : undefined;
    if (after) home = { cityKey: index.cityKeyAt.get(after) ?? null, name: after.text, span: { start: span.end + from!.index, end: after.end } };
  }
  let region: Mention['region'] = null;
  if (!home) {
    const m = /^\s+from\s+(?:(?:\p{Lu}[\p{L}\p{M}]*\s+)*\p{Lu}[\p{L}\p{M}]*['’]s\s+)?((?:\p{Lu}[\p{L}\p{M}-]*\s+){1,3})(?:province|region|prefecture|county|state|autonomous\s+region)\b/u.exec(body.slice(span.end, span.end + 100));
    if (m) region = { name: m[1]!.trim(), span: { start: span.end, end: span.end + m[0].length } };
  }
  const org = /\bgovernment$/i.test(modifiers) ? records.organizations.find((o) => o.name.toLowerCase().endsWith(modifiers.toLowerCase().replace(/^.*?\b(provincial|municipal|city|county|regional|state)\b/, '$1'))) : undefined;
  return { span, modifiers, home, region, organizationKey: org?.key ?? null };
}

export function delegationRecords(reading: Reading, index: EntityIndex, records: DraftRecords, notes: DraftNote[]): DelegationRef[] {
  const { body } = reading;
  const refs: DelegationRef[] = [];
  const identity = new Map<string, DraftDelegation>();
  const byHome = (cityKey: string) => records.delegations.find((d) => d.homeCityKey === cityKey);
  const make = (id: string, name: string, fields: Partial<DraftDelegation>) => {
    const existing = identity.get(id);
    if (existing) return existing;
    const d: DraftDelegation = { key: uniqueKey(name, records.delegations), name, nameIsQuoted: false, homeCityKey: null, organizationKey: null, parentKey: null, startDate: null, endDate: null, countriesVisited: [], members: [], evidence: [], ...fields };
    records.delegations.push(d);
    identity.set(id, d);
    return d;
  };

  // Groups that are a delegation by another name: "Officials from Shandong's Liaocheng city".
  const groups: { span: Span; delegation: DraftDelegation }[] = [];
  for (const m of body.matchAll(groupOf)) {
    const clause = { start: m.index + m[0].length, end: m.index + m[0].length + 40 };
    const city = reading.cities.filter((c) => within(c, clause) && index.cityKeyAt.has(c)).at(-1) ?? reading.cities.find((c) => within(c, clause));
    const key = city && index.cityKeyAt.get(city);
    if (!key || !city) continue;
    // "Officials from the Changzhou Municipal Bureau of Commerce briefed the visitors": an office's people, at home.
    if (index.organizationAt.some((o) => within(city, o.span))) continue;
    const d = byHome(key) ?? make(`city:${key}`, `${city.text} delegation`, { homeCityKey: key });
    const span = { start: m.index, end: city.end + (/^ city\b/.exec(body.slice(city.end)) ? 5 : 0) };
    cite(d, span, d.evidence.some((q) => q.facts.includes('homeCity')) ? [] : ['homeCity']);
    groups.push({ span, delegation: d });
    refs.push({ span, key: d.key, weak: false });
  }

  let last: DraftDelegation | undefined;
  for (const sentence of reading.sentences) {
    for (const m of sentence.text.matchAll(/\bdelegation\b(?!s)/giu)) {
      const at = sentence.start + m.index;
      const mention = mentionAt(reading, index, records, sentence, at);
      let d: DraftDelegation | undefined;
      if (mention.home?.cityKey) d = byHome(mention.home.cityKey) ?? make(`city:${mention.home.cityKey}`, `${mention.home.name} ${mention.modifiers.replace(mention.home.name, '').trim()} delegation`.replace(/\s+/g, ' '), { homeCityKey: mention.home.cityKey });
      else if (mention.organizationKey) {
        const org = records.organizations.find((o) => o.key === mention.organizationKey)!;
        d = make(`org:${org.key}`, `${org.name} delegation`, { organizationKey: org.key });
        cite(d, mention.span, ['organization']);
      } else if (mention.region) {
        // Named for its province, as the article will call it ("the Quang Ninh delegation").
        d = make(`name:${mention.region.name.toLowerCase()}`, `${mention.region.name} delegation`, {});
        cite(d, { start: mention.span.start, end: mention.region.span.end }, []);
      } else if (mention.modifiers !== '' && /^\p{Lu}/u.test(mention.modifiers)) d = make(`name:${mention.modifiers.toLowerCase()}`, `${mention.modifiers} delegation`, {});
      else d = last ?? make('main', `${mention.modifiers} delegation`.trim().replace(/^./, (c) => c.toUpperCase()), {});
      if (mention.home && !d.evidence.some((q) => q.facts.includes('homeCity'))) cite(d, mention.home.span.start < mention.span.start ? mention.span : { start: mention.span.start, end: mention.home.span.end }, ['homeCity']);
      // A name the article writes with its capital ("the Liaocheng delegation") is quoted, the longest one kept.
      const written = body.slice(mention.span.start, mention.span.end).replace(/^(?:the|a|an|this)\s+/i, '');
      if (/^\p{Lu}/u.test(written) && written.split(/\s+/).length >= 2 && (!d.nameIsQuoted || written.length > d.name.length) && !/^(?:The|A|An)\s/.test(written)) {
        d.name = written;
        d.nameIsQuoted = true;
        cite(d, { start: mention.span.end - written.length, end: mention.span.end }, ['name']);
      }
      const ref: DelegationRef = { span: mention.span, key: d.key, weak: false };
      refs.push(ref);
      // "Officials from X attended the provincial government delegation": X's delegation travelled within it.
      const group = groups.find((g) => g.span.start >= sentence.start && g.span.end <= mention.span.start && g.delegation !== d);
      if (group && joinVerb.test(body.slice(group.span.end, mention.span.start))) {
        ref.joined = true;
        group.delegation.parentKey = d.key;
        cite(group.delegation, sentence, ['parent']);
        last = group.delegation;
      } else last = d;
    }
    for (const g of groups) if (within(g.span, sentence)) last = g.delegation;
  }

  for (const d of records.delegations) travelled(reading, records, d, refs, notes);
  members(reading, index, records, refs);
  // The home city's name standing for its delegation: "Liaocheng hosted a business promotional event".
  for (const d of records.delegations) {
    if (!d.homeCityKey) continue;
    for (const [mention, key] of index.cityKeyAt) {
      if (key === d.homeCityKey && !refs.some((r) => overlaps(r.span, mention)) && !index.organizationAt.some((o) => overlaps(o.span, mention))) refs.push({ span: mention, key: d.key, weak: true });
    }
  }
  if (records.delegations.length === 0) return refs;
  for (const d of records.delegations) if (d.evidence.length === 0) cite(d, refs.find((r) => r.key === d.key)!.span, []);
  return refs.sort((a, b) => a.span.start - b.span.start);
}

/** Dates and countries from the sentences that say the delegation travelled: "visited Kazakhstan ... from Sept 2 to 9". */
function travelled(reading: Reading, records: DraftRecords, d: DraftDelegation, refs: DelegationRef[], notes: DraftNote[]) {
  const home = records.cities.find((c) => c.key === d.homeCityKey)?.countryCode;
  for (const ref of refs.filter((r) => r.key === d.key && !r.weak && !r.joined)) {
    const sentence = sentenceAt(reading.sentences, ref.span.start);
    if (!sentence || reading.header.has(sentence) || inCaption(reading, sentence)) continue;
    const verb = travelVerb.exec(reading.body.slice(ref.span.end, sentence.end));
    if (!verb) continue;
    const from = ref.span.end + verb.index;
    // Another delegation named after the verb travels on its own ("... visited the Liaocheng delegation" is not ours).
    const rest = { start: from, end: sentence.end };
    const visited = [...mentionsIn(reading.countries, rest).map((c) => c.code), ...mentionsIn(reading.cities, rest).map((c) => c.place.countryCode)];
    const codes = [...new Set(visited)].filter((code) => code !== home && records.countries.some((c) => c.isoCode === code));
    for (const code of codes) if (!d.countriesVisited.includes(code)) d.countriesVisited.push(code);
    const found = reading.dates.find((date) => within(date, rest));
    const range = found && !d.startDate ? found : undefined;
    if (range) {
      d.startDate = range.from;
      d.endDate = range.to;
      if (range.inferred) notes.push({ section: 'delegations', key: d.key, ...range, message: `"${range.text}" gives no year; the draft took it from the article's date (${reading.referenceDate})` });
    }
    cite(d, sentence, [...(codes.length > 0 ? ['countriesVisited'] : []), ...(range ? ['startDate', ...(range.to ? ['endDate'] : [])] : [])]);
    // A delegation that travelled within another: the other went where it went.
    const parent = records.delegations.find((p) => p.key === d.parentKey);
    if (parent && codes.length > 0) {
      for (const code of codes) if (!parent.countriesVisited.includes(code)) parent.countriesVisited.push(code);
      cite(parent, sentence, ['countriesVisited']);
      notes.push({ section: 'delegations', key: parent.key, ...sentence, message: `the draft takes it that ${parent.name} visited ${codes.map(countryLabel).join(', ')} because ${d.name} travelled within it there` });
    }
  }
}

const leaderPattern = /\b(?:led|headed)\s+by\s+$/iu;
const memberPattern = /^,?\s*(?:who\s+(?:travell?ed\s+with|accompanied|joined)\s+the\s+delegation|(?:a\s+)?members?\s+of\s+the\s+delegation)/iu;

function members(reading: Reading, index: EntityIndex, records: DraftRecords, refs: DelegationRef[]) {
  for (const person of index.personAt) {
    const sentence = sentenceAt(reading.sentences, person.span.start);
    if (!sentence) continue;
    const before = reading.body.slice(Math.max(sentence.start, person.span.start - 40), person.span.start);
    const leader = leaderPattern.test(before);
    const after = reading.body.slice(person.span.end, Math.min(sentence.end, person.span.end + 80));
    const member = memberPattern.test(after);
    if (!leader && !member) continue;
    const ref = refs.filter((r) => !r.weak && r.span.start < person.span.start && r.span.start >= sentence.start).at(-1) ?? refs.filter((r) => !r.weak && r.span.start < person.span.start).at(-1) ?? (member ? refs.find((r) => !r.weak && overlaps(r.span, { start: person.span.end, end: person.span.end + 80 })) : undefined);
    const d = records.delegations.find((x) => x.key === ref?.key) ?? records.delegations[0];
    if (!d || d.members.some((m) => m.personKey === person.key)) continue;
    d.members.push({ personKey: person.key, role: leader ? 'LEADER' : 'MEMBER' });
    cite(d, sentence, ['members']);
  }
}
