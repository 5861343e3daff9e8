// Writes the SDL of the type-graphql schema to schema.graphql, the API contract under review, and the
// Federation 2 subgraph SDL (the same API with its entity keys) to subgraph.graphql.
//   npm run schema:emit            rewrite both
//   npm run schema:emit -- --check  fail when either differs from the code
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSdl } from '../src/federation.js';
import { printSdl } from '../src/schema.js';
import { projectRoot } from '../src/shared/paths.js';

const files: [string, string][] = [
  ['schema.graphql', await printSdl()],
  ['subgraph.graphql', await printSubgraphSdl()],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [name, sdl] of files) {
  const file = path.join(projectRoot, name);
  if (!check) {
    writeFileSync(file, sdl);
    console.log(`wrote ${name}`);
  } else if (readFileSync(file, 'utf8') !== sdl) {
    console.error(`${name} is out of date with the code: run npm run schema:emit and commit it`);
    stale++;
  } else console.log(`${name} matches the code`);
}
if (stale > 0) process.exit(1);
