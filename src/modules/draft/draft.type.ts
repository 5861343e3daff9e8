import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../shared/user-error.type.js';

@ObjectType({ description: 'Something the draft was unsure of, at the words of the article it is about.', simpleResolvers: true })
export class DraftNote {
  @Field(() => String, { description: 'The document section of the record (countries, cities, ..., figures), or article.' })
  section!: string;

  @Field(() => String, { nullable: true, description: "The record's key in the document (a country's ISO code); null for the article." })
  key!: string | null;

  @Field(() => String, { description: 'What to check, and why.' })
  message!: string;

  @Field(() => String, { description: 'The words it is about (the body from start to end).' })
  quote!: string;

  @Field(() => Int, { description: 'Offset of the first character in the body (UTF-16 code units).' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last character.' })
  end!: number;
}

@ObjectType({ description: 'A drafted import document and what it was unsure of. Nothing was written.', simpleResolvers: true })
export class ArticleDraftPayload {
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'A version-2 import document, every record cited at spans of the body, that articleImport accepts as it is; null with userErrors.' })
  document!: Record<string, unknown> | null;

  @Field(() => [DraftNote], { description: 'What to check before importing: inferred years, places the gazetteer had more than one of, countries guessed, facts left out because no quote backed them.' })
  notes!: DraftNote[];

  @Field(() => [UserError], { description: 'Problems with the input, at its path; then there is no document.' })
  userErrors!: UserError[];
}
