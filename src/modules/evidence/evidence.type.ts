import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Provenance of extracted facts: the exact quote of an article that supports them. `quote` always equals `article.body.slice(start, end)`.',
  simpleResolvers: true,
})
export class Evidence {
  @Field(() => String, { description: 'The supporting text, verbatim from the article body.' })
  quote!: string;

  @Field(() => Int, { description: 'Offset of the first character of the quote in the article body (UTF-16 code units, as JavaScript strings index).' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last character of the quote (exclusive).' })
  end!: number;
}

@ObjectType({
  description: 'A body of reference data (a standard, a gazetteer) that supplies facts the articles do not state, such as ISO codes and coordinates.',
  simpleResolvers: true,
})
export class ReferenceSource {
  @Field(() => String, { description: 'Name of the reference data set.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Where the reference data set is published.' })
  url!: string | null;
}
