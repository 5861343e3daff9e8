import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  const data = await server.query(`{ cities { id name } delegations { nodes { id name } } organizations { nodes { id name } }
    articles { nodes { id } } events(filter: { kind: EXHIBITION }) { nodes { id startDate } } }`);
  const pick = (list: any[], name: string) => list.find((x) => x.name === name).id;
  ids = {
    tashkent: pick(data.cities, 'Tashkent'),
    liaocheng: pick(data.delegations.nodes, 'Liaocheng delegation'),
    provincial: pick(data.delegations.nodes, 'Shandong provincial government delegation'),
    sinoglory: pick(data.organizations.nodes, 'Shandong Sinoglory Health Food Co'),
    article: data.articles.nodes[0].id,
    samarkandExhibition: data.events.nodes.find((e: any) => e.startDate === '2023-09-06').id,
  };
});
afterAll(() => server.close());

/** Names of the records a list returns for a filter (and order), with its totalCount. */
async function names(list: string, args: string, field = 'name') {
  const data = await server.query(`{ ${list}(first: 100, ${args}) { totalCount nodes { ${field} } } }`);
  const page = data[list];
  expect(page.nodes).toHaveLength(page.totalCount);
  return page.nodes.map((n: any) => n[field]);
}

describe('events', () => {
  test('by country, case-insensitively', async () => {
    expect(await names('events', 'filter: { countryCode: "KZ" }')).toHaveLength(2);
    expect(await names('events', 'filter: { countryCode: "UZ" }')).toHaveLength(5);
    expect(await names('events', 'filter: { countryCode: "kg" }')).toHaveLength(2);
    // A real country the articles never mention: an empty list, not an error.
    expect(await names('events', 'filter: { countryCode: "FR" }')).toEqual([]);
  });

  test('by city, kind, delegation and article', async () => {
    expect((await names('events', `filter: { cityId: "${ids.tashkent}" }`)).sort()).toEqual([
      'China (Shandong)-Uzbekistan Cooperation and Exchange Conference',
      'Liaocheng business promotional event in Tashkent',
      'Shandong promotional exhibition',
    ]);
    expect(await names('events', 'filter: { kind: EXHIBITION }')).toEqual(['Shandong promotional exhibition', '"Friendly Shandong, Good Shandong Products" exhibition']);
    expect(await names('events', `filter: { delegationId: "${ids.liaocheng}" }`)).toHaveLength(10);
    expect(await names('events', `filter: { delegationId: "${ids.provincial}" }`)).toEqual([]);
    expect(await names('events', `filter: { articleId: "${ids.article}" }`)).toHaveLength(10);
  });

  test('filters combine', async () => {
    expect(await names('events', `filter: { countryCode: "UZ", kind: EXHIBITION, cityId: "${ids.tashkent}" }`)).toEqual(['Shandong promotional exhibition']);
    expect(await names('events', `filter: { countryCode: "KZ", kind: EXHIBITION }`)).toEqual([]);
  });

  test('by date: known dates that overlap the range; unknown dates are excluded', async () => {
    expect(await names('events', 'filter: { from: "2023-09-06" }')).toEqual(['"Friendly Shandong, Good Shandong Products" exhibition']);
    expect(await names('events', 'filter: { to: "2023-09-05" }')).toEqual(['Shandong promotional exhibition']);
    expect(await names('events', 'filter: { from: "2023-09-05", to: "2023-09-05" }')).toEqual(['Shandong promotional exhibition']);
    expect(await names('events', 'filter: { from: "2023-09-01", to: "2023-09-30" }')).toHaveLength(2);
    expect(await names('events', 'filter: { from: "2023-09-07" }')).toEqual([]);
  });

  test('orders by start date (unknown last, either way) or by name', async () => {
    const ascending = await names('events', '', 'startDate');
    expect(ascending.slice(0, 3)).toEqual(['2023-09-05', '2023-09-06', null]);
    const descending = await names('events', 'orderBy: { field: START_DATE, direction: DESC }', 'startDate');
    expect(descending.slice(0, 3)).toEqual(['2023-09-06', '2023-09-05', null]);
    const byName = await names('events', 'orderBy: { field: NAME }');
    expect(byName).toEqual([...byName].sort());
    expect(await names('events', 'orderBy: { field: NAME, direction: DESC }')).toEqual([...byName].reverse());
  });
});

describe('agreements', () => {
  test('by country: Kazakhstan 2, Uzbekistan 1', async () => {
    expect(await names('agreements', 'filter: { countryCode: "KZ" }', 'title')).toHaveLength(2);
    expect(await names('agreements', 'filter: { countryCode: "UZ" }', 'title')).toHaveLength(1);
    expect(await names('agreements', 'filter: { countryCode: "KG" }', 'title')).toHaveLength(0);
  });

  test('by organization, kind and article', async () => {
    expect(await names('agreements', `filter: { organizationId: "${ids.sinoglory}" }`, 'kind')).toEqual(['LONG_TERM_COOPERATION_FRAMEWORK_AGREEMENT']);
    expect(await names('agreements', 'filter: { kind: COOPERATION_AGREEMENT }', 'kind')).toEqual(['COOPERATION_AGREEMENT', 'COOPERATION_AGREEMENT']);
    expect(await names('agreements', `filter: { articleId: "${ids.article}" }`, 'kind')).toHaveLength(3);
  });

  test('a date filter excludes agreements whose signing day the article does not give', async () => {
    expect(await names('agreements', 'filter: { from: "2023-01-01", to: "2023-12-31" }', 'title')).toEqual([]);
  });
});

describe('images, delegations, articles, organizations, cities', () => {
  test('images by event and by country', async () => {
    expect(await names('images', `filter: { eventId: "${ids.samarkandExhibition}" }`, 'position')).toEqual([1]);
    expect(await names('images', 'filter: { countryCode: "UZ" }', 'position')).toEqual([1, 2]);
    expect(await names('images', `filter: { articleId: "${ids.article}" }`, 'position')).toEqual([1, 2, 3]);
  });

  test('delegations by country visited and by trip dates', async () => {
    expect(await names('delegations', 'filter: { countryCode: "KG" }')).toHaveLength(2);
    expect(await names('delegations', 'filter: { countryCode: "CN" }')).toEqual([]);
    expect(await names('delegations', 'filter: { from: "2023-09-09", to: "2023-09-20" }')).toEqual(['Liaocheng delegation']);
    expect(await names('delegations', 'filter: { to: "2023-09-01" }')).toEqual([]);
    expect(await names('delegations', 'filter: { from: "2023-09-10" }')).toEqual([]);
  });

  test('articles by the date they state', async () => {
    expect(await names('articles', 'filter: { from: "2023-09-15", to: "2023-09-15" }', 'slug')).toEqual(['liaocheng-delegation-visits-central-asia']);
    expect(await names('articles', 'filter: { to: "2023-09-14" }', 'slug')).toEqual([]);
  });

  test('organizations by country and kind', async () => {
    expect((await names('organizations', 'filter: { countryCode: "CN" }')).sort()).toEqual(['Shandong Sinoglory Health Food Co', 'Shandong provincial government']);
    expect(await names('organizations', 'filter: { kind: COMPANY }')).toEqual(['Shandong Sinoglory Health Food Co']);
  });

  test('cities by country', async () => {
    const { cities } = await server.query('{ cities(countryCode: "UZ") { name country { isoCode } } }');
    expect(cities).toEqual([{ name: 'Samarkand', country: { isoCode: 'UZ' } }, { name: 'Tashkent', country: { isoCode: 'UZ' } }]);
    expect((await server.query('{ cities { name } }')).cities).toHaveLength(5);
  });
});

describe('bad filter input is a BAD_USER_INPUT error naming the argument', () => {
  test.each([
    ['an unknown country code', '{ events(filter: { countryCode: "XX" }) { totalCount } }', ['filter', 'countryCode']],
    ['a country name instead of a code', '{ agreements(filter: { countryCode: "Kazakhstan" }) { totalCount } }', ['filter', 'countryCode']],
    ['an unknown country code for cities', '{ cities(countryCode: "ZZ") { name } }', ['countryCode']],
    ['from after to', '{ events(filter: { from: "2023-09-09", to: "2023-09-01" }) { totalCount } }', ['filter', 'from']],
    ['from after to on delegations', '{ delegations(filter: { from: "2023-09-09", to: "2023-09-01" }) { totalCount } }', ['filter', 'from']],
    ['a malformed ID in a filter', '{ images(filter: { eventId: "nonsense!" }) { totalCount } }', ['filter', 'eventId']],
  ])('%s', async (_name, query, argumentPath) => {
    const response = await server.request(query);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath });
  });

  test('an ID of the wrong type in a filter', async () => {
    const response = await server.request(`{ events(filter: { cityId: "${ids.liaocheng}" }) { totalCount } }`);
    expect(response.errors![0]!.message).toBe('expected the ID of a City, got the ID of a Delegation');
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['filter', 'cityId'] });
  });

  test('a date that is not on the calendar is rejected, in the document or in a variable', async () => {
    const literal = await server.request('{ events(filter: { from: "2023-02-30" }) { totalCount } }');
    expect(literal.status).toBe(400);
    expect(literal.errors![0]!.message).toMatch(/Date must be a calendar day written YYYY-MM-DD/);
    const variable = await server.request('query ($from: Date) { events(filter: { from: $from }) { totalCount } }', { from: '2023-13-01' });
    expect(variable.status).toBe(400);
    expect(variable.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(variable.errors![0]!.message).toMatch(/\$from/);
  });
});
