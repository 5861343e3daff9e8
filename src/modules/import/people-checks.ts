import { dateBounds } from '../../shared/dates.js';
import { foldName, personKeyOrBlank } from '../../shared/names.js';
import { numbersIn } from '../../shared/numbers.js';
import { unitMentioned } from '../../shared/units.js';
import type { ArticleDocument, EvidenceInput } from './document.js';
import { dateMentions } from './quote-content.js';
import type { Path, RecordCheck } from './record-check.js';

// The rules of what version 2 added: people and their titles, the people and counterparts of delegations,
// events and agreements, the days a delegation attended an event, and figures with their numbers.

type Doc = ArticleDocument;
type Quoted = { evidence: EvidenceInput[] };

const quotesOf = (record: Quoted, fact: string) => record.evidence.filter((item) => (item.facts as string[]).includes(fact)).map((item) => item.quote);

/** Whether `value` occurs in `quote` as whole words, case and accents aside: a hyphen joins words ("Vice-Mayor" is not "Mayor"). */
function wholeIn(quote: string, value: string): boolean {
  const [q, v] = [foldName(quote), foldName(value).trim()];
  if (v === '') return false;
  const joined = /[\p{L}\p{N}\p{M}-]/u;
  for (let at = q.indexOf(v); at >= 0; at = q.indexOf(v, at + 1)) {
    if (!joined.test(q[at - 1] ?? ' ') && !joined.test(q[at + v.length] ?? ' ')) return true;
  }
  return false;
}

/** Words a quote of the fact must contain, whole, ignoring case and accents (a name, a title: "Mayor" is not in "Vice-Mayor"). */
function contained(check: RecordCheck, path: Path, record: Quoted, fact: string, value: string, what: string) {
  const quotes = quotesOf(record, fact);
  if (quotes.length > 0 && !quotes.some((quote) => wholeIn(quote, value))) {
    check.report(path, 'NOT_QUOTED', `the ${what} ${JSON.stringify(value)} is not in any quote with "${fact}" in its facts`);
  }
}

/** Whether the quote states `value` as a quantity: not an ordinal ("10th"), not part of a date ("Oct 9", "2024-10-12"). */
function statesQuantity(quote: string, value: number, articleDate: string | null): boolean {
  const dates = dateMentions(quote, articleDate);
  return numbersIn(quote).some((n) => !n.ordinal && Math.abs(n.value - value) <= Math.abs(value) * 1e-9 && !dates.some((d) => n.start < d.end && d.start < n.end));
}

/** References to people: each must exist, be listed once, and be named by a quote of the fact. */
function people(check: RecordCheck, path: Path, record: Quoted, keys: string[], fact: string, at: (j: number) => Path = (j) => [...path, j]) {
  keys.forEach((key, j) => check.refer('person', at(j), key));
  check.unique(path, keys, 'a person is listed twice');
  keys.forEach((key, j) => check.statedIn(at(j), record, fact, { person: key }));
}

/** The first and last day a date allows, or null. */
const firstDay = (date: string | null | undefined) => (date == null ? null : dateBounds(date).from);
const lastDay = (date: string | null | undefined) => (date == null ? null : dateBounds(date).to);

/** The checks of the links version 2 added to delegations, events and agreements. */
export const checkLinks = {
  delegation(check: RecordCheck, path: Path, delegation: Doc['delegations'][number]) {
    const keys = delegation.members.map((m) => m.personKey);
    people(check, [...path, 'members'], delegation, keys, 'members', (j) => [...path, 'members', j, 'personKey']);
  },

  event(check: RecordCheck, path: Path, event: Doc['events'][number]) {
    people(check, [...path, 'peopleKeys'], event, event.peopleKeys, 'people');
    event.counterparts.forEach((side, j) => {
      const at = [...path, 'counterparts', j];
      if ((side.organizationKey == null) === (side.personKey == null)) {
        check.report([...at, 'organizationKey'], 'INVALID_VALUE', 'a counterpart is an organization or a person: give exactly one of organizationKey and personKey');
        return;
      }
      check.refer('organization', [...at, 'organizationKey'], side.organizationKey);
      check.refer('person', [...at, 'personKey'], side.personKey);
      const named = side.organizationKey != null ? { organization: side.organizationKey } : { person: side.personKey! };
      check.statedIn([...at, side.organizationKey != null ? 'organizationKey' : 'personKey'], event, 'counterparts', named);
    });
    check.unique([...path, 'counterparts'], event.counterparts.map((c) => `${c.organizationKey ?? ''}|${c.personKey ?? ''}|${c.role}`), 'a counterpart is listed twice with one role');
    // Attendance: the days a delegation was there, inside the event's own days when the article gives them.
    const [eventFrom, eventTo] = [firstDay(event.startDate), lastDay(event.endDate ?? event.startDate)];
    event.participants.forEach((participant, j) => {
      const at = [...path, 'participants', j];
      const { attendedFrom: from, attendedTo: to } = participant;
      if (to != null && from == null) check.report([...at, 'attendedTo'], 'INVALID_DATE_RANGE', 'an attendance end needs its start: give attendedFrom');
      else if (from != null && to != null && firstDay(from)! > lastDay(to)!) check.report([...at, 'attendedTo'], 'INVALID_DATE_RANGE', `attendance ends (${to}) before it starts (${from})`);
      if (from != null && eventFrom != null && lastDay(from)! < eventFrom) check.report([...at, 'attendedFrom'], 'INVALID_DATE_RANGE', `the delegation cannot be at the event (${from}) before it starts (${event.startDate})`);
      const until = to ?? from;
      if (until != null && eventTo != null && firstDay(until)! > eventTo) check.report([...at, to != null ? 'attendedTo' : 'attendedFrom'], 'INVALID_DATE_RANGE', `the delegation cannot be at the event (${until}) after it ends (${event.endDate ?? event.startDate})`);
      for (const field of ['attendedFrom', 'attendedTo'] as const) {
        const day = participant[field];
        check.statedIn([...at, field], event, 'attendance', day == null ? null : { date: day });
      }
    });
  },

  agreement(check: RecordCheck, path: Path, agreement: Doc['agreements'][number]) {
    people(check, [...path, 'signatoryKeys'], agreement, agreement.signatoryKeys, 'signatories');
  },
};

/** The facts each kind's version-2 links state, for `RecordCheck.facts`: a stated one needs its quote. */
export const linkFacts = {
  delegation: (d: Doc['delegations'][number]) => ({ members: d.members }),
  event: (e: Doc['events'][number]) => ({ people: e.peopleKeys, counterparts: e.counterparts, attendance: e.participants.filter((p) => p.attendedFrom != null || p.attendedTo != null) }),
  agreement: (a: Doc['agreements'][number]) => ({ signatories: a.signatoryKeys }),
};

/** The checks of people and figures. */
export const checkPeopleRecords = {
  person(check: RecordCheck, path: Path, person: Doc['people'][number]) {
    check.country([...path, 'countryCode'], person.countryCode);
    check.evidence(path, person);
    check.facts('person', path, person, { name: person.name, titles: person.titles });
    if (personKeyOrBlank(person.name) === '') check.report([...path, 'name'], 'INVALID_VALUE', "a person's name needs a letter or a digit");
    else contained(check, [...path, 'name'], person, 'name', person.name, 'name');
    person.titles.forEach((title, j) => {
      const at = [...path, 'titles', j];
      contained(check, [...at, 'title'], person, 'titles', title.title, 'title');
      check.refer('organization', [...at, 'organizationKey'], title.organizationKey);
      check.statedIn([...at, 'organizationKey'], person, 'titles', title.organizationKey == null ? null : { organization: title.organizationKey });
    });
  },

  figure(check: RecordCheck, path: Path, figure: Doc['figures'][number]) {
    const owners = (['delegationKey', 'eventKey', 'agreementKey'] as const).filter((field) => figure[field] != null);
    if (owners.length !== 1) {
      check.report([...path, owners[1] ?? 'delegationKey'], 'INVALID_VALUE', 'a figure belongs to exactly one record: give one of delegationKey, eventKey and agreementKey');
    }
    check.refer('delegation', [...path, 'delegationKey'], figure.delegationKey);
    check.refer('event', [...path, 'eventKey'], figure.eventKey);
    check.refer('agreement', [...path, 'agreementKey'], figure.agreementKey);
    if (figure.qualifier === 'RANGE' && figure.upTo == null) check.report([...path, 'upTo'], 'INVALID_VALUE', 'a RANGE needs upTo, its high end');
    else if (figure.qualifier !== 'RANGE' && figure.upTo != null) check.report([...path, 'upTo'], 'INVALID_VALUE', 'upTo is the high end of a RANGE: set qualifier RANGE, or leave upTo out');
    else if (figure.upTo != null && figure.upTo <= figure.value) check.report([...path, 'upTo'], 'INVALID_VALUE', `a range's high end (${figure.upTo}) must be above its low end (${figure.value})`);
    check.evidence(path, figure);
    check.facts('figure', path, figure, { value: true, unit: figure.unit, description: figure.description });
    const numbers = quotesOf(figure, 'value');
    for (const field of ['value', 'upTo'] as const) {
      const value = figure[field];
      if (value != null && numbers.length > 0 && !numbers.some((quote) => statesQuantity(quote, value, check.scope.articleDate))) {
        check.report([...path, field], 'FACT_NOT_IN_QUOTE', `no quote with "value" in its facts states the number ${value} (in digits or in words; a date or an ordinal is not a quantity)`);
      }
    }
    const units = quotesOf(figure, 'unit');
    if (units.length > 0 && !units.some((quote) => unitMentioned(quote, figure.unit))) {
      check.report([...path, 'unit'], 'FACT_NOT_IN_QUOTE', `no quote with "unit" in its facts says ${JSON.stringify(figure.unit)}`);
    }
  },
};
