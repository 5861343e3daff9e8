import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '../src/shared/auth.js';
import { articleB, articleC } from './fixtures/multi-article.js';
import { startTestServer, type TestServer } from './helpers.js';

// Merging two organizations an editor finds to be one, and undoing it. Article C (test fixture) names
// "Sinoglory Health Food Trading Co", which the import reported as a possible duplicate of Sinoglory.

const EDITOR = 'dg_editor-token-for-merge-tests';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKeys: [{ keyId: 'editor1', role: 'editor', sha256: sha256(EDITOR) }] });
  for (const doc of [articleB(), articleC()]) {
    const { articleImport } = await server.query('mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { userErrors { message } } }', { input: doc }, { token: EDITOR });
    expect(articleImport.userErrors).toEqual([]);
  }
});
afterAll(() => server.close());

const ORG = 'id name version claims { field value article { slug } } evidence { quote }';
const MERGE = `mutation($input: OrganizationMergeInput!) { organizationMerge(input: $input) {
  merge { id survivorId mergedId actor undoneAt } organization { ${ORG} } userErrors { path code } } }`;
const UNMERGE = `mutation($input: OrganizationUnmergeInput!) { organizationUnmerge(input: $input) {
  merge { id undoneAt } organization { ${ORG} } restored { ${ORG} } userErrors { path code } } }`;
const organizations = async () => (await server.query('{ organizations(filter: { countryCode: "CN" }, first: 50) { nodes { id name } } }')).organizations.nodes as { id: string; name: string }[];
const organizersOfC = async () => (await server.query('{ events(filter: { countryCode: "DE" }, first: 50) { nodes { name organizers { id } } } }'))
  .events.nodes.filter((e: any) => e.organizers.length > 0).map((e: any) => ({ name: e.name, organizers: e.organizers.map((o: any) => o.id).sort() }));

describe('organizationMerge and organizationUnmerge', () => {
  let survivor: string;
  let merged: string;
  let mergeId: string;
  let before: { orgs: unknown; organizers: unknown; mergedNode: unknown };

  beforeAll(async () => {
    const orgs = await organizations();
    survivor = orgs.find((o) => o.name === 'Shandong Sinoglory Health Food Co')!.id;
    merged = orgs.find((o) => o.name === 'Sinoglory Health Food Trading Co')!.id;
    before = {
      orgs,
      organizers: await organizersOfC(),
      mergedNode: (await server.query(`query($id: ID!) { node(id: $id) { ... on Organization { ${ORG} } } }`, { id: merged })).node,
    };
  });

  test('refuses what cannot be one organization', async () => {
    const self = await server.query(MERGE, { input: { survivorId: survivor, mergedId: survivor } }, { token: EDITOR });
    expect(self.organizationMerge.userErrors).toEqual([{ path: ['input', 'mergedId'], code: 'INVALID_VALUE' }]);
    const { organizations: german } = await server.query('{ organizations(filter: { countryCode: "DE" }, first: 5) { nodes { id } } }');
    if (german.nodes.length > 0) {
      const abroad = await server.query(MERGE, { input: { survivorId: survivor, mergedId: german.nodes[0].id } }, { token: EDITOR });
      expect(abroad.organizationMerge.userErrors).toEqual([{ path: ['input', 'mergedId'], code: 'COUNTRY_MISMATCH' }]);
    }
    const anonymous = await server.request(MERGE, { input: { survivorId: survivor, mergedId: merged } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('moves links, quotes and claims to the survivor; the merged ID resolves to it; audited', async () => {
    const { organizationMerge } = await server.query(MERGE, { input: { survivorId: survivor, mergedId: merged } }, { token: EDITOR });
    expect(organizationMerge.userErrors).toEqual([]);
    expect(organizationMerge.merge).toMatchObject({ survivorId: survivor, mergedId: merged, actor: 'editor1', undoneAt: null });
    mergeId = organizationMerge.merge.id;
    const names = organizationMerge.organization.claims.filter((c: any) => c.field === 'name').map((c: any) => c.value);
    expect(names).toContain('Sinoglory Health Food Trading Co');
    expect(organizationMerge.organization.evidence.map((e: any) => e.quote)).toContain('Sinoglory Health Food Trading Co');
    expect((await organizations()).map((o) => o.id)).not.toContain(merged);
    // C's two events were organized by both: now by the survivor, once.
    expect(await organizersOfC()).toEqual([
      { name: 'opening of offices', organizers: [survivor] },
      { name: 'product showing at Koelnmesse', organizers: [survivor] },
    ]);
    const { node } = await server.query('query($id: ID!) { node(id: $id) { id ... on Organization { name } } }', { id: merged });
    expect(node).toEqual({ id: survivor, name: 'Shandong Sinoglory Health Food Co' });
    expect(await server.db.auditEntry.count({ where: { entity: 'OrganizationMerge', action: 'CREATE' } })).toBe(1);
  });

  test('a later import that names the merged organization matches the survivor', async () => {
    const { articleImport } = await server.query('mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { status shared { type id as outcome } userErrors { message } } }', { input: articleC() }, { token: EDITOR });
    expect(articleImport.userErrors).toEqual([]);
    expect(articleImport.shared.find((s: any) => s.as === 'Sinoglory Health Food Trading Co')).toMatchObject({ id: survivor, outcome: 'MATCHED' });
    expect((await organizations()).map((o) => o.id)).not.toContain(merged);
  });

  test('an undo brings the merged organization back with its ID, and what moved moves back', async () => {
    const { organizationUnmerge } = await server.query(UNMERGE, { input: { mergeId } }, { token: EDITOR });
    expect(organizationUnmerge.userErrors).toEqual([]);
    expect(organizationUnmerge.merge.undoneAt).not.toBeNull();
    expect(organizationUnmerge.restored.id).toBe(merged);
    expect(organizationUnmerge.organization.claims.map((c: any) => c.value)).not.toContain('Sinoglory Health Food Trading Co');
    expect(await organizations()).toEqual(before.orgs);
    expect(await organizersOfC()).toEqual(before.organizers);
    const { node } = await server.query(`query($id: ID!) { node(id: $id) { ... on Organization { ${ORG} } } }`, { id: merged });
    expect({ ...node, version: undefined }).toEqual({ ...(before.mergedNode as object), version: undefined });
    const again = await server.query(UNMERGE, { input: { mergeId } }, { token: EDITOR });
    expect(again.organizationUnmerge.userErrors).toEqual([{ path: ['input', 'mergeId'], code: 'CONFLICT' }]);
  });

  test('organizationCreate matches names as the importer does: another spelling of an existing organization is refused', async () => {
    const { article } = await server.query('{ article(slug: "liaocheng-delegation-visits-central-asia") { id } }');
    const { organizationCreate } = await server.query(`mutation($input: OrganizationCreateInput!) { organizationCreate(input: $input) { organization { id } userErrors { path code message } } }`, {
      input: { articleId: article.id, name: 'Shandong Sinoglory Health Food Co., Ltd.', kind: 'COMPANY', countryCode: 'CN', evidence: [{ quote: 'Shandong Sinoglory Health Food Co', facts: ['name'] }] },
    }, { token: EDITOR });
    expect(organizationCreate.organization).toBeNull();
    expect(organizationCreate.userErrors).toMatchObject([{ path: ['input', 'name'], code: 'DUPLICATE_KEY', message: expect.stringContaining(survivor) }]);
  });
});
