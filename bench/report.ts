import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { PairSamples, RoundPlan, RunSample } from './measure.js';
import type { Operation, OperationName } from './operations.js';
import type { SizeName } from './options.js';
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
  const lines = [
    '| operation | c | req/s | p50 ms | p99 ms | server CPU µs/req | peak RSS MB | bare req/s | bare CPU µs/req | ratio to bare |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.label} | ${row.concurrency} | ${fixed(row.requestsPerSecond, 0)} | ${ms(row.p50)} | ${ms(row.p99)} | ${fixed(row.cpuMicrosPerRequest, 0)} | ` +
        `${mb(row.peakRssBytes)} | ${fixed(row.bareRequestsPerSecond, 0)} | ${fixed(row.bareCpuMicrosPerRequest, 0)} | ${fixed(row.ratio, 3)} |`,
    );
  }
  return lines.join('\n');
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

/** The targets of the performance issue, checked against this run's medians. */
export function checkTargets(results: SizeResult[], concurrencies: number[]): TargetCheck[] {
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

function sizeSection(result: SizeResult): string {
  const events = result.operations.find((operation) => operation.name === 'stats')?.notes.eventCount;
  return [
    `## ${result.size}: ${events ?? '?'} events (${result.source})`,
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
    ...(result.profiles?.length ? ['', `### ${result.size}: where the service's CPU goes (node --cpu-prof, c=max, separate run)`, '', ...result.profiles.flatMap((p) => [profileMarkdown(p), ''])] : []),
  ].join('\n');
}

const BEGIN = '<!-- bench:begin: written by `npm run bench`; notes below the end marker are kept -->';
const END = '<!-- bench:end -->';

/** The generated part of RESULTS.md; hand-written notes after the end marker survive a new run. */
export function resultsMarkdown(info: RunInfo, results: SizeResult[], checks: TargetCheck[]): string {
  return [
    BEGIN,
    '# Benchmark results',
    '',
    `${info.date}, ${info.machine}, Node ${info.node}, built from the working tree at commit ${info.commit}. ${info.plan.rounds} rounds × ${info.plan.duration} s per run after ` +
      `${info.plan.warmup} s warm-up per operation; medians across rounds. Service (compiled, NODE_ENV=production, rate limit off, LOG_LEVEL=warn, ` +
      `${info.cache ? 'response cache on (--cache)' : 'response cache off: CACHE_MAX_AGE_SECONDS=0, every request executes'}` +
      `${info.nodeOptions ? `, NODE_OPTIONS=${info.nodeOptions}` : ''}) ` +
      `and the bare node:http server on core 0, autocannon on core 1. The whole run took ${(info.elapsedSeconds / 60).toFixed(1)} min.`,
    '',
    'Reproduce: `npm run bench` (both sizes; 100k needs /tmp/synth-100k.db, `--synth-db PATH` or bench/synth.ts), ' +
      '`npm run bench -- --sizes seed`, `npm run bench -- --quick` (checks the harness only), `--profile` adds CPU profiles. Raw numbers: `bench/results.json`.',
    '',
    'Columns: req/s, p50 and p99 are medians across rounds; server CPU µs/req is the server process\'s user+system time over the run ' +
      '(from /proc, 10 ms ticks) per completed request; peak RSS is the largest VmRSS sampled every 50 ms in any round; ' +
      'ratio to bare is the median of per-round service req/s ÷ bare req/s for the same response bytes. ' +
      'The cached rows are a second instance of the service with its response cache on (CACHE_MAX_AGE_SECONDS=30, the default), ' +
      'measured in the same rounds: every request after the first is a hit.',
    ...(info.skipped.length ? ['', ...info.skipped.map((line) => `**Not measured:** ${line}`)] : []),
    '',
    ...results.flatMap((result) => [sizeSection(result), '']),
    '## Targets',
    '',
    targetsTable(checks),
    END,
  ].join('\n');
}

export function writeResultsMarkdown(file: string, generated: string) {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const end = previous.indexOf(END);
  const notes = end >= 0 ? previous.slice(end + END.length) : '\n\n## Notes\n\n';
  writeFileSync(file, generated + notes);
}
