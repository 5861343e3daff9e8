import type { AgreementKind, AgreementPartyRole } from '../../generated/prisma/enums.js';
import { numbersIn } from '../../shared/numbers.js';
import type { DelegationRef } from './delegations.js';
import type { EntityIndex } from './entities.js';
import type { EventRef } from './events.js';
import type { Reading } from './reading.js';
import type { Scene } from './scene.js';
import { within, type Sentence, type Span } from './text.js';
import { cite, uniqueKey, type DraftAgreement, type DraftNote, type DraftRecords } from './workspace.js';

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

export function agreementRecords(reading: Reading, index: EntityIndex, records: DraftRecords, scenes: Map<Sentence, Scene>, delegations: DelegationRef[], events: EventRef[], notes: DraftNote[]): AgreementRef[] {
  const { body } = reading;
  const refs: AgreementRef[] = [];
  const homeCountries = new Set(records.delegations.map((d) => records.cities.find((c) => c.key === d.homeCityKey)?.countryCode).filter((c): c is string => c !== undefined));
  for (const sentence of reading.sentences) {
    const scene = scenes.get(sentence);
    if (!scene) continue;
    const verb = signVerb.exec(sentence.text);
    const noun = agreementNoun.exec(sentence.text);
    if (!verb || !noun) continue;
    // "The contract, worth 2.5 million euros, was signed by A and B": about the last agreement, not a new one.
    if (/^(?:The|This|That)\s/.test(sentence.text.slice(Math.max(0, noun.index - 4))) && noun.index < verb.index && records.agreements.length > 0 && !/\bwith\b/.test(sentence.text)) {
      const last = records.agreements.at(-1)!;
      signedBy(reading, index, last, sentence);
      refs.push({ span: { start: sentence.start + noun.index, end: sentence.start + noun.index + noun[0].length }, key: last.key });
      continue;
    }
    const verbAt = sentence.start + verb.index;
    const subject = { start: scene.city && /^In\s/.test(sentence.text) ? Math.max(sentence.start, body.indexOf(',', scene.city.end) + 1) : sentence.start, end: verbAt };
    const withAt = body.slice(verbAt, sentence.end).search(/\bwith\b/);
    const object = withAt < 0 ? null : { start: verbAt + withAt + 4, end: sentence.end };
    const sides: { span: Span; role: AgreementPartyRole | null }[] = [{ span: subject, role: null }, ...(object ? [{ span: object, role: null }] : [])];
    const parties: DraftAgreement['parties'] = [];
    let count = 1;
    for (const [i, side] of sides.entries()) {
      const orgs = index.organizationAt.filter((o) => within(o.span, side.span) && (i === 0 || o.span.start - side.span.start < 60));
      const words = body.slice(side.span.start, side.span.end).split(/[.;]|,\s+(?:and\s+)?(?:which|who|during|at|in|to)\b/)[0]!;
      if (orgs.length > 0) {
        for (const o of orgs.slice(0, i === 0 ? 2 : 1)) {
          const org = records.organizations.find((x) => x.key === o.key)!;
          if (!parties.some((p) => p.organizationKey === org.key)) parties.push({ organizationKey: org.key, description: org.name, role: roleOf(org.countryCode, homeCountries, i) });
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
    if (parties.length === 0) {
      notes.push({ section: 'agreements', key: null, ...sentence, message: 'an agreement is signed here, but the draft found no party it could name or describe' });
      continue;
    }
    const kind = kindOf(noun[0], sentence.text);
    const names = parties.map((p) => p.organizationKey ? p.description : p.description.replace(/^an? /, 'a ').replace(/ \(unnamed\)$/, ''));
    const title = `${kindLabel[kind]} between ${names[0]}${names[1] ? ` and ${names[1]}` : ''}`;
    const date = scene.dates[0] ?? null;
    const cityKey = scene.city ? index.cityKeyAt.get(scene.city) ?? null : null;
    const carried = scene.city !== null && !within(scene.city, sentence);
    // Only a signing the sentence puts at an event ("signed ... at the forum") belongs to it.
    const event = events.find((e) => within(e.span, sentence) && /\b(?:at|during)\s+$/i.test(body.slice(Math.max(sentence.start, e.span.start - 10), e.span.start)));
    for (let i = 1; i <= count; i++) {
      const agreement: DraftAgreement = {
        key: uniqueKey(count > 1 ? `${title} ${i}` : title, records.agreements),
        title: count > 1 ? `${title} (${i} of ${count})` : title,
        titleIsQuoted: false,
        kind,
        signedOn: date?.from ?? null,
        eventKey: event?.key ?? null,
        cityKey,
        countryCode: scene.countryCode,
        parties: parties.map((p) => ({ ...p })),
        signatoryKeys: [],
        evidence: [],
      };
      records.agreements.push(agreement);
      cite(agreement, sentence, ['kind', 'parties', ...(date ? ['signedOn'] : []), ...(event ? ['event'] : []), ...(!carried && cityKey ? ['city'] : []), ...(!carried && scene.countryCode ? ['country'] : [])]);
      if (carried) cite(agreement, scene.placeQuote, ['city', 'country']);
      signedBy(reading, index, agreement, sentence);
      refs.push({ span: sentence, key: agreement.key });
      if (date?.inferred) notes.push({ section: 'agreements', key: agreement.key, ...date, message: `"${date.text}" gives no year; the draft took it from the article's date (${reading.referenceDate})` });
      if (parties.some((p) => p.organizationKey === null)) notes.push({ section: 'agreements', key: agreement.key, ...sentence, message: 'a party is unnamed: the draft describes it from the words and guessed its side (visiting or local)' });
    }
    if (count > 1) notes.push({ section: 'agreements', key: records.agreements.at(-1)!.key, ...sentence, message: `the draft made ${count} agreements, one for each of the ${count} signers the sentence counts; the article may mean otherwise` });
  }
  return refs;
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
