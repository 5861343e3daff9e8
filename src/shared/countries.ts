import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

// Only the English names are registered: the codes are what we validate, the names are a fallback.
countries.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/en.json'));

/** True for an assigned ISO 3166-1 alpha-2 code, upper case. */
export function isIsoCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** The English short name of an ISO code, such as Kazakhstan for KZ. */
export function countryName(code: string): string {
  return countries.getName(code, 'en', { select: 'alias' }) ?? code;
}

/** The reference source of countries named only by their code: ISO 3166-1, through i18n-iso-countries. */
export const ISO_3166_SOURCE: { key: string; name: string; url: string | null } = { key: 'iso-3166-1', name: 'ISO 3166-1 alpha-2 country codes (via the i18n-iso-countries package)', url: 'https://www.iso.org/iso-3166-country-codes.html' };

/** Every English name of an ISO code that an article may use: the short name, the official one and aliases. */
export function countryNames(code: string): string[] {
  const names = countries.getName(code, 'en', { select: 'all' }) ?? [];
  return Array.isArray(names) ? names : [names];
}
