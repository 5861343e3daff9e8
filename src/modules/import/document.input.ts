import { Field, Float, InputType, Int } from 'type-graphql';
import { AgreementKind, AgreementPartyRole, EventKind, OrganizationKind, ParticipationRole } from '../../generated/prisma/enums.js';
import { DocumentEvidenceInput, DocumentPlacedInput, DocumentRecordInput } from './document-base.input.js';
import { DocumentCounterpartInput, DocumentFigureInput, DocumentMemberInput, DocumentPersonInput } from './document-people.input.js';

// The article document as GraphQL input: the same fields as the JSON format of prisma/seed/*.json (and
// article-document.schema.json), so a document file can be sent as the `input` variable unchanged.
// Dates, codes and keys are plain strings here: the document validator checks them and reports each
// problem with its path in `userErrors`, which a scalar's parse error could not do.

export { DocumentEvidenceInput } from './document-base.input.js';

@InputType('DocumentArticleInput', { description: 'The article itself.' })
export class DocumentArticleInput {
  @Field(() => String, { description: 'Stable key of the article: lower-case letters, digits and dashes. Re-importing the same slug (or URL) updates it.' })
  slug!: string;

  @Field(() => String, { description: 'Headline.' })
  title!: string;

  @Field(() => String, { description: 'Full text, verbatim; every quote must occur in it.' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'Publisher.' })
  source?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the article is published.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'The date the article states, YYYY-MM-DD.' })
  updatedOn?: string | null;

  @Field(() => String, { description: 'BCP 47 language tag, such as en.' })
  language!: string;
}

@InputType('DocumentReferenceSourceInput', { description: 'A body of reference data that supplies facts the article does not state.' })
export class DocumentReferenceSourceInput {
  @Field(() => String, { description: 'Key that countries and cities refer to.' })
  key!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Where it is published.' })
  url?: string | null;
}

@InputType('DocumentCountryInput', { description: 'A country the article mentions, matched by ISO code.' })
export class DocumentCountryInput {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code, upper case.' })
  isoCode!: string;

  @Field(() => String, { description: 'The name as the article gives it (the API shows the ISO 3166-1 name).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Version 1: key of the reference source of the code (required there; the service uses ISO 3166-1 whatever it says). Version 2: leave out.' })
  referenceSource?: string | null;

  @Field(() => [DocumentEvidenceInput], { defaultValue: [], description: 'Quotes that name the country.' })
  evidence!: DocumentEvidenceInput[];
}

@InputType('DocumentCityInput', { description: 'A place the article mentions: a gazetteer place, found by the mention within its country (or by geonameId).' })
export class DocumentCityInput extends DocumentRecordInput {
  @Field(() => String, { description: 'The place as the article spells it, such as Cologne; the gazetteer gives its reference name (Köln).' })
  name!: string;

  @Field(() => String, { description: 'ISO code of its country, listed in `countries`.' })
  countryCode!: string;

  @Field(() => Int, { nullable: true, description: 'Version 2: the GeoNames id, when the mention alone is ambiguous.' })
  geonameId?: number | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Version 2: true for a place the gazetteer lacks (a venue, a district); then latitude and longitude are required, and the place is marked as not from reference data.' })
  unlisted!: boolean;

  @Field(() => Boolean, { nullable: true, description: "Version 1 (required): true for its country's capital, checked against the gazetteer. Version 2: only for an unlisted place." })
  isCapital?: boolean | null;

  @Field(() => Float, { nullable: true, description: 'Version 1 (required): latitude, decimal degrees (WGS 84), checked against the gazetteer within 0.1 degree. Version 2: only for an unlisted place.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude, like `latitude`.' })
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'Version 1 (required): key of the reference source of the coordinates (the service uses the gazetteer whatever it says). Version 2: leave out.' })
  referenceSource?: string | null;
}

@InputType('DocumentOrganizationInput', { description: 'An organization, matched by name within its country.' })
export class DocumentOrganizationInput extends DocumentRecordInput {
  @Field(() => String, { description: 'Name, as the article gives it.' })
  name!: string;

  @Field(() => OrganizationKind, { description: 'What kind of body it is.' })
  kind!: OrganizationKind;

  @Field(() => String, { description: 'ISO code of its country.' })
  countryCode!: string;

  @Field(() => String, { nullable: true, description: 'Key of its city.' })
  cityKey?: string | null;
}

@InputType('DocumentDelegationInput', { description: 'A delegation and its trip.' })
export class DocumentDelegationInput extends DocumentRecordInput {
  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => Boolean, { description: 'True when the name is quoted from the article.' })
  nameIsQuoted!: boolean;

  @Field(() => String, { nullable: true, description: 'Summary.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the city it comes from.' })
  homeCityKey?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the organization that sent it.' })
  organizationKey?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the delegation it travelled within.' })
  parentKey?: string | null;

  @Field(() => String, { nullable: true, description: 'First day of the trip, YYYY-MM-DD.' })
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the trip, YYYY-MM-DD.' })
  endDate?: string | null;

  @Field(() => [String], { defaultValue: [], description: 'ISO codes of the countries visited, in trip order.' })
  countriesVisited!: string[];

  @Field(() => [DocumentMemberInput], { defaultValue: [], description: 'Version 2: the people in it, with their roles; a quote tagged `members` names each.' })
  members!: DocumentMemberInput[];
}

@InputType('DocumentParticipantInput', { description: 'A delegation taking part in an event.' })
export class DocumentParticipantInput {
  @Field(() => String, { description: 'Key of the delegation.' })
  delegationKey!: string;

  @Field(() => ParticipationRole, { description: 'How it took part.' })
  role!: ParticipationRole;

  @Field(() => String, { nullable: true, description: "Version 2: the first day the delegation was there, when the article says so (a quote tagged `attendance` states it); within the event's days." })
  attendedFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Version 2: the last day the delegation was there, like `attendedFrom`.' })
  attendedTo?: string | null;
}

@InputType('DocumentEventInput', { description: 'An event delegations took part in.' })
export class DocumentEventInput extends DocumentPlacedInput {
  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => Boolean, { description: 'True when the name is quoted from the article.' })
  nameIsQuoted!: boolean;

  @Field(() => EventKind, { description: 'Kind of event.' })
  kind!: EventKind;

  @Field(() => String, { nullable: true, description: 'Summary.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Day it took place or began, YYYY-MM-DD.' })
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD.' })
  endDate?: string | null;

  @Field(() => [DocumentParticipantInput], { defaultValue: [], description: 'Delegations that took part.' })
  participants!: DocumentParticipantInput[];

  @Field(() => [String], { defaultValue: [], description: 'Keys of the organizations that organized it.' })
  organizerKeys!: string[];

  @Field(() => [String], { defaultValue: [], description: 'Version 2: keys of the people who took part with the delegations; a quote tagged `people` names each.' })
  peopleKeys!: string[];

  @Field(() => [DocumentCounterpartInput], { defaultValue: [], description: 'Version 2: the other side (hosts, organizers, counterparts); a quote tagged `counterparts` names each.' })
  counterparts!: DocumentCounterpartInput[];
}

@InputType('DocumentAgreementPartyInput', { description: 'One side of an agreement.' })
export class DocumentAgreementPartyInput {
  @Field(() => String, { nullable: true, description: 'Key of the organization, when the article names it.' })
  organizationKey?: string | null;

  @Field(() => String, { description: 'The party as the article describes it.' })
  description!: string;

  @Field(() => AgreementPartyRole, { description: 'Its side.' })
  role!: AgreementPartyRole;
}

@InputType('DocumentAgreementInput', { description: 'An agreement signed during a trip.' })
export class DocumentAgreementInput extends DocumentPlacedInput {
  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => Boolean, { description: 'True when the title is quoted from the article.' })
  titleIsQuoted!: boolean;

  @Field(() => AgreementKind, { description: 'Kind of agreement.' })
  kind!: AgreementKind;

  @Field(() => String, { nullable: true, description: 'Summary.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Day it was signed, YYYY-MM-DD.' })
  signedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the event it was signed at.' })
  eventKey?: string | null;

  @Field(() => [DocumentAgreementPartyInput], { description: 'Its parties, at least one.' })
  parties!: DocumentAgreementPartyInput[];

  @Field(() => [String], { defaultValue: [], description: 'Version 2: keys of the people who signed it; a quote tagged `signatories` names each.' })
  signatoryKeys!: string[];
}

@InputType('DocumentImageInput', { description: 'A photo published with the article.' })
export class DocumentImageInput extends DocumentPlacedInput {
  @Field(() => Int, { description: 'Order in the article, from 1.' })
  position!: number;

  @Field(() => String, { description: 'Caption, verbatim.' })
  caption!: string;

  @Field(() => String, { nullable: true, description: 'Credit line, verbatim.' })
  credit?: string | null;

  @Field(() => String, { nullable: true, description: 'Day the caption gives, YYYY-MM-DD.' })
  takenOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the image file is.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the event shown.' })
  eventKey?: string | null;
}

@InputType('ArticleDocumentInput', {
  description: 'An article and every record extracted from it, with the quotes that support them: the format of article-document.schema.json.',
})
export class ArticleDocumentInput {
  @Field(() => Int, { description: 'Format version: 1 or 2 (places from the gazetteer by mention or geonameId; see docs/writing-data.md).' })
  version!: number;

  @Field(() => DocumentArticleInput, { description: 'The article.' })
  article!: DocumentArticleInput;

  @Field(() => [DocumentReferenceSourceInput], { defaultValue: [], description: 'Reference data the countries and cities cite.' })
  referenceSources!: DocumentReferenceSourceInput[];

  @Field(() => [DocumentCountryInput], { description: 'Countries the article mentions.' })
  countries!: DocumentCountryInput[];

  @Field(() => [DocumentCityInput], { defaultValue: [], description: 'Cities the article mentions.' })
  cities!: DocumentCityInput[];

  @Field(() => [DocumentOrganizationInput], { defaultValue: [], description: 'Organizations the article mentions.' })
  organizations!: DocumentOrganizationInput[];

  @Field(() => [DocumentPersonInput], { defaultValue: [], description: 'Version 2: people the article names.' })
  people!: DocumentPersonInput[];

  @Field(() => [DocumentDelegationInput], { defaultValue: [], description: 'Delegations.' })
  delegations!: DocumentDelegationInput[];

  @Field(() => [DocumentEventInput], { defaultValue: [], description: 'Events.' })
  events!: DocumentEventInput[];

  @Field(() => [DocumentAgreementInput], { defaultValue: [], description: 'Agreements.' })
  agreements!: DocumentAgreementInput[];

  @Field(() => [DocumentImageInput], { defaultValue: [], description: 'Images.' })
  images!: DocumentImageInput[];

  @Field(() => [DocumentFigureInput], { defaultValue: [], description: 'Version 2: numbers the article states, each of one delegation, event or agreement.' })
  figures!: DocumentFigureInput[];
}
