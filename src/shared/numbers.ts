// The numbers an English news sentence states, in digits or in words, so the import can check that a quote
// tagged as supporting a figure says that figure's number: "60 representatives", "USD 1.2 million", "sixty-five".

/** A number as the text states it: offsets are UTF-16 code units, [start, end), and `text` is that slice. */
export interface StatedNumber {
  value: number;
  start: number;
  end: number;
  text: string;
  ordinal: boolean;
}

type Kind = 'unit' | 'tens' | 'hundred' | 'scale' | 'dozen' | 'and' | 'a';
interface NumberWord {
  kind: Kind;
  value: number;
  ordinal: boolean;
}

const unitNames = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const unitOrdinals = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const tensNames = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const tensOrdinals = ['twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];
const scaleNames: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

/** Every word a number in words is made of, lower case. */
const numberWords = new Map<string, NumberWord>([
  ...unitNames.map((name, value): [string, NumberWord] => [name, { kind: 'unit', value, ordinal: false }]),
  ...unitOrdinals.map((name, value): [string, NumberWord] => [name, { kind: 'unit', value, ordinal: true }]),
  ...tensNames.map((name, i): [string, NumberWord] => [name, { kind: 'tens', value: 20 + 10 * i, ordinal: false }]),
  ...tensOrdinals.map((name, i): [string, NumberWord] => [name, { kind: 'tens', value: 20 + 10 * i, ordinal: true }]),
  ...Object.entries(scaleNames).map(([name, value]): [string, NumberWord] => [name, { kind: 'scale', value, ordinal: false }]),
  ...Object.entries(scaleNames).map(([name, value]): [string, NumberWord] => [`${name}th`, { kind: 'scale', value, ordinal: true }]),
  ['hundred', { kind: 'hundred', value: 100, ordinal: false }],
  ['hundredth', { kind: 'hundred', value: 100, ordinal: true }],
  ['dozen', { kind: 'dozen', value: 12, ordinal: false }],
  ['and', { kind: 'and', value: 0, ordinal: false }],
  ['a', { kind: 'a', value: 1, ordinal: false }],
]);

/** Scale words after digits ("1.2 million", "2 mln"), and the ones that may be glued to them ("5k", "3bn"). */
const digitScales: Record<string, number> = { ...scaleNames, mln: 1e6, bn: 1e9, bln: 1e9 };
const gluedScales: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, bn: 1e9, bln: 1e9 };
// Currency codes written straight before the digits ("USD3 million", "RMB5 million", "US$1.2m"): not a name.
const gluedCurrency = /(?:^|[^\p{L}])(?:USD|US|HK|RMB|CNY|EUR|GBP|HUF|KZT|UZS|KGS|RUB|JPY)\$?$/u;

interface Token {
  text: string;
  start: number;
  end: number;
  digits: boolean;
}

// Digits with thousands separators only when every group has three digits ("1,500" but not "1,5000" or "2,3").
const tokenPattern = /(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|[\p{L}\p{M}]+/gu;

function tokenize(text: string): Token[] {
  return [...text.matchAll(tokenPattern)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length, digits: /^\d/.test(m[0]) }));
}

interface Match {
  value: number;
  start: number;
  end: number;
  ordinal: boolean;
  next: number;
}

/** The number the digits at tokens[i] start, with a following scale, ordinal suffix or percent sign. */
function digitsAt(text: string, tokens: Token[], i: number): Match | undefined {
  const token = tokens[i]!;
  // Digits glued to letters on the left are part of a name: "B2B", "G20", "COVID-19", "Su-35".
  if (/[\p{L}\p{M}]-?$/u.test(text.slice(Math.max(0, token.start - 2), token.start)) && !gluedCurrency.test(text.slice(Math.max(0, token.start - 5), token.start))) return undefined;
  const value = Number(token.text.replaceAll(',', ''));
  const match: Match = { value, start: token.start, end: token.end, ordinal: false, next: i + 1 };
  if (text[token.end] === '%') return { ...match, end: token.end + 1 };
  const after = tokens[i + 1];
  if (!after || after.digits) return match;
  const gap = text.slice(token.end, after.start);
  const word = after.text.toLowerCase();
  const extended = { ...match, end: after.end, next: i + 2 };
  if (gap === '' && /^(st|nd|rd|th)$/.test(word) && /^[\d,]+$/.test(token.text)) return { ...extended, ordinal: true };
  const scale = gap === '' ? gluedScales[word] : /^[^\S\r\n]+$/.test(gap) ? digitScales[word] : undefined;
  return scale ? { ...extended, value: value * scale } : match;
}

interface Phrase {
  last: Kind | 'start';
  total: number; // what the scale words so far make: 2000000 in "two million three hundred"
  group: number; // the part below the last scale word: 300 in "two million three hundred"
  hasHundred: boolean;
  lastScale: number;
}

/** Whether the word may come next in the number phrase: "twenty" then "one", "hundred" then "and", never "one" "two". */
function accepts(phrase: Phrase, word: NumberWord): boolean {
  const { last, group } = phrase;
  const afterGroupStart = last === 'hundred' || last === 'scale' || last === 'and';
  switch (word.kind) {
    case 'a':
      return last === 'start';
    case 'and':
      return last === 'hundred' || last === 'scale';
    case 'unit':
      return last === 'start' || (afterGroupStart && word.value > 0) || (last === 'tens' && word.value >= 1 && word.value <= 9);
    case 'tens':
      return last === 'start' || afterGroupStart;
    case 'hundred':
      return (last === 'unit' && !phrase.hasHundred && group > 0 && group < 100) || last === 'a' || (last === 'start' && word.ordinal);
    case 'scale':
      return ((last === 'unit' || last === 'tens' || last === 'hundred') && group > 0 && word.value < phrase.lastScale) || last === 'a' || (last === 'start' && word.ordinal);
    case 'dozen':
      return last === 'start' || last === 'a' || ((last === 'unit' || last === 'tens') && group > 0);
  }
}

function apply(phrase: Phrase, word: NumberWord): void {
  if (word.kind === 'unit' || word.kind === 'tens') phrase.group += word.value;
  if (word.kind === 'a') phrase.group = 1;
  if (word.kind === 'hundred' || word.kind === 'dozen') phrase.group = (phrase.group || 1) * word.value;
  if (word.kind === 'hundred') phrase.hasHundred = true;
  if (word.kind === 'scale') {
    phrase.total += (phrase.group || 1) * word.value;
    phrase.group = 0;
    phrase.hasHundred = false;
    phrase.lastScale = word.value;
  }
  phrase.last = word.kind;
}

/** The number in words that starts at tokens[i], if one does: "sixty-five", "one hundred and twenty", "a dozen". */
function wordsAt(text: string, tokens: Token[], i: number): Match | undefined {
  const phrase: Phrase = { last: 'start', total: 0, group: 0, hasHundred: false, lastScale: Infinity };
  let best: Match | undefined;
  for (let j = i; j < tokens.length; j++) {
    const token = tokens[j]!;
    if (token.digits || (j > i && !/^(?:[^\S\r\n]+|-)$/.test(text.slice(tokens[j - 1]!.end, token.start)))) break;
    const word = numberWords.get(token.text.toLowerCase());
    if (!word || !accepts(phrase, word)) break;
    apply(phrase, word);
    // "a" and "and" count only once a number word follows them.
    if (word.kind !== 'a' && word.kind !== 'and') best = { value: phrase.total + phrase.group, start: tokens[i]!.start, end: token.end, ordinal: word.ordinal, next: j + 1 };
    if (word.ordinal || word.kind === 'dozen') break;
  }
  return best;
}

/** Every number the text states, in order. */
export function numbersIn(text: string): StatedNumber[] {
  const tokens = tokenize(text);
  const found: StatedNumber[] = [];
  for (let i = 0; i < tokens.length; ) {
    const match = tokens[i]!.digits ? digitsAt(text, tokens, i) : wordsAt(text, tokens, i);
    if (!match) {
      i++;
      continue;
    }
    found.push({ value: match.value, start: match.start, end: match.end, text: text.slice(match.start, match.end), ordinal: match.ordinal });
    i = match.next;
  }
  return found;
}

/** Whether the quote states the value as a count or amount (ordinals do not count); 1.2 million equals 1200000. */
export function statesNumber(quote: string, value: number): boolean {
  return numbersIn(quote).some((n) => !n.ordinal && Math.abs(n.value - value) <= 1e-9 * Math.max(Math.abs(n.value), Math.abs(value)));
}
