import { within, type Sentence, type Span } from './text.js';

// Photo captions: a paragraph that ends with a bracketed credit ("... in Tashkent. [Photo provided to]"), one
// that starts with "Photo:", and a caption paragraph followed by a credit line ("Photo by Li Lei"). The image
// rules make images of them; the other rules read them as showing what the text tells, not telling it again.

export interface Caption {
  caption: Span;
  credit: Span | null;
  /** The paragraphs it takes: the caption's, and the credit line's when that stands apart. */
  paragraphs: number[];
}

const endCredit = /\s*\[((?:Photo|Photos|Picture|Image)[^\]]*)\]\s*$/u;
const startMark = /^(?:Photo|Photos|Picture)\s*:\s*/u;
const creditLine = /^(?:Photo|Photos|Picture)\s+(?:by|provided\s+by|provided\s+to|courtesy\s+of)\b[^\n]{0,80}$/u;

function paragraphs(sentences: readonly Sentence[]): (Span & { index: number })[] {
  const spans: (Span & { index: number })[] = [];
  for (const s of sentences) {
    if (spans.at(-1)?.index !== s.paragraph) spans.push({ start: s.start, end: s.end, index: s.paragraph });
    else spans.at(-1)!.end = s.end;
  }
  return spans;
}

export function captionsOf(body: string, sentences: readonly Sentence[]): Caption[] {
  const found: Caption[] = [];
  const blocks = paragraphs(sentences);
  blocks.forEach((block, i) => {
    const text = body.slice(block.start, block.end);
    const end = endCredit.exec(text);
    if (end) {
      const caption = { start: block.start + (startMark.exec(text)?.[0].length ?? 0), end: block.start + end.index };
      const creditStart = block.start + end.index + end[0].indexOf(end[1]!);
      found.push({ caption, credit: { start: creditStart, end: creditStart + end[1]!.trimEnd().length }, paragraphs: [block.index] });
      return;
    }
    const start = startMark.exec(text);
    if (start) {
      found.push({ caption: { start: block.start + start[0].length, end: block.end }, credit: null, paragraphs: [block.index] });
      return;
    }
    const previous = blocks[i - 1];
    if (creditLine.test(text) && previous && previous.end - previous.start < 300 && !found.some((f) => within(f.caption, previous))) found.push({ caption: previous, credit: block, paragraphs: [previous.index, block.index] });
  });
  return found.filter((c) => body.slice(c.caption.start, c.caption.end).trim() !== '');
}
