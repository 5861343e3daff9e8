import { isIsoCountryCode } from '../../shared/countries.js';
import type { ArticleDocument, EvidenceInput } from './document.js';
import { checkLinks, checkPeopleRecords, linkFacts } from './people-checks.js';
import { RecordCheck, type Path } from './record-check.js';

// The rules one extracted record must meet, record by record. An import checks every record of a document
// against the document itself; an edit checks the one record it changes (and any shared record it adds to
// the article) against what the database holds. Same functions, so an edit is validated exactly like an import.

export { RecordCheck, type Issue, type Path, type Scope } from './record-check.js';

type Doc = ArticleDocument;

/** The checks of each kind of record, each given the path the record sits at. */
export const checkRecord = {
  ...checkPeopleRecords,

  country(check: RecordCheck, path: Path, country: Doc['countries'][number]) {
    if (!isIsoCountryCode(country.isoCode)) check.report([...path, 'isoCode'], 'UNKNOWN_COUNTRY_CODE', `${country.isoCode} is not an ISO 3166-1 alpha-2 country code`);
    check.refer('referenceSource', [...path, 'referenceSource'], country.referenceSource);
    check.evidence(path, country);
  },

  city(check: RecordCheck, path: Path, city: Doc['cities'][number]) {
    check.country([...path, 'countryCode'], city.countryCode);
    check.refer('referenceSource', [...path, 'referenceSource'], city.referenceSource);
    check.evidence(path, city);
    check.facts('city', path, city, { name: city.name });
    check.quoted([...path, 'name'], city, 'name', city.name);
  },

  organization(check: RecordCheck, path: Path, org: Doc['organizations'][number]) {
    check.place(path, org.cityKey, org.countryCode);
    check.evidence(path, org);
    check.facts('organization', path, org, { name: org.name, city: org.cityKey });
    check.quoted([...path, 'name'], org, 'name', org.name);
    check.statedIn([...path, 'cityKey'], org, 'city', org.cityKey == null ? null : { city: org.cityKey });
  },

  delegation(check: RecordCheck, path: Path, delegation: Doc['delegations'][number]) {
    check.refer('city', [...path, 'homeCityKey'], delegation.homeCityKey);
    check.refer('organization', [...path, 'organizationKey'], delegation.organizationKey);
    check.refer('delegation', [...path, 'parentKey'], delegation.parentKey);
    delegation.countriesVisited.forEach((code, j) => check.country([...path, 'countriesVisited', j], code));
    check.unique([...path, 'countriesVisited'], delegation.countriesVisited, 'a country is listed twice');
    check.dateRange(path, delegation.startDate, delegation.endDate);
    check.evidence(path, delegation);
    check.facts('delegation', path, delegation, {
      name: delegation.nameIsQuoted ? delegation.name : null,
      startDate: delegation.startDate,
      endDate: delegation.endDate,
      homeCity: delegation.homeCityKey,
      organization: delegation.organizationKey,
      parent: delegation.parentKey,
      countriesVisited: delegation.countriesVisited,
      ...linkFacts.delegation(delegation),
    });
    checkLinks.delegation(check, path, delegation);
    if (delegation.nameIsQuoted) check.quoted([...path, 'name'], delegation, 'name', delegation.name);
    stated(check, path, delegation, { startDate: delegation.startDate, endDate: delegation.endDate });
    check.statedIn([...path, 'homeCityKey'], delegation, 'homeCity', delegation.homeCityKey == null ? null : { city: delegation.homeCityKey });
    check.statedIn([...path, 'organizationKey'], delegation, 'organization', delegation.organizationKey == null ? null : { organization: delegation.organizationKey });
    delegation.countriesVisited.forEach((code, j) => check.statedIn([...path, 'countriesVisited', j], delegation, 'countriesVisited', { country: code }));
    // Walk up the parents: a cycle would make the hierarchy (and the import order) undefined.
    const seen = new Set<string>([delegation.key]);
    for (let parent = delegation.parentKey; parent != null; parent = check.scope.parentOf(parent)) {
      if (seen.has(parent)) {
        check.report([...path, 'parentKey'], 'CYCLE', `delegation ${delegation.key} is its own ancestor`);
        break;
      }
      seen.add(parent);
    }
  },

  event(check: RecordCheck, path: Path, event: Doc['events'][number]) {
    check.place(path, event.cityKey, event.countryCode);
    check.dateRange(path, event.startDate, event.endDate);
    event.participants.forEach((p, j) => check.refer('delegation', [...path, 'participants', j, 'delegationKey'], p.delegationKey));
    event.organizerKeys.forEach((k, j) => check.refer('organization', [...path, 'organizerKeys', j], k));
    check.unique([...path, 'participants'], event.participants.map((p) => p.delegationKey), 'a delegation takes part twice');
    check.unique([...path, 'organizerKeys'], event.organizerKeys, 'an organizer is listed twice');
    check.evidence(path, event);
    check.facts('event', path, event, {
      name: event.nameIsQuoted ? event.name : null,
      kind: event.kind,
      startDate: event.startDate,
      endDate: event.endDate,
      city: event.cityKey,
      country: event.countryCode,
      delegations: event.participants,
      organizers: event.organizerKeys,
      ...linkFacts.event(event),
    });
    checkLinks.event(check, path, event);
    if (event.nameIsQuoted) check.quoted([...path, 'name'], event, 'name', event.name);
    stated(check, path, event, { startDate: event.startDate, endDate: event.endDate });
    placeStated(check, path, event);
    event.organizerKeys.forEach((key, j) => check.statedIn([...path, 'organizerKeys', j], event, 'organizers', { organization: key }));
  },

  agreement(check: RecordCheck, path: Path, agreement: Doc['agreements'][number]) {
    check.refer('event', [...path, 'eventKey'], agreement.eventKey);
    check.place(path, agreement.cityKey, agreement.countryCode);
    agreement.parties.forEach((party, j) => check.refer('organization', [...path, 'parties', j, 'organizationKey'], party.organizationKey));
    check.evidence(path, agreement);
    check.facts('agreement', path, agreement, {
      title: agreement.titleIsQuoted ? agreement.title : null,
      kind: agreement.kind,
      signedOn: agreement.signedOn,
      event: agreement.eventKey,
      city: agreement.cityKey,
      country: agreement.countryCode,
      parties: agreement.parties,
      ...linkFacts.agreement(agreement),
    });
    checkLinks.agreement(check, path, agreement);
    if (agreement.titleIsQuoted) check.quoted([...path, 'title'], agreement, 'title', agreement.title);
    stated(check, path, agreement, { signedOn: agreement.signedOn });
    placeStated(check, path, agreement);
    agreement.parties.forEach((party, j) => check.statedIn([...path, 'parties', j, 'organizationKey'], agreement, 'parties', party.organizationKey == null ? null : { organization: party.organizationKey }));
  },

  image(check: RecordCheck, path: Path, image: Doc['images'][number]) {
    check.refer('event', [...path, 'eventKey'], image.eventKey);
    check.place(path, image.cityKey, image.countryCode);
    check.evidence(path, image);
    check.facts('image', path, image, {
      caption: image.caption,
      credit: image.credit,
      takenOn: image.takenOn,
      city: image.cityKey,
      country: image.countryCode,
      event: image.eventKey,
    });
    check.quoted([...path, 'caption'], image, 'caption', image.caption, true);
    if (image.credit != null) check.quoted([...path, 'credit'], image, 'credit', image.credit, true);
    stated(check, path, image, { takenOn: image.takenOn });
    placeStated(check, path, image);
  },
};

/** Each date field of a record, checked against its quotes' words. */
function stated(check: RecordCheck, path: Path, record: { evidence: EvidenceInput[] }, dates: Record<string, string | null | undefined>) {
  for (const [fact, value] of Object.entries(dates)) check.statedIn([...path, fact], record, fact, value == null ? null : { date: value });
}

/** A placed record's city and country, checked against its quotes' words. */
function placeStated(check: RecordCheck, path: Path, record: { cityKey?: string | null; countryCode?: string | null; evidence: EvidenceInput[] }) {
  check.statedIn([...path, 'cityKey'], record, 'city', record.cityKey == null ? null : { city: record.cityKey });
  check.statedIn([...path, 'countryCode'], record, 'country', record.countryCode == null ? null : { country: record.countryCode });
}

