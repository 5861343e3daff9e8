import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toGlobalId } from '../src/shared/global-id.js';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let idsByType: Record<string, string[]>;

beforeAll(async () => {
  server = await startTestServer();
  const data = await server.query(`{
    articles { nodes { id } } delegations { nodes { id } } events(first: 100) { nodes { id } }
    agreements { nodes { id } } images { nodes { id } } organizations { nodes { id } }
    cities { id } countries { id } }`);
  idsByType = {
    Article: data.articles.nodes.map((n: any) => n.id),
    Delegation: data.delegations.nodes.map((n: any) => n.id),
    Event: data.events.nodes.map((n: any) => n.id),
    Agreement: data.agreements.nodes.map((n: any) => n.id),
    Image: data.images.nodes.map((n: any) => n.id),
    Organization: data.organizations.nodes.map((n: any) => n.id),
    City: data.cities.map((n: any) => n.id),
    Country: data.countries.map((n: any) => n.id),
  };
});
afterAll(() => server.close());

const errorOf = (response: { errors?: any[] }) => {
  expect(response.errors).toHaveLength(1);
  return response.errors![0];
};

describe('global IDs', () => {
  test('are unique across every type', () => {
    const all = Object.values(idsByType).flat();
    expect(all.length).toBe(1 + 2 + 10 + 3 + 3 + 2 + 5 + 4);
    expect(new Set(all).size).toBe(all.length);
  });

  test('node(id) returns every record of every type, as its own type', async () => {
    for (const [type, ids] of Object.entries(idsByType)) {
      for (const id of ids) {
        const { node } = await server.query('query ($id: ID!) { node(id: $id) { __typename id } }', { id });
        expect(node).toEqual({ __typename: type, id });
      }
    }
  });

  test('nodes(ids) keeps the order and answers null for a well-formed ID that matches nothing', async () => {
    const ids = [idsByType.Image![0], toGlobalId('Event', 999_999), idsByType.Country![0]];
    const { nodes } = await server.query('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids });
    expect(nodes).toEqual([{ __typename: 'Image', id: ids[0] }, null, { __typename: 'Country', id: ids[2] }]);
  });

  test('typed lookups return the record, or null when a well-formed ID matches nothing', async () => {
    const data = await server.query(`query ($d: ID!, $e: ID!, $a: ID!, $i: ID!, $art: ID!, $missing: ID!) {
      delegation(id: $d) { id } event(id: $e) { id } agreement(id: $a) { id } image(id: $i) { id } article(id: $art) { id }
      gone: event(id: $missing) { id } }`, {
      d: idsByType.Delegation![0], e: idsByType.Event![0], a: idsByType.Agreement![0], i: idsByType.Image![0], art: idsByType.Article![0],
      missing: toGlobalId('Event', 999_999),
    });
    expect(data).toEqual({
      delegation: { id: idsByType.Delegation![0] }, event: { id: idsByType.Event![0] }, agreement: { id: idsByType.Agreement![0] },
      image: { id: idsByType.Image![0] }, article: { id: idsByType.Article![0] }, gone: null,
    });
  });
});

describe('bad IDs are BAD_USER_INPUT errors that name the argument', () => {
  test.each([
    ['not base64', '!!!'],
    ['base64 of something else', Buffer.from('hello').toString('base64url')],
    ['an unknown type', Buffer.from('Planet:1').toString('base64url')],
    ['a non-numeric id', Buffer.from('Event:abc').toString('base64url')],
  ])('node(id:) with %s', async (_name, id) => {
    const error = errorOf(await server.request('query ($id: ID!) { node(id: $id) { id } }', { id }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['id'] });
    expect(error.path).toEqual(['node']);
  });

  test('an ID of the wrong type', async () => {
    const response = await server.request('query ($id: ID!) { event(id: $id) { id } }', { id: idsByType.Delegation![0] });
    const error = errorOf(response);
    expect(error.message).toBe('expected the ID of an Event, got the ID of a Delegation');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['id'] });
    expect(response.data).toEqual({ event: null });
  });

  test('one bad ID among several names its index', async () => {
    const error = errorOf(await server.request('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [idsByType.City![0], 'nope!'] }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['ids', 1] });
  });

  test('article() needs exactly one of id and slug', async () => {
    expect(errorOf(await server.request('{ article { id } }')).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const both = errorOf(await server.request('query ($id: ID!) { article(id: $id, slug: "x") { id } }', { id: idsByType.Article![0] }));
    expect(both.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await server.query('{ article(slug: "no-such-article") { id } }')).toEqual({ article: null });
  });
});
