import { Field, Float, InputType } from 'type-graphql';
import { CounterpartRole, FigureQualifier, MemberRole } from '../../generated/prisma/enums.js';
import { DocumentRecordInput } from './document-base.input.js';

// The parts of the document input that version 2 added: people, their places in delegations and events,
// and figures. Same fields as the JSON format (document.ts).

@InputType('DocumentPersonTitleInput', { description: 'A title or affiliation the article gives a person.' })
export class DocumentPersonTitleInput {
  @Field(() => String, { description: 'The title as the article gives it, such as "Vice-Mayor of Liaocheng"; a quote tagged `titles` contains it.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Key of the organization the title is with, when the article names it (in a `titles` quote).' })
  organizationKey?: string | null;
}

@InputType('DocumentPersonInput', { description: 'A person the article names, matched by name within a country.' })
export class DocumentPersonInput extends DocumentRecordInput {
  @Field(() => String, { description: 'The name as the article gives it; a quote tagged `name` contains it.' })
  name!: string;

  @Field(() => String, { description: 'ISO code of the country the person belongs to, listed in `countries`.' })
  countryCode!: string;

  @Field(() => [DocumentPersonTitleInput], { defaultValue: [], description: 'Titles and affiliations, as the article gives them.' })
  titles!: DocumentPersonTitleInput[];
}

@InputType('DocumentMemberInput', { description: 'A person in a delegation.' })
export class DocumentMemberInput {
  @Field(() => String, { description: 'Key of the person, listed in `people`.' })
  personKey!: string;

  @Field(() => MemberRole, { description: 'Leader, deputy leader or member.' })
  role!: MemberRole;
}

@InputType('DocumentCounterpartInput', { description: 'An organization or a person on the other side of an event: give exactly one of the two keys.' })
export class DocumentCounterpartInput {
  @Field(() => String, { nullable: true, description: 'Key of the organization.' })
  organizationKey?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the person.' })
  personKey?: string | null;

  @Field(() => CounterpartRole, { description: 'Host, organizer or counterpart.' })
  role!: CounterpartRole;
}

@InputType('DocumentFigureInput', { description: 'A number the article states, of one delegation, event or agreement: give exactly one of the three keys.' })
export class DocumentFigureInput extends DocumentRecordInput {
  @Field(() => Float, { description: 'The number (a range\'s low end); a quote tagged `value` states it in digits or words ("Two", "1.2 million").' })
  value!: number;

  @Field(() => Float, { nullable: true, description: "A range's high end, with qualifier RANGE." })
  upTo?: number | null;

  @Field(() => FigureQualifier, { defaultValue: FigureQualifier.EXACT, description: 'Exact, approximate, a bound, or a range.' })
  qualifier!: FigureQualifier;

  @Field(() => String, { description: 'What it counts or measures, as the article says it ("representatives", "USD"); a quote tagged `unit` says it.' })
  unit!: string;

  @Field(() => String, { nullable: true, description: 'What the number is about, when the unit alone does not say.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the delegation it is about.' })
  delegationKey?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the event it is about.' })
  eventKey?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the agreement it is about.' })
  agreementKey?: string | null;
}
