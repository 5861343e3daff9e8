import { FEDERATION_KEY } from '../../shared/federation-key.js';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../node/node.type.js';

@Directive(FEDERATION_KEY)
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

@Directive(FEDERATION_KEY)
@ObjectType({
  implements: Node,
  description:
    'A place: a GeoNames place whose name, coordinates, region and capital status are reference data (see `referenceSource`), ' +
    'or a place the gazetteer lacks, added by an article and marked by `fromReference: false`. Articles\' spellings of it are its `spellings`.',
  simpleResolvers: true,
})
export class City extends Node {
  @Field(() => String, { description: 'Reference name, as in the gazetteer (Köln, not Cologne); for a place not in the gazetteer, as the article that added it spells it.' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'GeoNames id (geonames.org/<id>); null for a place not in the gazetteer.' })
  geonameId!: number | null;

  @Field(() => String, { nullable: true, description: 'First-level division (province, state), from the gazetteer.' })
  region!: string | null;

  @Field(() => Int, { nullable: true, description: 'Population, from the gazetteer.' })
  population!: number | null;

  @Field(() => Boolean, { description: "True when the city is its country's capital." })
  isCapital!: boolean;

  @Field(() => Float, { description: 'Latitude in decimal degrees (WGS 84), from the gazetteer.' })
  latitude!: number;

  @Field(() => Float, { description: 'Longitude in decimal degrees (WGS 84), from the gazetteer.' })
  longitude!: number;
}
