// Writes a seeded synthetic dataset shaped like the seed article, for benchmarks and query-plan tests.
//   npm run db:synth -- --events 100000 [--seed 1] [--database file:./data/bench.db] [--replace] [--via bulk|import]
// The database (DATABASE_URL by default) is created and migrated if needed; existing rows are never changed.
// Exit code 0 when written, 1 when refused (synthetic data already present without --replace), 2 on bad usage.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { synthesize, SynthError, type SynthCounts } from './synthetic-data.js';

const usage = 'usage: npm run db:synth -- --events <N> [--seed <int>] [--database <file: URL>] [--replace] [--via bulk|import]';

function parse() {
  try {
    const { values } = parseArgs({
      options: {
        events: { type: 'string' },
        seed: { type: 'string', default: '1' },
        database: { type: 'string' },
        replace: { type: 'boolean', default: false },
        via: { type: 'string', default: 'bulk' },
      },
      strict: true,
      allowPositionals: false,
    });
    const integer = (name: string, value: string | undefined) => {
      if (value === undefined || !/^-?\d+$/.test(value)) throw new Error(`--${name} must be an integer, got ${value ?? 'nothing'}`);
      return Number(value);
    };
    const events = integer('events', values.events);
    if (events < 1) throw new Error('--events must be at least 1');
    const via = values.via;
    if (via !== 'bulk' && via !== 'import') throw new Error(`--via must be bulk or import, got ${via}`);
    return { events, seed: integer('seed', values.seed), database: values.database, replace: values.replace, via: via as 'bulk' | 'import' };
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

const args = parse();
const url = args.database ?? loadConfig().DATABASE_URL;
const started = performance.now();
const { db, applied } = await openDatabase(url);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
try {
  if (applied.length > 0) console.log(`applied migrations: ${applied.join(', ')}`);
  console.log(`synthesizing ${args.events} events (seed ${args.seed}, via ${args.via}) into ${url}`);
  let reported = 0;
  const result = await synthesize(db, {
    events: args.events,
    seed: args.seed,
    replace: args.replace,
    via: args.via,
    onProgress: ({ events }) => {
      if (events - reported < 10_000 && events < args.events) return;
      reported = events;
      console.log(`  ${events} events written (${seconds(performance.now() - started)})`);
    },
  });
  const { removed, written, milliseconds } = result;
  if (removed.articles > 0) {
    console.log(`removed ${removed.articles} synthetic articles, ${removed.organizations} organizations, ${removed.cities} cities, ${removed.countries} countries (${seconds(milliseconds.remove)})`);
  }
  const order: (keyof SynthCounts)[] = [
    'articles', 'delegations', 'delegationVisits', 'events', 'datedEvents', 'eventParticipations', 'eventOrganizers', 'agreements',
    'agreementParties', 'images', 'evidence', 'organizations', 'cities', 'countries', 'referenceSources',
  ];
  console.log('wrote:');
  for (const key of order) console.log(`  ${key.padEnd(20)} ${written[key]}`);
  const total = performance.now() - started;
  console.log(`took ${seconds(total)} (generate and validate ${seconds(milliseconds.generate)}, write ${seconds(milliseconds.write)}); ${Math.round(written.events / (total / 1000))} events/s`);
} catch (error) {
  if (!(error instanceof SynthError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
