import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importDocument } from '../src/modules/import/import.service.js';
import { secondArticle } from './fixtures/second-article.js';
import { startTestServer, type TestServer } from './helpers.js';

// The trip as a timeline widget reads it.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await importDocument(server.db, secondArticle());
});
afterAll(() => server.close());

const ITINERARIES = `{ delegations(first: 10) { nodes { name
  events(first: 20) { totalCount nodes { name } }
  itinerary { country { isoCode } city { name } arrivalDate departureDate events { name startDate } } } } }`;

interface Stop {
  country: { isoCode: string } | null;
  city: { name: string } | null;
  arrivalDate: string | null;
  departureDate: string | null;
  events: { name: string; startDate: string | null }[];
}

async function itineraries() {
  const { delegations } = await server.query(ITINERARIES);
  return new Map<string, { itinerary: Stop[]; events: { totalCount: number; nodes: { name: string }[] } }>(
    delegations.nodes.map((d: any) => [d.name, d]),
  );
}
const place = (stop: Stop) => [stop.country?.isoCode ?? null, stop.city?.name ?? null];

describe('Delegation.itinerary', () => {
  test('the Liaocheng trip: Kazakhstan, Uzbekistan, Kyrgyzstan, cities by their first known day', async () => {
    const { itinerary } = (await itineraries()).get('Liaocheng delegation')!;
    expect(itinerary.map(place)).toEqual([
      ['KZ', 'Astana'],
      ['KZ', null],
      ['UZ', 'Tashkent'],
      ['UZ', 'Samarkand'],
      ['UZ', null],
      ['KG', 'Bishkek'],
      ['KG', null],
      [null, null],
    ]);
    const countries = itinerary.map((stop) => stop.country?.isoCode).filter((code, i, all) => code && all.indexOf(code) === i);
    expect(countries).toEqual(['KZ', 'UZ', 'KG']);
  });

  test('dates come only from the events the article dates; undated events stay undated, after the dated ones', async () => {
    const { itinerary } = (await itineraries()).get('Liaocheng delegation')!;
    const tashkent = itinerary.find((stop) => stop.city?.name === 'Tashkent')!;
    expect(tashkent).toMatchObject({ arrivalDate: '2023-09-05', departureDate: '2023-09-05' });
    expect(tashkent.events.map((e) => e.startDate)).toEqual(['2023-09-05', null, null]);
    expect(itinerary.find((stop) => stop.city?.name === 'Samarkand')).toMatchObject({ arrivalDate: '2023-09-06', departureDate: '2023-09-06' });
    for (const stop of itinerary.filter((s) => !['Tashkent', 'Samarkand'].includes(s.city?.name ?? ''))) {
      expect(stop).toMatchObject({ arrivalDate: null, departureDate: null });
      expect(stop.events.every((e) => e.startDate === null)).toBe(true);
    }
  });

  test('every event of the delegation sits in exactly one stop', async () => {
    for (const [name, delegation] of await itineraries()) {
      const inStops = delegation.itinerary.flatMap((stop) => stop.events.map((e) => e.name)).sort();
      expect(inStops, name).toEqual(delegation.events.nodes.map((e) => e.name).sort());
      expect(inStops.length, name).toBe(delegation.events.totalCount);
    }
  });

  test('a visited country without any reported event is still a stop', async () => {
    const { itinerary } = (await itineraries()).get('Shandong provincial government delegation')!;
    expect(itinerary).toEqual([
      { country: { isoCode: 'KZ' }, city: null, arrivalDate: null, departureDate: null, events: [] },
      { country: { isoCode: 'UZ' }, city: null, arrivalDate: null, departureDate: null, events: [] },
      { country: { isoCode: 'KG' }, city: null, arrivalDate: null, departureDate: null, events: [] },
    ]);
  });

  test('a second article’s trip, through a place the first one shares', async () => {
    const { itinerary } = (await itineraries()).get('Jinan trade delegation')!;
    expect(itinerary.map((stop) => [...place(stop), stop.arrivalDate, stop.events.map((e) => e.name)])).toEqual([
      ['DE', 'Düsseldorf', '2023-10-11', ['Shandong–North Rhine-Westphalia Investment Forum']],
      ['KZ', 'Astana', '2023-10-16', ['Astana International Machinery Exhibition']],
    ]);
  });
});
