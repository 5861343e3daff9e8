import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Article } from '../article/article.type.js';
import { UserError } from '../../shared/user-error.type.js';

export enum ImportStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(ImportStatus, {
  name: 'ImportStatus',
  description: 'What an import did to the article.',
  valuesConfig: {
    CREATED: { description: 'The article was new.' },
    UPDATED: { description: 'The article existed (same slug or URL) and was updated in place.' },
    UNCHANGED: { description: 'The same document was imported before: nothing was written.' },
  },
});

@ObjectType({ description: 'How many records of one kind an import created, updated and deleted.', simpleResolvers: true })
export class ImportChange {
  @Field(() => String, { description: 'The kind of record, such as events or eventParticipations.' })
  entity!: string;

  @Field(() => Int, { description: 'Records created.' })
  created!: number;

  @Field(() => Int, { description: 'Records updated.' })
  updated!: number;

  @Field(() => Int, { description: 'Records deleted (no longer in the document).' })
  deleted!: number;
}

export enum SharedOutcomeKind {
  MATCHED = 'MATCHED',
  CREATED = 'CREATED',
}
registerEnumType(SharedOutcomeKind, {
  name: 'SharedRecordOutcome',
  description: 'Whether an import found a shared record in the graph or added it.',
  valuesConfig: {
    MATCHED: { description: 'Already in the graph (named by another article, or by an earlier import of this one): the document added its claims.' },
    CREATED: { description: 'New: the document is the first to name it.' },
  },
});

@ObjectType({ description: 'A shared record (country, city, organization) a document names, and whether it was matched or new.', simpleResolvers: true })
export class SharedRecordMatch {
  @Field(() => String, { description: 'Country, City or Organization.' })
  type!: string;

  @Field(() => ID, { description: 'Global ID of the record.' })
  id!: string;

  @Field(() => String, { description: 'The name as the document gives it (the record may show another: a reference name, or an earlier article\'s).' })
  as!: string;

  @Field(() => SharedOutcomeKind, { description: 'Matched or new.' })
  outcome!: SharedOutcomeKind;
}

@ObjectType({ description: "A field of a shared record on which the imported document's claim and other articles' disagree.", simpleResolvers: true })
export class ImportConflict {
  @Field(() => ID, { description: 'Global ID of the record.' })
  id!: string;

  @Field(() => String, { description: 'The field, such as kind or city.' })
  field!: string;

  @Field(() => String, { description: 'The value shown: the earliest article\'s claim (see Organization.conflicts).' })
  shown!: string;

  @Field(() => [ImportConflictSide], { description: 'Every claim on the field, earliest article first.' })
  claims!: ImportConflictSide[];
}

@ObjectType({ description: 'One side of a conflict: an article and the value it claims.', simpleResolvers: true })
export class ImportConflictSide {
  @Field(() => ID, { nullable: true, description: 'Global ID of the article.' })
  articleId!: string | null;

  @Field(() => String, { description: 'The value: text, or a global ID for a reference such as city.' })
  value!: string;
}

@ObjectType({ description: 'A new organization whose name is close to an existing one of the same country: not merged, for an editor to decide.', simpleResolvers: true })
export class PossibleDuplicate {
  @Field(() => ID, { description: 'Global ID of the organization the import created.' })
  organizationId!: string;

  @Field(() => String, { description: 'Its name.' })
  name!: string;

  @Field(() => ID, { description: 'Global ID of the existing organization it resembles.' })
  similarId!: string;

  @Field(() => String, { description: 'The name of the existing one that resembles it.' })
  similarName!: string;

  @Field(() => String, { description: 'Why they look alike.' })
  reason!: string;
}

@ObjectType({ description: 'A new person whose name is close to an existing one of the same country ("Li" beside "Li Wei", or the same names in another order): not merged, for an editor to decide.', simpleResolvers: true })
export class PossibleDuplicatePerson {
  @Field(() => ID, { description: 'Global ID of the person the import created.' })
  personId!: string;

  @Field(() => String, { description: 'Its name.' })
  name!: string;

  @Field(() => ID, { description: 'Global ID of the existing person it resembles.' })
  similarId!: string;

  @Field(() => String, { description: 'The name of the existing one.' })
  similarName!: string;

  @Field(() => String, { description: 'Why they look alike.' })
  reason!: string;
}

@ObjectType({ description: 'The result of `articleImport`: the article and what changed, or the problems that stopped it.', simpleResolvers: true })
export class ArticleImportPayload {
  @Field(() => Article, { nullable: true, description: 'The imported article; null when the document was refused.' })
  article!: Article | null;

  @Field(() => ImportStatus, { nullable: true, description: 'What the import did; null when the document was refused.' })
  status!: ImportStatus | null;

  @Field(() => [ImportChange], { description: 'Changes by kind of record; empty when nothing was written.' })
  changes!: ImportChange[];

  @Field(() => [SharedRecordMatch], { description: 'The shared records the document names, matched or new; empty when nothing was written.' })
  shared!: SharedRecordMatch[];

  @Field(() => [ImportConflict], { description: "Fields of shared records on which this article's claims and other articles' disagree; what other articles' records show did not change." })
  conflicts!: ImportConflict[];

  @Field(() => [PossibleDuplicate], { description: 'New organizations that look like existing ones; not merged.' })
  possibleDuplicates!: PossibleDuplicate[];

  @Field(() => [PossibleDuplicatePerson], { description: 'New people whose names look like existing ones; not merged.' })
  possibleDuplicatePeople!: PossibleDuplicatePerson[];

  @Field(() => [UserError], { description: 'Every problem found in the document; empty on success.' })
  userErrors!: UserError[];
}
