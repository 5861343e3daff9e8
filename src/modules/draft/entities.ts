import { organizationKey, personKeyOrBlank } from '../../shared/names.js';
import { countryLabel, type CityMention } from './places.js';
import { isDemonym } from './demonyms.js';
import { mentionsIn, type Reading } from './reading.js';
import { overlaps, sentenceAt, type Span } from './text.js';
import { cite, uniqueKey, type DraftNote, type DraftRecords } from './workspace.js';

// The named things of the article as records: its countries, cities, organizations and people, each cited
// at the words that name it. Delegations, events and the rest refer to these by key.

/** Where each record of this stage was found, for the later rules to refer to them by position in the text. */
export interface EntityIndex {
  cityKeyAt: Map<CityMention, string>;
  organizationAt: { span: Span; key: string; countryCode: string }[];
  personAt: { span: Span; nameSpan: Span; key: string }[];
}

const cityQuote = (m: CityMention): Span => (m.tied ? { start: m.start, end: m.tied.end } : m);

export function placeRecords(reading: Reading, records: DraftRecords, notes: DraftNote[]): EntityIndex['cityKeyAt'] {
  const byPlace = new Map<number, CityMention[]>();
  for (const m of reading.cities) byPlace.set(m.place.geonameId, [...(byPlace.get(m.place.geonameId) ?? []), m]);
  const cityKeyAt = new Map<CityMention, string>();
  for (const mentions of byPlace.values()) {
    const first = mentions[0]!;
    const best = mentions.find((m) => m.tied) ?? first;
    const key = uniqueKey(first.place.name, records.cities);
    records.cities.push({ key, name: first.text, countryCode: first.place.countryCode, geonameId: first.place.geonameId, unlisted: false, evidence: [] });
    const city = records.cities.at(-1)!;
    cite(city, cityQuote(best), ['name', ...(best.tied?.country ? ['country'] : []), ...(best.tied?.capital ? ['isCapital'] : [])]);
    for (const m of mentions) cityKeyAt.set(m, key);
    if (first.ambiguous) notes.push({ section: 'cities', key, start: first.start, end: first.end, message: `"${first.text}" names more than one place in ${countryLabel(first.place.countryCode)}; the draft took the most populous (GeoNames ${first.place.geonameId}): check geonameId` });
  }
  const codes = [...new Set([...reading.countries.map((c) => c.code), ...records.cities.map((c) => c.countryCode)])];
  for (const code of codes) {
    const mentions = reading.countries.filter((c) => c.code === code);
    const named = mentions.find((m) => !isDemonym(m)) ?? mentions[0];
    records.countries.push({ isoCode: code, name: countryLabel(code), evidence: [] });
    const country = records.countries.at(-1)!;
    if (named) cite(country, named, ['name']);
    else {
      const city = records.cities.find((c) => c.countryCode === code)!;
      for (const q of city.evidence) cite(country, q, []);
      notes.push({ section: 'countries', key: code, ...city.evidence[0]!, message: `the article does not name ${countryLabel(code)}; it is listed because ${city.name} is there` });
    }
  }
  return cityKeyAt;
}

/** The country an organization or person is of, by the words around it: a place in its name, or its sentence's place. */
function countryNear(reading: Reading, span: Span, inside: Span): { code: string; inferred: boolean } | null {
  const cities = reading.cities.filter((c) => overlaps(c, inside));
  if (cities[0]) return { code: cities[0].place.countryCode, inferred: false };
  const countries = reading.countries.filter((c) => overlaps(c, inside));
  if (countries[0]) return { code: countries[0].code, inferred: false };
  const words = reading.body.slice(inside.start, inside.end);
  const region = reading.cities.find((c) => c.place.region && words.startsWith(c.place.region));
  if (region) return { code: region.place.countryCode, inferred: false };
  const sentence = sentenceAt(reading.sentences, span.start);
  // Its sentence's places, then its paragraph's, outside every organization's name.
  const paragraph = sentence && reading.sentences.filter((s) => s.paragraph === sentence.paragraph);
  for (const scope of sentence && paragraph ? [sentence, { start: paragraph[0]!.start, end: paragraph.at(-1)!.end }] : []) {
    // Places in the sentence outside every organization's name: "In Düsseldorf, Jinan X Co signed ... with Rhein GmbH".
    const free = <T extends Span>(mentions: T[]) => mentions.filter((m) => !reading.organizations.some((o) => overlaps(o, m)));
    const near = [...free(mentionsIn(reading.cities, scope)).map((c) => c.place.countryCode), ...free(mentionsIn(reading.countries, scope)).map((c) => c.code)];
    if (near[0]) return { code: near[0], inferred: true };
  }
  return null;
}

/** The article's most named country, for a record nothing else places. */
function mainCountry(records: DraftRecords, reading: Reading): string | null {
  const counts = new Map<string, number>();
  for (const c of reading.cities) counts.set(c.place.countryCode, (counts.get(c.place.countryCode) ?? 0) + 1);
  for (const c of reading.countries) counts.set(c.code, (counts.get(c.code) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? records.countries[0]?.isoCode ?? null;
}

export function organizationRecords(reading: Reading, records: DraftRecords, notes: DraftNote[], cityKeyAt: EntityIndex['cityKeyAt']): EntityIndex['organizationAt'] {
  const at: EntityIndex['organizationAt'] = [];
  const byName = new Map<string, string>();
  for (const mention of reading.organizations) {
    const matchKey = organizationKey(mention.name);
    let key = byName.get(matchKey);
    if (!key) {
      // "Shandong Sinoglory Health Food Co, a Liaocheng-based company": the appositive places it.
      const appositive = /^,\s+an?\s+(\p{Lu}[\p{L}-]*)-based\s+[\p{Ll} ]+/u.exec(reading.body.slice(mention.end, mention.end + 80));
      const quote = appositive ? { start: mention.start, end: mention.end + appositive[0].length } : mention;
      const place = countryNear(reading, mention, quote);
      const code = place?.code ?? mainCountry(records, reading);
      if (!code) continue;
      const city = reading.cities.find((c) => overlaps(c, quote) && (c.start === mention.start || !overlaps(c, mention)));
      key = uniqueKey(mention.name, records.organizations);
      byName.set(matchKey, key);
      records.organizations.push({ key, name: mention.name, kind: mention.kind, countryCode: code, cityKey: city ? cityKeyAt.get(city) : null, evidence: [] });
      cite(records.organizations.at(-1)!, quote, ['name', 'kind', ...(city ? ['city'] : [])]);
      if (!place || place.inferred) notes.push({ section: 'organizations', key, ...mention, message: `the article does not say which country ${mention.name} is in; the draft took ${countryLabel(code)} from ${place ? 'its sentence' : 'the article'}` });
    }
    at.push({ span: mention, key, countryCode: records.organizations.find((o) => o.key === key)!.countryCode });
  }
  return at;
}

export function personRecords(reading: Reading, records: DraftRecords, notes: DraftNote[], organizationAt: EntityIndex['organizationAt']): EntityIndex['personAt'] {
  const at: EntityIndex['personAt'] = [];
  const byName = new Map<string, string>();
  for (const mention of reading.people) {
    const matchKey = personKeyOrBlank(mention.name);
    if (matchKey === '') continue;
    let key = byName.get(matchKey);
    const org = mention.of ? organizationAt.find((o) => overlaps(o.span, mention.of!)) : undefined;
    if (!key) {
      const place = org ? { code: org.countryCode, inferred: false } : countryNear(reading, mention, mention.of ?? mention.nameSpan);
      const code = place?.code ?? mainCountry(records, reading);
      if (!code) continue;
      key = uniqueKey(mention.name, records.people);
      byName.set(matchKey, key);
      records.people.push({ key, name: mention.name, countryCode: code, titles: [], evidence: [] });
      if (!place || place.inferred) notes.push({ section: 'people', key, ...mention.nameSpan, message: `the article does not say which country ${mention.name} is from; the draft took ${countryLabel(code)} from ${place ? 'the sentence' : 'the article'}` });
    }
    const person = records.people.find((p) => p.key === key)!;
    if (mention.title && !person.titles.some((t) => t.title === mention.title)) person.titles.push({ title: mention.title, organizationKey: org?.key ?? null });
    cite(person, mention, ['name', ...(mention.title ? ['titles'] : [])]);
    at.push({ span: mention, nameSpan: mention.nameSpan, key });
  }
  // Later mentions by name alone ("signed by Wang Hong and Klara Brandt"), for the rules that link people.
  for (const person of records.people) {
    for (const m of reading.body.matchAll(new RegExp(person.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (!at.some((p) => overlaps(p.nameSpan, span))) at.push({ span, nameSpan: span, key: person.key });
    }
  }
  return at.sort((a, b) => a.span.start - b.span.start);
}
