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

describe('merge edge cases', () => {
  const idOf = async (name: string) => (await organizations()).find((o) => o.name === name)?.id;
  const merge = async (survivorId: string, mergedId: string) => (await server.query(MERGE, { input: { survivorId, mergedId } }, { token: EDITOR })).organizationMerge;
  const unmerge = async (mergeId: string) => (await server.query(UNMERGE, { input: { mergeId } }, { token: EDITOR })).organizationUnmerge;

  test("the survivor may take the merged one's name (the earliest article's): the undo still gives each its own", async () => {
    const sinoglory = (await idOf('Shandong Sinoglory Health Food Co'))!;
    const trading = (await idOf('Sinoglory Health Food Trading Co'))!;
    const versionOf = async () => (await server.query('{ events(filter: { countryCode: "DE" }, first: 50) { nodes { name version } } }')).events.nodes.find((e: any) => e.name === 'opening of offices').version;
    const eventVersion = await versionOf();
    const audits = await server.db.auditEntry.count({ where: { entity: 'Event', action: 'UPDATE', actor: 'editor1' } });
    const merged = await merge(trading, sinoglory);
    expect(merged.userErrors).toEqual([]);
    expect(merged.organization.name).toBe('Shandong Sinoglory Health Food Co');
    // The events whose organizers changed have a new version and an audit row.
    expect(await versionOf()).toBe(eventVersion + 1);
    expect(await server.db.auditEntry.count({ where: { entity: 'Event', action: 'UPDATE', actor: 'editor1' } })).toBeGreaterThan(audits);
    const undone = await unmerge(merged.merge.id);
    expect(undone.userErrors).toEqual([]);
    expect(undone.restored.name).toBe('Shandong Sinoglory Health Food Co');
    expect(undone.organization.name).toBe('Sinoglory Health Food Trading Co');
    expect(await idOf('Shandong Sinoglory Health Food Co')).toBe(sinoglory);
  });

  test('an undo after the merged one lost its last article leaves nothing behind', async () => {
    const sinoglory = (await idOf('Shandong Sinoglory Health Food Co'))!;
    const trading = (await idOf('Sinoglory Health Food Trading Co'))!;
    const merged = await merge(sinoglory, trading);
    const { article } = await server.query('{ article(slug: "shandong-companies-open-offices-in-dusseldorf") { id } }');
    const withdrawn = await server.query('mutation($input: ArticleDeleteInput!) { articleDelete(input: $input) { userErrors { code } } }', { input: { id: article.id } }, { token: EDITOR });
    expect(withdrawn.articleDelete.userErrors).toEqual([]);
    const undone = await unmerge(merged.merge.id);
    expect(undone.userErrors).toEqual([]);
    expect(undone.restored).toBeNull();
    expect(await idOf('Sinoglory Health Food Trading Co')).toBeUndefined();
  });

  test('an undo after the survivor was deleted is refused, writing nothing', async () => {
    const sinoglory = (await idOf('Shandong Sinoglory Health Food Co'))!;
    const provincial = (await idOf('Shandong provincial government'))!;
    const merged = await merge(sinoglory, provincial);
    expect(merged.userErrors).toEqual([]);
    const deleted = await server.query('mutation($input: OrganizationDeleteInput!) { organizationDelete(input: $input) { userErrors { code } } }', { input: { id: sinoglory, cascade: true } }, { token: EDITOR });
    expect(deleted.organizationDelete.userErrors).toEqual([]);
    const response = await server.request(UNMERGE, { input: { mergeId: merged.merge.id } }, { token: EDITOR });
    expect(response.errors).toBeUndefined();
    expect(response.data!.organizationUnmerge).toMatchObject({ merge: null, restored: null, userErrors: [{ path: ['input', 'mergeId'], code: 'CONFLICT' }] });
  });
});
