import type { CityMention } from './places.js';
import { mentionsIn, type DateValue, type Reading } from './reading.js';
import { overlaps, within, type Sentence, type Span } from './text.js';

// Where and when a sentence happens, as the text ties it: a city it puts the action in ("In Astana, ...",
// "held ... in Samarkand", "travelled to Budapest"), carried to the later sentences of its paragraph until
// another city is named, and the dates the sentence itself states. Nothing is carried further: an event's
// place comes from its own sentence or an earlier one of its paragraph, never from an earlier paragraph.

export interface Scene {
  sentence: Sentence;
  city: CityMention | null;
  /** A country the action is put in without a city ("in Kazakhstan"), or the city's. */
  countryCode: string | null;
  /** The words that tie the place to the sentence: the sentence, or the paragraph up to it when carried. */
  placeQuote: Span;
  /** The dates it states, or the day of the sentence before for "The same day, ..." (see dateQuote). */
  dates: DateValue[];
  /** The last single day an earlier sentence of its paragraph gave ("... travelled to Dubai on Nov 6."). */
  paragraphDay: DateValue | null;
}

/** The words that state a scene's date: the sentence, or from the date in the sentence before to its end. */
export const dateQuote = (scene: Scene, date: DateValue): Span => (within(date, scene.sentence) ? scene.sentence : { start: date.start, end: scene.sentence.end });

// The words before a city that put the action there.
const locative = /(?:\b(?:in|at|to|visited|toured|reached|was|were|visiting|touring)|\bstops?\b[^,.;]{0,20}\b(?:was|were|in)|,)\s+(?:the\s+(?:city|capital)\s+of\s+)?$/iu;

function sceneCity(reading: Reading, sentence: Sentence, taken: readonly Span[]): CityMention | null {
  for (const city of mentionsIn(reading.cities, sentence)) {
    if (taken.some((span) => overlaps(span, city))) continue;
    const before = reading.body.slice(Math.max(sentence.start, city.start - 40), city.start);
    const after = reading.body.slice(city.end, city.end + 12);
    if (/^(?:'s|’s|-based|\s+(?:delegation|enterprises|companies|officials|city's|municipal))/u.test(after)) continue;
    if (locative.test(before) && !/\bfrom\s+$/i.test(before)) return city;
  }
  return null;
}

export function scenesOf(reading: Reading, taken: readonly Span[]): Map<Sentence, Scene> {
  const scenes = new Map<Sentence, Scene>();
  let opening: Scene | null = null;
  let paragraph = -1;
  let recent: Scene[] = [];
  let day: DateValue | null = null;
  for (const sentence of reading.sentences) {
    if (reading.header.has(sentence)) continue;
    const first = sentence.paragraph !== paragraph;
    if (first) [opening, paragraph, day] = [null, sentence.paragraph, null];
    let dates = reading.dates.filter((d) => d.start >= sentence.start && d.end <= sentence.end);
    // "The same day, ...", "That evening, ...": the day last given, by one of the two sentences before.
    const before = recent.find((r) => r.dates.length > 0)?.dates.filter((d) => !d.to).slice(0, 1);
    if (dates.length === 0 && before?.length === 1 && /^(?:The\s+same\s+day|On\s+the\s+same\s+day|That\s+(?:day|evening|afternoon|morning|night)|Later\s+that\s+day)\b/.test(sentence.text)) dates = before;
    const city = sceneCity(reading, sentence, taken);
    let scene: Scene;
    if (city) scene = { sentence, city, countryCode: city.place.countryCode, placeQuote: sentence, dates, paragraphDay: day };
    else if (opening?.city) scene = { sentence, city: opening.city, countryCode: opening.countryCode, placeQuote: { start: opening.sentence.start, end: sentence.end }, dates, paragraphDay: day };
    else {
      const country = mentionsIn(reading.countries, sentence).find((c) => /\bin\s+(?:the\s+)?$/i.test(reading.body.slice(Math.max(sentence.start, c.start - 8), c.start)));
      scene = { sentence, city: null, countryCode: country?.code ?? null, placeQuote: sentence, dates, paragraphDay: day };
    }
    // "In Astana, the capital of Kazakhstan, ..." sets the place of its paragraph; so does any sentence that
    // puts the action in a city ("The delegation then travelled to Budapest, ..."), for the sentences after it.
    if (city) opening = scene;
    scenes.set(sentence, scene);
    day = dates.filter((d) => !d.to && /\d/.test(d.text) && !/^\d{4}$/.test(d.text)).at(-1) ?? day;
    recent = [scene, ...recent].slice(0, 2);
  }
  return scenes;
}
