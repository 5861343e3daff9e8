import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { City as CityRow, Country as CountryRow } from '../../generated/prisma/client.js';
import { loadRequired } from '../../shared/loaders.js';
import { gazetteer } from '../../reference/gazetteer.js';
import { claimView } from '../claim/claim.service.js';
import { Claim } from '../claim/claim.type.js';
import { extractedRecordResolver } from '../evidence/extracted.resolver.js';
import { ReferenceSource } from '../evidence/evidence.type.js';
import { listCities, listCountries } from './place.service.js';
import { City, Country } from './place.type.js';

@Resolver(() => Country)
export class CountryResolver extends extractedRecordResolver(Country, 'Country', 'countryId') {
  @Query(() => [Country], { description: 'Every country the data mentions, by name.' })
  countries(@Ctx() ctx: Context) {
    return listCountries(ctx);
  }

  @FieldResolver(() => [City], { description: 'The cities of this country that the data mentions, by name.' })
  cities(@Root() country: CountryRow, @Ctx() { loaders }: Context) {
    return loaders.citiesByCountry.load(country.id);
  }

  @FieldResolver(() => ReferenceSource, { description: 'Where the ISO code and name come from.' })
  referenceSource(@Root() country: CountryRow, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.referenceSource, country.referenceSourceId);
  }

  @FieldResolver(() => [Claim], { description: 'How each article names the country, with its quotes (the `name` shown is the ISO 3166-1 name).' })
  async spellings(@Root() country: CountryRow, @Ctx() { loaders }: Context) {
    return (await loaders.claims.countryId.load(country.id)).filter((c) => c.field === 'name').map(claimView);
  }
}

@Resolver(() => City)
export class CityResolver extends extractedRecordResolver(City, 'City', 'cityId') {
  @Query(() => [City], { description: 'Every city the data mentions, by name; optionally only those of one country.' })
  cities(
    @Ctx() ctx: Context,
    @Arg('countryCode', () => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code, such as UZ.' }) countryCode?: string | null,
  ) {
    return listCities(ctx, countryCode);
  }

  @FieldResolver(() => Country, { description: 'The country the city is in.' })
  country(@Root() city: CityRow, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.country, city.countryId);
  }

  @FieldResolver(() => ReferenceSource, { description: 'Where the name, coordinates and capital status come from: the gazetteer, or the article that added a place the gazetteer lacks.' })
  referenceSource(@Root() city: CityRow, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.referenceSource, city.referenceSourceId);
  }

  @FieldResolver(() => Boolean, { description: 'True when the place and its values come from the gazetteer; false for a place an article added.' })
  fromReference(@Root() city: CityRow): boolean {
    return city.geonameId != null;
  }

  @FieldResolver(() => [String], { description: "The gazetteer's alternate names of the place (other languages, old names, codes); empty for a place not in it." })
  alternateNames(@Root() city: CityRow): string[] {
    return city.geonameId == null ? [] : (gazetteer().place(city.geonameId)?.alternateNames ?? []);
  }

  @FieldResolver(() => [Claim], { description: 'How each article spells the place ("Cologne", "Koeln"), with its quotes.' })
  async spellings(@Root() city: CityRow, @Ctx() { loaders }: Context) {
    return (await loaders.claims.cityId.load(city.id)).filter((c) => c.field === 'name').map(claimView);
  }
}
