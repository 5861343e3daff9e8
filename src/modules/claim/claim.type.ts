import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'What one article says about a shared record (a country, a city, an organization): the value it gives one field, with that article\'s quotes. ' +
    'Shared records show reference data where there is one, else the earliest article\'s claim (docs/data-model.md); claims are never overwritten by other articles.',
})
export class Claim {
  @Field(() => String, { description: 'The field the claim is about, such as name, kind or city.' })
  field!: string;

  @Field(() => String, { description: 'The value the article gives: a name or a kind as text, true/false, or the global ID of a record (for city).' })
  value!: string;
}

@ObjectType({ description: 'A field of a shared record on which articles disagree: the value shown, and every claim.' })
export class ClaimConflict {
  @Field(() => String, { description: 'The field, such as kind or city.' })
  field!: string;

  @Field(() => String, { description: 'The value shown: the earliest article\'s claim.' })
  shown!: string;

  @Field(() => [Claim], { description: 'Every claim on the field, earliest article first.' })
  claims!: Claim[];
}
