// The article's text as the drafting rules read it: paragraphs and sentences with their offsets into the
// body (UTF-16, as evidence offsets are), and the capitalised runs of words that names are made of.

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  text: string;
  /** Index of its paragraph; sentences of one paragraph share the scene its first sentence sets. */
  paragraph: number;
}

// Abbreviations a full stop does not end a sentence after ("Co.", "Sept.", "Mr."), lower case.
const abbreviations = new Set(['co', 'ltd', 'inc', 'corp', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'vs', 'etc', 'e.g', 'i.e', 'u.s', 'u.k', 'gen', 'gov']);
// Months abbreviated, which end no sentence before a day ("Sept. 6"), but may end one as a name ("Vice-Mayor Li Jun.").
const months = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

/** The body's sentences in order: split at . ! ? followed by a space and a capital, digit or quote, and at blank lines. */
export function sentencesOf(body: string): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  for (const block of body.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]+)*/g)) {
    const blockStart = block.index;
    const text = block[0];
    let start = 0;
    const push = (end: number) => {
      const raw = text.slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (trimmed !== '') sentences.push({ start: blockStart + start + lead, end: blockStart + start + lead + trimmed.length, text: trimmed, paragraph });
    };
    for (const stop of text.matchAll(/[.!?]["”’)\]]*(?=\s+["“‘([]?[\p{Lu}\d])/gu)) {
      const before = /([\p{L}.]+)\.$/u.exec(text.slice(Math.max(0, stop.index - 12), stop.index + 1))?.[1];
      const month = before !== undefined && months.has(before.toLowerCase()) && /^\s+\d/.test(text.slice(stop.index + 1));
      if (stop[0].startsWith('.') && before && (abbreviations.has(before.toLowerCase()) || month || /^\p{Lu}$/u.test(before))) continue;
      push(stop.index + stop[0].length);
      start = stop.index + stop[0].length;
    }
    push(text.length);
    paragraph++;
  }
  return sentences;
}

/** The sentence that contains an offset. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  return sentences.find((s) => offset >= s.start && offset < s.end);
}

/** Whether two spans share a character. */
export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Whether `inner` lies within `outer`. */
export const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;

/** Words that begin with a capital yet are not names when they start a sentence or a run. */
export const functionWords = new Set([
  'A', 'An', 'The', 'In', 'On', 'At', 'From', 'To', 'Of', 'For', 'By', 'With', 'And', 'But', 'Or', 'As', 'After', 'Before', 'During', 'This', 'That',
  'These', 'Those', 'Its', 'Their', 'His', 'Her', 'It', 'They', 'He', 'She', 'We', 'Our', 'There', 'Here', 'When', 'While', 'Since', 'Also', 'More',
  'Most', 'Some', 'Many', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Over', 'About', 'Nearly', 'Around', 'Both', 'Each',
  'Print', 'Updated', 'Photo', 'Photos', 'Mr', 'Ms', 'Mrs', 'Dr', 'According', 'Local', 'Officials', 'Delegation', 'Delegations', 'Then', 'Later',
  'Earlier', 'Meanwhile', 'Besides', 'Among', 'Under', 'Between', 'Through', 'Following', 'Last', 'Next', 'Every', 'All',
]);

/** Whether a word at `start` of `body` begins a sentence (only spaces or punctuation before it in its sentence). */
export function startsSentence(sentences: readonly Sentence[], start: number): boolean {
  const sentence = sentenceAt(sentences, start);
  return sentence !== undefined && /^[\s"“‘([]*$/u.test(sentence.text.slice(0, start - sentence.start));
}
