// How names are compared: an article writes "Dusseldorf", "DÜSSELDORF" or "Düsseldorf" for one place, and
// "Co." or "Co" for one company. Folding is pure and stable: the gazetteer's index is built with it, so a
// change here needs a rebuild of that index (bump GAZETTEER_FORMAT in src/reference/gazetteer.ts).

// Letters no decomposition reaches, spelled as an English text would write them without the diacritic.
const plainLetters: Record<string, string> = { ß: 'ss', ł: 'l', ø: 'o', đ: 'd', ð: 'd', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ħ: 'h' };

/**
 * A name's comparable form: compatibility-decomposed, Latin/Greek/Cyrillic diacritics dropped, lower case,
 * curly apostrophes straightened, whitespace collapsed. Recomposed (NFC) so Hangul and kana stay whole.
 */
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßłøđðæœıþħ]/g, (letter) => plainLetters[letter] ?? letter)
    .replace(/[\u2018\u2019\u201b\u02bc\u2032]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}

/** The folded words of a name: periods and apostrophes join ("S.A." → "sa"), any other non-letter splits. */
export function foldedWords(s: string): string[] {
  return foldName(s)
    .replace(/['.]/g, '')
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((word) => word !== '');
}

const wordChar = /[\p{L}\p{N}\p{M}]/u;
// Scripts written without spaces between words: a name in them is found inside a longer word ("聊城市").
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** Letters on both sides of the boundary join the name to another word ("Ulm" in "Ulmer"); a hyphen or "'s" does not. */
function joins(outside: string | undefined, inside: string | undefined): boolean {
  if (outside === undefined || inside === undefined) return false;
  return wordChar.test(outside) && wordChar.test(inside) && !unspaced.test(outside) && !unspaced.test(inside);
}

function mentions(folded: string, name: string): boolean {
  const chars = [...name];
  for (let at = folded.indexOf(name); at >= 0; at = folded.indexOf(name, at + 1)) {
    const before = [...folded.slice(0, at)].at(-1);
    const after = [...folded.slice(at + name.length)][0];
    if (!joins(before, chars[0]) && !joins(after, chars.at(-1))) return true;
  }
  return false;
}

/** The first of `names` the quote mentions as a whole word, ignoring case and diacritics; null for none. */
export function namesIn(quote: string, names: string[]): string | null {
  const folded = foldName(quote);
  return names.find((name) => foldName(name) !== '' && mentions(folded, foldName(name))) ?? null;
}

// Legal forms that say nothing about which organization it is. Forms written first in Central Asian and
// Russian English-language reporting ("JSC Kazakhstan Temir Zholy") are dropped from the front as well.
const legalSuffixes = new Set(['co', 'company', 'ltd', 'limited', 'gmbh', 'ag', 'llc', 'inc', 'incorporated', 'corp', 'corporation', 'group', 'plc', 'sa', 'jsc', 'llp']);
const legalPrefixes = new Set(['jsc', 'pjsc', 'ojsc', 'cjsc', 'llp', 'llc']);

/**
 * The match key of an organization's name: folded words without punctuation or legal forms, so
 * "Sinoglory Health Food Co., Ltd." and "Sinoglory Health Food Co" share one. A name of legal forms only
 * keeps them all; a blank name has no key.
 */
export function organizationKey(name: string): string {
  const words = foldedWords(name);
  let [first, last] = [0, words.length];
  while (last > first && legalSuffixes.has(words[last - 1]!)) last--;
  while (first < last && legalPrefixes.has(words[first]!)) first++;
  const key = (first < last ? words.slice(first, last) : words).join(' ') || foldName(name);
  if (key === '') throw new RangeError('an organization name must not be blank');
  return key;
}

/** The words of an organization's key, for spotting likely duplicates that the key alone does not merge. */
export function keyWords(key: string): Set<string> {
  return new Set(key.split(' '));
}

/**
 * How an article refers to an organization again after naming its place: "Shandong provincial government"
 * is "the provincial government" once the article is about Shandong. Given the places of the article
 * (city, region and country names), the name with a leading place and "the" in its stead, when at least
 * two words remain.
 */
export function shortReferences(name: string, places: Iterable<string>): string[] {
  const found: string[] = [];
  for (const place of places) {
    if (place === '' || !name.startsWith(`${place} `)) continue;
    const rest = name.slice(place.length + 1);
    if (rest.split(/\s+/).length >= 2) found.push(`the ${rest}`);
  }
  return found;
}

// Forms of address that say nothing about who it is: "Mr Li Wei" is Li Wei.
const honorifics = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'madam', 'mme', 'herr', 'frau']);

/** The key people are matched by within a country: the name folded, without forms of address. */
export function personKey(name: string): string {
  const key = personKeyOrBlank(name);
  if (key === '') throw new RangeError('a person name must not be blank');
  return key;
}

/** `personKey`, or '' for a name without a letter or a digit (which the checks refuse). */
export function personKeyOrBlank(name: string): string {
  const words = foldedWords(name);
  let first = 0;
  while (first < words.length - 1 && honorifics.has(words[first]!)) first++;
  return words.slice(first).join(' ');
}
