import { Field, InputType, Int } from 'type-graphql';

// What every record of the document input has (its key and quotes), shared by document.input.ts and
// document-people.input.ts.

@InputType('DocumentEvidenceInput', { description: 'A quote of the article body that supports some facts of the record it belongs to.' })
export class DocumentEvidenceInput {
  @Field(() => String, { description: 'The exact text of the body.' })
  quote!: string;

  @Field(() => Int, { nullable: true, description: 'UTF-16 offset where the quote starts; may be left out when the quote occurs exactly once.' })
  start?: number | null;

  @Field(() => Int, { nullable: true, description: 'UTF-16 offset just past the quote; may be left out like `start`.' })
  end?: number | null;

  @Field(() => [String], { defaultValue: [], description: 'The record fields this quote supports, such as `name` or `startDate`.' })
  facts!: string[];
}

// Registered only so the inputs that extend them inherit their fields; not emitted, as no field uses them.
/** What every extracted record of a document has: its key and its quotes. */
@InputType()
export abstract class DocumentRecordInput {
  @Field(() => String, { description: 'Key, unique among the records of its kind in the document; records refer to each other, and re-imports match, by it.' })
  key!: string;

  @Field(() => [DocumentEvidenceInput], { defaultValue: [], description: 'Quotes of the body that support the record, each naming the facts it supports.' })
  evidence!: DocumentEvidenceInput[];
}

/** A record the article places somewhere. */
@InputType()
export abstract class DocumentPlacedInput extends DocumentRecordInput {
  @Field(() => String, { nullable: true, description: 'Key of its city, listed in `cities`.' })
  cityKey?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO code of its country, listed in `countries`.' })
  countryCode?: string | null;
}
