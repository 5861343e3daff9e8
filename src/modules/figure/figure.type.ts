import { FEDERATION_KEY } from '../../shared/federation-key.js';
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FigureQualifier } from '../../generated/prisma/enums.js';
import { Node } from '../node/node.type.js';

registerEnumType(FigureQualifier, {
  name: 'FigureQualifier',
  description: 'How exactly the article states a number.',
  valuesConfig: {
    EXACT: { description: 'The number as it is ("60 representatives").' },
    APPROXIMATE: { description: 'About the number ("about 60", "nearly 60").' },
    MORE_THAN: { description: 'More than the number ("more than 1,500", "over 1,500").' },
    LESS_THAN: { description: 'Less than the number ("fewer than 20", "under 20").' },
    RANGE: { description: 'A range: from `value` to `upTo` ("20 to 30").' },
  },
});

@Directive(FEDERATION_KEY)
@ObjectType({
  implements: Node,
  description: 'A number an article states, such as "60 representatives" or "USD 1.2 million", of one delegation, event or agreement; its quotes contain the number.',
  simpleResolvers: true,
})
export class Figure extends Node {
  @Field(() => Int, { description: 'Incremented by every change.' })
  version!: number;

  @Field(() => Float, { description: 'The number (a range\'s low end): "USD 1.2 million" is 1200000.' })
  value!: number;

  @Field(() => Float, { nullable: true, description: "A range's high end; null unless `qualifier` is RANGE." })
  upTo!: number | null;

  @Field(() => FigureQualifier, { description: 'Exact, approximate, a bound, or a range.' })
  qualifier!: FigureQualifier;

  @Field(() => String, { description: 'What it counts or measures, as the article says it: "representatives", "enterprises", "USD", "tons".' })
  unit!: string;

  @Field(() => String, { description: 'The unit as stats sum it: singular and folded ("representative"), or a currency\'s ISO 4217 code ("USD" for "US dollars" and "$").' })
  unitKey!: string;

  @Field(() => String, { nullable: true, description: 'What the number is about, when the unit alone does not say ("value of the contracts signed").' })
  description!: string | null;
}

@ObjectType({ description: 'The figures of one unit under a stats filter, summed.', simpleResolvers: true })
export class FigureTotal {
  @Field(() => String, { description: 'The unit key (see `Figure.unitKey`).' })
  unit!: string;

  @Field(() => Int, { description: 'How many figures are summed.' })
  figures!: number;

  @Field(() => Float, { description: 'The sum of their values (of a range, its low end).' })
  total!: number;

  @Field(() => Boolean, { description: 'True when every figure summed is EXACT; otherwise `total` is approximate or a bound (a MORE_THAN figure counts its number).' })
  exact!: boolean;
}
