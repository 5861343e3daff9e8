// Copies a SQLite database into an empty PostgreSQL one, ids, versions and audit log included, and checks
// every table's rows against the source before committing (src/db/copy.ts, docs/postgres.md).
//   npm run db:copy -- --from file:./data/delegation-graph.db --to postgres://user:password@host:5432/db
// Exit code 0 when the copy committed and verified; 1 when it was refused or rolled back; 2 on bad usage.
import { parseArgs } from 'node:util';
import { CopyError, copyDatabase } from '../src/db/copy.js';
import { DatabaseSetupError, redactUrl } from '../src/db/client.js';

const usage = 'usage: npm run db:copy -- --from file:<sqlite file> --to postgres://<user>:<password>@<host>:<port>/<database>';
let from: string | undefined;
let to: string | undefined;
try {
  ({ values: { from, to } } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!from || !to) {
  console.error(usage);
  process.exit(2);
}

console.log(`copying ${redactUrl(from)} into ${redactUrl(to)}`);
try {
  const report = await copyDatabase({
    from,
    to,
    onTable: ({ table, rows, checksum }) => console.log(`  ${table.padEnd(20)} ${String(rows).padStart(9)} rows  sha256 ${checksum.slice(0, 16)}  same on both`),
  });
  for (const { table, rows } of report.derived) console.log(`  ${table.padEnd(20)} ${String(rows).padStart(9)} rows  rebuilt by the target's triggers, same as the source's`);
  if (report.migrated.source.length > 0) console.log(`migrated the source first: ${report.migrated.source.join(', ')}`);
  const total = report.tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(`copied ${total} rows in ${report.tables.length} tables in ${(report.milliseconds / 1000).toFixed(1)} s; committed`);
} catch (error) {
  if (!(error instanceof CopyError || error instanceof DatabaseSetupError)) throw error;
  console.error(`db:copy: ${error.message} (no row was written to the target)`);
  process.exitCode = 1;
}
