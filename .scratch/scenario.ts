// The three-article scenario of issue 13, run against whichever tree this file sits in.
import { sha256 } from '../src/shared/auth.js';
import { startTestServer } from '../test/helpers.js';
import { articleB, articleC } from './multi-article.js';

const EDITOR = 'dg_editor-scenario';
const server = await startTestServer({ apiKeys: [{ keyId: 'editor1', role: 'editor', sha256: sha256(EDITOR) }] });
const PLACE = 'name latitude longitude isCapital country { isoCode name }';
const ORG = `name kind version city { ${PLACE} } country { name }`;
const VIEW = `query View($articleId: ID!) {
  delegations(filter: { articleId: $articleId }, first: 20) { nodes { version name startDate endDate homeCity { ${PLACE} } organization { ${ORG} } countriesVisited { name } } }
  events(filter: { articleId: $articleId }, first: 20) { nodes { version name startDate city { ${PLACE} } country { name } organizers { ${ORG} } } }
  agreements(filter: { articleId: $articleId }, first: 20) { nodes { version title city { ${PLACE} } parties { organization { ${ORG} } } } }
  images(filter: { articleId: $articleId }, first: 20) { nodes { version caption city { ${PLACE} } } }
}`;
const a = (await server.query('{ article(slug: "liaocheng-delegation-visits-central-asia") { id } }')).article.id;
const before = await server.query(VIEW, { articleId: a });
const IMPORT = 'mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { status changes { entity created updated deleted } userErrors { path code message } } }';
for (const [name, doc] of [['B', articleB()], ['C', articleC()]] as const) {
  const r = (await server.query(IMPORT, { input: doc }, { token: EDITOR })).articleImport;
  const china = (await server.query('{ countries { isoCode name } }')).countries.find((c: any) => c.isoCode === 'CN').name;
  console.log(`after ${name}, China is named: ${china}`);
  console.log(`import ${name}: ${r.status ?? 'REFUSED'}; shared changes: ${r.changes.filter((c: any) => ['countries', 'cities', 'organizations'].includes(c.entity)).map((c: any) => `${c.entity} +${c.created} ~${c.updated}`).join(', ')}${r.userErrors.length ? ' errors: ' + JSON.stringify(r.userErrors) : ''}`);
}
const after = await server.query(VIEW, { articleId: a });
const diffs: string[] = [];
const walk = (x: any, y: any, path: string) => {
  if (x && typeof x === 'object') { for (const k of new Set([...Object.keys(x), ...Object.keys(y ?? {})])) walk(x[k], y?.[k], `${path}.${k}`); return; }
  if (x !== y) diffs.push(`${path}: ${JSON.stringify(x)} -> ${JSON.stringify(y)}`);
};
walk(before, after, 'A');
const unique = [...new Map(diffs.map((d) => [d.replace(/\.\d+\./g, '.*.'), d])).values()];
console.log(`values A's records show that changed: ${diffs.length} (${unique.length} distinct)`);
for (const d of unique.slice(0, 12)) console.log('  ' + d);
const { cities } = await server.query('{ cities(countryCode: "DE") { name } }');
console.log('cities in DE:', cities.map((c: any) => c.name).join(', '));
const { countries } = await server.query('{ countries { isoCode name } }');
console.log('China is named:', countries.find((c: any) => c.isoCode === 'CN').name);
const { organizations } = await server.query('{ organizations(filter: { countryCode: "CN" }, first: 50) { nodes { name kind version city { name } } } }');
console.log('CN organizations:', JSON.stringify(organizations.nodes));
await server.close();
