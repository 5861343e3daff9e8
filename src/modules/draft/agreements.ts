import type { AgreementKind, AgreementPartyRole } from '../../generated/prisma/enums.js';
import { numbersIn } from '../../shared/numbers.js';
import type { DelegationRef } from './delegations.js';
import type { EntityIndex } from './entities.js';
import type { EventRef } from './events.js';
import { inCaption, type DateValue, type Reading } from './reading.js';
import { dateQuote, type Scene } from './scene.js';
import { within, type Sentence, type Span } from './text.js';
import { cite, uniqueKey, type DraftAgreement, type DraftEvent, type DraftNote, type DraftRecords } from './workspace.js';

// Agreements: "signed" (or inked) and an agreement noun in one sentence. Its parties are the organizations
// named before the verb and after "with", or, unnamed, the words that describe them ("two companies from
// Liaocheng", "local enterprises"); a plural with a count ("Two companies ... signed agreements") is that
// many agreements. The visiting party is the one from the delegation's country.

export interface AgreementRef {
  span: Span;
  key: string;
}

const agreementNoun = /\b(?:long-term\s+cooperation\s+framework\s+agreements?|framework\s+agreements?|memorand(?:um|a)\s+of\s+understanding|MoUs?|MOUs?|letters?\s+of\s+intent|sister[- ]city\s+agreements?|contracts?|deals?|agreements?)\b/u;
const signVerb = /\b(?:signed|sign|signs|signing|inked)\b/iu;

function kindOf(noun: string, sentence: string): AgreementKind {
  const n = noun.toLowerCase();
  if (/long-term cooperation framework/.test(n)) return 'LONG_TERM_COOPERATION_FRAMEWORK_AGREEMENT';
  if (/framework/.test(n)) return 'FRAMEWORK_AGREEMENT';
  if (/memorand|mou/.test(n)) return 'MEMORANDUM_OF_UNDERSTANDING';
  if (/sister|friendship city/.test(n) || /sister[- ]city|friendship[- ]city/i.test(sentence)) return 'SISTER_CITY_AGREEMENT';
  if (/contract/.test(n)) return 'CONTRACT';
  if (/cooperat/i.test(sentence.slice(Math.max(0, sentence.toLowerCase().indexOf(n) - 20), sentence.toLowerCase().indexOf(n)))) return 'COOPERATION_AGREEMENT';
  return 'OTHER';
}

const kindLabel: Record<AgreementKind, string> = {
  COOPERATION_AGREEMENT: 'Cooperation agreement',
  FRAMEWORK_AGREEMENT: 'Framework agreement',
  LONG_TERM_COOPERATION_FRAMEWORK_AGREEMENT: 'Long-term cooperation framework agreement',
  MEMORANDUM_OF_UNDERSTANDING: 'Memorandum of understanding',
  SISTER_CITY_AGREEMENT: 'Sister-city agreement',
  CONTRACT: 'Contract',
  OTHER: 'Agreement',
};

/** "Two companies from Liaocheng" → "a company from Liaocheng (unnamed)". */
function unnamed(words: string): string | null {
  const text = words.replace(/^(?:also|and|,|\s)+|(?:also|,|\s)+$/gi, '').replace(/^(?:the|some|several|many|a|an|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+/i, '');
  const m = /^((?:[\p{L}-]+\s+){0,2}?)(companies|company|enterprises|enterprise|firms|firm|businesses|business|partners|partner|governments?|departments?|institutions?|universities|university|organizations?|parties|party|suppliers?|buyers?|distributors?|importers?|exporters?)\b(.{0,40})/iu.exec(text);
  if (!m) return null;
  const noun = m[2]!.toLowerCase().replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
  const tail = /^\s+(?:from|in|of)\s+[\p{Lu}][\p{L}-]*/u.exec(m[3]!)?.[0] ?? '';
  const phrase = `${m[1]}${noun}${tail}`.trim();
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase} (unnamed)`;
}

/** One signing within a sentence: "X signed A with B, and Y signed C with D" holds two. */
interface Clause extends Span {
  verb: RegExpExecArray;
  noun: RegExpExecArray;
  /** "while the other four were cooperation agreements": how many the clause counts. */
  count?: number;
}

// "..., while the other four were cooperation agreements between ...": more of the signings just told.
const otherOnes = /\bthe\s+other\s+(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:were|are)\b/giu;

function clausesOf(sentence: Sentence): Clause[] {
  const verbs = [...sentence.text.matchAll(new RegExp(signVerb.source, 'giu')), ...sentence.text.matchAll(otherOnes)].sort((a, b) => a.index - b.index);
  const clauses: Clause[] = [];
  let from = 0;
  for (const [i, verb] of verbs.entries()) {
    const next = verbs[i + 1];
    // The next signing begins after the last ", and" (", while", ";") before its verb.
    const until = next ? Math.max(...[...sentence.text.slice(verb.index, next.index).matchAll(/,\s+(?:and|while|whereas)\s+|;\s+/gu)].map((m) => verb.index + m.index), -1) : -1;
    const end = until > verb.index ? until : next ? -1 : sentence.text.length;
    if (end < 0) continue; // "signed and sealed": one signing, the next verb's
    const text = sentence.text.slice(from, end);
    const noun = agreementNoun.exec(text);
    const other = verb[1] !== undefined ? numbersIn(verb[1]).find((n) => Number.isInteger(n.value))?.value : undefined;
    if (noun) clauses.push({ start: sentence.start + from, end: sentence.start + end, verb: { ...verb, index: verb.index - from } as RegExpExecArray, noun, ...(other ? { count: other } : {}) });
    from = end;
  }
  return clauses;
}

/** The event a signing is put at: "At the forum, X signed", "signed ... at the fair", "the forum, at which X signed". */
function eventOf(body: string, sentence: Sentence, clause: Clause, events: EventRef[]): EventRef | undefined {
  const verbAt = clause.start + clause.verb.index;
  const at = events.filter((e) => within(e.span, sentence) && (/\b(?:at|during)\s+$/i.test(body.slice(Math.max(sentence.start, e.span.start - 10), e.span.start)) || /^,?\s+(?:at|during)\s+which\b/i.test(body.slice(e.span.end, e.span.end + 16))));
  return at.filter((e) => e.span.end <= verbAt).at(-1) ?? at.find((e) => e.span.start > verbAt && e.span.end <= clause.end);
}

export function agreementRecords(reading: Reading, index: EntityIndex, records: DraftRecords, scenes: Map<Sentence, Scene>, delegations: DelegationRef[], events: EventRef[], notes: DraftNote[]): AgreementRef[] {
  const { body } = reading;
  const refs: AgreementRef[] = [];
  const homeCountries = new Set(records.delegations.map((d) => records.cities.find((c) => c.key === d.homeCityKey)?.countryCode).filter((c): c is string => c !== undefined));
  const { lead } = reading;
  const toldLater = reading.sentences.some((s) => s.paragraph !== lead && !reading.header.has(s) && signVerb.test(s.text));
  // "Five agreements were signed at the forum. X signed a contract with Y, ...": the paragraph's signings are the forum's.
  let context: { paragraph: number; event: EventRef } | null = null;
  for (const sentence of reading.sentences) {
    const scene = scenes.get(sentence);
    // A photo's caption shows a signing the text tells ("... exchange documents after signing a contract"): no new one.
    if (!scene || inCaption(reading, sentence)) continue;
    // "It was signed by A and B", right after an agreement: its signatories.
    if (/^It\s+(?:was|had\s+been)\s+signed\s+by\b/.test(sentence.text) && refs.length > 0) {
      const last = records.agreements.find((a) => a.key === refs.at(-1)!.key)!;
      signedBy(reading, index, last, sentence);
      continue;
    }
    for (const clause of clausesOf(sentence)) {
      const { verb, noun } = clause;
      const text = body.slice(clause.start, clause.end);
      const verbAt = clause.start + verb.index;
      const nounSpan = { start: clause.start + noun.index, end: clause.start + noun.index + noun[0].length };
      // "The contract, worth 2.5 million euros, was signed by A and B": about the last agreement, not a new one.
      if (/^(?:The|This|That)\s+(?:[\p{L}-]+\s+){0,3}$/u.test(text.slice(0, noun.index)) && noun.index < verb.index && /\b(?:was|were|had\s+been)\s+$/.test(text.slice(0, verb.index)) && records.agreements.length > 0) {
        const last = records.agreements.at(-1)!;
        signedBy(reading, index, last, sentence);
        refs.push({ span: nounSpan, key: last.key });
        continue;
      }
      const subject = { start: scene.city && /^In\s/.test(sentence.text) && clause.start === sentence.start ? Math.max(clause.start, body.indexOf(',', scene.city.end) + 1) : clause.start, end: verbAt };
      // The other side: after "with", or "between A and B" after the agreement's noun.
      const withAt = body.slice(verbAt, clause.end).search(/\bwith\b/);
      const betweenAt = body.slice(nounSpan.end, clause.end).search(/\bbetween\b/);
      const object = withAt >= 0 ? { start: verbAt + withAt + 4, end: clause.end } : betweenAt >= 0 ? { start: nounSpan.end + betweenAt + 7, end: clause.end } : null;
      const ownEvent = eventOf(body, sentence, clause, events);
      if (ownEvent) context = { paragraph: sentence.paragraph, event: ownEvent };
      // "... visited Kenya and Tanzania, signing agreements with African partners": the lead's summary of what follows.
      if (sentence.paragraph === lead && toldLater && /^signing$/i.test(verb[0]) && /s$/.test(noun[0])) {
        notes.push({ section: 'agreements', key: null, ...sentence, message: 'the opening sums up signings the article tells later: the draft made no agreement of it' });
        continue;
      }
      const sides: { span: Span; role: AgreementPartyRole | null }[] = [{ span: subject, role: null }, ...(object ? [{ span: object, role: null }] : [])];
      const parties: DraftAgreement['parties'] = [];
      let count = 1;
      for (const [i, side] of sides.entries()) {
        const orgs = index.organizationAt.filter((o) => within(o.span, side.span) && (i === 0 || o.span.start - side.span.start < 60));
        // The subject's words nearest the verb ("the forum, at which Yantai enterprises"), the object's first.
        const pieces = body.slice(side.span.start, side.span.end).split(/[.;]|,?\s+(?:at|during|in)\s+which\b|,\s+(?:and\s+)?(?:which|who|during|at|in|to)\b/);
        const words = i === 0 ? pieces.at(-1)! : pieces[0]!;
        if (orgs.length > 0) {
          // "between A and B": both are parties.
          for (const o of orgs.slice(0, i === 0 || betweenAt >= 0 && withAt < 0 ? 2 : 1)) {
            const org = records.organizations.find((x) => x.key === o.key)!;
            if (!parties.some((p) => p.organizationKey === org.key)) parties.push({ organizationKey: org.key, description: org.name, role: roleOf(org.countryCode, homeCountries, i) });
          }
          continue;
        }
        // "between Hunan companies and local enterprises": two sides, each described.
        if (i === 1 && betweenAt >= 0 && withAt < 0 && /\s+and\s+/.test(words)) {
          for (const [j, part] of words.split(/\s+and\s+/).slice(0, 2).entries()) {
            const description = unnamed(part);
            if (description) parties.push({ organizationKey: null, description, role: /\blocal\b/i.test(part) ? 'LOCAL_PARTY' : j === 0 ? 'VISITING_PARTY' : 'LOCAL_PARTY' });
          }
          continue;
        }
        const description = unnamed(words);
        if (!description) continue;
        const local = /\blocal\b/i.test(words);
        const home = [...homeCountries].some((code) => records.cities.some((c) => c.countryCode === code && words.includes(c.name)));
        parties.push({ organizationKey: null, description, role: local ? 'LOCAL_PARTY' : home ? 'VISITING_PARTY' : i === 0 ? 'VISITING_PARTY' : 'LOCAL_PARTY' });
        // "Two companies from Liaocheng signed cooperative agreements": one agreement each.
        const n = numbersIn(words).find((x) => !x.ordinal && Number.isInteger(x.value));
        if (i === 0 && n && n.value > 1 && n.value <= 10 && /s\b/.test(noun[0])) count = n.value;
      }
      // "signed two cooperation agreements": that many.
      const counted = numbersIn(body.slice(verbAt, nounSpan.start)).find((x) => !x.ordinal && Number.isInteger(x.value) && x.value > 1 && x.value <= 10);
      if (counted && /s\b/.test(noun[0])) count = counted.value;
      // "Four letters of intent were signed ...": the number before the noun.
      const before = /(?:^|\s)(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\p{L}-]+\s+){0,2}$/iu.exec(text.slice(0, noun.index));
      const counting = before ? numbersIn(before[1]!).find((x) => Number.isInteger(x.value) && x.value > 1 && x.value <= 10) : undefined;
      if (counting && /s\b/.test(noun[0]) && noun.index < verb.index) count = counting.value;
      if (clause.count) count = clause.count;
      if (parties.length === 0) {
        notes.push({ section: 'agreements', key: null, ...sentence, message: 'an agreement is signed here, but the draft found no party it could name or describe' });
        continue;
      }
      const kind = kindOf(noun[0], text);
      const names = parties.map((p) => p.organizationKey ? p.description : p.description.replace(/ \(unnamed\)$/, ''));
      const title = `${kindLabel[kind]} between ${names[0]}${names[1] ? ` and ${names[1]}` : ''}`;
      const carried = scene.city !== null && !within(scene.city, sentence);
      const eventRef = ownEvent ?? (context?.paragraph === sentence.paragraph && (!scene.city || carried) ? context.event : undefined);
      const event = eventRef && records.events.find((e) => e.key === eventRef.key);
      // The signing's own date and place, else the event's when it was one day in one city.
      const ownDate = scene.dates.find((d) => within(d, clause)) ?? scene.dates[0] ?? null;
      const eventDay = event?.startDate && (!event.endDate || event.endDate === event.startDate) ? event.startDate : null;
      // Neither: the day its paragraph gave earlier ("The conference took place in Dubai on Nov 6. ... X signed ...").
      const paragraphDay = !ownDate && !eventDay ? scene.paragraphDay : null;
      const signedOn = ownDate?.from ?? eventDay ?? paragraphDay?.from ?? null;
      // The sentence's own city, else the event's, else the one its paragraph gave earlier.
      const sceneCity = scene.city ? index.cityKeyAt.get(scene.city) ?? null : null;
      const ownCity = carried && event?.cityKey ? null : sceneCity;
      const cityKey = ownCity ?? event?.cityKey ?? null;
      const countryCode = ownCity ? scene.countryCode : event?.cityKey ? event.countryCode : scene.countryCode ?? event?.countryCode ?? null;
      const signing = !event && ownDate && ownCity ? signingEvent(body, records, clause, nounSpan, ownDate, ownCity, scene, carried, events) : null;
      if (signing) notes.push({ section: 'events', key: signing.key, ...clause, message: 'a signing on a stated day in a stated place, not at an event the article names: the draft made it an event of its own' });
      for (let i = 1; i <= count; i++) {
        const agreement: DraftAgreement = {
          key: uniqueKey(count > 1 ? `${title} ${i}` : title, records.agreements),
          title: count > 1 ? `${title} (${i} of ${count})` : title,
          titleIsQuoted: false,
          kind,
          signedOn,
          eventKey: event?.key ?? signing?.key ?? null,
          cityKey,
          countryCode,
          parties: parties.map((p) => ({ ...p })),
          signatoryKeys: [],
          evidence: [],
        };
        records.agreements.push(agreement);
        if (paragraphDay) cite(agreement, dateQuote(scene, paragraphDay), ['signedOn']);
        const dated = ownDate && !within(ownDate, sentence);
        if (ownDate && dated) cite(agreement, dateQuote(scene, ownDate), ['signedOn']);
        cite(agreement, sentence, ['kind', 'parties', ...(ownDate && !dated ? ['signedOn'] : []), ...(event || signing ? ['event'] : []), ...(ownCity && !carried ? ['city', ...(scene.countryCode ? ['country'] : [])] : []), ...(!ownCity && !event?.cityKey && scene.countryCode ? ['country'] : [])]);
        if (ownCity && carried) cite(agreement, scene.placeQuote, ['city', 'country']);
        // What it takes from the event, cited where the event's own quotes say it.
        if (event) {
          const inherited = [...(!ownDate && eventDay ? ['signedOn'] : []), ...(!ownCity && event.cityKey ? ['city', 'country'] : [])];
          for (const fact of inherited) {
            const source = event.evidence.find((q) => q.facts.includes(fact === 'signedOn' ? 'startDate' : fact));
            if (source) cite(agreement, source, [fact]);
          }
        }
        signedBy(reading, index, agreement, sentence);
        refs.push({ span: clause, key: agreement.key });
        if (ownDate?.inferred) notes.push({ section: 'agreements', key: agreement.key, ...ownDate, message: `"${ownDate.text}" gives no year; the draft took it from the article's date (${reading.referenceDate})` });
        if (event && (!ownDate && eventDay || !ownCity && event.cityKey)) notes.push({ section: 'agreements', key: agreement.key, ...clause, message: `signed at ${event.name}: the draft gave it the event's ${[!ownDate && eventDay ? 'day' : '', !ownCity && event.cityKey ? 'place' : ''].filter(Boolean).join(' and ')}` });
        if (parties.some((p) => p.organizationKey === null)) notes.push({ section: 'agreements', key: agreement.key, ...sentence, message: 'a party is unnamed: the draft describes it from the words and guessed its side (visiting or local)' });
      }
      if (count > 1) notes.push({ section: 'agreements', key: records.agreements.at(-1)!.key, ...sentence, message: `the draft made ${count} agreements, one for each of the ${count} the sentence counts; the article may mean otherwise` });
    }
  }
  return refs;
}

/**
 * "In Gdańsk on Sept 19, Yantai Longda Food Co signed a cold-chain logistics contract": a signing with its own
 * day and place is an event of its own ("Signing of the cold-chain logistics contract in Gdańsk").
 */
function signingEvent(body: string, records: DraftRecords, clause: Clause, noun: Span, date: DateValue, cityKey: string, scene: Scene, carried: boolean, events: EventRef[]): DraftEvent {
  const before = body.slice(clause.start + clause.verb.index + clause.verb[0].length, noun.start);
  const modifiers = (/((?:[\p{Ll}][\p{Ll}-]*\s+){0,3})$/u.exec(before)?.[1] ?? '').trim().split(/\s+/).filter((w) => w !== '' && !/^(?:a|an|the|two|three|four|five|million|billion|worth)$/.test(w));
  const city = records.cities.find((c) => c.key === cityKey);
  const name = `Signing of the ${[...modifiers, body.slice(noun.start, noun.end).toLowerCase()].join(' ')}${city ? ` in ${city.name}` : ''}`;
  const event: DraftEvent = {
    key: uniqueKey(name, records.events),
    name,
    nameIsQuoted: false,
    kind: 'SIGNING_CEREMONY',
    startDate: date.from,
    endDate: null,
    cityKey,
    countryCode: scene.countryCode,
    participants: [],
    organizerKeys: [],
    peopleKeys: [],
    counterparts: [],
    evidence: [],
  };
  records.events.push(event);
  const dated = !within(date, clause);
  cite(event, clause, ['kind', ...(dated ? [] : ['startDate']), ...(carried ? [] : ['city', 'country'])]);
  if (dated) cite(event, dateQuote(scene, date), ['startDate']);
  if (carried) cite(event, scene.placeQuote, ['city', 'country']);
  events.push({ span: clause, key: event.key });
  return event;
}

function roleOf(countryCode: string, homeCountries: ReadonlySet<string>, side: number): AgreementPartyRole {
  if (homeCountries.size > 0) return homeCountries.has(countryCode) ? 'VISITING_PARTY' : 'LOCAL_PARTY';
  return side === 0 ? 'VISITING_PARTY' : 'LOCAL_PARTY';
}

/** "was signed by Wang Hong and Klara Brandt": the people named after "signed by". */
function signedBy(reading: Reading, index: EntityIndex, agreement: DraftAgreement, sentence: Sentence) {
  const m = /\bsigned\s+by\s+/iu.exec(sentence.text);
  if (!m) return;
  const from = sentence.start + m.index;
  const clause = { start: from, end: sentence.end };
  for (const person of index.personAt.filter((p) => within(p.nameSpan, clause))) {
    if (agreement.signatoryKeys.includes(person.key)) continue;
    agreement.signatoryKeys.push(person.key);
    cite(agreement, sentence, ['signatories']);
  }
}
