// Migrates the database named by DATABASE_URL and loads the seed documents of prisma/seed/ into it.
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { seed } from '../src/modules/import/seed.js';

const config = loadConfig();
const { db, applied } = await openDatabase(config.DATABASE_URL);
try {
  if (applied.length > 0) console.log(`applied migrations: ${applied.join(', ')}`);
  for (const report of await seed(db)) console.log(`${report.slug}: ${report.status}`, JSON.stringify(report.changes));
} finally {
  await db.$disconnect();
}
