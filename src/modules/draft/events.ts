import type { EventKind } from '../../generated/prisma/enums.js';
import { foldName } from '../../shared/names.js';
import type { DelegationRef } from './delegations.js';
import type { EntityIndex } from './entities.js';
import type { Reading } from './reading.js';
import { dateQuote, type Scene } from './scene.js';
import { functionWords, overlaps, within, type Sentence, type Span } from './text.js';
import { cite, uniqueKey, type DraftEvent, type DraftNote, type DraftRecords } from './workspace.js';

// Events: a verb of taking part (attended, held, hosted, displayed at, met with, ...) and an event noun
// (conference, exhibition, fair, forum, meeting, ceremony, promotion, talks, ...). A definite name the article
// writes with a capital or in quotes ("the Anuga food fair") is quoted; any other is made from the noun and
// the city. "The fair" alone refers back to the last fair, and makes no new event.

export interface EventRef {
  span: Span;
  key: string;
}

// The event nouns and the kind each names (null: the kind comes from the words around it).
const nounKinds: Record<string, EventKind | null> = {
  conference: 'CONFERENCE', forum: 'CONFERENCE', symposium: 'CONFERENCE', summit: 'CONFERENCE', seminar: 'CONFERENCE', dialogue: 'CONFERENCE', congress: 'CONFERENCE',
  exhibition: 'EXHIBITION', expo: 'EXHIBITION', exposition: 'EXHIBITION', fair: 'EXHIBITION', 'trade show': 'EXHIBITION',
  promotion: 'BUSINESS_PROMOTION', roadshow: 'BUSINESS_PROMOTION', matchmaking: 'BUSINESS_PROMOTION',
  meeting: 'MEETING', reception: 'MEETING', banquet: 'MEETING', roundtable: 'MEETING',
  talks: 'TALKS',
  festival: 'CULTURAL_EXCHANGE', gala: 'CULTURAL_EXCHANGE', performance: 'CULTURAL_EXCHANGE', concert: 'CULTURAL_EXCHANGE',
  ceremony: null,
  session: null,
  event: null,
};
const nounAlternatives = Object.keys(nounKinds).map((n) => (n === 'event' ? 'events?' : n.replace(' ', '\\s+'))).join('|');
const nounPattern = new RegExp(`\\b(?:${nounAlternatives})\\b`, 'giu');
// "investment promotion meeting": a noun followed by another is not the one that names the event.
const nounNext = new RegExp(`^\\s+(?:${nounAlternatives})\\b`, 'iu');
/** The kind an event noun names ("fairs" as "fair"), or null. */
const kindOfNoun = (noun: string): EventKind | null => nounKinds[noun.toLowerCase().replace(/\s+/g, ' ')] ?? nounKinds[noun.toLowerCase().replace(/s$/, '')] ?? null;

// Lower-case words an event's name is built of: "company cooperation and exchange meeting", "food fair".
const nameWords = new Set(['training', 'cooperation', 'exchange', 'exchanges', 'and', 'business', 'promotional', 'promotion', 'trade', 'investment', 'economic', 'cultural', 'culture', 'food', 'company', 'companies', 'enterprise', 'industry', 'industrial', 'products', 'product', 'import', 'export', 'international', 'annual', 'signing', 'friendship', 'youth', 'tourism', 'networking', 'art', 'arts', 'agricultural', 'investment', 'launch', 'opening', 'b2b', 'matchmaking', 'project', 'projects', 'economic', 'commerce', 'commercial', 'bilateral', 'joint', 'welcome', 'working', 'roundtable', 'round-table', 'press', 'summit', 'high-level', 'business-to-business', 'city', 'sister-city', 'china', 'of', 'the']);
const trigger = /\b(?:attend(?:ed|ing|s)?|held|hold(?:s|ing)?|host(?:ed|ing|s)?|co-hosted|visit(?:ed|ing)?|tour(?:ed|ing)|inspected|participated\s+in|took\s+part\s+in|taking\s+part\s+in|join(?:ed|ing)?|organi[sz]ed|open(?:ed|ing)|launch(?:ed|ing)|display(?:ed|ing)?|exhibit(?:ed|ing)|showcased|presented|staged|inaugurated|had|gave|give|gives|during|at)\b/iu;
const passive = /^(?:,\s+(?=held|hosted|organi[sz]ed|staged)|(?:[^,.;]{0,60}?\s)?(?:was|were|is|are|will\s+be)\s+)(?:held|hosted|opened|organi[sz]ed|staged|launched|attended|co-hosted)\b/iu;
const exhibiting = /\b(?:display(?:ed|s)?|exhibit(?:ed|s|ors?)?|showcased|on\s+show|on\s+display)\b/iu;

interface Phrase extends Span {
  noun: string;
  /** The name's words (no determiner), as written. */
  words: string;
  definite: boolean;
  /** Begins with a capital or a quoted name: a name the article gives the event. */
  proper: boolean;
}

function phraseAt(body: string, sentence: Sentence, nounStart: number, noun: string): Phrase {
  let start = nounStart;
  const text = body.slice(sentence.start, nounStart);
  // A quoted name right before: "Friendly Shandong, Good Shandong Products" exhibition.
  const quoted = /["“][^"”]+["”]\s+$/u.exec(text);
  if (quoted) start = sentence.start + quoted.index;
  else {
    const words = [...text.matchAll(/[\p{L}\p{N}()'’–-]+/gu)].map((m) => ({ text: m[0], start: sentence.start + m.index }));
    for (let i = words.length - 1; i >= 0; i--) {
      const w = words[i]!;
      if (!/^\s+$/.test(body.slice(w.start + w.text.length, start)) && start !== w.start + w.text.length) break;
      if (!(/^[\p{Lu}(]/u.test(w.text) || nameWords.has(w.text.toLowerCase())) || /^(?:the|of|a|an)$/i.test(w.text)) break;
      start = w.start;
    }
    // A name does not start with "and" or end up as a lone capitalised sentence opener.
    while (/^(?:and|of)\s/i.test(body.slice(start, nounStart))) start = body.indexOf(' ', start) + 1;
  }
  const determiner = /\b(the|a|an)\s+$/i.exec(body.slice(Math.max(sentence.start, start - 5), start));
  const words = body.slice(start, nounStart + noun.length);
  const first = words.split(/\s+/)[0]!;
  const opener = start === sentence.start && !quoted;
  return {
    start: determiner ? start - determiner[0].length : start,
    end: nounStart + noun.length,
    noun: noun.toLowerCase(),
    words,
    definite: determiner?.[1]!.toLowerCase() === 'the',
    proper: quoted !== null || (/^[\p{Lu}]/u.test(first) && !opener && words !== noun),
  };
}

function kindOf(phrase: Phrase, after: string, sentence: string): EventKind {
  const all = `${phrase.words} ${after}`.toLowerCase();
  const byNoun = kindOfNoun(phrase.noun);
  // "signed a memorandum ... at a ceremony in Zibo": a signing ceremony.
  // "a ceremony ... celebrating 30 years of friendship": a cooperation event.
  if (phrase.noun === 'ceremony') return /\bsign/i.test(sentence) ? 'SIGNING_CEREMONY' : /\b(?:anniversar|friendship|cooperat|sister)/i.test(after) ? 'COOPERATION_EVENT' : 'OTHER';
  if (byNoun === 'MEETING' && /promot/.test(phrase.words.toLowerCase())) return 'BUSINESS_PROMOTION';
  if (byNoun) return byNoun;
  if (/promot|matchmak/.test(all)) return 'BUSINESS_PROMOTION';
  if (/cultur/.test(all)) return 'CULTURAL_EXCHANGE';
  if (/cooperat/.test(all)) return 'COOPERATION_EVENT';
  return 'OTHER';
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function eventRecords(reading: Reading, index: EntityIndex, records: DraftRecords, scenes: Map<Sentence, Scene>, delegations: DelegationRef[], notes: DraftNote[]): EventRef[] {
  const { body } = reading;
  const refs: EventRef[] = [];
  const add = (phrase: { start: number; end: number }, sentence: Sentence, make: () => Omit<DraftEvent, 'key' | 'evidence' | 'participants' | 'organizerKeys' | 'peopleKeys' | 'counterparts'>, facts: string[]) => {
    const scene = scenes.get(sentence)!;
    const fields = make();
    const city = scene.city ? index.cityKeyAt.get(scene.city) ?? null : null;
    const same = records.events.find((e) => (fields.nameIsQuoted && e.nameIsQuoted && foldName(e.name) === foldName(fields.name)) || (e.kind === fields.kind && e.cityKey === city && e.evidence.some((q) => overlaps(q, sentence))));
    const event: DraftEvent = same ?? { key: uniqueKey(fields.name, records.events), ...fields, cityKey: city, countryCode: scene.countryCode, participants: [], organizerKeys: [], peopleKeys: [], counterparts: [], evidence: [] };
    if (!same) records.events.push(event);
    const date = nearestDate(scene, phrase);
    // "opened ... on Oct 15 and will run until Nov 10": the day it ends.
    const until = date && !date.to ? scene.dates.find((d) => d.start > date.end && !d.to && /\b(?:until|till|through|to)\s+$/i.test(body.slice(Math.max(sentence.start, d.start - 10), d.start))) : undefined;
    if (date && !event.startDate) {
      event.startDate = date.from;
      event.endDate = date.to ?? until?.from ?? null;
      if (date.inferred) notes.push({ section: 'events', key: event.key, ...date, message: `"${date.text}" gives no year; the draft took it from the article's date (${reading.referenceDate})` });
    }
    const carried = scene.city !== null && !within(scene.city, sentence);
    const dateFacts = date ? ['startDate', ...(date.to || until ? ['endDate'] : [])] : [];
    const dated = date && !within(date, sentence);
    cite(event, sentence, [...facts, 'kind', ...(fields.nameIsQuoted ? ['name'] : []), ...(dated ? [] : dateFacts), ...(!carried && event.cityKey ? ['city'] : []), ...(!carried && event.countryCode ? ['country'] : [])]);
    if (date && dated) cite(event, dateQuote(scene, date), dateFacts);
    if (carried) cite(event, scene.placeQuote, ['city', 'country']);
    participation(reading, event, sentence, phrase, delegations);
    counterparts(reading, index, event, sentence, phrase);
    refs.push({ span: phrase, key: event.key });
    return event;
  };

  for (const sentence of reading.sentences) {
    if (reading.header.has(sentence) || !scenes.has(sentence)) continue;
    for (const m of sentence.text.matchAll(nounPattern)) {
      const nounStart = sentence.start + m.index;
      if (nounNext.test(sentence.text.slice(m.index + m[0].length))) continue;
      if (index.organizationAt.some((o) => overlaps(o.span, { start: nounStart, end: nounStart + m[0].length }))) continue;
      const phrase = phraseAt(body, sentence, nounStart, m[0]);
      const before = body.slice(sentence.start, phrase.start);
      const after = body.slice(phrase.end, sentence.end);
      // "the fair" alone: the last event of that noun (or any event, for "the event").
      if (phrase.definite && !phrase.proper && phrase.words.split(/\s+/).length <= 1) {
        const byKind = kindOfNoun(phrase.noun);
        const before = [...records.events].reverse();
        // "the fair" after "Automechanika Frankfurt, one of the world's largest auto parts fairs": by its kind.
        const earlier = before.find((e) => phrase.noun.startsWith('event') || e.name.toLowerCase().includes(phrase.noun)) ?? before.find((e) => byKind && e.kind === byKind);
        if (earlier) refs.push({ span: phrase, key: earlier.key });
        continue;
      }
      if (!trigger.test(before.split(/[;]/).at(-1)!) && !passive.test(after) && !opened(phrase, sentence, after)) continue;
      // "the province would host the China-Africa Economic and Trade Expo next year": not (yet) an event.
      if (/\b(?:would|will|shall|plans?\s+to|planned\s+to|is\s+to|are\s+to)\s+(?:\p{Ll}+\s+){0,2}$/u.test(before.slice(-40)) || /\bnext\s+(?:year|month|week)\b/.test(after.split(/[.;]/)[0]!) || /\bnext\s+(?:year|month|week)['’]s\s+$/u.test(before)) continue;
      const clause = after.split(/[,;]/)[0]!;
      add(phrase, sentence, () => {
        const quotedName = phrase.proper && (phrase.definite || /^["“]/u.test(phrase.words));
        const scene = scenes.get(sentence)!;
        const cityName = scene.city?.text;
        const name = quotedName ? phrase.words : `${capitalise(phrase.words)}${cityName && !phrase.words.includes(cityName) ? ` in ${cityName}` : ''}`;
        return { name, nameIsQuoted: quotedName, kind: kindOf(phrase, clause, sentence.text), startDate: null, endDate: null, cityKey: null, countryCode: null };
      }, participantsIn(reading, sentence, delegations).length > 0 ? ['delegations'] : []);
    }
    // "Automechanika Frankfurt, one of the world's largest auto parts fairs, was held ...": a name in apposition.
    for (const m of sentence.text.matchAll(/(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}'’-]*|of|and|for))*),\s+(?:one\s+of\s+)?(?:the|a|an|its)\s+[^,;]{0,60}?\b(conferences?|forums?|summits?|exhibitions?|expos?|fairs?|trade\s+shows?|festivals?)\b[^,;]{0,40},\s+(?:was|were|is|will\s+be)\s+(?:held|staged|opened|hosted)\b/gu)) {
      const name = m[1]!.replace(/^(?:The|A|An)\s+/, '');
      const at = sentence.start + m.index + m[0].indexOf(name);
      if (functionWords.has(name) || index.organizationAt.some((o) => overlaps(o.span, { start: at, end: at + name.length }))) continue;
      const noun = m[2]!.toLowerCase().replace(/s$/, '');
      const phrase = { start: at, end: at + name.length };
      const nounKind = kindOfNoun(noun) ?? 'OTHER';
      add(phrase, sentence, () => ({ name, nameIsQuoted: true, kind: nounKind, startDate: null, endDate: null, cityKey: null, countryCode: null }), participantsIn(reading, sentence, delegations).length > 0 ? ['delegations'] : []);
    }
    // "the delegation toured Shandong Huaguang Ceramics Co", "toured the locomotive depot of Coastline Rail
    // Services Ltd": a visit to a company or a site, put where the company is when the sentence does not say.
    for (const m of sentence.text.matchAll(/\b(toured|visited|inspected|tours|visits)\s+(?:the\s+)?/giu)) {
      const at = sentence.start + m.index + m[0].length;
      const site = siteAt(reading, index, at, sentence);
      if (!site) continue;
      const named = site.organizationKey ? records.organizations.find((o) => o.key === site.organizationKey)! : null;
      const span = { start: sentence.start + m.index, end: site.end };
      const verb = /^visit/i.test(m[1]!) ? 'Visit to' : 'Tour of';
      const event = add(span, sentence, () => ({ name: `${verb} ${site.text}`, nameIsQuoted: false, kind: 'OTHER', startDate: null, endDate: null, cityKey: null, countryCode: null }), participantsIn(reading, sentence, delegations).length > 0 ? ['delegations'] : []);
      // Where the company is, or the city its name or the site's names ("China-Malaysia Qinzhou Industrial Park").
      const cityKey = named?.cityKey ?? records.cities.find((c) => new RegExp(`(?<![\\p{L}])${c.name}(?![\\p{L}])`, 'u').test(site.text))?.key;
      if (!event.cityKey && cityKey) {
        const city = records.cities.find((c) => c.key === cityKey)!;
        event.cityKey = cityKey;
        event.countryCode = city.countryCode;
        const source = named?.cityKey ? named.evidence.find((q) => q.facts.includes('city')) : site;
        if (source) cite(event, source, ['city', 'country']);
        notes.push({ section: 'events', key: event.key, ...span, message: `the draft put the visit in ${city.name}, where ${named?.cityKey ? named.name : 'the name'} says it is; the article may not say the visit was there` });
      }
      if (named && !event.counterparts.some((c) => c.organizationKey === named.key)) {
        event.counterparts.push({ organizationKey: named.key, personKey: null, role: 'HOST' });
        cite(event, sentence, ['counterparts']);
      }
    }
    // "That evening, the Zhenjiang Yangju Opera Troupe performed ... at Tampere Hall": a performance.
    for (const m of sentence.text.matchAll(/\b(?:performed|staged\s+a\s+(?:show|performance|concert))\b/giu)) {
      const from = sentence.start + m.index;
      const performer = index.organizationAt.filter((o) => o.span.end <= from && o.span.start >= sentence.start && from - o.span.end < 4).at(-1);
      if (!performer) continue;
      const named = records.organizations.find((o) => o.key === performer.key)!;
      add({ start: performer.span.start, end: from + m[0].length }, sentence, () => ({ name: `Performance of the ${named.name}`, nameIsQuoted: false, kind: 'CULTURAL_EXCHANGE', startDate: null, endDate: null, cityKey: null, countryCode: null }), []);
    }
    // "the delegation was received in Zibo by Ma Xiaolei, mayor of Zibo, and Vice-Mayor Li Jun": a meeting.
    for (const m of sentence.text.matchAll(/\b(?:was|were)\s+(?:warmly\s+)?received\b[^.;]{0,40}?\bby\s+/giu)) {
      const by = { start: sentence.start + m.index + m[0].length, end: sentence.end };
      const hosts = index.personAt.filter((p) => within(p.span, by));
      if (hosts.length === 0 || hosts[0]!.span.start > by.start + 40) continue;
      const first = records.people.find((p) => p.key === hosts[0]!.key)!;
      const event = add({ start: sentence.start + m.index, end: hosts[0]!.span.end }, sentence, () => ({ name: `Reception by ${first.name}`, nameIsQuoted: false, kind: 'MEETING', startDate: null, endDate: null, cityKey: null, countryCode: null }), participantsIn(reading, sentence, delegations).length > 0 ? ['delegations'] : []);
      for (const host of hosts) {
        if (event.counterparts.some((c) => c.personKey === host.key)) continue;
        event.counterparts.push({ organizationKey: null, personKey: host.key, role: 'HOST' });
        cite(event, sentence, ['counterparts']);
      }
    }
    // "During the visit, X signed ...": the visit or tour just told.
    for (const m of sentence.text.matchAll(/\b(?:during|after|at\s+the\s+end\s+of)\s+(the\s+(?:visit|tour))\b/giu)) {
      const visit = [...records.events].reverse().find((e) => e.kind === 'OTHER' && /^(?:Visit to|Tour of) /.test(e.name));
      const at = sentence.start + m.index + m[0].length - m[1]!.length;
      if (visit) refs.push({ span: { start: at, end: at + m[1]!.length }, key: visit.key });
    }
    attendance(reading, records, sentence, scenes.get(sentence)!, delegations, refs);
    // "the delegation met with the mayor of Debrecen, Gábor Nagy": a meeting with whom it names.
    for (const m of sentence.text.matchAll(/\bmet\s+(?:with\s+)?/giu)) {
      const from = sentence.start + m.index;
      const rest = { start: from, end: sentence.end };
      const person = index.personAt.find((p) => within(p.span, rest));
      const org = index.organizationAt.find((o) => within(o.span, rest));
      // "Vice-Mayor Sun Li of Zibo met the delegation": the one who met it, before the verb.
      const host = person || org || !delegations.some((d) => !d.weak && d.span.start >= from && d.span.start - from < 20) ? undefined : index.personAt.filter((p) => p.span.start >= sentence.start && p.span.end <= from).at(-1);
      const whom = person ?? org ?? host;
      if (!whom) continue;
      const named = person || host ? records.people.find((p) => p.key === (person ?? host)!.key)! : records.organizations.find((o) => o.key === org!.key)!;
      const span = host ? { start: host.span.start, end: m.index + sentence.start + m[0].length } : { start: from, end: whom.span.end };
      add(span, sentence, () => ({ name: `Meeting with ${named.name}`, nameIsQuoted: false, kind: 'MEETING', startDate: null, endDate: null, cityKey: null, countryCode: null }), participantsIn(reading, sentence, delegations).length > 0 ? ['delegations'] : []);
    }
  }
  summaries(reading, records, refs, notes);
  return refs.sort((a, b) => a.span.start - b.span.start);
}

/**
 * "... wrapped up a visit on Thursday, after talks on port cooperation": the lead's word for what the article
 * then tells ("held talks in Nanning on March 17") is that event, not another. An event of the first paragraph
 * with no name, place or date of its own goes when a later one of its kind has them.
 */
function summaries(reading: Reading, records: DraftRecords, refs: EventRef[], notes: DraftNote[]) {
  for (const event of [...records.events]) {
    if (event.nameIsQuoted || event.startDate || event.cityKey || event.participants.some((p) => p.attendedFrom)) continue;
    if (!event.evidence.every((q) => reading.sentences.find((s) => within(q, s))?.paragraph === reading.lead)) continue;
    const told = records.events.find((e) => e !== event && e.kind === event.kind && (e.startDate || e.cityKey));
    if (!told) continue;
    records.events.splice(records.events.indexOf(event), 1);
    for (const ref of refs) if (ref.key === event.key) ref.key = told.key;
    notes.push({ section: 'events', key: told.key, ...event.evidence[0]!, message: `the article's opening mentions ${event.name.toLowerCase()}; the draft took it to be ${told.name}, told later` });
  }
}

// What a visit can be to, besides a company: "the locomotive depot of ...", "the container terminal of ...".
const siteNoun = /^((?:[\p{Ll}-]+\s+){0,3}(?:depot|terminal|port|plant|factory|base|park|zone|headquarters|cent(?:er|re)|museum|farm|workshop|facility|warehouse|campus|laborator(?:y|ies)|lab|hall|site|mine|station|school|university|hospital|production\s+lines?|exhibition\s+hall|showroom|cooperative|village|orchard|garden|plantation)s?\s+(?:of|in)\s+)/u;

// A name: capitalised words ("Qinzhou Port", "Muang Sing").
const capitalRun = /\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*/u;
const siteOwner = new RegExp(`^(?:the\\s+)?${capitalRun.source}`, 'u');
const sitePlace = new RegExp(`^${capitalRun.source}`, 'u');

/** The company, or a site of one (or of a named place), a visit verb is followed by at `at`. */
function siteAt(reading: Reading, index: EntityIndex, at: number, sentence: Sentence): (Span & { text: string; organizationKey: string | null }) | null {
  const org = index.organizationAt.find((o) => o.span.start === at);
  if (org) return { start: at, end: org.span.end, text: reading.body.slice(at, org.span.end), organizationKey: org.key };
  // "a tea cooperative in Muang Sing": after "a", too.
  const article = /^an?\s+/.exec(reading.body.slice(at, at + 3));
  const site = siteNoun.exec(reading.body.slice(at + (article?.[0].length ?? 0), sentence.end));
  if (site && article) return siteAfterArticle(reading, at, article[0].length + site[0].length, sentence);
  if (!site) return null;
  const owner = at + site[0].length;
  const ofOrg = index.organizationAt.find((o) => o.span.start === owner || o.span.start === owner + 4 && /^the\s/.test(reading.body.slice(owner, owner + 4)));
  const end = ofOrg?.span.end ?? owner + (siteOwner.exec(reading.body.slice(owner, sentence.end))?.[0].length ?? 0);
  if (end === owner) return null;
  return { start: at, end, text: `the ${reading.body.slice(at, end)}`, organizationKey: ofOrg?.key ?? null };
}

/** "An exhibition on Zhenjiang's history, co-organized by ..., opened at Tampere Central Library on Oct 15": the subject that opened. */
function opened(phrase: Phrase, sentence: Sentence, after: string): boolean {
  return phrase.start === sentence.start && !phrase.definite && /^[^.;]{0,160}?\b(?:opened|took\s+place|was\s+launched|kicked\s+off|began|ran\s+from)\b/u.test(after);
}

/** "visited a tea cooperative in Muang Sing": the site with the place it names, when it names one. */
function siteAfterArticle(reading: Reading, at: number, length: number, sentence: Sentence): (Span & { text: string; organizationKey: string | null }) | null {
  const place = sitePlace.exec(reading.body.slice(at + length, sentence.end));
  if (!place) return null;
  const end = at + length + place[0].length;
  return { start: at, end, text: reading.body.slice(at, end), organizationKey: null };
}

function nearestDate(scene: Scene, phrase: Span) {
  // "Gulf Textile and Apparel Expo 2024": the year is part of the name.
  const after = scene.dates.find((d) => d.start >= phrase.end && !(d.start - phrase.end <= 1 && /^\d{4}$/.test(d.text)));
  // "was received in Nantong on April 24 by Lu Wenjing": a date inside the words that make the event.
  const inside = scene.dates.find((d) => d.start >= phrase.start && d.end <= phrase.end && !/^\d{4}$/.test(d.text));
  return inside ?? after ?? scene.dates.filter((d) => d.end <= phrase.start).at(-1) ?? null;
}

/** The delegations a sentence names, or their home cities when it names none ("Liaocheng hosted ..."). */
function participantsIn(reading: Reading, sentence: Sentence, delegations: DelegationRef[]): DelegationRef[] {
  const named = delegations.filter((r) => within(r.span, sentence));
  const strong = named.filter((r) => !r.weak);
  if (strong.length > 0) return strong;
  // A home city counts as its delegation only as a subject or possessive: "Liaocheng hosted", "Liaocheng's works".
  return named.filter((r) => /^(?:'s|’s|\s+(?:hosted|held|enterprises|companies|officials|exhibited|presented))/u.test(reading.body.slice(r.span.end, r.span.end + 14)));
}

function participation(reading: Reading, event: DraftEvent, sentence: Sentence, phrase: Span, delegations: DelegationRef[]) {
  for (const ref of participantsIn(reading, sentence, delegations)) {
    if (event.participants.some((p) => p.delegationKey === ref.key)) continue;
    const between = reading.body.slice(ref.span.end, phrase.start);
    const role = /^\s*(?:hosted|held|organi[sz]ed)\b/iu.test(between) ? 'HOST' : exhibiting.test(reading.body.slice(sentence.start, sentence.end)) ? 'EXHIBITOR' : 'PARTICIPANT';
    event.participants.push({ delegationKey: ref.key, role });
  }
}

function counterparts(reading: Reading, index: EntityIndex, event: DraftEvent, sentence: Sentence, phrase: Span) {
  const rest = reading.body.slice(phrase.start, sentence.end);
  for (const [pattern, role] of [[/\b(?:hosted|co-hosted)\s+by\s+/iu, 'HOST'], [/\bmet\s+(?:with\s+)?/iu, 'COUNTERPART'], [/\b(?:talks|exchanges)\s+with\s+/iu, 'COUNTERPART']] as const) {
    const m = pattern.exec(rest);
    if (!m) continue;
    const at = phrase.start + m.index + m[0].length;
    const clause = { start: at, end: Math.min(sentence.end, at + 120) };
    const org = index.organizationAt.find((o) => o.span.start >= clause.start && o.span.start <= clause.start + 4);
    const person = index.personAt.find((p) => p.span.start >= clause.start && p.span.start <= clause.start + 40 && within(p.span, clause));
    for (const side of [person ? { personKey: person.key } : null, org ? { organizationKey: org.key } : null]) {
      if (!side || event.counterparts.some((c) => c.personKey === side.personKey && c.organizationKey === side.organizationKey)) continue;
      event.counterparts.push({ organizationKey: null, personKey: null, ...side, role });
      cite(event, sentence, ['counterparts']);
    }
  }
  const organizer = /\b(?:organi[sz]ed|held)\s+by\s+/iu.exec(rest);
  if (organizer) {
    const at = phrase.start + organizer.index + organizer[0].length;
    const org = index.organizationAt.find((o) => o.span.start >= at && o.span.start <= at + 4);
    if (org && !event.organizerKeys.includes(org.key)) {
      event.organizerKeys.push(org.key);
      cite(event, sentence, ['organizers']);
    }
  }
}

/**
 * "The Liaocheng enterprises exhibited there from Oct 5 to 7": the days a delegation was at the event just
 * named, when the sentence says "there" (or "at the fair") and gives the days.
 */
function attendance(reading: Reading, records: DraftRecords, sentence: Sentence, scene: Scene, delegations: DelegationRef[], refs: EventRef[]) {
  const m = /\b(exhibited|attended|took\s+part|participated|were\s+present)\s+(?:there|at\s+the\s+(?:fair|expo|exhibition|forum|conference))\b/iu.exec(sentence.text);
  const days = scene.dates[0];
  const earlier = refs.filter((r) => r.span.start < sentence.start + (m?.index ?? 0)).at(-1);
  const event = earlier && records.events.find((e) => e.key === earlier.key);
  if (!m || !days || !event) return;
  for (const ref of participantsIn(reading, sentence, delegations)) {
    const role = /^exhibit/i.test(m[1]!) ? 'EXHIBITOR' : 'PARTICIPANT';
    let participant = event.participants.find((p) => p.delegationKey === ref.key);
    if (!participant) event.participants.push((participant = { delegationKey: ref.key, role }));
    participant.role = role === 'EXHIBITOR' ? role : participant.role;
    participant.attendedFrom = days.from;
    participant.attendedTo = days.to;
    cite(event, sentence, ['delegations', 'attendance']);
  }
}
