import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Article } from '../article/article.type.js';
import { issueCodes, type IssueCode } from './validate.js';

export const UserErrorCode = Object.fromEntries(Object.keys(issueCodes).map((code) => [code, code])) as { [K in IssueCode]: K };
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why an import or an edit was refused.',
  valuesConfig: Object.fromEntries(Object.entries(issueCodes).map(([code, description]) => [code, { description }])),
});

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

@ObjectType({ description: 'A problem with the input, at the path of the field that causes it; nothing was written.', simpleResolvers: true })
export class UserError {
  @Field(() => [String], { description: 'Path to the offending field from the mutation argument, such as ["input", "events", "2", "evidence", "0", "quote"].' })
  path!: string[];

  @Field(() => String, { description: 'What is wrong, for people.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'What is wrong, for programs.' })
  code!: IssueCode;
}

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

@ObjectType({ description: 'The result of `articleImport`: the article and what changed, or the problems that stopped it.', simpleResolvers: true })
export class ArticleImportPayload {
  @Field(() => Article, { nullable: true, description: 'The imported article; null when the document was refused.' })
  article!: Article | null;

  @Field(() => ImportStatus, { nullable: true, description: 'What the import did; null when the document was refused.' })
  status!: ImportStatus | null;

  @Field(() => [ImportChange], { description: 'Changes by kind of record; empty when nothing was written.' })
  changes!: ImportChange[];

  @Field(() => [UserError], { description: 'Every problem found in the document; empty on success.' })
  userErrors!: UserError[];
}
