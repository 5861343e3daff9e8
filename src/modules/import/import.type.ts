import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
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
