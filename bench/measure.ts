import type { LoadGenerator, LoadResult } from './load.js';
import type { Operation, OperationName } from './operations.js';
import { cpuMicros, machineBusyMicros, RssSampler, waitUntilIdle } from './procfs.js';
import type { RunningBareServer, RunningService } from './processes.js';

/** One autocannon run against one server, with that server's CPU and memory over the run. */
export interface RunSample extends LoadResult {
  /** Server CPU (user + system) from the start of the run until it is idle again, divided by the requests sent. */
  cpuMicrosPerRequest: number;
  /** Largest VmRSS sampled every 50 ms during the run. */
  peakRssBytes: number;
  /**
   * CPU used during the run by processes other than the server and the load generator, in cores (the
   * machine is shared: a neighbour's build or test run skews a run, and this says which ones).
   */
  foreignCores: number;
}

/**
 * Every round's samples for one operation at one concurrency: the service, the bare server beside it,
 * and (unless --no-cached) a second instance of the service with its response cache on.
 */
export interface PairSamples {
  operation: OperationName;
  concurrency: number;
  service: RunSample[];
  bare: RunSample[];
  cached?: RunSample[];
}

export interface RoundPlan {
  rounds: number;
  duration: number;
  warmup: number;
  concurrencies: number[];
}

interface Target {
  pid: number;
  url: string;
}

async function measureRun(loader: LoadGenerator, target: Target, body: string, connections: number, duration: number): Promise<RunSample> {
  const sampler = new RssSampler(target.pid);
  const cpuBefore = cpuMicros(target.pid);
  const loaderBefore = cpuMicros(loader.pid);
  const machineBefore = machineBusyMicros();
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  sampler.start();
  const result = await loader.run({ url: target.url, body, connections, duration });
  // Requests still queued when the load stopped are served after it: their CPU counts, and the next run
  // must not start until they are done.
  await waitUntilIdle(target.pid);
  const peakRssBytes = sampler.stop();
  const cpu = cpuMicros(target.pid) - cpuBefore;
  const own = process.cpuUsage(ownBefore);
  const foreign = machineBusyMicros() - machineBefore - cpu - (cpuMicros(loader.pid) - loaderBefore) - own.user - own.system;
  const foreignCores = Math.max(0, foreign / ((performance.now() - started) * 1000));
  if (result.errors > 0 || result.non2xx > 0) {
    console.warn(`  ! ${target.url} c=${connections}: ${result.errors} errors, ${result.non2xx} non-2xx responses`);
  }
  return { ...result, cpuMicrosPerRequest: result.sent > 0 ? cpu / result.sent : Number.NaN, peakRssBytes, foreignCores };
}

/**
 * Warm-up, then `rounds` rounds; each round runs every operation at every concurrency against the
 * service, the bare server and the cached service (when given) back to back (rotating which goes
 * first), so drift over the run (thermal, other tenants) touches every side of every ratio alike.
 */
export async function runRounds(
  loader: LoadGenerator,
  servers: { service: RunningService; bare: RunningBareServer; cached?: RunningService },
  operations: Operation[],
  plan: RoundPlan,
  log: (line: string) => void,
): Promise<PairSamples[]> {
  const { service, bare, cached } = servers;
  const serviceTarget = { pid: service.pid, url: service.url };
  const bareTarget = (operation: Operation) => ({ pid: bare.pid, url: bare.urlOf(operation.name) });
  const cachedTarget = cached && { pid: cached.pid, url: cached.url };
  const warmConnections = Math.max(...plan.concurrencies);
  for (const operation of operations) {
    log(`  warm-up ${operation.label}`);
    for (const target of [serviceTarget, bareTarget(operation), ...(cachedTarget ? [cachedTarget] : [])]) {
      await loader.run({ url: target.url, body: operation.body, connections: warmConnections, duration: plan.warmup });
      await waitUntilIdle(target.pid);
    }
  }

  const pairs: PairSamples[] = operations.flatMap((operation) =>
    plan.concurrencies.map((concurrency) => ({ operation: operation.name, concurrency, service: [], bare: [], ...(cachedTarget ? { cached: [] } : {}) })),
  );
  for (let round = 0; round < plan.rounds; round++) {
    for (const pair of pairs) {
      const operation = operations.find((candidate) => candidate.name === pair.operation)!;
      const sides = [
        async () => pair.service.push(await measureRun(loader, serviceTarget, operation.body, pair.concurrency, plan.duration)),
        async () => pair.bare.push(await measureRun(loader, bareTarget(operation), operation.body, pair.concurrency, plan.duration)),
        ...(cachedTarget ? [async () => pair.cached!.push(await measureRun(loader, cachedTarget, operation.body, pair.concurrency, plan.duration))] : []),
      ];
      const first = round % sides.length;
      for (const side of [...sides.slice(first), ...sides.slice(0, first)]) await side();
      const [service, bare, hit] = [pair.service.at(-1)!, pair.bare.at(-1)!, pair.cached?.at(-1)];
      log(
        `  round ${round + 1}/${plan.rounds} ${operation.label.padEnd(17)} c=${String(pair.concurrency).padEnd(3)} ` +
          `${service.requestsPerSecond.toFixed(0).padStart(6)} req/s; bare ${bare.requestsPerSecond.toFixed(0).padStart(6)} req/s` +
          `${hit ? `; cached ${hit.requestsPerSecond.toFixed(0).padStart(6)} req/s` : ''}, load generator at ${(bare.loaderCpuShare * 100).toFixed(0)}% of its core`,
      );
      const busiest = Math.max(service.foreignCores, bare.foreignCores, hit?.foreignCores ?? 0);
      if (busiest > 0.1) log(`    ! other processes used ${busiest.toFixed(2)} cores during this pair: expect noise`);
    }
  }
  return pairs;
}
