// Writes the JSON Schema of the article document format (what articleImport, npm run import and the
// seed accept) to article-document.schema.json, from the validator's own zod schema.
//   npm run document-schema:emit             rewrite it
//   npm run document-schema:emit -- --check  fail when it differs from the code
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { documentJsonSchema } from '../src/modules/import/document-json-schema.js';
import { projectRoot } from '../src/shared/paths.js';

const file = path.join(projectRoot, 'article-document.schema.json');
const text = `${JSON.stringify(documentJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(file, 'utf8') !== text) {
    console.error('article-document.schema.json is out of date with the code: run npm run document-schema:emit and commit it');
    process.exit(1);
  }
  console.log('article-document.schema.json matches the code');
} else {
  writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
