// Imports article documents from files through the same validation and transaction as articleImport.
//   npm run import -- doc.json [more.json ...]     import into the database of DATABASE_URL
//   npm run import -- --check doc.json [...]       validate only; the database is not opened
// Exit code 0 when every file imported (or validated), 1 with each problem listed otherwise.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { DocumentValidationError, validateDocument } from '../src/modules/import/validate.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const files = args.filter((arg) => arg !== '--check');
if (files.length === 0 || files.some((file) => file.startsWith('--'))) {
  console.error('usage: npm run import -- [--check] <document.json> [...]');
  process.exit(2);
}

/** The document in a file, or null after reporting why it cannot be read. */
function read(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    console.error(`${file}: cannot read a JSON document: ${(error as Error).message}`);
    return null;
  }
}

let failed = 0;
let db: Db | undefined;
try {
  for (const file of files) {
    const document = read(file);
    if (document === null) {
      failed++;
      continue;
    }
    try {
      if (check) {
        const valid = validateDocument(document);
        console.log(`${file}: valid (${valid.article.slug})`);
        continue;
      }
      db ??= (await openDatabase(loadConfig().DATABASE_URL)).db;
      const report = await importDocument(db, document, { actor: `cli:${userInfo().username}` });
      const changes = Object.entries(report.changes).map(([entity, c]) => `${entity} +${c.created} ~${c.updated} -${c.deleted}`);
      console.log(`${file}: ${report.slug} ${report.status}${changes.length > 0 ? ` (${changes.join(', ')})` : ''}`);
    } catch (error) {
      if (!(error instanceof DocumentValidationError)) throw error;
      failed++;
      console.error(`${file}: ${error.issues.length} problem(s), nothing written:`);
      for (const issue of error.issues) console.error(`  ${issue.path}: ${issue.message} [${issue.code}]`);
    }
  }
} finally {
  await db?.$disconnect();
}
process.exitCode = failed > 0 ? 1 : 0;
