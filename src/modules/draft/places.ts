import countries from 'i18n-iso-countries';
import { countryName } from '../../shared/countries.js';
import { gazetteer, type Place } from '../../reference/gazetteer.js';
import { functionWords, overlaps, type Span } from './text.js';

// Countries and cities an article names. A country is any English name of an ISO 3166-1 code; a city is a
// run of capitalised words the gazetteer knows, counted only when the article ties it to a country it names
// (the country, or the city's province, named anywhere in the article) or it is a capital: "Central" and
// "Friendly" are places somewhere, but not in this article's countries.

export interface CountryMention extends Span {
  code: string;
  text: string;
}

export interface CityMention extends Span {
  text: string;
  place: Place;
  /** Other places of the article's countries that carry the name, when the choice was a close call. */
  ambiguous: boolean;
  /** The span that also names its country ("Astana, the capital of Kazakhstan"), with what it states. */
  tied: (Span & { country: boolean; capital: boolean }) | null;
}

// "US" and "UK" as words are too often something else in capitals (an abbreviation, "US$"); their longer names stay.
const unreliableNames = new Set(['US', 'U.S.', 'UK', 'USA', 'U.S.A.']);
// Short names the ISO list leaves out ("Laos" is only "Lao People's Democratic Republic" there).
const extraNames: [string, string][] = [['Britain', 'GB'], ['the Netherlands', 'NL'], ['Holland', 'NL'], ['Korea', 'KR'], ['Laos', 'LA'], ['Syria', 'SY'], ['Moldova', 'MD'], ['Brunei', 'BN'], ['Macau', 'MO'], ['Macao', 'MO'], ['East Timor', 'TL'], ['Burma', 'MM'], ['the Philippines', 'PH'], ['Swaziland', 'SZ'], ['Micronesia', 'FM']];

let countryPattern: { regex: RegExp; codeOf: Map<string, string> } | undefined;
function countryNamePattern() {
  if (countryPattern) return countryPattern;
  const codeOf = new Map<string, string>();
  for (const [code, names] of Object.entries(countries.getNames('en', { select: 'all' }) as Record<string, string[] | string>)) {
    for (const name of Array.isArray(names) ? names : [names]) if (!unreliableNames.has(name) && !name.includes(',')) codeOf.set(name, code);
  }
  for (const [name, code] of extraNames) codeOf.set(name, code);
  const names = [...codeOf.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  countryPattern = { regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join('|')})(?![\\p{L}\\p{N}])`, 'gu'), codeOf };
  return countryPattern;
}

/** Every mention of a country by one of its English names, in order. */
export function countryMentions(body: string): CountryMention[] {
  const { regex, codeOf } = countryNamePattern();
  return [...body.matchAll(regex)].map((m) => ({ code: codeOf.get(m[0])!, text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The short English name the document gives a country. */
export const countryLabel = (code: string) => countryName(code);

// A run of capitalised words, with the lower-case joins place names have ("Rio de Janeiro", "Ho Chi Minh City").
const runPattern = /\p{Lu}[\p{L}\p{M}]*(?:(?: (?:de|do|da|dos|das|del|des|du|di|es|la|al|el|am|der|sur|upon|on))? \p{Lu}[\p{L}\p{M}]*)*/gu;
// A run that ends in one of these names a place, not a city: "Ha Long Bay" is no mention of Ha Long. A building's
// or site's name names its city only at its start ("Tampere City Hall" is in Tampere; "Zhenjiang Jinshan
// Experimental School" is no mention of Jinshan); so an organization with such a name still places the
// action in the city it starts with (draft.ts).
const featureNoun = /\s(?:Bay|Lake|River|Island|Islands|Mountains?|Gorge|Valley|Beach|Desert|Sea|Strait)$/u;
export const venueNoun = /\s(?:Port|Harbou?r|Hall|School|University|College|Academy|Institute|Park|Zone|Airport|Station|Theat(?:re|er)|Museum|Library|Cent(?:re|er)|Hotel|Stadium|Square|Street|Road|Avenue|Temple|Palace|Tower|Bridge|Gardens?|Market)$/u;

// Gazetteer hits of one word that are too small to take on a bare mention: the article then ties them to a country.
const MIN_UNTIED_POPULATION = 15_000;

/** The sub-runs of a run of words, longest first: "Samarkand Region" tries itself, then "Samarkand" and "Region". */
function subRuns(text: string, start: number): (Span & { text: string })[] {
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: start + m.index, end: start + m.index + m[0].length }));
  const runs: (Span & { text: string })[] = [];
  for (let length = Math.min(words.length, 4); length >= 1; length--) {
    for (let i = 0; i + length <= words.length; i++) {
      const first = words[i]!;
      const last = words[i + length - 1]!;
      runs.push({ text: text.slice(first.start - start, last.end - start), start: first.start, end: last.end });
    }
  }
  return runs;
}

/** The span after a city that names its country: ", Uzbekistan", ", the capital of Uzbekistan", " in Uzbekistan". */
function tiedSpan(body: string, end: number, code: string): CityMention['tied'] {
  const names = [countryName(code), ...((countries.getNames('en', { select: 'all' }) as Record<string, string[]>)[code] ?? [])];
  const after = body.slice(end, end + 80);
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`^(?:,\\s*(?:(the\\s+)?(capital)(?:\\s+city)?\\s+of\\s+)?|\\s+in\\s+)${escaped}(?![\\p{L}])`, 'u').exec(after);
    if (match) return { start: end, end: end + match[0].length, country: true, capital: match[2] !== undefined };
  }
  return null;
}

/**
 * The cities the article names, each at every mention. `named` are the article's country codes; `regions` are
 * checked against the body; `taken` are spans of other names (organizations, people) a city inside does not count in,
 * except at their very start ("Liaocheng Xinhua Bearing Co" names Liaocheng, not Xinhua).
 */
export function cityMentions(body: string, named: ReadonlySet<string>, taken: readonly Span[]): CityMention[] {
  const found: CityMention[] = [];
  const lookups = new Map<string, Place[]>();
  const regionNamed = new Map<string, boolean>();
  const isRegionNamed = (region: string | null) => {
    if (!region) return false;
    if (!regionNamed.has(region)) regionNamed.set(region, new RegExp(`(?<![\\p{L}])${region.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(body));
    return regionNamed.get(region)!;
  };
  for (const run of body.matchAll(runPattern)) {
    const feature = featureNoun.test(run[0]);
    const venue = venueNoun.test(run[0]);
    for (const candidate of subRuns(run[0], run.index)) {
      if (found.some((f) => overlaps(f, candidate))) continue;
      if ((feature || (venue && candidate.start !== run.index)) && candidate.text !== run[0]) continue;
      // Half of a hyphenated name ("Baden" of Baden-Württemberg), or a province's name ("Henan province").
      if (/^-\p{Lu}/u.test(body.slice(candidate.end, candidate.end + 2)) || /\p{L}-$/u.test(body.slice(Math.max(0, candidate.start - 2), candidate.start))) continue;
      if (/^\s+(?:province|autonomous\s+region|prefecture)\b/u.test(body.slice(candidate.end, candidate.end + 24))) continue;
      if (functionWords.has(candidate.text)) continue;
      if (taken.some((span) => overlaps(span, candidate) && span.start !== candidate.start)) continue;
      const places = lookups.get(candidate.text) ?? gazetteer().named(candidate.text);
      lookups.set(candidate.text, places);
      // Places in the article's countries first, then in a named province, then capitals.
      const inCountries = places.filter((p) => named.has(p.countryCode));
      const pool = inCountries.length > 0 ? inCountries : places.filter((p) => isRegionNamed(p.region) || p.isCapital);
      const place = pool[0];
      if (!place) continue;
      const tied = tiedSpan(body, candidate.end, place.countryCode);
      // A small place counts when the text puts something there: "in Luang Namtha" (a name of several words in
      // one of the article's countries), "from Menghai county" (a word followed by "county", "city", "town").
      const next = body.slice(candidate.end, candidate.end + 12);
      const placed = /\b(?:in|to|at|visited|toured|from|near)\s+$/.test(body.slice(Math.max(0, candidate.start - 10), candidate.start));
      const said = inCountries.length > 0 && placed && !/^\s+(?:province|region|autonomous|state)\b/.test(next) && (/\s/.test(candidate.text) || /^\s+(?:county|city|town|district|village)\b/.test(next));
      if (!tied && !place.isCapital && !said && place.population < MIN_UNTIED_POPULATION) continue;
      const rivals = pool.filter((p) => p.countryCode === place.countryCode && p.geonameId !== place.geonameId);
      const ambiguous = rivals.some((p) => place.population < 10 * Math.max(p.population, 1));
      found.push({ text: candidate.text, start: candidate.start, end: candidate.end, place, ambiguous, tied });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
