// Writes the SDL of the type-graphql schema to schema.graphql, the API contract under review.
//   npm run schema:emit            rewrite schema.graphql
//   npm run schema:emit -- --check  fail when schema.graphql differs from the code
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSdl } from '../src/schema.js';
import { projectRoot } from '../src/shared/paths.js';

const file = path.join(projectRoot, 'schema.graphql');
const sdl = await printSdl();
if (process.argv.includes('--check')) {
  if (readFileSync(file, 'utf8') !== sdl) {
    console.error('schema.graphql is out of date with the code: run npm run schema:emit and commit it');
    process.exit(1);
  }
  console.log('schema.graphql matches the code');
} else {
  writeFileSync(file, sdl);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
