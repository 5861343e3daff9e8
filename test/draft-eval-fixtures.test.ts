import { rmSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Db } from '../src/db/client.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { DocumentValidationError } from '../src/modules/import/validate.js';
import { heldOutArticles, type ImportDocumentShape } from './fixtures/draft-eval/index.js';
import { openTestDatabase } from './helpers.js';

// The held-out evaluation articles of the drafting engine (test/fixtures/draft-eval/): each gold document is
// imported into a fresh, unseeded SQLite database through the real import path (validation, gazetteer,
// quote checks, writer), and what was stored is what the document says. The counts are written out here, so
// a document that loses or gains a record fails until this file agrees.

interface Expected {
  countries: number;
  cities: number;
  organizations: number;
  people: number;
  delegations: number;
  events: number;
  agreements: number;
  images: number;
  figures: number;
}

const expected: Record<string, Expected> = {
  'received-visit': { countries: 2, cities: 2, organizations: 3, people: 4, delegations: 1, events: 3, agreements: 1, images: 1, figures: 2 },
  'multi-city-fair': { countries: 3, cities: 4, organizations: 7, people: 0, delegations: 1, events: 4, agreements: 3, images: 1, figures: 8 },
  'people-figures': { countries: 2, cities: 2, organizations: 4, people: 6, delegations: 1, events: 2, agreements: 1, images: 0, figures: 6 },
};

/** Imports a document into a fresh database, failing with every validation issue listed when it is refused. */
async function importFresh(doc: ImportDocumentShape) {
  const scratch = await openTestDatabase({ seed: false });
  try {
    const report = await importDocument(scratch.db, doc).catch((error: unknown) => {
      if (error instanceof DocumentValidationError) throw new Error(`${doc.article.slug} refused:\n${error.issues.map((i) => `  ${i.path}: ${i.message} [${i.code}]`).join('\n')}`);
      throw error;
    });
    return { ...scratch, report };
  } catch (error) {
    await scratch.db.$disconnect();
    rmSync(scratch.dir, { recursive: true, force: true });
    throw error;
  }
}

async function counts(db: Db): Promise<Expected> {
  return {
    countries: await db.country.count(),
    cities: await db.city.count(),
    organizations: await db.organization.count(),
    people: await db.person.count(),
    delegations: await db.delegation.count(),
    events: await db.event.count(),
    agreements: await db.agreement.count(),
    images: await db.image.count(),
    figures: await db.figure.count(),
  };
}

/** What the stored records say, for the key facts each article asserts. */
async function stored(db: Db) {
  const delegations = await db.delegation.findMany({
    include: { homeCity: true, organization: true, visits: { include: { country: true }, orderBy: { position: 'asc' } }, members: { include: { person: true } } },
  });
  const events = await db.event.findMany({
    include: {
      city: true,
      participations: { include: { delegation: true } },
      people: { include: { person: true } },
      counterparts: { include: { organization: true, person: true }, orderBy: { position: 'asc' } },
    },
  });
  const agreements = await db.agreement.findMany({
    include: { event: true, city: true, parties: { include: { organization: true }, orderBy: { position: 'asc' } }, signatories: { include: { person: true } } },
  });
  const figures = await db.figure.findMany({ include: { delegation: true, event: true, agreement: true } });
  const images = await db.image.findMany({ include: { city: true, event: true } });
  const people = await db.person.findMany({ include: { titles: { include: { organization: true } }, country: true } });
  const cities = await db.city.findMany({ include: { country: true } });
  return {
    delegation: (key: string) => delegations.find((d) => d.key === key)!,
    event: (key: string) => events.find((e) => e.key === key)!,
    agreement: (key: string) => agreements.find((a) => a.key === key)!,
    figure: (key: string) => figures.find((f) => f.key === key)!,
    images,
    people,
    cities,
  };
}

const keyFacts: Record<string, (db: Db) => Promise<void>> = {
  'received-visit': async (db) => {
    const s = await stored(db);
    const lodz = s.delegation('lodz-delegation');
    expect(lodz).toMatchObject({ name: 'Lodz delegation', startDate: '2024-05-14', endDate: '2024-05-16', homeCity: { name: 'Łódź', geonameId: 3093133 } });
    expect(lodz.visits.map((v) => v.country.isoCode)).toEqual(['CN']);
    expect(lodz.members.map((m) => [m.person.name, m.role]).sort()).toEqual([['Anna Zielinska', 'MEMBER'], ['Marek Nowicki', 'LEADER']]);
    expect(s.event('meeting-with-vice-mayor')).toMatchObject({ kind: 'MEETING', startDate: '2024-05-14', city: { name: 'Zibo' }, counterparts: [{ role: 'COUNTERPART', person: { name: 'Sun Li' } }] });
    expect(s.event('huaxing-tour').counterparts).toMatchObject([{ role: 'COUNTERPART', organization: { name: 'Zibo Huaxing Ceramics Co', kind: 'COMPANY' } }]);
    const mou = s.agreement('trade-investment-mou');
    expect(mou).toMatchObject({ kind: 'MEMORANDUM_OF_UNDERSTANDING', signedOn: '2024-05-16', event: { key: 'mou-signing' }, city: { name: 'Zibo' } });
    expect(mou.parties.map((p) => [p.organization?.name, p.role])).toEqual([['Zibo Municipal Bureau of Commerce', 'LOCAL_PARTY'], ['Lodz Chamber of Industry and Commerce', 'VISITING_PARTY']]);
    expect(mou.signatories.map((x) => x.person.name).sort()).toEqual(['Anna Zielinska', 'Wang Jing']);
    expect(s.images).toMatchObject([{ credit: 'Photo provided to chinadaily.com.cn', takenOn: '2024-05-15', city: { name: 'Zibo' }, event: { key: 'huaxing-tour' } }]);
    expect(s.figure('delegation-members')).toMatchObject({ value: 12, qualifier: 'EXACT', unitKey: 'member', delegation: { key: 'lodz-delegation' } });
    expect(s.people.find((p) => p.name === 'Wang Jing')!.titles).toMatchObject([{ title: 'director of the Zibo Municipal Bureau of Commerce', organization: { name: 'Zibo Municipal Bureau of Commerce' } }]);
  },

  'multi-city-fair': async (db) => {
    const s = await stored(db);
    const weifang = s.delegation('weifang-enterprise-delegation');
    expect(weifang).toMatchObject({ startDate: '2024-06-03', endDate: '2024-06-13', homeCity: { name: 'Weifang' }, organization: { name: 'Weifang Bureau of Commerce' } });
    expect(weifang.visits.map((v) => v.country.isoCode)).toEqual(['KZ', 'UZ']);
    expect(s.event('central-asia-trade-fair')).toMatchObject({
      kind: 'EXHIBITION', startDate: '2024-06-04', endDate: '2024-06-07', city: { name: 'Almaty' },
      participations: [{ role: 'EXHIBITOR', attendedFrom: '2024-06-04', attendedTo: '2024-06-06' }],
    });
    expect(s.event('almaty-business-forum').counterparts).toMatchObject([{ role: 'HOST', organization: { name: 'Chamber of International Commerce of Kazakhstan', kind: 'ASSOCIATION' } }]);
    expect(s.event('tashkent-promotion-conference')).toMatchObject({ kind: 'BUSINESS_PROMOTION', startDate: '2024-06-08', city: { name: 'Tashkent', isCapital: true }, participations: [{ role: 'HOST' }] });
    expect(s.event('samarkand-agricultural-expo')).toMatchObject({ startDate: '2024-06-11', endDate: '2024-06-13', city: { name: 'Samarkand' }, participations: [{ role: 'EXHIBITOR', attendedFrom: null }] });
    const contract = s.agreement('huaxin-supply-contract');
    expect(contract).toMatchObject({ kind: 'CONTRACT', signedOn: '2024-06-05', event: { key: 'almaty-business-forum' } });
    expect(contract.parties.map((p) => [p.organization?.name ?? null, p.description, p.role])).toEqual([
      ['Weifang Huaxin Agricultural Machinery Co', 'Weifang Huaxin Agricultural Machinery Co', 'VISITING_PARTY'],
      [null, 'local enterprises (unnamed)', 'LOCAL_PARTY'],
    ]);
    expect(s.agreement('hengda-orient-cooperation').parties.map((p) => p.organization?.name)).toEqual(['Weifang Hengda Auto Parts Co', 'Orient Motors LLC']);
    expect(s.agreement('meilin-cold-storage-mou')).toMatchObject({ kind: 'MEMORANDUM_OF_UNDERSTANDING', signedOn: '2024-06-08', city: { name: 'Tashkent' } });
    expect(s.images).toMatchObject([{ credit: null, takenOn: '2024-06-12', city: { name: 'Samarkand' }, event: { key: 'samarkand-agricultural-expo' } }]);
    expect(s.figure('contract-value')).toMatchObject({ value: 5_000_000, unitKey: 'USD', agreement: { key: 'huaxin-supply-contract' } });
    expect(s.figure('fair-exhibitors')).toMatchObject({ value: 400, qualifier: 'MORE_THAN', event: { key: 'central-asia-trade-fair' } });
    expect(s.figure('expo-orders')).toMatchObject({ value: 2_300_000, qualifier: 'APPROXIMATE', unitKey: 'USD' });
  },

  'people-figures': async (db) => {
    const s = await stored(db);
    const linyi = s.delegation('linyi-delegation');
    expect(linyi).toMatchObject({ name: 'Linyi delegation', startDate: '2024-09-22', endDate: '2024-09-25', homeCity: { name: 'Linyi' } });
    expect(linyi.members.map((m) => [m.person.name, m.role]).sort()).toEqual([['Gao Peng', 'MEMBER'], ['Liu Yan', 'MEMBER'], ['Zhou Hai', 'LEADER']]);
    const titles = Object.fromEntries(s.people.map((p) => [p.name, [p.country.isoCode, ...p.titles.map((t) => t.title)]]));
    expect(titles).toEqual({
      'Zhou Hai': ['CN', 'Vice-Mayor'],
      'Levan Gelashvili': ['GE', 'mayor of Kutaisi'],
      'Tamar Kvaratskhelia': ['GE', 'Deputy Mayor'],
      'Liu Yan': ['CN', 'director of the Linyi Bureau of Commerce'],
      'Gao Peng': ['CN', 'chairman of Linyi Tongda Logistics Group'],
      'Davit Chkheidze': ['GE', 'general manager of Kolkhida Trans LLC'],
    });
    const meeting = s.event('meeting-with-the-mayor');
    expect(meeting).toMatchObject({ kind: 'MEETING', startDate: '2024-09-23', city: { name: 'Kutaisi' }, people: [{ person: { name: 'Zhou Hai' } }] });
    expect(meeting.counterparts.map((c) => [c.person?.name, c.role])).toEqual([['Levan Gelashvili', 'COUNTERPART'], ['Tamar Kvaratskhelia', 'COUNTERPART']]);
    const forum = s.event('trade-and-logistics-forum');
    expect(forum.people.map((p) => p.person.name).sort()).toEqual(['Gao Peng', 'Liu Yan']);
    expect(forum.counterparts.map((c) => [c.organization?.name ?? c.person?.name, c.role])).toEqual([['Kutaisi City Hall', 'HOST'], ['Kolkhida Trans LLC', 'COUNTERPART'], ['Davit Chkheidze', 'COUNTERPART']]);
    const agreement = s.agreement('tongda-kolkhida-cooperation');
    expect(agreement).toMatchObject({ kind: 'COOPERATION_AGREEMENT', signedOn: '2024-09-24', event: { key: 'trade-and-logistics-forum' } });
    expect(agreement.signatories.map((x) => x.person.name).sort()).toEqual(['Davit Chkheidze', 'Gao Peng']);
    const figure = (key: string) => { const f = s.figure(key); return [f.value, f.upTo, f.qualifier, f.unitKey]; };
    expect(figure('delegation-size')).toEqual([20, null, 'MORE_THAN', 'official and entrepreneur']);
    expect(figure('forum-attendees')).toEqual([200, null, 'MORE_THAN', 'business people']);
    expect(figure('georgian-companies')).toEqual([45, null, 'EXACT', 'company']);
    expect(figure('containers')).toEqual([30, 40, 'RANGE', 'container a month']);
    expect(figure('agreement-value')).toEqual([1_200_000, null, 'APPROXIMATE', 'CNY']);
    expect(figure('delivery-time-cut')).toEqual([25, null, 'APPROXIMATE', 'percent']);
  },
};

describe('held-out drafting evaluation articles', () => {
  test('the index lists the three articles, each with an expectation here', () => {
    expect(heldOutArticles.map((a) => a.name)).toEqual(['received-visit', 'multi-city-fair', 'people-figures']);
  });

  describe.each(heldOutArticles)('$name', ({ name, document }) => {
    test('its body has a title line, an "Updated:" line, then paragraphs separated by blank lines', () => {
      const doc = document();
      const [title, updated, ...rest] = doc.article.body.split('\n\n');
      expect(title).toBe(doc.article.title);
      expect(updated).toBe(`Updated: ${doc.article.updatedOn}`);
      expect(rest.length).toBeGreaterThan(3);
      for (const paragraph of rest) expect(paragraph).toMatch(/^\S[^\n]*\S$/);
      const words = rest.join(' ').split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(250);
      expect(words).toBeLessThanOrEqual(400);
    });

    test('its document is accepted by the real import path, and what is stored is what it says', async () => {
      const doc = document();
      const { db, dir, report } = await importFresh(doc);
      try {
        expect(report.status).toBe('CREATED');
        expect(report.slug).toBe(doc.article.slug);
        const want = expected[name]!;
        // The document's own lists, and what the database holds, both match the counts written here.
        expect({
          countries: doc.countries.length, cities: doc.cities.length, organizations: doc.organizations.length, people: ('people' in doc ? doc.people : []).length,
          delegations: doc.delegations.length, events: doc.events.length, agreements: doc.agreements.length, images: doc.images.length, figures: doc.figures.length,
        }).toEqual(want);
        expect(await counts(db)).toEqual(want);
        expect(await db.article.count()).toBe(1);

        // Every stored quote is the body at its offsets, and every record cites at least one.
        const article = await db.article.findFirstOrThrow();
        expect(article.body).toBe(doc.article.body);
        const evidence = await db.evidence.findMany();
        for (const item of evidence) expect(article.body.slice(item.start, item.end)).toBe(item.quote);
        const quoted = [...doc.countries, ...doc.cities, ...doc.organizations, ...('people' in doc ? doc.people : []), ...doc.delegations, ...doc.events, ...doc.agreements, ...doc.images, ...doc.figures];
        expect(evidence.length).toBeGreaterThanOrEqual(quoted.reduce((n, record) => n + record.evidence.length, 0));
        for (const record of quoted) expect(record.evidence.length).toBeGreaterThan(0);

        await keyFacts[name]!(db);

        // The same document again writes nothing.
        expect((await importDocument(db, document())).status).toBe('UNCHANGED');
      } finally {
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
