import type { Context } from '../../context.js';
import { countryCodeArg } from '../../shared/filters.js';

export function listCountries({ db }: Context) {
  return db.country.findMany({ orderBy: { name: 'asc' } });
}

export function listCities({ db }: Context, countryCode: string | null | undefined) {
  const where = countryCode == null ? {} : { country: { isoCode: countryCodeArg(countryCode, ['countryCode']) } };
  return db.city.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}
