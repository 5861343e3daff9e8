import type { FigureQualifier } from '../../generated/prisma/enums.js';
import { numbersIn, type StatedNumber } from '../../shared/numbers.js';
import type { AgreementRef } from './agreements.js';
import type { DelegationRef } from './delegations.js';
import type { EntityIndex } from './entities.js';
import type { EventRef } from './events.js';
import type { Reading } from './reading.js';
import { overlaps, within, type Sentence, type Span } from './text.js';
import { cite, uniqueKey, type DraftFigure, type DraftNote, type DraftRecords } from './workspace.js';

// Figures: a number the text states with what it counts ("60 representatives", "more than 1,500 exhibitors",
// "USD 3 million", "twenty to thirty student exchanges"), owned by the agreement, event or delegation its
// sentence is about. Dates, ordinals, years and numbers inside names are not figures.

const currencyBefore = /(USD|US\$|U\.S\.\s?\$|RMB|CNY|EUR|HK\$|[$€£¥])\s?$/u;
const currencyAfter = /^\s+((?:US|U\.S\.)\s+dollars|dollars|yuan|euros?|rubles|roubles|tenge|forints?|pounds|yen|som)\b/iu;
const percentAfter = /^\s?(%|percent\b|per\s+cent\b)/u;
const stopWords = new Set(['of', 'from', 'in', 'at', 'to', 'with', 'and', 'or', 'that', 'who', 'which', 'were', 'was', 'is', 'are', 'have', 'has', 'had', 'will', 'would', 'on', 'by', 'per', 'each', 'a', 'an', 'the', 'this', 'these', 'those', 'their', 'its', 'for', 'as', 'than', 'into', 'over', 'across', 'signed', 'visited', 'took', 'attended', 'agreed', 'said', 'joined', 'came', 'like', 'including']);
const qualifiers: [RegExp, FigureQualifier][] = [
  [/\b(?:more\s+than|over|above|at\s+least|upwards\s+of|in\s+excess\s+of)\s+$/iu, 'MORE_THAN'],
  [/\b(?:about|around|nearly|almost|approximately|roughly|some|close\s+to|an\s+estimated)\s+$/iu, 'APPROXIMATE'],
  [/\b(?:less\s+than|under|fewer\s+than|up\s+to|below)\s+$/iu, 'LESS_THAN'],
];

interface Found {
  value: number;
  upTo: number | null;
  qualifier: FigureQualifier;
  unit: string;
  span: Span;
  currency: boolean;
}

function unitAfter(body: string, end: number, limit: number): { unit: string; end: number; currency: boolean } | null {
  const rest = body.slice(end, limit);
  const currency = currencyAfter.exec(rest);
  if (currency) return { unit: currency[1]!, end: end + currency[0].length, currency: true };
  // "A 22-member delegation", "a 50-hectare garden": the unit joined to the number (not a span of time).
  const joined = /^-(\p{L}+)\b/u.exec(rest);
  if (joined) return /^(?:day|week|month|year|hour|minute|night|point|storey|story|star)$/i.test(joined[1]!) ? null : { unit: joined[1]!.replace(/(?<!s)$/, 's'), end: end + joined[0].length, currency: false };
  const percent = percentAfter.exec(rest);
  if (percent) return { unit: percent[1]!.replace(/\s+/g, ' '), end: end + percent[0].length, currency: false };
  const words = [...rest.matchAll(/\s+([\p{L}][\p{L}'’-]*)|[^\s\p{L}]/gu)];
  let head: { unit: string; end: number } | null = null;
  for (const w of words.slice(0, 4)) {
    if (!w[1] || stopWords.has(w[1].toLowerCase()) || /^(?:million|billion|thousand)$/i.test(w[1])) break;
    head = { unit: w[1], end: end + w.index + w[0].length };
  }
  return head ? { ...head, currency: false } : null;
}

function figuresIn(reading: Reading, sentence: Sentence, taken: readonly Span[]): Found[] {
  const { body } = reading;
  const numbers = numbersIn(sentence.text).map((n): StatedNumber => ({ ...n, start: sentence.start + n.start, end: sentence.start + n.end }));
  const found: Found[] = [];
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i]!;
    if (n.ordinal || taken.some((span) => overlaps(span, n)) || reading.dates.some((d) => overlaps(d, n))) continue;
    if (/^(?:19|20)\d\d$/.test(n.text)) continue;
    // "the three Central Asian countries": a count said before, referred to again ("the 16-member delegation" is not).
    if (/\bthe\s+$/i.test(body.slice(Math.max(sentence.start, n.start - 4), n.start)) && !/^-\p{L}/u.test(body.slice(n.end, n.end + 2))) continue;
    let upTo: number | null = null;
    let last = n;
    const next = numbers[i + 1];
    if (next && /^\s*(?:to|-|–)\s*$/u.test(body.slice(n.end, next.start)) && next.value > n.value && !reading.dates.some((d) => overlaps(d, next))) {
      upTo = next.value;
      last = next;
      i++;
    }
    const before = body.slice(Math.max(sentence.start, n.start - 24), n.start);
    const currency = currencyBefore.exec(before);
    const unit = currency ? { unit: currency[1]!, end: last.end, currency: true } : unitAfter(body, last.end, sentence.end);
    if (!unit) continue;
    const qualifierBefore = currency ? before.slice(0, currency.index) : before;
    const qualifier = upTo !== null ? 'RANGE' : (qualifiers.find(([pattern]) => pattern.test(qualifierBefore))?.[1] ?? 'EXACT');
    const qualifierWords = qualifier === 'EXACT' || qualifier === 'RANGE' ? 0 : /(?:\S+\s+){1,2}$/u.exec(qualifierBefore.trimEnd() + ' ')![0].length;
    const start = n.start - (currency ? before.length - currency.index : 0) - qualifierWords;
    if (n.value === 1 && upTo === null && !unit.currency) continue;
    found.push({ value: n.value, upTo, qualifier, unit: unit.unit, span: { start: Math.max(sentence.start, start), end: Math.max(unit.end, last.end) }, currency: unit.currency });
  }
  return found;
}

export function figureRecords(reading: Reading, index: EntityIndex, records: DraftRecords, delegations: DelegationRef[], events: EventRef[], agreements: AgreementRef[], notes: DraftNote[]) {
  const taken = [...index.organizationAt.map((o) => o.span), ...index.personAt.map((p) => p.nameSpan)];
  const main = mainDelegation(records, delegations);
  let previous: Sentence | null = null;
  for (const sentence of reading.sentences) {
    if (reading.header.has(sentence)) continue;
    const same = previous?.paragraph === sentence.paragraph ? previous : null;
    previous = sentence;
    for (const f of figuresIn(reading, sentence, taken)) {
      const agreement = f.currency ? agreements.find((a) => within(a.span, sentence) || overlaps(a.span, sentence)) : undefined;
      const event = events.find((e) => within(e.span, sentence)) ?? (same ? events.find((e) => within(e.span, same) && records.events.some((x) => x.key === e.key && x.evidence.some((q) => within(q, same)))) : undefined);
      const delegation = delegations.find((d) => !d.weak && within(d.span, sentence)) ?? delegations.find((d) => within(d.span, sentence));
      const owner: Pick<DraftFigure, 'delegationKey' | 'eventKey' | 'agreementKey'> = agreement
        ? { agreementKey: agreement.key }
        : event && !delegationCount(reading, f, sentence)
          ? { eventKey: event.key }
          : { delegationKey: (delegation?.key ?? main)! };
      if (!owner.agreementKey && !owner.eventKey && !owner.delegationKey) {
        notes.push({ section: 'figures', key: null, ...f.span, message: `the draft found no delegation, event or agreement for "${reading.body.slice(f.span.start, f.span.end)}" to belong to, and left it out` });
        continue;
      }
      const figure: DraftFigure = { key: uniqueKey(f.unit, records.figures), value: f.value, upTo: f.upTo, qualifier: f.qualifier, unit: f.unit, description: null, delegationKey: null, eventKey: null, agreementKey: null, ...owner, evidence: [] };
      records.figures.push(figure);
      cite(figure, f.span, ['value', 'unit']);
      if (!agreement && !event && !delegation) notes.push({ section: 'figures', key: figure.key, ...f.span, message: `its sentence names no delegation, event or agreement; the draft gave it to ${records.delegations.find((d) => d.key === main)?.name}` });
    }
  }
}

/** "Two companies from Liaocheng signed ...": a count of who signed belongs to the delegation, not the event. */
const delegationCount = (reading: Reading, f: Found, sentence: Sentence) => /\bsigned\b/i.test(reading.body.slice(f.span.end, sentence.end)) && f.span.start - sentence.start < 40;

/** The delegation the article is most about: the one it refers to most. */
function mainDelegation(records: DraftRecords, refs: DelegationRef[]): string | null {
  const counts = new Map<string, number>();
  for (const r of refs) counts.set(r.key, (counts.get(r.key) ?? 0) + (r.weak ? 0.5 : 1));
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? records.delegations[0]?.key ?? null;
}
