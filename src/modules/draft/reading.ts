import { dateMentions, type DateParts } from '../import/quote-content.js';
import { captionsOf, type Caption } from './captions.js';
import { countryMentions, cityMentions, type CityMention, type CountryMention } from './places.js';
import { organizationMentions, type OrganizationMention } from './organizations.js';
import { personMentions, type PersonMention } from './people.js';
import { overlaps, sentencesOf, within, type Sentence, type Span } from './text.js';
import { demonymMentions } from './demonyms.js';

// The article read once, before any record is made: its sentences, and every name and date in them with
// offsets. The record rules (delegations, events, agreements, ...) work from this and never re-read the text.

export interface DateValue extends Span {
  text: string;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', the parts the text gives (a left-out year is the article's). */
  from: string;
  to: string | null;
  /** Whether a part was taken from the article's date rather than the words ("Sept 2": the year). */
  inferred: boolean;
}

export interface Reading {
  body: string;
  sentences: Sentence[];
  /** The article's date, 'YYYY-MM-DD', that years left out are read from; null when none is known. */
  referenceDate: string | null;
  countries: CountryMention[];
  cities: CityMention[];
  organizations: OrganizationMention[];
  people: PersonMention[];
  dates: DateValue[];
  /** Sentences of the article's header (title, "Updated:", "Print") that no record is drawn from. */
  header: Set<Sentence>;
  /** The photo captions ("Photo: ...", "... [Photo provided to ...]"): they show what the text tells. */
  captions: Caption[];
  /** The index of the article's first paragraph after its header: the opening, which sums up what follows. */
  lead: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function valueOf(parts: DateParts): string | null {
  if (parts.year === null) return null;
  if (parts.month === null) return String(parts.year);
  return parts.day === null ? `${parts.year}-${pad(parts.month)}` : `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

const inferredIn = (parts: DateParts | null) => parts !== null && ((parts.year !== null && !parts.stated.year) || (parts.month !== null && !parts.stated.month));

/** "Updated : 2023-09-15" or "Updated: 2024-10-14" in the header, when the caller gives no date. */
export function headerDate(body: string): string | null {
  return /Updated\s*:\s*(\d{4}-\d{2}-\d{2})/.exec(body.slice(0, 400))?.[1] ?? null;
}

function isHeader(sentence: Sentence, index: number): boolean {
  // The first line is the headline when it does not end as a sentence does.
  return (index === 0 && !/[.!?]["”’)\]]*$/u.test(sentence.text)) || /^\(?\|?\s*Updated\s*:/.test(sentence.text) || /^(?:Print\s*)+$/.test(sentence.text) || sentence.text.length < 3;
}

export function readArticle(body: string, referenceDate: string | null): Reading {
  const sentences = sentencesOf(body);
  const header = new Set(sentences.filter((s, i) => isHeader(s, i)));
  const countries = [...countryMentions(body), ...demonymMentions(body)].sort((a, b) => a.start - b.start);
  const organizations = organizationMentions(body);
  const named = new Set(countries.map((c) => c.code));
  const people = personMentions(body, [...organizations.map((o) => ({ ...o, text: o.name })), ...countries]);
  // A country's name is not also a city of it ("Kazakhstan" is a village in Kazakhstan too).
  // Nor is a word of a person's name, written alone later ("Gao said ..." after "Gao Peng, chairman of ...").
  const nameWords = new Set(people.flatMap((p) => [p.name, ...p.name.split(/\s+/)]));
  // A photographer's name in a credit ("[Photo by Li Xiang/For chinadaily.com.cn]") is no place either.
  const credits = [...body.matchAll(/\b(?:Photos?|Photographs?|Videos?)\s+by\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*)/gu)].map((m) => ({ start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length }));
  const cities = cityMentions(body, named, [...organizations, ...people.map((p) => p.nameSpan)]).filter((c) => !credits.some((k) => overlaps(k, c)) && !people.some((p) => overlaps(p.nameSpan, c)) && !countries.some((k) => overlaps(k, c)) && !nameWords.has(c.text));
  const dates: DateValue[] = [];
  for (const sentence of sentences) {
    if (header.has(sentence)) continue;
    for (const mention of dateMentions(sentence.text, referenceDate)) {
      const from = valueOf(mention.from);
      if (from === null) continue;
      const start = sentence.start + mention.start;
      // A month alone is a date after "in", "since", "early" and the like, not as a name ("Vice-Mayor Li Jun.").
      if (/^\p{L}+\.?$/u.test(mention.text) && !/\b(?:in|since|until|till|by|from|of|to|early|late|mid|through|during|before|after|last|next|this|that|each|every)[\s-]+$/i.test(body.slice(Math.max(sentence.start, start - 12), start))) continue;
      dates.push({ start, end: sentence.start + mention.end, text: mention.text, from, to: mention.to ? valueOf(mention.to) : null, inferred: inferredIn(mention.from) || inferredIn(mention.to) });
    }
  }
  const captions = captionsOf(body, sentences);
  const lead = sentences.find((s) => !header.has(s))?.paragraph ?? null;
  return { body, sentences, referenceDate, countries, cities, organizations, people, dates, header, captions, lead };
}

/** Whether a sentence belongs to a photo's caption (or its credit line). */
export const inCaption = (reading: Reading, sentence: Sentence) => reading.captions.some((c) => c.paragraphs.includes(sentence.paragraph));

/** The mentions that lie within a span, in order. */
export const mentionsIn = <T extends Span>(mentions: readonly T[], span: Span): T[] => mentions.filter((m) => within(m, span));
