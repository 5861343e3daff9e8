import type { EventRef } from './events.js';
import type { EntityIndex } from './entities.js';
import type { Reading } from './reading.js';
import type { Scene } from './scene.js';
import { within, type Sentence } from './text.js';
import { cite, type DraftRecords } from './workspace.js';

// Images from the article's photo captions (captions.ts), with the date, city and event each names.

export function imageRecords(reading: Reading, index: EntityIndex, records: DraftRecords, scenes: Map<Sentence, Scene>, events: EventRef[]) {
  const { body } = reading;
  reading.captions.forEach(({ caption, credit }, i) => {
    const raw = body.slice(caption.start, caption.end);
    const trimmed = { start: caption.start + (raw.length - raw.trimStart().length), end: caption.end - (raw.length - raw.trimEnd().length) };
    const sentences = reading.sentences.filter((s) => within(s, trimmed) || (s.start >= trimmed.start && s.start < trimmed.end));
    const scene = sentences.map((s) => scenes.get(s)).find((s) => s?.city && within(s.city, trimmed));
    const date = reading.dates.find((d) => within(d, trimmed));
    const event = events.find((e) => within(e.span, trimmed));
    const cityKey = scene?.city ? index.cityKeyAt.get(scene.city) ?? null : null;
    const image = {
      key: `image-${i + 1}`,
      position: i + 1,
      caption: body.slice(trimmed.start, trimmed.end),
      credit: credit ? body.slice(credit.start, credit.end) : null,
      takenOn: date?.from ?? null,
      url: null,
      cityKey,
      countryCode: scene?.countryCode ?? null,
      eventKey: event?.key ?? null,
      evidence: [],
    };
    records.images.push(image);
    cite(image, trimmed, ['caption', ...(date ? ['takenOn'] : []), ...(cityKey ? ['city', 'country'] : []), ...(event ? ['event'] : [])]);
    if (credit) cite(image, credit, ['credit']);
  });
}
