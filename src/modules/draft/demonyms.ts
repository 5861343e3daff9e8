import type { CountryMention } from './places.js';

// Countries an article names by their adjective: "Two Hungarian companies", "Polish enterprises". English
// adjectives of the countries news on delegations mentions most; a country named only so still counts.
const demonyms: Record<string, string> = {
  Chinese: 'CN', Kazakh: 'KZ', Kazakhstani: 'KZ', Uzbek: 'UZ', Uzbekistani: 'UZ', Kyrgyz: 'KG', Tajik: 'TJ', Turkmen: 'TM', Mongolian: 'MN',
  Russian: 'RU', Belarusian: 'BY', Ukrainian: 'UA', Georgian: 'GE', Azerbaijani: 'AZ', Armenian: 'AM', Turkish: 'TR', Iranian: 'IR', Pakistani: 'PK',
  Indian: 'IN', Japanese: 'JP', Korean: 'KR', 'South Korean': 'KR', Thai: 'TH', Vietnamese: 'VN', Malaysian: 'MY', Indonesian: 'ID', Singaporean: 'SG',
  Filipino: 'PH', Cambodian: 'KH', Laotian: 'LA', German: 'DE', Hungarian: 'HU', Polish: 'PL', Czech: 'CZ', Slovak: 'SK', Austrian: 'AT', Swiss: 'CH',
  French: 'FR', Italian: 'IT', Spanish: 'ES', Portuguese: 'PT', Dutch: 'NL', Belgian: 'BE', British: 'GB', Irish: 'IE', Swedish: 'SE', Finnish: 'FI',
  Norwegian: 'NO', Danish: 'DK', Greek: 'GR', Serbian: 'RS', Croatian: 'HR', Romanian: 'RO', Bulgarian: 'BG', Lithuanian: 'LT', Latvian: 'LV',
  Estonian: 'EE', American: 'US', Canadian: 'CA', Mexican: 'MX', Brazilian: 'BR', Argentine: 'AR', Chilean: 'CL', Peruvian: 'PE', Australian: 'AU',
  Egyptian: 'EG', Saudi: 'SA', Emirati: 'AE', Israeli: 'IL', Kenyan: 'KE', Nigerian: 'NG', Ethiopian: 'ET', 'South African': 'ZA',
};

const pattern = new RegExp(`(?<![\\p{L}])(?:${Object.keys(demonyms).sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}])`, 'gu');

/** Every country adjective of the body, as a mention of its country. */
export function demonymMentions(body: string): CountryMention[] {
  return [...body.matchAll(pattern)].map((m) => ({ code: demonyms[m[0]]!, text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Whether a mention is an adjective rather than the country's name. */
export const isDemonym = (mention: CountryMention) => mention.text in demonyms;
