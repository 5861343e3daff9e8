import type { EventRef } from './events.js';
import type { EntityIndex } from './entities.js';
import type { Reading } from './reading.js';
import type { Scene } from './scene.js';
import { within, type Sentence, type Span } from './text.js';
import { cite, type DraftRecords } from './workspace.js';

// Images by their captions: a paragraph that ends with a bracketed credit ("... in Tashkent. [Photo provided
// to]"), one that starts with "Photo:", and a caption paragraph followed by a credit line ("Photo by Li Lei").

const endCredit = /\s*\[((?:Photo|Photos|Picture|Image)[^\]]*)\]\s*$/u;
const startMark = /^(?:Photo|Photos|Picture)\s*:\s*/u;
const creditLine = /^(?:Photo|Photos|Picture)\s+(?:by|provided\s+by|provided\s+to|courtesy\s+of)\b[^\n]{0,80}$/u;

interface Caption {
  caption: Span;
  credit: Span | null;
}

function paragraphs(reading: Reading): Span[] {
  const spans: Span[] = [];
  let current = -1;
  for (const s of reading.sentences) {
    if (s.paragraph !== current) {
      spans.push({ start: s.start, end: s.end });
      current = s.paragraph;
    } else spans.at(-1)!.end = s.end;
  }
  return spans;
}

function captionsOf(reading: Reading): Caption[] {
  const { body } = reading;
  const found: Caption[] = [];
  const blocks = paragraphs(reading);
  blocks.forEach((block, i) => {
    const text = body.slice(block.start, block.end);
    const end = endCredit.exec(text);
    if (end) {
      const caption = { start: block.start + (startMark.exec(text)?.[0].length ?? 0), end: block.start + end.index };
      const creditStart = block.start + end.index + end[0].indexOf(end[1]!);
      found.push({ caption, credit: { start: creditStart, end: creditStart + end[1]!.trimEnd().length } });
      return;
    }
    const start = startMark.exec(text);
    if (start) {
      found.push({ caption: { start: block.start + start[0].length, end: block.end }, credit: null });
      return;
    }
    const previous = blocks[i - 1];
    if (creditLine.test(text) && previous && previous.end - previous.start < 300 && !found.some((f) => within(f.caption, previous))) found.push({ caption: previous, credit: block });
  });
  return found.filter((c) => body.slice(c.caption.start, c.caption.end).trim() !== '');
}

export function imageRecords(reading: Reading, index: EntityIndex, records: DraftRecords, scenes: Map<Sentence, Scene>, events: EventRef[]) {
  const { body } = reading;
  captionsOf(reading).forEach(({ caption, credit }, i) => {
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
