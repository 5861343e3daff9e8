// Synthetic data for benchmarks and query-plan tests: articles shaped like the seed article (two nested
// delegations, about three countries, ten events of which a quarter dated, three agreements, three images,
// two organizations each), over real places, seeded and deterministic. Each article is built as an article
// document and checked by the importer's own validator; then it is written either in bulk through the
// Prisma models (createMany, many articles per transaction, the same rows the importer writes) or through
// importDocument itself, one article per transaction (slower, also audited).
import type { ArticleDocument } from '../src/modules/import/document.js';
import { advanceSequences, nextIds } from '../src/db/sequences.js';
import { takeWriteLock, type Tx } from '../src/db/write-lock.js';
import { documentHash, importDocument } from '../src/modules/import/import.service.js';
import { validateDocument } from '../src/modules/import/validate.js';
import type { Prisma } from '../src/generated/prisma/client.js';
import {
  AgreementKind,
  AgreementPartyRole,
  EventKind,
  OrganizationKind,
  ParticipationRole,
} from '../src/generated/prisma/enums.js';
import type { Db } from '../src/db/client.js';
import { countryName, ISO_3166_SOURCE } from '../src/shared/countries.js';
import { organizationKey } from '../src/shared/names.js';
import { GEONAMES_SOURCE } from '../src/reference/gazetteer.js';
import { organizationClaims } from '../src/modules/import/claims.js';
import { locate, placeData } from '../src/modules/import/places.js';

/** The `source` of every synthetic article: how they are found again (and removed by `replace`). */
export const SYNTH_SOURCE = 'Synthetic data (npm run db:synth)';
/** The actor of the audit entries written when synthesizing through the importer. */
export const SYNTH_ACTOR = 'synth';

/** A refusal the caller should print as is (synthetic data already present, a bad argument). */
export class SynthError extends Error {
  override name = 'SynthError';
}

// ---------------------------------------------------------------------------------------------------
// A small seeded PRNG (mulberry32): the same seed gives the same data on every machine.

export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let at = this.next() * total;
    for (const [item, w] of items) {
      at -= w;
      if (at < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  /** Up to `count` distinct items, drawn by weight without replacement. */
  sample<T>(items: readonly T[], count: number, weight: (item: T) => number = () => 1): T[] {
    const left = items.map((item) => ({ item, weight: weight(item) })).filter((entry) => entry.weight > 0);
    const out: T[] = [];
    while (out.length < count && left.length > 0) {
      const chosen = this.weighted(left.map((entry, i) => [i, entry.weight] as const));
      out.push(left[chosen]!.item);
      left.splice(chosen, 1);
    }
    return out;
  }
}

/** An independent stream per article, so an article's content depends only on the seed and its index. */
function articleSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca77)) >>> 0;
}

// ---------------------------------------------------------------------------------------------------
// Reference data: real countries (ISO 3166-1) and cities with GeoNames coordinates (the seed's own values
// where the seed has the city), and the home regions delegations come from.

type CityRow = readonly [name: string, latitude: number, longitude: number, isCapital: boolean, weight: number];
interface CountryData {
  iso: string;
  name: string;
  /** The part of the world, for titles such as "Liaocheng delegation visits Central Asia". */
  area: string;
  /** How often delegations from China go there. */
  weight: number;
  /** The legal form local company names end with. */
  suffix: string;
  cities: readonly CityRow[];
}

const COUNTRIES: readonly CountryData[] = [
  { iso: 'CN', name: 'China', area: 'China', weight: 0, suffix: 'Co', cities: [
    ['Beijing', 39.9075, 116.39723, true, 6], ['Shanghai', 31.22222, 121.45806, false, 5],
    ['Jinan', 36.66833, 116.99722, false, 1], ['Qingdao', 36.06488, 120.38042, false, 2], ['Liaocheng', 36.45064, 116.00247, false, 1],
    ['Yantai', 37.47649, 121.44081, false, 1], ['Weifang', 36.71, 119.10194, false, 1],
    ['Nanjing', 32.06167, 118.77778, false, 1], ['Changzhou', 31.77359, 119.95401, false, 1], ['Wuxi', 31.56887, 120.28857, false, 1],
    ['Hangzhou', 30.29365, 120.16142, false, 2], ['Ningbo', 29.87819, 121.54945, false, 1], ['Yiwu', 29.31506, 120.07676, false, 1],
    ['Zhengzhou', 34.75778, 113.64861, false, 1], ['Luoyang', 34.68361, 112.45361, false, 1],
    ['Guangzhou', 23.11667, 113.25, false, 2], ['Shenzhen', 22.54554, 114.0683, false, 2], ['Foshan', 23.02677, 113.13148, false, 1],
    ['Chengdu', 30.66667, 104.06667, false, 2], ['Deyang', 31.13019, 104.38198, false, 1],
    ['Putian', 25.43944, 119.01028, false, 1], ['Xiamen', 24.47979, 118.08187, false, 1], ['Quanzhou', 24.91389, 118.58583, false, 1],
    ['Wuhan', 30.58333, 114.26667, false, 2], ['Yichang', 30.71444, 111.28472, false, 1],
    ['Urumqi', 43.80096, 87.60046, false, 1], ['Kashgar', 39.4704, 75.9898, false, 1],
  ] },
  { iso: 'KZ', name: 'Kazakhstan', area: 'Central Asia', weight: 10, suffix: 'LLP', cities: [
    ['Astana', 51.1801, 71.44598, true, 4], ['Almaty', 43.25, 76.91667, false, 3], ['Shymkent', 42.3, 69.6, false, 1],
    ['Karaganda', 49.83333, 73.1658, false, 1], ['Aktobe', 50.27969, 57.20718, false, 1],
  ] },
  { iso: 'UZ', name: 'Uzbekistan', area: 'Central Asia', weight: 9, suffix: 'JSC', cities: [
    ['Tashkent', 41.26465, 69.21627, true, 4], ['Samarkand', 39.65456, 66.96445, false, 2], ['Bukhara', 39.77472, 64.42861, false, 1],
    ['Andijan', 40.78206, 72.34424, false, 1],
  ] },
  { iso: 'KG', name: 'Kyrgyzstan', area: 'Central Asia', weight: 6, suffix: 'LLC', cities: [
    ['Bishkek', 42.87, 74.59, true, 4], ['Osh', 40.52828, 72.7985, false, 1],
  ] },
  { iso: 'TJ', name: 'Tajikistan', area: 'Central Asia', weight: 4, suffix: 'LLC', cities: [
    ['Dushanbe', 38.53575, 68.77905, true, 3], ['Khujand', 40.28256, 69.62216, false, 1],
  ] },
  { iso: 'TM', name: 'Turkmenistan', area: 'Central Asia', weight: 2, suffix: 'Company', cities: [['Ashgabat', 37.95, 58.38333, true, 1]] },
  { iso: 'RU', name: 'Russia', area: 'Russia', weight: 8, suffix: 'LLC', cities: [
    ['Moscow', 55.75222, 37.61556, true, 4], ['Saint Petersburg', 59.93863, 30.31413, false, 2], ['Kazan', 55.78874, 49.12214, false, 1],
    ['Novosibirsk', 55.0415, 82.9346, false, 1], ['Vladivostok', 43.10562, 131.87353, false, 1],
  ] },
  { iso: 'MN', name: 'Mongolia', area: 'Mongolia', weight: 3, suffix: 'LLC', cities: [['Ulaanbaatar', 47.90771, 106.88324, true, 1]] },
  { iso: 'DE', name: 'Germany', area: 'Europe', weight: 6, suffix: 'GmbH', cities: [
    ['Berlin', 52.52437, 13.41053, true, 3], ['Düsseldorf', 51.22172, 6.77616, false, 1], ['Hamburg', 53.57532, 10.01534, false, 2],
    ['Munich', 48.13743, 11.57549, false, 2], ['Cologne', 50.93333, 6.95, false, 1], ['Duisburg', 51.43247, 6.76516, false, 1],
    ['Nuremberg', 49.45421, 11.07752, false, 1], ['Frankfurt am Main', 50.11552, 8.68417, false, 2],
  ] },
  { iso: 'FR', name: 'France', area: 'Europe', weight: 3, suffix: 'SAS', cities: [
    ['Paris', 48.85341, 2.3488, true, 3], ['Lyon', 45.74846, 4.84671, false, 1], ['Marseille', 43.29695, 5.38107, false, 1],
  ] },
  { iso: 'IT', name: 'Italy', area: 'Europe', weight: 3, suffix: 'SpA', cities: [
    ['Rome', 41.89193, 12.51133, true, 3], ['Milan', 45.46427, 9.18951, false, 2], ['Bergamo', 45.69601, 9.66721, false, 1],
    ['Brescia', 45.53558, 10.21472, false, 1],
  ] },
  { iso: 'HU', name: 'Hungary', area: 'Europe', weight: 3, suffix: 'Kft', cities: [['Budapest', 47.49835, 19.04045, true, 1]] },
  { iso: 'PL', name: 'Poland', area: 'Europe', weight: 3, suffix: 'SA', cities: [
    ['Warsaw', 52.22977, 21.01178, true, 2], ['Łódź', 51.75, 19.46667, false, 1],
  ] },
  { iso: 'RS', name: 'Serbia', area: 'Europe', weight: 3, suffix: 'doo', cities: [
    ['Belgrade', 44.80401, 20.46513, true, 2], ['Novi Sad', 45.25167, 19.83694, false, 1],
  ] },
  { iso: 'TR', name: 'Türkiye', area: 'the Middle East', weight: 4, suffix: 'AŞ', cities: [
    ['Ankara', 39.91987, 32.85427, true, 2], ['Istanbul', 41.01384, 28.94966, false, 3], ['Izmir', 38.41273, 27.13838, false, 1],
  ] },
  { iso: 'AE', name: 'United Arab Emirates', area: 'the Middle East', weight: 4, suffix: 'LLC', cities: [
    ['Abu Dhabi', 24.45118, 54.39696, true, 2], ['Dubai', 25.07725, 55.30927, false, 3],
  ] },
  { iso: 'SA', name: 'Saudi Arabia', area: 'the Middle East', weight: 3, suffix: 'Co', cities: [
    ['Riyadh', 24.68773, 46.72185, true, 2], ['Jeddah', 21.54238, 39.19797, false, 1],
  ] },
  { iso: 'EG', name: 'Egypt', area: 'Africa', weight: 3, suffix: 'SAE', cities: [
    ['Cairo', 30.06263, 31.24967, true, 2], ['Alexandria', 31.20176, 29.91582, false, 1],
  ] },
  { iso: 'KE', name: 'Kenya', area: 'Africa', weight: 2, suffix: 'Ltd', cities: [
    ['Nairobi', -1.28333, 36.81667, true, 2], ['Mombasa', -4.05466, 39.66359, false, 1],
  ] },
  { iso: 'ZA', name: 'South Africa', area: 'Africa', weight: 2, suffix: 'Pty Ltd', cities: [
    ['Pretoria', -25.74486, 28.18783, true, 1], ['Johannesburg', -26.20227, 28.04363, false, 2], ['Cape Town', -33.92584, 18.42322, false, 1],
  ] },
  { iso: 'BR', name: 'Brazil', area: 'South America', weight: 2, suffix: 'Ltda', cities: [
    ['Brasília', -15.77972, -47.92972, true, 1], ['São Paulo', -23.5475, -46.63611, false, 2],
  ] },
  { iso: 'TH', name: 'Thailand', area: 'Southeast Asia', weight: 4, suffix: 'Co Ltd', cities: [['Bangkok', 13.75398, 100.50144, true, 1]] },
  { iso: 'VN', name: 'Vietnam', area: 'Southeast Asia', weight: 4, suffix: 'JSC', cities: [
    ['Hanoi', 21.0245, 105.84117, true, 2], ['Ho Chi Minh City', 10.82302, 106.62965, false, 2],
  ] },
  { iso: 'MY', name: 'Malaysia', area: 'Southeast Asia', weight: 4, suffix: 'Sdn Bhd', cities: [
    ['Kuala Lumpur', 3.1412, 101.68653, true, 2], ['George Town', 5.41123, 100.33543, false, 1],
  ] },
  { iso: 'ID', name: 'Indonesia', area: 'Southeast Asia', weight: 3, suffix: 'Group', cities: [
    ['Jakarta', -6.21462, 106.84513, true, 2], ['Surabaya', -7.24917, 112.75083, false, 1],
  ] },
  { iso: 'PK', name: 'Pakistan', area: 'South Asia', weight: 4, suffix: 'Pvt Ltd', cities: [
    ['Islamabad', 33.72148, 73.04329, true, 2], ['Lahore', 31.558, 74.35071, false, 1], ['Karachi', 24.8608, 67.0104, false, 1],
  ] },
];

interface RegionData {
  name: string;
  country: string;
  /** The government organization, named as the seed names Shandong's. */
  government: string;
  weight: number;
  cities: readonly string[];
  crafts: readonly string[];
  brands: readonly string[];
}

const CHINESE_BRANDS = ['Huatai', 'Jinlong', 'Hengxin', 'Tianrun', 'Xinyuan', 'Dongfang', 'Ruifeng', 'Zhongda', 'Hongtu', 'Shengli', 'Lianhe', 'Haida', 'Yuanhang', 'Fuxing', 'Jiahe', 'Sinoglory'];
const REGIONS: readonly RegionData[] = [
  { name: 'Shandong', country: 'CN', government: 'Shandong provincial government', weight: 16, cities: ['Jinan', 'Qingdao', 'Liaocheng', 'Yantai', 'Weifang'], crafts: ['paper-cutting artwork', 'gourd pyrography works', 'Weifang kites', 'black pottery'], brands: CHINESE_BRANDS },
  { name: 'Jiangsu', country: 'CN', government: 'Jiangsu provincial government', weight: 10, cities: ['Nanjing', 'Changzhou', 'Wuxi'], crafts: ['Suzhou embroidery', 'silk products', 'Yixing teapots'], brands: CHINESE_BRANDS },
  { name: 'Zhejiang', country: 'CN', government: 'Zhejiang provincial government', weight: 10, cities: ['Hangzhou', 'Ningbo', 'Yiwu'], crafts: ['Longquan celadon', 'silk umbrellas', 'Longjing tea'], brands: CHINESE_BRANDS },
  { name: 'Henan', country: 'CN', government: 'Henan provincial government', weight: 8, cities: ['Zhengzhou', 'Luoyang'], crafts: ['peony paintings', 'Ru porcelain'], brands: CHINESE_BRANDS },
  { name: 'Guangdong', country: 'CN', government: 'Guangdong provincial government', weight: 10, cities: ['Guangzhou', 'Shenzhen', 'Foshan'], crafts: ['Cantonese embroidery', 'Shiwan pottery'], brands: CHINESE_BRANDS },
  { name: 'Sichuan', country: 'CN', government: 'Sichuan provincial government', weight: 8, cities: ['Chengdu', 'Deyang'], crafts: ['Shu embroidery', 'bamboo weaving'], brands: CHINESE_BRANDS },
  { name: 'Fujian', country: 'CN', government: 'Fujian provincial government', weight: 8, cities: ['Putian', 'Xiamen', 'Quanzhou'], crafts: ['Dehua porcelain', 'oolong tea'], brands: CHINESE_BRANDS },
  { name: 'Hubei', country: 'CN', government: 'Hubei provincial government', weight: 7, cities: ['Wuhan', 'Yichang'], crafts: ['lacquerware', 'Han embroidery'], brands: CHINESE_BRANDS },
  { name: 'Xinjiang', country: 'CN', government: 'Xinjiang Uygur Autonomous Region government', weight: 7, cities: ['Urumqi', 'Kashgar'], crafts: ['Atlas silk', 'handwoven carpets'], brands: CHINESE_BRANDS },
  { name: 'North Rhine-Westphalia', country: 'DE', government: 'North Rhine-Westphalia state government', weight: 5, cities: ['Düsseldorf', 'Cologne', 'Duisburg'], crafts: ['industrial design', 'machine tools'], brands: ['Rhein', 'Nordstern', 'Adler', 'Falken', 'Sonnen', 'Ruhrtal'] },
  { name: 'Bavaria', country: 'DE', government: 'Bavarian state government', weight: 4, cities: ['Munich', 'Nuremberg'], crafts: ['precision instruments', 'wooden toys'], brands: ['Alpen', 'Isar', 'Franken', 'Donau', 'Edelweiss'] },
  { name: 'Lombardy', country: 'IT', government: 'Lombardy regional government', weight: 4, cities: ['Milan', 'Bergamo', 'Brescia'], crafts: ['fashion design', 'handmade furniture'], brands: ['Aurora', 'Vela', 'Stella', 'Lario', 'Orobica'] },
];

const FOREIGN_BRANDS = ['Silk Road', 'Eurasia', 'Nova', 'Orient', 'Unity', 'Atlas', 'Horizon', 'Pioneer', 'Meridian', 'Caravan'];
const INDUSTRIES = ['Machinery', 'Textile', 'Agricultural Products', 'Food', 'Pharmaceutical', 'New Energy', 'Auto Parts', 'Building Materials', 'Chemical', 'Logistics', 'Electronics', 'Steel', 'Trading', 'Solar'];
const PRODUCTS = ['agricultural machinery', 'solar panels', 'medical equipment', 'LED lighting', 'electric vehicles', 'tea', 'fruit and vegetables', 'building materials', 'textiles', 'household appliances', 'auto parts', 'pharmaceuticals'];
const SITES = ['Industrial Park', 'Technology Park', 'Free Economic Zone', 'Logistics Center'];

const REFERENCE_SOURCES = [
  ISO_3166_SOURCE,
  { key: 'geonames', name: 'GeoNames gazetteer, populated places (cities500, CC BY 4.0)', url: 'https://www.geonames.org/' },
];

const EVENT_KINDS: readonly (readonly [EventKind, number])[] = [
  [EventKind.MEETING, 20], [EventKind.TALKS, 14], [EventKind.EXHIBITION, 15], [EventKind.CONFERENCE, 12],
  [EventKind.BUSINESS_PROMOTION, 10], [EventKind.COOPERATION_EVENT, 9], [EventKind.CULTURAL_EXCHANGE, 8],
  [EventKind.SIGNING_CEREMONY, 7], [EventKind.OTHER, 5],
];
const AGREEMENT_KINDS: readonly (readonly [AgreementKind, number])[] = [
  [AgreementKind.COOPERATION_AGREEMENT, 35], [AgreementKind.MEMORANDUM_OF_UNDERSTANDING, 20], [AgreementKind.FRAMEWORK_AGREEMENT, 12],
  [AgreementKind.CONTRACT, 12], [AgreementKind.OTHER, 9], [AgreementKind.LONG_TERM_COOPERATION_FRAMEWORK_AGREEMENT, 7],
  [AgreementKind.SISTER_CITY_AGREEMENT, 5],
];
/** Trips per year: fewer during the pandemic, more since. */
const YEARS: readonly (readonly [number, number])[] = [[2019, 10], [2020, 2], [2021, 3], [2022, 6], [2023, 12], [2024, 13], [2025, 11]];

// ---------------------------------------------------------------------------------------------------
// The universe an article draws from: the reference data, with the values the database already holds for
// shared records (an article must not change a country, city or organization another article wrote).

interface Country {
  iso: string;
  name: string;
  source: string;
  area: string;
  weight: number;
  suffix: string;
  cities: City[];
}
interface City {
  key: string;
  name: string;
  country: Country;
  isCapital: boolean;
  latitude: number;
  longitude: number;
  source: string;
  weight: number;
  /** Organizations based there that a visiting delegation meets or signs with. */
  locals: Organization[];
  /** The companies of a home city, most active first. */
  companies: Organization[];
  government?: Organization;
}
interface Organization {
  key: string;
  name: string;
  kind: OrganizationKind;
  country: Country;
  city: City | null;
}
interface Region {
  data: RegionData;
  country: Country;
  cities: City[];
  government?: Organization;
}

/** What the database already holds, read once before generating. */
export interface ExistingRecords {
  sources: Map<string, { key: string; name: string; url: string | null }>;
  countries: Map<string, { name: string; source: string }>;
  /** By `ISO:name`. */
  cities: Map<string, { isCapital: boolean; latitude: number; longitude: number; source: string }>;
  /** By `ISO:name`; city by name. */
  organizations: Map<string, { kind: OrganizationKind; city: string | null }>;
}

async function readExisting(db: Db): Promise<ExistingRecords> {
  const [sources, countries, cities, organizations] = await Promise.all([
    db.referenceSource.findMany(),
    db.country.findMany({ include: { referenceSource: true } }),
    db.city.findMany({ include: { referenceSource: true, country: true } }),
    db.organization.findMany({ include: { city: true, country: true } }),
  ]);
  return {
    sources: new Map(sources.map((s) => [s.key, { key: s.key, name: s.name, url: s.url }])),
    countries: new Map(countries.map((c) => [c.isoCode, { name: c.name, source: c.referenceSource.key }])),
    cities: new Map(cities.map((c) => [`${c.country.isoCode}:${c.name}`, { isCapital: c.isCapital, latitude: c.latitude, longitude: c.longitude, source: c.referenceSource.key }])),
    organizations: new Map(organizations.map((o) => [`${o.country.isoCode}:${o.name}`, { kind: o.kind, city: o.city?.name ?? null }])),
  };
}

function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

class Universe {
  readonly countries = new Map<string, Country>();
  readonly regions: Region[] = [];
  readonly referenceSources: { key: string; name: string; url: string | null }[];

  constructor(readonly existing: ExistingRecords) {
    this.referenceSources = REFERENCE_SOURCES.map((s) => existing.sources.get(s.key) ?? s);
    for (const data of COUNTRIES) {
      const known = existing.countries.get(data.iso);
      const country: Country = {
        iso: data.iso, name: known?.name ?? data.name, source: known?.source ?? 'iso-3166-1',
        area: data.area, weight: data.weight, suffix: data.suffix, cities: [],
      };
      for (const [name, latitude, longitude, isCapital, weight] of data.cities) {
        const city = existing.cities.get(`${data.iso}:${name}`);
        country.cities.push({
          key: `${slugify(name)}-${data.iso.toLowerCase()}`, name, country, weight, locals: [], companies: [],
          isCapital: city?.isCapital ?? isCapital, latitude: city?.latitude ?? latitude, longitude: city?.longitude ?? longitude,
          source: city?.source ?? 'geonames',
        });
      }
      this.countries.set(data.iso, country);
    }
    // The organizations: a fixed pool (independent of the seed), so runs and articles share them by name.
    const names = new Random(0x5eed);
    for (const data of REGIONS) {
      const country = this.countries.get(data.country)!;
      const cities = data.cities.map((name) => this.city(data.country, name));
      const region: Region = { data, country, cities, government: this.organization(data.government, OrganizationKind.GOVERNMENT, country, null) };
      for (const city of cities) {
        city.government = this.organization(`${city.name} municipal government`, OrganizationKind.GOVERNMENT, country, city);
        const brands = names.sample(data.brands, 4);
        const industries = names.sample(INDUSTRIES, 4);
        city.companies = brands
          .map((brand, i) => this.organization(`${city.name} ${brand} ${industries[i]!} ${country.suffix}`, OrganizationKind.COMPANY, country, city))
          .filter((org): org is Organization => org !== undefined);
      }
      this.regions.push(region);
    }
    for (const country of this.countries.values()) {
      for (const city of country.cities) {
        const [brand1, brand2] = names.sample(FOREIGN_BRANDS, 2) as [string, string];
        const [industry1, industry2] = names.sample(INDUSTRIES, 2) as [string, string];
        const pool: (Organization | undefined)[] = country.iso === 'CN'
          ? [...city.companies]
          : [
            this.organization(`${brand1} ${industry1} ${country.suffix}`, OrganizationKind.COMPANY, country, city),
            this.organization(`${city.name} ${brand2} ${industry2} ${country.suffix}`, OrganizationKind.COMPANY, country, city),
          ];
        pool.push(this.organization(`${city.name} Chamber of Commerce and Industry`, OrganizationKind.ASSOCIATION, country, city));
        if (city.weight >= 2) pool.push(this.organization(`${city.name} ${names.pick(SITES)}`, OrganizationKind.OTHER, country, city));
        city.locals = pool.filter((org): org is Organization => org !== undefined);
      }
    }
  }

  city(iso: string, name: string): City {
    const city = this.countries.get(iso)?.cities.find((c) => c.name === name);
    if (!city) throw new Error(`no city ${name} in ${iso}`);
    return city;
  }

  /** A pooled organization, or undefined when the database has one of that name that differs (it stays as it is). */
  private organization(name: string, kind: OrganizationKind, country: Country, city: City | null): Organization | undefined {
    const known = this.existing.organizations.get(`${country.iso}:${name}`);
    if (known && (known.kind !== kind || known.city !== (city?.name ?? null))) return undefined;
    return { key: `${slugify(name)}-${country.iso.toLowerCase()}`, name, kind, country, city };
  }

  destinations(home: Country): Country[] {
    return [...this.countries.values()].filter((c) => c !== home && (home.iso === 'CN' ? c.weight > 0 : true));
  }
}

// ---------------------------------------------------------------------------------------------------
// One article document: a body written sentence by sentence, every record citing the sentences it comes from.

type Facts = string[];
interface Quote {
  quote: string;
  start: number;
  end: number;
  facts: Facts;
}

/** The document as generated (the input of validateDocument). */
export interface SynthDocument {
  version: 1;
  article: { slug: string; title: string; body: string; source: string; url: string; updatedOn: string; language: string };
  referenceSources: { key: string; name: string; url: string | null }[];
  countries: { isoCode: string; name: string; referenceSource: string; evidence: Quote[] }[];
  cities: { key: string; name: string; countryCode: string; isCapital: boolean; latitude: number; longitude: number; referenceSource: string; evidence: Quote[] }[];
  organizations: { key: string; name: string; kind: OrganizationKind; countryCode: string; cityKey: string | null; evidence: Quote[] }[];
  delegations: {
    key: string; name: string; nameIsQuoted: boolean; description: string; homeCityKey: string | null; organizationKey: string | null;
    parentKey: string | null; startDate: string | null; endDate: string | null; countriesVisited: string[]; evidence: Quote[];
  }[];
  events: {
    key: string; name: string; nameIsQuoted: boolean; kind: EventKind; description: string; startDate: string | null; endDate: string | null;
    cityKey: string | null; countryCode: string | null; participants: { delegationKey: string; role: ParticipationRole }[];
    organizerKeys: string[]; evidence: Quote[];
  }[];
  agreements: {
    key: string; title: string; titleIsQuoted: boolean; kind: AgreementKind; description: string; signedOn: string | null;
    eventKey: string | null; cityKey: string | null; countryCode: string | null;
    parties: { organizationKey: string | null; description: string; role: AgreementPartyRole }[]; evidence: Quote[];
  }[];
  images: {
    key: string; position: number; caption: string; credit: string | null; takenOn: string | null; url: null;
    cityKey: string | null; countryCode: string | null; eventKey: string | null; evidence: Quote[];
  }[];
}

class Body {
  text = '';
  /** Drops trailing spaces (quotes already taken stay valid: they end before them). */
  trimEnd() {
    this.text = this.text.trimEnd();
  }
  /** Appends a piece of text; the returned function cites a part of it at its offsets. */
  add(piece: string): (part: string, facts: Facts) => Quote {
    const at = this.text.length;
    this.text += piece;
    return (part, facts) => {
      const i = piece.indexOf(part);
      if (i < 0) throw new Error(`synth: quote ${JSON.stringify(part)} not in ${JSON.stringify(piece)}`);
      return { quote: part, start: at + i, end: at + i + part.length, facts };
    };
  }
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const MONTHS = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
/** A day as the articles write it: `Sept 5`. */
function spoken(iso: string): string {
  const [, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${MONTHS[month - 1]} ${day}`;
}
function spokenRange(start: string, end: string | null): string {
  if (end == null || end === start) return ` on ${spoken(start)}`;
  const sameMonth = start.slice(0, 7) === end.slice(0, 7);
  return ` from ${spoken(start)} to ${sameMonth ? Number(end.slice(8)) : spoken(end)}`;
}
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
const KIND_NOUNS: Record<EventKind, string> = {
  EXHIBITION: 'exhibition', CONFERENCE: 'conference', BUSINESS_PROMOTION: 'business promotion event', MEETING: 'meeting',
  TALKS: 'round of talks', CULTURAL_EXCHANGE: 'cultural exchange event', COOPERATION_EVENT: 'cooperation event',
  SIGNING_CEREMONY: 'signing ceremony', OTHER: 'visit',
};
const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five'];

interface PlannedEvent {
  doc: SynthDocument['events'][number];
  country: Country | null;
  city: City | null;
  /** How the body refers to it: its quoted name, or a noun phrase. */
  mention: string;
}

class ArticleWriter {
  private readonly body = new Body();
  private readonly doc: SynthDocument;
  private readonly countries = new Map<string, SynthDocument['countries'][number]>();
  private readonly cities = new Map<string, SynthDocument['cities'][number]>();
  private readonly organizations = new Map<string, SynthDocument['organizations'][number]>();
  private readonly eventNames = new Set<string>();
  /** The one home company that signs this article's named agreements (the seed names one). */
  private company: Organization | undefined;

  constructor(private readonly u: Universe, private readonly rng: Random, private readonly slugPrefix: string, private readonly eventCount: number) {
    this.doc = {
      version: 1,
      article: { slug: '', title: '', body: '', source: SYNTH_SOURCE, url: '', updatedOn: '', language: 'en' },
      referenceSources: u.referenceSources.map((s) => ({ ...s })),
      countries: [], cities: [], organizations: [], delegations: [], events: [], agreements: [], images: [],
    };
  }

  private country(country: Country, quote?: Quote) {
    let row = this.countries.get(country.iso);
    if (!row) {
      row = { isoCode: country.iso, name: country.name, referenceSource: country.source, evidence: [] };
      this.countries.set(country.iso, row);
    }
    if (quote) row.evidence.push(quote);
  }

  private mentioned(city: City): boolean {
    return this.cities.has(city.key);
  }

  private city(city: City, quote: Quote) {
    this.country(city.country);
    let row = this.cities.get(city.key);
    if (!row) {
      row = {
        key: city.key, name: city.name, countryCode: city.country.iso, isCapital: city.isCapital,
        latitude: city.latitude, longitude: city.longitude, referenceSource: city.source, evidence: [],
      };
      this.cities.set(city.key, row);
    }
    row.evidence.push(quote);
  }

  /** Cites an organization where the body first names it; its city must already be cited. */
  private organization(org: Organization, cite: (part: string, facts: Facts) => Quote) {
    if (this.organizations.has(org.key)) return;
    if (org.city && !this.mentioned(org.city)) throw new Error(`synth: ${org.name} cited before its city ${org.city.name}`);
    this.country(org.country);
    // The article states an organization's city only where its name says it ("Tashkent Chamber of Commerce"):
    // a quote must name the city it backs.
    const city = org.city && org.name.includes(org.city.name) ? org.city : null;
    this.organizations.set(org.key, {
      key: org.key, name: org.name, kind: org.kind, countryCode: org.country.iso, cityKey: city?.key ?? null,
      evidence: [cite(org.name, city ? ['name', 'kind', 'city'] : ['name', 'kind'])],
    });
  }

  /** "In Tashkent, the capital of Uzbekistan, " the first time, "In Tashkent, " after; cites the city the first time. */
  private lead(city: City | null, country: Country | null): { text: string; cite: (cite: (part: string, facts: Facts) => Quote) => void } {
    if (city && !this.mentioned(city)) {
      const where = city.isCapital ? `${city.name}, the capital of ${city.country.name}` : `${city.name}, ${city.country.name}`;
      return { text: `In ${where}, `, cite: (cite) => this.city(city, cite(where, city.isCapital ? ['name', 'country', 'isCapital'] : ['name', 'country'])) };
    }
    if (city) return { text: this.rng.chance(0.3) ? `Also in ${city.name}, ` : `In ${city.name}, `, cite: () => {} };
    if (country) return { text: `In ${country.name}, `, cite: () => {} };
    return { text: this.rng.pick(['During the trip, ', 'During the visit, ']), cite: () => {} };
  }

  write(): SynthDocument {
    const { rng, u, body, doc } = this;
    const region = rng.weighted(u.regions.map((r) => [r, r.data.weight] as const));
    const structure = rng.weighted([['nested', 70], ['single', 20], ['twin', 10]] as const);
    const homes = structure === 'twin' && region.cities.length >= 2 ? rng.sample(region.cities, 2) : [rng.pick(region.cities)];
    const twin = homes.length === 2;
    const nested = structure !== 'single' && region.government !== undefined;
    const home = homes[0]!;
    // Companies are drawn most active first, so the same ones recur across articles.
    this.company = home.companies[Math.floor(rng.next() ** 2 * home.companies.length)];

    // Where: about three countries, each visited for a few days; China first for delegations from abroad.
    const visitCount = Math.min(this.eventCount, rng.weighted([[1, 15], [2, 20], [3, 40], [4, 25]] as const));
    const candidates = u.destinations(region.country);
    const china = candidates.find((c) => c.iso === 'CN');
    const destinations = china
      ? [china, ...rng.sample(candidates.filter((c) => c !== china), visitCount - 1, (c) => c.weight || 1)]
      : rng.sample(candidates, visitCount, (c) => c.weight);
    const year = rng.weighted(YEARS);
    let day = dayOf(`${year}-01-01`) + rng.int(0, 340);
    const segments = destinations.map(() => {
      const length = rng.int(2, 4);
      const segment = { first: day, last: day + length - 1 };
      day += length;
      return segment;
    });
    const tripStart = isoOf(segments[0]!.first);
    const tripEnd = isoOf(segments[segments.length - 1]!.last);
    const tripDated = rng.chance(0.85);
    const updatedOn = isoOf(dayOf(tripEnd) + rng.int(1, 6));
    const names = destinations.map((c) => c.name);
    const areas = new Set(destinations.map((c) => c.area));
    const where = destinations.length >= 3 && areas.size === 1 ? [...areas][0]! : list(names);
    const homeName = twin ? list(homes.map((c) => c.name)) : home.name;

    const title = twin
      ? rng.pick([`${region.data.name} delegation promotes trade in ${where}`, `${homeName} officials visit ${where}`])
      : rng.pick([
        `${home.name} delegation visits ${where}`, `${home.name} officials deepen ties with ${where}`,
        `${region.data.name} delegation promotes trade in ${where}`, `${home.name} companies seek partners in ${where}`,
        `${home.name} delegation wraps up trip to ${where}`,
      ]);
    const slug = `${this.slugPrefix}-${slugify(title)}`.slice(0, 120).replace(/-+$/, '');
    doc.article = { ...doc.article, slug, title, url: `https://synthetic.example/articles/${slug}`, updatedOn };
    body.add(`${title}\n\nUpdated: ${updatedOn}\n\n`);

    // The delegations: a city's officials inside their region's government delegation, like the seed.
    const purpose = rng.pick(['deepen communication and cooperation', 'expand trade and investment', 'promote economic and trade cooperation', 'seek new markets for local enterprises', 'strengthen friendly exchanges']);
    const visited = destinations.length === 1 ? `visited ${names[0]}` : `visited ${NUMBERS[destinations.length]} countries - ${list(names)} -`;
    const dates = tripDated ? spokenRange(tripStart, tripEnd) : '';
    const dateFacts: Facts = tripDated ? ['startDate', 'endDate'] : [];
    const visitedPart = destinations.length === 1 ? names[0]! : `${NUMBERS[destinations.length]} countries - ${list(names)}`;
    const countryCodes = destinations.map((c) => c.iso);
    const parentKey = nested ? slugify(`${region.government!.name} delegation`) : null;
    const children = homes.map((city) => ({ city, key: slugify(`${city.name} delegation`), name: `${city.name} delegation` }));
    let introPart: string;
    if (nested) {
      const gov = region.government!;
      const from = twin ? `${region.data.name}'s ${homeName} cities` : `${region.data.name}'s ${home.name} city`;
      introPart = `Officials from ${from} joined the ${gov.name} delegation and ${visited}${dates}`;
      const cite = body.add(`${introPart} to ${purpose}.`);
      for (const city of homes) this.city(city, cite(from, ['name']));
      for (const c of destinations) this.country(c, cite(visitedPart, ['name']));
      this.organization(gov, cite);
      doc.delegations.push({
        key: parentKey!, name: `${gov.name} delegation`, nameIsQuoted: false,
        description: `The ${gov.name}'s delegation to ${list(names)}, within which the ${homeName} officials travelled.`,
        homeCityKey: null, organizationKey: gov.key, parentKey: null, startDate: null, endDate: null, countriesVisited: countryCodes,
        evidence: [cite(`joined the ${gov.name} delegation`, ['organization']), cite(visitedPart, ['countriesVisited'])],
      });
      for (const child of children) {
        doc.delegations.push({
          key: child.key, name: child.name, nameIsQuoted: true,
          description: `Officials from ${region.data.name}'s ${child.city.name} city who travelled within the ${gov.name} delegation to ${list(names)} to ${purpose}.`,
          homeCityKey: child.city.key, organizationKey: null, parentKey, startDate: tripDated ? tripStart : null, endDate: tripDated ? tripEnd : null,
          countriesVisited: countryCodes, evidence: [cite(introPart, ['description', 'homeCity', 'parent', 'countriesVisited', ...dateFacts])],
        });
      }
    } else {
      const gov = home.government;
      const from = `${home.name}, ${region.data.name}`;
      introPart = `A delegation from ${from}${gov ? `, led by the ${gov.name},` : ''} ${visited}${dates}`;
      const cite = body.add(`${introPart} to ${purpose}.`);
      this.city(home, cite(from, ['name']));
      for (const c of destinations) this.country(c, cite(visitedPart, ['name']));
      if (gov) this.organization(gov, cite);
      doc.delegations.push({
        key: children[0]!.key, name: children[0]!.name, nameIsQuoted: true,
        description: `A delegation from ${home.name}${gov ? `, led by the ${gov.name},` : ''} that visited ${list(names)} to ${purpose}.`,
        homeCityKey: home.key, organizationKey: gov?.key ?? null, parentKey: null,
        startDate: tripDated ? tripStart : null, endDate: tripDated ? tripEnd : null, countriesVisited: countryCodes,
        evidence: [cite(introPart, ['description', 'homeCity', 'countriesVisited', ...(gov ? ['organization'] : []), ...dateFacts])],
      });
      children.length = 1;
    }
    body.add(' ');
    const activity = rng.pick([
      'took part in a series of economic, trade and cultural exchange activities',
      'held talks with local government departments, business associations and enterprises',
      'met local partners and visited industrial parks',
    ]);
    const subject = children.map((c) => `the ${c.name}`).join(' and ');
    const cite2 = body.add(`${subject[0]!.toUpperCase()}${subject.slice(1)} ${activity} in a bid to ${rng.pick(['further integrate into Belt and Road cooperation', 'expand markets for local products', 'attract investment and deepen practical cooperation'])}.\n\n`);
    for (const child of children) doc.delegations.find((d) => d.key === child.key)!.evidence.push(cite2(`${child.name}`, ['name']));

    // Events, country by country; each country's agreements and photos follow its events.
    const perCountry = destinations.map(() => 1);
    for (let i = destinations.length; i < this.eventCount; i++) perCountry[rng.int(0, destinations.length - 1)]! += 1;
    type Photo = ReturnType<ArticleWriter['photo']>;
    const imageCount = rng.weighted([[1, 15], [2, 25], [3, 30], [4, 20], [5, 10]] as const);
    const writePhoto = (photo: Photo) => {
      const cite = body.add(photo.credit ? `${photo.text} [${photo.credit}]\n\n` : `${photo.text}\n\n`);
      const evidence = [cite(photo.text, photo.facts)];
      if (photo.credit) evidence.push(cite(photo.credit, ['credit']));
      const position = doc.images.length + 1;
      doc.images.push({ key: `image-${position}`, position, ...photo.image, evidence });
    };
    let agreementsLeft = rng.weighted([[0, 8], [1, 12], [2, 20], [3, 25], [4, 18], [5, 10], [6, 7]] as const);
    const events: PlannedEvent[] = [];
    destinations.forEach((country, j) => {
      const segment = segments[j]!;
      const cities = rng.sample(country.cities, rng.weighted([[1, 55], [2, 45]] as const), (c) => c.weight * (c.isCapital ? 2 : 1));
      const countryEvents: PlannedEvent[] = [];
      for (let i = 0; i < perCountry[j]!; i++) {
        const placed = rng.next();
        const city = placed < 0.76 ? rng.pick(cities) : null;
        const inCountry = placed < 0.96 ? country : null;
        const child = rng.pick(children);
        const event = this.event(region, child, city, inCountry, segment, events.length);
        events.push(event);
        countryEvents.push(event);
        body.add(' ');
      }
      // Agreements in this country: about three per article.
      const share = j === destinations.length - 1 ? agreementsLeft : Math.min(agreementsLeft, rng.int(0, 2));
      agreementsLeft -= share;
      for (let i = 0; i < share; i++) {
        this.agreement(children[0]!.city, country, cities, countryEvents, segment);
        body.add(' ');
      }
      body.trimEnd();
      body.add('\n\n');
      // Photos of this country's events, below its paragraph.
      for (const event of countryEvents) {
        if (doc.images.length < imageCount && rng.chance(0.35)) writePhoto(this.photo(region, children[0]!.city, event));
      }
    });
    while (doc.images.length < imageCount) writePhoto(this.photo(region, home, null));
    body.add(rng.pick([
      `The visit by the ${homeName} delegation from ${region.data.name} promotes friendly exchanges and win-win cooperation, said local officials.`,
      `Officials said the trip opened new channels for ${homeName} enterprises in ${where}.`,
      `The delegation also visited local enterprises and industrial parks to learn about investment opportunities.`,
      `Both sides agreed to keep in close contact and to turn the agreements into concrete projects.`,
    ]));

    doc.article.body = body.text;
    doc.countries = [...this.countries.values()];
    doc.cities = [...this.cities.values()];
    doc.organizations = [...this.organizations.values()];
    return doc;
  }

  private event(region: Region, child: { city: City; key: string; name: string }, city: City | null, country: Country | null, segment: { first: number; last: number }, index: number): PlannedEvent {
    const { rng, body } = this;
    const placeCountry = city?.country ?? country;
    const placeName = city ? city.name : country ? country.name : 'the region';
    const homeName = child.city.name;
    const regionName = region.data.name;
    const P = rng.weighted([[`the ${child.name}`, 70], [`officials from ${homeName}`, 15], ['the delegation', this.doc.delegations.length > 2 ? 0 : 15]] as const);
    const otherSide = placeCountry?.iso === 'CN' ? 'China' : placeCountry?.name ?? 'the host countries';
    const industry = rng.pick(INDUSTRIES);
    const draw = () => {
      const kind = rng.weighted(EVENT_KINDS);
      let name: string;
      let quoted = false;
      let core: string;
      let mention: string;
      let role: ParticipationRole = ParticipationRole.PARTICIPANT;
      let organizer: Organization | undefined;
      switch (kind) {
        case EventKind.EXHIBITION: {
          const product = rng.chance(0.5) ? rng.pick(region.data.crafts) : rng.pick(PRODUCTS);
          role = ParticipationRole.EXHIBITOR;
          if (rng.chance(0.55) && placeCountry) {
            quoted = true;
            name = rng.pick([`${placeCountry.name} International ${industry} Exhibition`, `Silk Road ${industry} Expo`, `${regionName} Products Exhibition`]);
            core = `${P} exhibited ${product} at the ${name}`;
            mention = name;
          } else {
            name = `${regionName} promotional exhibition`;
            core = `${P} displayed ${product} at a ${regionName} promotional exhibition`;
            mention = 'exhibition';
          }
          if (rng.chance(0.25)) organizer = region.government;
          break;
        }
        case EventKind.CONFERENCE:
          quoted = true;
          name = rng.pick([`${regionName}-${otherSide} Economic and Trade Cooperation Conference`, `${regionName}-${otherSide} ${industry} Investment Forum`]);
          if (rng.chance(0.2)) {
            role = ParticipationRole.HOST;
            core = `${P} held the ${name}`;
          } else {
            core = `${P} attended the ${name}`;
          }
          mention = name;
          if (rng.chance(0.25)) organizer = region.government;
          break;
        case EventKind.BUSINESS_PROMOTION:
          role = ParticipationRole.HOST;
          name = `${homeName} business promotion event in ${placeName}`;
          core = `${homeName} hosted a business promotion event, introducing its business environment and ${industry.toLowerCase()} industry`;
          mention = 'business promotion event';
          break;
        case EventKind.MEETING: {
          const local = city && city.locals.length > 0 && rng.chance(0.15) ? rng.pick(city.locals) : undefined;
          if (local) {
            name = `Meeting with ${local.name}`;
            core = `${P} met representatives of ${local.name}`;
            organizer = local;
            mention = 'meeting';
          } else {
            quoted = true;
            name = `${regionName}-${otherSide} enterprise cooperation and exchange meeting`;
            core = `${P} attended the ${name}`;
            mention = name;
          }
          break;
        }
        case EventKind.TALKS: {
          const partner = rng.pick(['local government departments', 'officials of the ministry of trade', 'the regional administration', 'local business associations', 'overseas Chinese associations']);
          name = `Talks with ${partner} in ${placeName}`;
          core = `${P} held talks with ${partner}`;
          mention = 'talks';
          break;
        }
        case EventKind.CULTURAL_EXCHANGE: {
          role = ParticipationRole.EXHIBITOR;
          const craft = rng.pick(region.data.crafts);
          name = `Cultural exchange event in ${placeName}`;
          core = `${P} presented ${homeName}'s ${craft} at a cultural exchange event`;
          mention = 'cultural exchange event';
          break;
        }
        case EventKind.COOPERATION_EVENT:
          name = `${regionName}-${otherSide} cooperation and exchange event`;
          core = `${P} attended an event to further cooperation and exchanges between ${regionName} and ${otherSide}`;
          mention = 'cooperation event';
          break;
        case EventKind.SIGNING_CEREMONY: {
          const projects = rng.int(3, 28);
          if (rng.chance(0.5)) {
            quoted = true;
            name = `${regionName}-${otherSide} Investment Project Signing Ceremony`;
            core = `${P} attended the ${name}, where ${projects} projects were signed`;
            mention = name;
          } else {
            name = `Project signing ceremony in ${placeName}`;
            core = `${P} attended a signing ceremony for ${projects} cooperation projects`;
            mention = 'signing ceremony';
          }
          break;
        }
        default: {
          const site = rng.chance(0.5) ? city?.locals.find((org) => org.kind === OrganizationKind.OTHER) : undefined;
          if (site) {
            name = `Visit to the ${site.name}`;
            core = `${P} visited the ${site.name}`;
            organizer = site;
          } else {
            name = `Visits to local enterprises in ${placeName}`;
            core = `${P} visited local enterprises`;
          }
          mention = 'visit';
        }
      }
      return { kind, name, quoted, core, mention, role, organizer };
    };
    // Two events of one article do not share a name.
    let spec = draw();
    for (let attempt = 0; attempt < 8 && this.eventNames.has(spec.name); attempt++) spec = draw();
    const { kind, name, quoted, core, mention, role, organizer } = spec;
    this.eventNames.add(name);
    // About a quarter of the events dated, within the days spent in the country; a few over two days.
    let startDate: string | null = null;
    let endDate: string | null = null;
    if (rng.chance(0.25)) {
      const first = rng.int(segment.first, segment.last);
      startDate = isoOf(first);
      if (first < segment.last && rng.chance(0.12)) endDate = isoOf(first + 1);
    }
    const lead = this.lead(city, country);
    const organizerText = organizer && organizer.kind === OrganizationKind.GOVERNMENT ? ` organized by the ${organizer.name}` : '';
    const sentence = `${lead.text}${core}${organizerText}${startDate ? spokenRange(startDate, endDate) : ''}`;
    const cite = body.add(`${sentence}.`);
    lead.cite(cite);
    if (organizer) this.organization(organizer, cite);
    const facts: Facts = ['kind', 'description', 'delegations'];
    if (quoted) facts.push('name');
    if (city) facts.push('city');
    if (country) facts.push('country');
    if (startDate) facts.push('startDate');
    if (endDate) facts.push('endDate');
    if (organizer) facts.push('organizers');
    const participants = [{ delegationKey: child.key, role }];
    const parent = this.doc.delegations.find((d) => d.parentKey == null && d.key !== child.key);
    if (parent && rng.chance(0.1)) participants.push({ delegationKey: parent.key, role: ParticipationRole.PARTICIPANT });
    const noun = KIND_NOUNS[kind];
    const doc: SynthDocument['events'][number] = {
      key: `${slugify(placeName)}-${slugify(kind)}-${index + 1}`, name, nameIsQuoted: quoted, kind,
      description: `${/^[aeiou]/.test(noun) ? 'An' : 'A'} ${noun} in ${city ? `${city.name}, ${city.country.name}` : placeName} with the ${child.name} as ${role.toLowerCase()}${startDate ? '' : '; the article gives no date'}.`,
      startDate, endDate, cityKey: city?.key ?? null, countryCode: placeCountry?.iso ?? null,
      participants, organizerKeys: organizer ? [organizer.key] : [], evidence: [cite(sentence, facts)],
    };
    this.doc.events.push(doc);
    return { doc, country: placeCountry, city, mention };
  }

  private agreement(home: City, country: Country, cities: City[], events: PlannedEvent[], segment: { first: number; last: number }) {
    const { rng, body } = this;
    const kind = rng.weighted(AGREEMENT_KINDS);
    const placed = events.filter((e) => e.city);
    const linked = placed.length > 0 && rng.chance(0.4) ? rng.pick(placed) : null;
    const city = linked?.city ?? (rng.chance(0.85) ? rng.pick(cities) : null);
    const lead = this.lead(city, country);
    let signedOn: string | null = null;
    if (linked?.doc.startDate && rng.chance(0.7)) signedOn = linked.doc.startDate;
    else if (rng.chance(0.1)) signedOn = isoOf(rng.int(segment.first, segment.last));
    const industry = rng.pick(INDUSTRIES).toLowerCase();

    type Party = { org?: Organization; text: string; description: string; role: AgreementPartyRole };
    let parties: Party[];
    let phrase: string;
    let title: string;
    let titleIsQuoted = false;
    if (kind === AgreementKind.SISTER_CITY_AGREEMENT && city) {
      parties = [
        { text: home.name, description: `the city of ${home.name}`, role: AgreementPartyRole.SIGNATORY },
        { text: city.name, description: `the city of ${city.name}`, role: AgreementPartyRole.SIGNATORY },
      ];
      phrase = 'an agreement to establish sister-city relations';
      title = `Sister-city agreement between ${home.name} and ${city.name}`;
    } else {
      const company = this.company && rng.chance(0.4) ? this.company : undefined;
      const localCompanies = city?.locals.filter((org) => org.kind === OrganizationKind.COMPANY) ?? [];
      const local = localCompanies.length > 0 && rng.chance(0.12) ? rng.pick(localCompanies) : undefined;
      parties = [
        company
          ? { org: company, text: company.name, description: company.name, role: AgreementPartyRole.VISITING_PARTY }
          : { text: `a company from ${home.name}`, description: `a company from ${home.name} (unnamed)`, role: AgreementPartyRole.VISITING_PARTY },
        local
          ? { org: local, text: local.name, description: local.name, role: AgreementPartyRole.LOCAL_PARTY }
          : { text: 'a local enterprise', description: 'a local enterprise (unnamed)', role: AgreementPartyRole.LOCAL_PARTY },
      ];
      const label = {
        COOPERATION_AGREEMENT: 'a cooperation agreement',
        MEMORANDUM_OF_UNDERSTANDING: 'a memorandum of understanding',
        FRAMEWORK_AGREEMENT: 'a framework agreement',
        LONG_TERM_COOPERATION_FRAMEWORK_AGREEMENT: 'a long-term cooperation framework agreement',
        CONTRACT: `a ${industry} supply contract`,
        OTHER: 'a letter of intent',
        SISTER_CITY_AGREEMENT: 'a friendship agreement',
      }[kind];
      if (kind === AgreementKind.FRAMEWORK_AGREEMENT && rng.chance(0.4)) {
        titleIsQuoted = true;
        title = `Framework Agreement on ${industry[0]!.toUpperCase()}${industry.slice(1)} Cooperation`;
        phrase = `the "${title}"`;
      } else {
        phrase = label;
        const short = (p: Party) => (p.org ? p.org.name : p.text);
        title = `${label.replace(/^an? /, '').replace(/^./, (c) => c.toUpperCase())} between ${short(parties[0]!)} and ${short(parties[1]!)}`;
      }
    }
    const at = linked ? ` at the ${linked.mention}` : '';
    const sentence = `${lead.text}${parties[0]!.text} signed ${phrase} with ${parties[1]!.text}${at}${signedOn ? ` on ${spoken(signedOn)}` : ''}`;
    const cite = body.add(`${sentence}.`);
    lead.cite(cite);
    for (const party of parties) if (party.org) this.organization(party.org, cite);
    const facts: Facts = ['kind', 'description', 'parties', 'country'];
    if (city) facts.push('city');
    if (linked) facts.push('event');
    if (signedOn) facts.push('signedOn');
    if (titleIsQuoted) facts.push('title');
    const place = city ? `${city.name}, ${country.name}` : country.name;
    this.doc.agreements.push({
      key: `${slugify(city?.name ?? country.name)}-${slugify(kind)}-${this.doc.agreements.length + 1}`,
      title, titleIsQuoted, kind,
      description: `${title} signed in ${place}${linked ? ` at the ${linked.mention}` : ''}.`,
      signedOn, eventKey: linked?.doc.key ?? null, cityKey: city?.key ?? null, countryCode: country.iso,
      parties: parties.map((p) => ({ organizationKey: p.org?.key ?? null, description: p.description, role: p.role })),
      evidence: [cite(sentence, facts)],
    });
  }

  /** A photo: of an event (placed and dated like it), or of the delegation's wares. */
  private photo(region: Region, home: City, event: PlannedEvent | null) {
    const { rng } = this;
    const credit = rng.weighted([['Photo provided to', 80], [`Photo by ${rng.pick(['Li Wei', 'Zhang Min', 'Wang Fang', 'Chen Jie', 'Liu Yang'])}`, 12], [null, 8]] as const);
    if (!event) {
      const craft = rng.pick(region.data.crafts);
      const text = rng.pick([`A visitor looks at ${home.name}'s ${craft}.`, `Visitors at the ${home.name} booth.`, `${home.name} officials talk with local business representatives.`]);
      return { text, credit, facts: ['caption'], image: { caption: text, credit, takenOn: null, url: null, cityKey: null, countryCode: null, eventKey: null } };
    }
    const what = rng.chance(0.6) ? `${home.name}'s ${rng.pick([...region.data.crafts, ...PRODUCTS])} on display` : `Members of the ${home.name} delegation`;
    const when = event.doc.startDate ? ` on ${spoken(event.doc.startDate)}` : '';
    const where = event.city ? ` in ${event.city.name}, ${event.city.country.name}` : event.country ? ` in ${event.country.name}` : '';
    const text = `${what} at the ${event.mention}${when}${where}.`;
    const facts: Facts = ['caption', 'event'];
    if (when) facts.push('takenOn');
    if (event.city) facts.push('city');
    if (event.country) facts.push('country');
    return {
      text, credit, facts,
      image: {
        caption: text, credit, takenOn: event.doc.startDate, url: null, cityKey: event.city?.key ?? null,
        countryCode: event.country?.iso ?? null, eventKey: event.doc.key,
      },
    };
  }
}

/** Events per article (6 to 14, ten on average, like the seed), adding up to exactly `events`. */
export function planArticles(events: number, seed: number): number[] {
  const rng = new Random(articleSeed(seed, -1));
  const counts: number[] = [];
  for (let left = events; left > 0;) {
    let n = Math.min(left, rng.int(6, 14));
    if (left - n > 0 && left - n < 6) n = left;
    counts.push(n);
    left -= n;
  }
  return counts;
}

/** The synthetic documents for a seed, as the generator writes them (before validation). */
export function* synthDocuments(existing: ExistingRecords, options: { events: number; seed: number }): Generator<SynthDocument> {
  const universe = new Universe(existing);
  const plan = planArticles(options.events, options.seed);
  for (const [index, count] of plan.entries()) {
    const prefix = `synth-${options.seed}-${String(index + 1).padStart(6, '0')}`;
    yield new ArticleWriter(universe, new Random(articleSeed(options.seed, index)), prefix, count).write();
  }
}

// ---------------------------------------------------------------------------------------------------
// The bulk writer: the rows importDocument would write for new articles, created with createMany.

type Rows = {
  referenceSources: Prisma.ReferenceSourceCreateManyInput[];
  articles: Prisma.ArticleCreateManyInput[];
  countries: Prisma.CountryCreateManyInput[];
  cities: Prisma.CityCreateManyInput[];
  organizations: Prisma.OrganizationCreateManyInput[];
  delegations: Prisma.DelegationCreateManyInput[];
  delegationVisits: Prisma.DelegationVisitCreateManyInput[];
  events: Prisma.EventCreateManyInput[];
  eventParticipations: Prisma.EventParticipationCreateManyInput[];
  eventOrganizers: Prisma.EventOrganizerCreateManyInput[];
  agreements: Prisma.AgreementCreateManyInput[];
  agreementParties: Prisma.AgreementPartyCreateManyInput[];
  images: Prisma.ImageCreateManyInput[];
  evidence: Prisma.EvidenceCreateManyInput[];
  claims: Prisma.ClaimCreateManyInput[];
};
export type SynthCounts = { [K in keyof Rows]: number } & { datedEvents: number };
const emptyCounts = (): SynthCounts => ({
  referenceSources: 0, articles: 0, countries: 0, cities: 0, organizations: 0, delegations: 0, delegationVisits: 0, events: 0,
  eventParticipations: 0, eventOrganizers: 0, agreements: 0, agreementParties: 0, images: 0, evidence: 0, claims: 0, datedEvents: 0,
});

/** Rows per createMany call. */
const CHUNK = 2000;

/** The tables whose ids the bulk writer assigns, as the database would (src/db/sequences.ts). */
const ID_TABLES = ['ReferenceSource', 'Article', 'Country', 'City', 'Organization', 'Delegation', 'Event', 'Agreement', 'Image'] as const;
type IdTable = (typeof ID_TABLES)[number];

class BulkWriter {
  private readonly sources = new Map<string, number>();
  private readonly countries = new Map<string, number>();
  private readonly cities = new Map<number, number>();
  private readonly organizations = new Map<string, number>();

  async load(db: Db) {
    for (const s of await db.referenceSource.findMany()) this.sources.set(s.key, s.id);
    for (const c of await db.country.findMany()) this.countries.set(c.isoCode, c.id);
    for (const c of await db.city.findMany()) if (c.geonameId != null) this.cities.set(c.geonameId, c.id);
    for (const o of await db.organization.findMany()) this.organizations.set(`${o.countryId}:${organizationKey(o.name)}`, o.id);
  }

  /** Writes validated documents of new articles in one transaction; returns what it created. */
  async write(tx: Tx, docs: { doc: ArticleDocument; hash: string }[]): Promise<SynthCounts> {
    const next = await nextIds(tx, ID_TABLES);
    const id = (table: IdTable) => next[table]++;
    const rows: Rows = {
      referenceSources: [], articles: [], countries: [], cities: [], organizations: [], delegations: [], delegationVisits: [], events: [],
      eventParticipations: [], eventOrganizers: [], agreements: [], agreementParties: [], images: [], evidence: [], claims: [],
    };
    let datedEvents = 0;
    for (const { doc, hash } of docs) {
      const articleId = id('Article');
      const { article } = doc;
      rows.articles.push({
        id: articleId, slug: article.slug, title: article.title, body: article.body, source: article.source ?? null, url: article.url ?? null,
        updatedOn: article.updatedOn ?? null, language: article.language, contentHash: hash,
      });
      const evidence: Prisma.EvidenceCreateManyInput[] = [];
      const cite = (subject: Partial<Prisma.EvidenceCreateManyInput>, items: ArticleDocument['events'][number]['evidence']) => {
        for (const item of items) {
          evidence.push({ ...subject, articleId, start: item.start!, end: item.end!, quote: item.quote, facts: [...item.facts].sort().join(' ') });
        }
      };
      // As the importer: reference sources are the service's own, whatever a document declares.
      const source = (declared: { key: string; name: string; url: string | null }) => {
        let sourceId = this.sources.get(declared.key);
        if (sourceId === undefined) {
          sourceId = id('ReferenceSource');
          this.sources.set(declared.key, sourceId);
          rows.referenceSources.push({ id: sourceId, ...declared });
        }
        return sourceId;
      };
      const claim = (subject: Partial<Prisma.ClaimCreateManyInput>, field: string, value: unknown) => rows.claims.push({ articleId, ...subject, field, value: JSON.stringify(value) });
      for (const country of doc.countries) {
        const referenceSourceId = source(ISO_3166_SOURCE);
        let countryId = this.countries.get(country.isoCode);
        if (countryId === undefined) {
          countryId = id('Country');
          this.countries.set(country.isoCode, countryId);
          rows.countries.push({ id: countryId, isoCode: country.isoCode, name: countryName(country.isoCode), referenceSourceId });
        }
        cite({ countryId }, country.evidence);
        claim({ countryId }, 'name', country.name);
      }
      const cityIds = new Map<string, number>();
      for (const [index, city] of doc.cities.entries()) {
        const countryId = this.countries.get(city.countryCode)!;
        // The generator names only places the gazetteer resolves (validation has refused any other).
        const place = locate(city, ['cities', index]).place!;
        let cityId = this.cities.get(place.geonameId);
        if (cityId === undefined) {
          cityId = id('City');
          this.cities.set(place.geonameId, cityId);
          rows.cities.push({ id: cityId, ...placeData(place, countryId, source(GEONAMES_SOURCE)) });
        }
        cityIds.set(city.key, cityId);
        cite({ cityId }, city.evidence);
        claim({ cityId }, 'name', city.name);
      }
      const cityOf = (key: string | null | undefined) => (key == null ? null : cityIds.get(key)!);
      const countryOf = (code: string | null | undefined, cityKey: string | null | undefined) => {
        const iso = code ?? doc.cities.find((c) => c.key === cityKey)?.countryCode;
        return iso == null ? null : this.countries.get(iso)!;
      };
      const orgIds = new Map<string, number>();
      for (const org of doc.organizations) {
        const countryId = this.countries.get(org.countryCode)!;
        let orgId = this.organizations.get(`${countryId}:${organizationKey(org.name)}`);
        if (orgId === undefined) {
          orgId = id('Organization');
          this.organizations.set(`${countryId}:${organizationKey(org.name)}`, orgId);
          rows.organizations.push({ id: orgId, name: org.name, kind: org.kind, countryId, cityId: cityOf(org.cityKey) });
        }
        orgIds.set(org.key, orgId);
        cite({ organizationId: orgId }, org.evidence);
        rows.claims.push(...organizationClaims(articleId, orgId, org, cityOf(org.cityKey)));
      }
      const orgOf = (key: string | null | undefined) => (key == null ? null : orgIds.get(key)!);

      // Parents before children, as the importer writes them.
      const delegationIds = new Map<string, number>();
      const ordered: ArticleDocument['delegations'] = [];
      while (ordered.length < doc.delegations.length) {
        for (const d of doc.delegations) {
          if (!ordered.includes(d) && (d.parentKey == null || ordered.some((p) => p.key === d.parentKey))) ordered.push(d);
        }
      }
      for (const d of ordered) {
        const delegationId = id('Delegation');
        delegationIds.set(d.key, delegationId);
        rows.delegations.push({
          id: delegationId, articleId, key: d.key, name: d.name, nameIsQuoted: d.nameIsQuoted, description: d.description ?? null,
          homeCityId: cityOf(d.homeCityKey), organizationId: orgOf(d.organizationKey),
          parentId: d.parentKey == null ? null : delegationIds.get(d.parentKey)!, startDate: d.startDate ?? null, endDate: d.endDate ?? null,
        });
        d.countriesVisited.forEach((code, i) => rows.delegationVisits.push({ delegationId, countryId: this.countries.get(code)!, position: i + 1 }));
        cite({ delegationId }, d.evidence);
      }
      const eventIds = new Map<string, number>();
      for (const e of doc.events) {
        const eventId = id('Event');
        eventIds.set(e.key, eventId);
        if (e.startDate) datedEvents++;
        rows.events.push({
          id: eventId, articleId, key: e.key, name: e.name, nameIsQuoted: e.nameIsQuoted, kind: e.kind, description: e.description ?? null,
          startDate: e.startDate ?? null, endDate: e.endDate ?? null, cityId: cityOf(e.cityKey), countryId: countryOf(e.countryCode, e.cityKey),
        });
        for (const p of e.participants) rows.eventParticipations.push({ eventId, delegationId: delegationIds.get(p.delegationKey)!, role: p.role });
        for (const k of e.organizerKeys) rows.eventOrganizers.push({ eventId, organizationId: orgIds.get(k)! });
        cite({ eventId }, e.evidence);
      }
      const eventOf = (key: string | null | undefined) => (key == null ? null : eventIds.get(key)!);
      for (const a of doc.agreements) {
        const agreementId = id('Agreement');
        rows.agreements.push({
          id: agreementId, articleId, key: a.key, title: a.title, titleIsQuoted: a.titleIsQuoted, kind: a.kind, description: a.description ?? null,
          signedOn: a.signedOn ?? null, eventId: eventOf(a.eventKey), cityId: cityOf(a.cityKey), countryId: countryOf(a.countryCode, a.cityKey),
        });
        a.parties.forEach((p, i) => rows.agreementParties.push({
          agreementId, position: i + 1, organizationId: orgOf(p.organizationKey), description: p.description, role: p.role,
        }));
        cite({ agreementId }, a.evidence);
      }
      for (const image of [...doc.images].sort((a, b) => a.position - b.position)) {
        const imageId = id('Image');
        rows.images.push({
          id: imageId, articleId, key: image.key, position: image.position, caption: image.caption, credit: image.credit ?? null,
          takenOn: image.takenOn ?? null, url: image.url ?? null, cityId: cityOf(image.cityKey), countryId: countryOf(image.countryCode, image.cityKey),
          eventId: eventOf(image.eventKey),
        });
        cite({ imageId }, image.evidence);
      }
      // The same quote for the same record and facts is one row, as the importer keeps it.
      const signature = (e: Prisma.EvidenceCreateManyInput) =>
        [e.delegationId, e.eventId, e.agreementId, e.imageId, e.organizationId, e.cityId, e.countryId, e.start, e.end, e.facts].map((v) => v ?? '').join(':');
      rows.evidence.push(...new Map(evidence.map((e) => [signature(e), e])).values());
    }
    // Referenced rows first; the search triggers fire on every insert. Prisma's createMany costs grow
    // faster than the rows it is given, so each call gets a bounded chunk.
    const chunked = async <R>(data: R[], createMany: (args: { data: R[] }) => Promise<unknown>) => {
      for (let i = 0; i < data.length; i += CHUNK) await createMany({ data: data.slice(i, i + CHUNK) });
    };
    await chunked(rows.referenceSources, (args) => tx.referenceSource.createMany(args));
    await chunked(rows.articles, (args) => tx.article.createMany(args));
    await chunked(rows.countries, (args) => tx.country.createMany(args));
    await chunked(rows.cities, (args) => tx.city.createMany(args));
    await chunked(rows.organizations, (args) => tx.organization.createMany(args));
    await chunked(rows.delegations, (args) => tx.delegation.createMany(args));
    await chunked(rows.delegationVisits, (args) => tx.delegationVisit.createMany(args));
    await chunked(rows.events, (args) => tx.event.createMany(args));
    await chunked(rows.eventParticipations, (args) => tx.eventParticipation.createMany(args));
    await chunked(rows.eventOrganizers, (args) => tx.eventOrganizer.createMany(args));
    await chunked(rows.agreements, (args) => tx.agreement.createMany(args));
    await chunked(rows.agreementParties, (args) => tx.agreementParty.createMany(args));
    await chunked(rows.images, (args) => tx.image.createMany(args));
    await chunked(rows.evidence, (args) => tx.evidence.createMany(args));
    await chunked(rows.claims, (args) => tx.claim.createMany(args));
    await advanceSequences(tx, Object.fromEntries(ID_TABLES.map((table) => [table, next[table] - 1])));
    const counts = emptyCounts();
    for (const key of Object.keys(rows) as (keyof Rows)[]) counts[key] = rows[key].length;
    counts.datedEvents = datedEvents;
    return counts;
  }
}

// ---------------------------------------------------------------------------------------------------

export interface SynthOptions {
  /** Events to write, exactly. */
  events: number;
  seed?: number;
  /** Remove the synthetic articles already present first (else their presence is refused). */
  replace?: boolean;
  /** `bulk` (default): createMany in transactions of `batchSize` articles; `import`: importDocument per article. */
  via?: 'bulk' | 'import';
  batchSize?: number;
  onProgress?: (progress: { articles: number; events: number }) => void;
}

export interface SynthResult {
  written: SynthCounts;
  /** What `replace` removed: synthetic articles, and shared records only they cited. */
  removed: { articles: number; organizations: number; cities: number; countries: number };
  milliseconds: { remove: number; generate: number; write: number };
}

export async function countSynthetic(db: Db): Promise<number> {
  return db.article.count({ where: { source: SYNTH_SOURCE } });
}

/**
 * Removes the synthetic articles (their records, links and quotes go with them), then the organizations,
 * cities and countries that only synthetic articles cited and nothing left refers to.
 */
export async function removeSynthetic(db: Db): Promise<SynthResult['removed']> {
  const cited = await db.evidence.findMany({
    where: { article: { source: SYNTH_SOURCE }, OR: [{ organizationId: { not: null } }, { cityId: { not: null } }, { countryId: { not: null } }] },
    select: { organizationId: true, cityId: true, countryId: true },
  });
  const ids = (field: 'organizationId' | 'cityId' | 'countryId') => [...new Set(cited.map((e) => e[field]).filter((v): v is number => v != null))];
  // A home country (Germany for a Bavarian delegation) is referenced through its cities without being quoted.
  const [cities, organizations] = await Promise.all([
    db.city.findMany({ where: { id: { in: ids('cityId') } }, select: { countryId: true } }),
    db.organization.findMany({ where: { id: { in: ids('organizationId') } }, select: { countryId: true } }),
  ]);
  const countryIds = [...new Set([...ids('countryId'), ...cities.map((c) => c.countryId), ...organizations.map((o) => o.countryId)])];
  return db.$transaction(async (tx) => {
    await takeWriteLock(tx);
    const articles = await tx.article.deleteMany({ where: { source: SYNTH_SOURCE } });
    const organizations = await tx.organization.deleteMany({
      where: { id: { in: ids('organizationId') }, evidence: { none: {} }, delegations: { none: {} }, organized: { none: {} }, parties: { none: {} } },
    });
    const cities = await tx.city.deleteMany({
      where: {
        id: { in: ids('cityId') }, evidence: { none: {} }, organizations: { none: {} }, delegations: { none: {} }, events: { none: {} },
        agreements: { none: {} }, images: { none: {} },
      },
    });
    const countries = await tx.country.deleteMany({
      where: {
        id: { in: countryIds }, evidence: { none: {} }, cities: { none: {} }, organizations: { none: {} }, visits: { none: {} },
        events: { none: {} }, agreements: { none: {} }, images: { none: {} },
      },
    });
    return { articles: articles.count, organizations: organizations.count, cities: cities.count, countries: countries.count };
  }, { timeout: 600_000, maxWait: 30_000 });
}

/**
 * Writes `events` synthetic events (in about events/10 articles) for a seed: the same seed and count on
 * the same database give the same rows. Existing rows are never changed; synthetic data already present
 * is refused unless `replace`.
 */
export async function synthesize(db: Db, options: SynthOptions): Promise<SynthResult> {
  const { events, seed = 1, via = 'bulk', batchSize = 250 } = options;
  if (!Number.isSafeInteger(events) || events < 1) throw new SynthError(`events must be a positive integer, got ${events}`);
  if (!Number.isSafeInteger(seed)) throw new SynthError(`seed must be an integer, got ${seed}`);
  const ms = { remove: 0, generate: 0, write: 0 };
  let removed: SynthResult['removed'] = { articles: 0, organizations: 0, cities: 0, countries: 0 };
  const present = await countSynthetic(db);
  if (present > 0) {
    if (!options.replace) throw new SynthError(`the database already has ${present} synthetic articles; pass --replace to remove them first`);
    const started = performance.now();
    removed = await removeSynthetic(db);
    ms.remove = performance.now() - started;
  }

  const written = emptyCounts();
  const add = (counts: SynthCounts) => {
    for (const key of Object.keys(written) as (keyof SynthCounts)[]) written[key] += counts[key];
  };
  const writer = new BulkWriter();
  await writer.load(db);
  let batch: { doc: ArticleDocument; hash: string }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const started = performance.now();
    const docs = batch;
    batch = [];
    add(await db.$transaction(async (tx) => {
      await takeWriteLock(tx);
      return writer.write(tx, docs);
    }, { timeout: 600_000, maxWait: 30_000 }));
    ms.write += performance.now() - started;
    options.onProgress?.({ articles: written.articles, events: written.events });
  };

  const existing = await readExisting(db);
  let started = performance.now();
  for (const generated of synthDocuments(existing, { events, seed })) {
    const doc = validateDocument(generated);
    ms.generate += performance.now() - started;
    if (via === 'import') {
      started = performance.now();
      const report = await importDocument(db, generated, { actor: SYNTH_ACTOR });
      ms.write += performance.now() - started;
      add(countsOf(doc, report.changes));
      options.onProgress?.({ articles: written.articles, events: written.events });
    } else {
      batch.push({ doc, hash: documentHash(doc) });
      if (batch.length >= batchSize) await flush();
    }
    started = performance.now();
  }
  await flush();
  return { written, removed, milliseconds: ms };
}

/** The importer's report as counts (it reports link rows and evidence under their own names). */
function countsOf(doc: ArticleDocument, changes: Record<string, { created: number }>): SynthCounts {
  const counts = emptyCounts();
  for (const key of Object.keys(counts) as (keyof SynthCounts)[]) counts[key] = changes[key]?.created ?? 0;
  counts.datedEvents = doc.events.filter((e) => e.startDate != null).length;
  return counts;
}
