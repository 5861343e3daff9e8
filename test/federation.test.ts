import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { printSubgraphSdl } from '../src/federation.js';
import { projectRoot } from '../src/shared/paths.js';
import { startTestServer, type TestServer } from './helpers.js';

// The service as an Apollo Federation 2 subgraph (FEDERATION=true), composed with a small second subgraph
// by Apollo's own composition and gateway, each a real HTTP server.
let service: TestServer;
let crm: { url: string; stop: () => Promise<void> };
let gateway: { url: string; stop: () => Promise<void> };
/** The organizations the second subgraph knows, by global ID (filled from the service's own list). */
const partners = new Map<string, string>();

// A CRM's subgraph: it adds `partnerSince` to Organization, and lists featured partners by their keys only.
const crmSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Organization @key(fields: "id") { id: ID! partnerSince: String }
  type Query { featuredPartners: [Organization!]! }
`;

async function listen(server: ApolloServer): Promise<{ url: string; stop: () => Promise<void> }> {
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

async function post(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

beforeAll(async () => {
  service = await startTestServer({ settings: { federation: true, cacheMaxAgeSeconds: 0 } });
  const organizations = (await service.query<any>('{ organizations(first: 2) { nodes { id name } } }')).organizations.nodes;
  partners.set(organizations[0].id, '2019-05-01');
  partners.set(organizations[1].id, '2021-11-15');
  crm = await listen(
    new ApolloServer({
      schema: buildSubgraphSchema([
        {
          typeDefs: parse(crmSdl),
          resolvers: {
            Query: { featuredPartners: () => [...partners.keys()].map((id) => ({ id })) },
            Organization: {
              __resolveReference: (reference: { id: string }) => ({ id: reference.id, partnerSince: partners.get(reference.id) ?? null }),
            },
          },
        },
      ]),
    }),
  );
  // Composed from the committed subgraph.graphql, as a schema registry would be given it.
  const composed = composeServices([
    { name: 'delegations', typeDefs: parse(readFileSync(path.join(projectRoot, 'subgraph.graphql'), 'utf8')), url: service.url },
    { name: 'crm', typeDefs: parse(crmSdl), url: crm.url },
  ]);
  expect(composed.errors ?? []).toEqual([]);
  gateway = await listen(new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl! }) }));
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await crm?.stop();
  await service?.close();
});

describe('the Federation 2 subgraph', () => {
  test('subgraph.graphql is the subgraph the code builds, every Node type an entity keyed by id', async () => {
    const sdl = readFileSync(path.join(projectRoot, 'subgraph.graphql'), 'utf8');
    expect(sdl).toBe(await printSubgraphSdl());
    const keyed = [...sdl.matchAll(/^type (\w+) implements Node @key\(fields: "id"\)/gm)].map((match) => match[1]);
    expect(keyed.sort()).toEqual(['Agreement', 'Article', 'City', 'Country', 'Delegation', 'Event', 'Figure', 'Image', 'Organization', 'Person']);
    const served = await post(service.url, '{ _service { sdl } }');
    expect(served.body.data._service.sdl).toContain('@key(fields: "id")');
  });

  test("a query through the gateway joins the service's organizations with the other subgraph's field", async () => {
    const { body } = await post(gateway.url, '{ organizations(first: 2) { nodes { id name country { isoCode } partnerSince } } }');
    expect(body.errors).toBeUndefined();
    const nodes = body.data.organizations.nodes;
    expect(nodes).toHaveLength(2);
    for (const node of nodes) {
      expect(node.partnerSince).toBe(partners.get(node.id));
      expect(node.name).toEqual(expect.any(String));
    }
  });

  test('the other way round: entities the other subgraph names are resolved by the service (_entities)', async () => {
    const { body } = await post(gateway.url, '{ featuredPartners { id partnerSince name country { name } claims { article { slug } } } }');
    expect(body.errors).toBeUndefined();
    const direct = await service.query<any>(`{ nodes(ids: ${JSON.stringify([...partners.keys()])}) { id ... on Organization { name country { name } } } }`);
    expect(body.data.featuredPartners.map(({ id, name, country }: any) => ({ id, name, country }))).toEqual(direct.nodes);
    expect(body.data.featuredPartners[0].claims[0].article.slug).toBe('liaocheng-delegation-visits-central-asia');
  });

  test('an unknown or mistyped reference resolves to null, not to another record', async () => {
    const [organizationId] = [...partners.keys()];
    const { body } = await post(
      service.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { name } ... on Event { name } } }',
      { r: [{ __typename: 'Event', id: organizationId }, { __typename: 'Organization', id: organizationId }] },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data._entities[0]).toBeNull();
    expect(body.data._entities[1].name).toEqual(expect.any(String));
  });

  test('_entities counts toward the cost and depth limits', async () => {
    const delegations = (await service.query<any>('{ delegations { nodes { id } } }')).delegations.nodes;
    const representations = Array.from({ length: 100 }, (_, i) => ({ __typename: 'Delegation', id: delegations[i % delegations.length].id }));
    const costly = await post(service.url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Delegation { events(first: 100) { nodes { name } } } } }', {
      r: representations,
    });
    expect(costly.status).toBe(400);
    expect(costly.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 5000 });
    const deep = await post(
      service.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Delegation { events { nodes { city { country { cities { country { cities { country { cities { name } } } } } } } } } } } }',
      { r: representations.slice(0, 1) },
    );
    expect(deep.status).toBe(400);
    expect(deep.body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.body.errors![0].message).toMatch(/depth/i);
  });
});
