import type { Span } from './text.js';

// People with their titles, in the three ways English news names them: a title before the name
// ("Vice-Mayor Wang Hong"), an appositive after it ("Zhang Min, director of the Liaocheng Bureau of Commerce"),
// and a title phrase before it ("the mayor of Debrecen, Gábor Nagy").

export interface PersonMention extends Span {
  name: string;
  nameSpan: Span;
  /** The title as the text gives it ("Vice-Mayor", "director of the Liaocheng Bureau of Commerce"), or null. */
  title: string | null;
  titleSpan: Span | null;
  /** What the title is of ("the Liaocheng Bureau of Commerce", "Debrecen"), when it says. */
  of: (Span & { text: string }) | null;
}

const titleWords = ['Vice-Mayor', 'Vice Mayor', 'Deputy Mayor', 'Mayor', 'Vice-Governor', 'Vice Governor', 'Deputy Governor', 'Governor', 'Vice-Minister', 'Vice Minister', 'Deputy Minister', 'Minister', 'Ambassador', 'Consul-General', 'Consul General', 'Consul', 'Vice-President', 'Vice President', 'President', 'Vice-Chairman', 'Vice Chairman', 'Chairman', 'Chairwoman', 'Party Secretary', 'Secretary-General', 'Secretary', 'Director-General', 'Deputy Director', 'Director', 'General Manager', 'CEO', 'Vice-Premier', 'Vice Premier', 'Premier', 'Prime Minister', 'Professor', 'Principal', 'Dean', 'Managing Director', 'Chief Executive', 'Dr', 'Mr', 'Ms', 'Mrs'];
// Lower-case title phrases: the head words a title after or before a name is built of.
const titleHead = String.raw`(?:(?:deputy|vice|executive|general|managing|chief|first|party|senior|honorary|acting)[ -])*(?:mayor|governor|minister|ambassador|consul(?:[ -]general)?|president|chairman|chairwoman|chair|secretary(?:-general)?|director(?:-general)?|manager|head|founder|chief executive|ceo|leader|commissioner|premier|dean|principal|representative|officer|counsellor|counselor|spokesperson|spokesman|spokeswoman)`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A personal name: two to four capitalised words (with hyphens and diacritics: "Gábor Nagy", "Jean-Luc Martin").
const personName = String.raw`\p{Lu}[\p{L}\p{M}'’]*(?:-\p{Lu}?[\p{L}\p{M}]+)?(?: \p{Lu}[\p{L}\p{M}'’]*(?:-\p{Lu}?[\p{L}\p{M}]+)?){1,3}`;
// What a title is of: "of the Liaocheng Bureau of Commerce", "of Debrecen".
const ofPhrase = String.raw`of ((?:the )?\p{Lu}[\p{L}\p{M}'’-]*(?: (?:of |and |for )?\(?\p{Lu}[\p{L}\p{M}'’)-]*)*)`;

const before = new RegExp(String.raw`(?<![\p{L}])(${titleWords.map(escape).join('|')})\.? (${personName})(?: ${ofPhrase})?`, 'gu');
// "Hamisi Mwinyi, Tanzania's deputy minister": a possessive place may come before the title.
// "where general manager Xu Feng showed ...": a lower-case title right before the name.
const beforeLower = new RegExp(String.raw`(?<![\p{L}])(${titleHead}) (${personName})`, 'gu');
const after = new RegExp(String.raw`(?<![\p{L}])(${personName}), ((?:the |a |\p{Lu}[\p{L}\p{M}-]*(?: \p{Lu}[\p{L}\p{M}-]*)?['’]s )?${titleHead}(?: ${ofPhrase})?)`, 'gu');
const leading = new RegExp(String.raw`(?<![\p{L}])(?:[Tt]he )?(${titleHead} ${ofPhrase}), (${personName})`, 'gu');

// Words that end a name match when a name runs into them ("Wang Hong Of" is not a name; "Co" ends companies).
const notNameWords = new Set(['Of', 'The', 'And', 'Co', 'Ltd', 'GmbH', 'Group', 'City', 'Province', 'Delegation', 'Government']);

function cleanName(name: string): string | null {
  const words = name.split(' ');
  // "In Changzhou, general manager ..." is no name: a preposition or article does not begin one ("He" may: He Jianming).
  if (/^(?:In|On|At|From|To|Of|For|By|With|The|A|An|After|Before|During|Since|While|When|As|Then|Later)$/.test(words[0]!)) return null;
  while (words.length > 0 && notNameWords.has(words.at(-1)!)) words.pop();
  return words.length >= 2 ? words.join(' ') : null;
}

/** Every person the body names with a title; `notNames` are spans (places, organizations) a name must not overlap. */
export function personMentions(body: string, notNames: readonly (Span & { text: string })[]): PersonMention[] {
  const found: PersonMention[] = [];
  const add = (mention: PersonMention) => {
    const clash = notNames.some((n) => n.start < mention.nameSpan.end && mention.nameSpan.start < n.end);
    if (clash || found.some((f) => f.nameSpan.start < mention.nameSpan.end && mention.nameSpan.start < f.nameSpan.end)) return;
    found.push(mention);
  };
  const ofSpan = (m: RegExpExecArray, group: number) => {
    const text = m[group];
    if (text === undefined) return null;
    const start = m.index + m[0].lastIndexOf(text);
    return { text: text.replace(/[.,]$/, ''), start, end: start + text.replace(/[.,]$/, '').length };
  };
  for (const m of body.matchAll(before)) {
    const name = cleanName(m[2]!);
    if (!name) continue;
    const nameStart = m.index + m[0].indexOf(m[2]!, m[1]!.length);
    const of = ofSpan(m, 3);
    const end = of ? of.end : nameStart + name.length;
    const title = ['Mr', 'Ms', 'Mrs', 'Dr'].includes(m[1]!) ? null : m[1]!;
    add({ start: m.index, end, name, nameSpan: { start: nameStart, end: nameStart + name.length }, title, titleSpan: title ? { start: m.index, end: m.index + title.length } : null, of });
  }
  for (const m of body.matchAll(beforeLower)) {
    const name = cleanName(m[2]!);
    if (!name || name !== m[2]) continue;
    const nameStart = m.index + m[1]!.length + 1;
    add({ start: m.index, end: nameStart + name.length, name, nameSpan: { start: nameStart, end: nameStart + name.length }, title: m[1]!, titleSpan: { start: m.index, end: m.index + m[1]!.length }, of: null });
  }
  for (const m of body.matchAll(after)) {
    const name = cleanName(m[1]!);
    if (!name || name !== m[1]) continue;
    const titleText = m[2]!.replace(/^(?:the|a)\s+/i, '').replace(/[.,]$/, '');
    const titleStart = m.index + m[0].indexOf(titleText, m[1]!.length);
    add({ start: m.index, end: titleStart + titleText.length, name, nameSpan: { start: m.index, end: m.index + name.length }, title: titleText, titleSpan: { start: titleStart, end: titleStart + titleText.length }, of: ofSpan(m, 3) });
  }
  for (const m of body.matchAll(leading)) {
    const name = cleanName(m[3]!);
    if (!name) continue;
    const nameStart = m.index + m[0].lastIndexOf(m[3]!);
    const titleStart = m.index + m[0].indexOf(m[1]!);
    const of = m[2] === undefined ? null : { text: m[2].replace(/^the\s+/, ''), start: titleStart + m[1]!.lastIndexOf(m[2]) + (m[2].startsWith('the ') ? 4 : 0), end: titleStart + m[1]!.length };
    add({ start: m.index, end: nameStart + name.length, name, nameSpan: { start: nameStart, end: nameStart + name.length }, title: m[1]!, titleSpan: { start: titleStart, end: titleStart + m[1]!.length }, of });
  }
  return found.sort((a, b) => a.start - b.start);
}
