import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from '../node/node.type.js';

@ObjectType({
  implements: Node,
  description: 'A country. Its ISO code and name are reference data (see `referenceSource`), not article evidence.',
  simpleResolvers: true,
})
export class Country extends Node {
  @Field(() => String, { description: 'Short English name, such as Kazakhstan.' })
  name!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code, such as KZ.' })
  isoCode!: string;
}

@ObjectType({
  implements: Node,
  description: 'A city. Its coordinates and capital status are reference data from a gazetteer (see `referenceSource`).',
  simpleResolvers: true,
})
export class City extends Node {
  @Field(() => String, { description: 'English name, as in the gazetteer.' })
  name!: string;

  @Field(() => Boolean, { description: "True when the city is its country's capital." })
  isCapital!: boolean;

  @Field(() => Float, { description: 'Latitude in decimal degrees (WGS 84), from the gazetteer.' })
  latitude!: number;

  @Field(() => Float, { description: 'Longitude in decimal degrees (WGS 84), from the gazetteer.' })
  longitude!: number;
}
