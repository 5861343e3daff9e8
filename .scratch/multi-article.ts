// Two more articles, written for the tests (the reports are invented, the places are real), that share
// records with the seed article (A) and disagree with it:
// - B (version 1): the Liaocheng delegation's trip to Germany and Hungary. It calls China "the People's
//   Republic of China", types Liaocheng's coordinates slightly differently (within the gazetteer's tolerance),
//   spells Köln "Cologne" and Düsseldorf "Dusseldorf", and says Sinoglory (as "... Co., Ltd.") is from Jinan.
// - C (version 2): places only by mention ("Düsseldorf", "Koeln"), an exhibition centre the gazetteer lacks,
//   Sinoglory without its legal form, and a new company whose name is close to Sinoglory's.
// Quotes are located in the body by text, so a body can be edited without recounting offsets.

function quoter(body: string) {
  return (text: string, facts: string[], occurrence = 0) => {
    let start = -1;
    for (let i = 0; i <= occurrence; i++) start = body.indexOf(text, start + 1);
    if (start < 0) throw new Error(`fixture quote not in body: ${text}`);
    return { quote: text, start, end: start + text.length, facts };
  };
}

const bodyB = `Liaocheng trade delegation visits Germany and Hungary

Updated: 2023-11-08

A trade delegation from Liaocheng, a city of the People's Republic of China, visited Germany and Hungary from Oct 23 to 30 to seek investment and new markets.

In Cologne, the delegation attended the Anuga food fair on Oct 24, where Shandong Sinoglory Health Food Co., Ltd., a food company from Jinan, showed its products.

In Dusseldorf, the delegation held a Liaocheng investment promotion meeting on Oct 26.

In Debrecen, Hungary, the delegation met city officials on Oct 28.`;

export const articleBSlug = 'liaocheng-trade-delegation-visits-germany-and-hungary';

export function articleB() {
  const q = quoter(bodyB);
  return {
    version: 1,
    article: { slug: articleBSlug, title: 'Liaocheng trade delegation visits Germany and Hungary', body: bodyB, source: 'Test fixture', url: 'https://example.org/news/liaocheng-germany-hungary', updatedOn: '2023-11-08', language: 'en' },
    referenceSources: [
      { key: 'iso-3166-1', name: 'ISO 3166-1', url: 'https://www.iso.org/iso-3166-country-codes.html' },
      { key: 'geonames', name: 'GeoNames', url: 'https://www.geonames.org/' },
    ],
    countries: [
      { isoCode: 'CN', name: "People's Republic of China", referenceSource: 'iso-3166-1', evidence: [q("the People's Republic of China", ['name'])] },
      { isoCode: 'DE', name: 'Germany', referenceSource: 'iso-3166-1', evidence: [q('visited Germany and Hungary', ['name'])] },
      { isoCode: 'HU', name: 'Hungary', referenceSource: 'iso-3166-1', evidence: [q('In Debrecen, Hungary', ['name'])] },
    ],
    cities: [
      { key: 'liaocheng', name: 'Liaocheng', countryCode: 'CN', isCapital: false, latitude: 36.43, longitude: 116.05, referenceSource: 'geonames', evidence: [q('A trade delegation from Liaocheng', ['name'])] },
      { key: 'jinan', name: 'Jinan', countryCode: 'CN', isCapital: false, latitude: 36.66833, longitude: 116.99722, referenceSource: 'geonames', evidence: [q('a food company from Jinan', ['name'])] },
      { key: 'cologne', name: 'Cologne', countryCode: 'DE', isCapital: false, latitude: 50.93333, longitude: 6.95, referenceSource: 'geonames', evidence: [q('In Cologne', ['name'])] },
      { key: 'dusseldorf', name: 'Dusseldorf', countryCode: 'DE', isCapital: false, latitude: 51.22172, longitude: 6.77616, referenceSource: 'geonames', evidence: [q('In Dusseldorf', ['name'])] },
      { key: 'debrecen', name: 'Debrecen', countryCode: 'HU', isCapital: false, latitude: 47.53167, longitude: 21.62444, referenceSource: 'geonames', evidence: [q('In Debrecen, Hungary', ['name', 'country'])] },
    ],
    organizations: [
      {
        key: 'sinoglory', name: 'Shandong Sinoglory Health Food Co., Ltd.', kind: 'COMPANY', countryCode: 'CN', cityKey: 'jinan',
        evidence: [q('Shandong Sinoglory Health Food Co., Ltd., a food company from Jinan', ['name', 'kind', 'city'])],
      },
    ],
    delegations: [
      {
        key: 'liaocheng-trade', name: 'Liaocheng trade delegation', nameIsQuoted: false, homeCityKey: 'liaocheng', startDate: '2023-10-23', endDate: '2023-10-30', countriesVisited: ['DE', 'HU'],
        evidence: [q('A trade delegation from Liaocheng', ['homeCity']), q('visited Germany and Hungary from Oct 23 to 30', ['countriesVisited', 'startDate', 'endDate'])],
      },
    ],
    events: [
      {
        key: 'anuga', name: 'Anuga food fair', nameIsQuoted: true, kind: 'EXHIBITION', startDate: '2023-10-24', cityKey: 'cologne', countryCode: 'DE',
        participants: [{ delegationKey: 'liaocheng-trade', role: 'PARTICIPANT' }],
        evidence: [q('In Cologne, the delegation attended the Anuga food fair on Oct 24', ['name', 'kind', 'startDate', 'city', 'country', 'delegations'])],
      },
      {
        key: 'promotion', name: 'Liaocheng investment promotion meeting', nameIsQuoted: true, kind: 'BUSINESS_PROMOTION', startDate: '2023-10-26', cityKey: 'dusseldorf', countryCode: 'DE',
        participants: [{ delegationKey: 'liaocheng-trade', role: 'HOST' }],
        evidence: [q('In Dusseldorf, the delegation held a Liaocheng investment promotion meeting on Oct 26', ['name', 'kind', 'startDate', 'city', 'country', 'delegations'])],
      },
    ],
  };
}

const bodyC = `Shandong companies open offices in Düsseldorf

Updated: 2024-03-15

Two Shandong companies opened offices in Düsseldorf on March 12. Shandong Sinoglory Health Food, a Liaocheng company, and Sinoglory Health Food Trading Co will sell to German retailers.

Both showed their products at the Koelnmesse exhibition centre in Koeln the next day.`;

export const articleCSlug = 'shandong-companies-open-offices-in-dusseldorf';

export function articleC() {
  const q = quoter(bodyC);
  return {
    version: 2,
    article: { slug: articleCSlug, title: 'Shandong companies open offices in Düsseldorf', body: bodyC, source: 'Test fixture', url: 'https://example.org/news/shandong-offices-dusseldorf', updatedOn: '2024-03-15', language: 'en' },
    countries: [
      { isoCode: 'CN', name: 'China', evidence: [] },
      { isoCode: 'DE', name: 'Germany', evidence: [q('German retailers', ['name'])] },
    ],
    cities: [
      { key: 'liaocheng', name: 'Liaocheng', countryCode: 'CN', evidence: [q('a Liaocheng company', ['name'])] },
      { key: 'dusseldorf', name: 'Düsseldorf', countryCode: 'DE', evidence: [q('opened offices in Düsseldorf', ['name'])] },
      { key: 'koeln', name: 'Koeln', countryCode: 'DE', evidence: [q('in Koeln', ['name'])] },
      { key: 'koelnmesse', name: 'Koelnmesse exhibition centre', countryCode: 'DE', unlisted: true, latitude: 50.9472, longitude: 6.9826, evidence: [q('the Koelnmesse exhibition centre', ['name'])] },
    ],
    organizations: [
      { key: 'sinoglory', name: 'Shandong Sinoglory Health Food', kind: 'COMPANY', countryCode: 'CN', cityKey: 'liaocheng', evidence: [q('Shandong Sinoglory Health Food, a Liaocheng company', ['name', 'kind', 'city'])] },
      { key: 'trading', name: 'Sinoglory Health Food Trading Co', kind: 'COMPANY', countryCode: 'CN', evidence: [q('Sinoglory Health Food Trading Co', ['name', 'kind'])] },
    ],
    events: [
      {
        key: 'offices', name: 'opening of offices', nameIsQuoted: false, kind: 'OTHER', cityKey: 'dusseldorf', countryCode: 'DE', organizerKeys: ['sinoglory', 'trading'],
        evidence: [
          q('Two Shandong companies opened offices in Düsseldorf', ['kind', 'city', 'country', 'organizers']),
          q('Shandong Sinoglory Health Food, a Liaocheng company, and Sinoglory Health Food Trading Co', ['organizers']),
        ],
      },
      {
        key: 'showing', name: 'product showing at Koelnmesse', nameIsQuoted: false, kind: 'EXHIBITION', cityKey: 'koelnmesse', countryCode: 'DE', organizerKeys: ['sinoglory', 'trading'],
        evidence: [
          q('Both showed their products at the Koelnmesse exhibition centre', ['kind', 'city', 'country', 'organizers']),
          q('Shandong Sinoglory Health Food, a Liaocheng company, and Sinoglory Health Food Trading Co', ['organizers']),
        ],
      },
    ],
  };
}
