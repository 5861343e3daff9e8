import type { LoadGenerator, LoadResult } from './load.js';
import type { Operation, OperationName } from './operations.js';
import { cpuMicros, machineBusyMicros, RssSampler, waitUntilQuiet } from './procfs.js';
import type { RunningBareServer, RunningService } from './processes.js';

/** One autocannon run against one server, with that server's CPU and memory over the run. */
export interface RunSample extends LoadResult {
  /** Server CPU (user + system) from the start of the run until it is idle again, divided by the requests sent. */
  cpuMicrosPerRequest: number;
  /**
   * PostgreSQL only: the database server's CPU (postmaster, backends) over the same span per request sent.
   * On SQLite the database runs inside the service process and its time is in cpuMicrosPerRequest.
   */
  databaseCpuMicrosPerRequest?: number;
  /** Largest VmRSS sampled every 50 ms during the run (of any one process, with several replicas). */
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

/** What one run loads and measures: one server, or several replicas sharing the connections. */
interface Target {
  pids: number[];
  url: string | string[];
  /** The database server's CPU so far, µs, when it runs outside the service (PostgreSQL). */
  database?: () => number;
}

const cpuOf = (target: Target) => target.pids.reduce((sum, pid) => sum + cpuMicros(pid), 0);

/** Until the servers, and the database behind them, have worked off what was queued when the load stopped. */
const settled = (target: Target) =>
  waitUntilQuiet(() => cpuOf(target) + (target.database?.() ?? 0), `processes ${target.pids.join(', ')}${target.database ? ' and the database' : ''}`);

async function measureRun(loader: LoadGenerator, target: Target, body: string, connections: number, duration: number): Promise<RunSample> {
  const samplers = target.pids.map((pid) => new RssSampler(pid));
  const cpuBefore = cpuOf(target);
  const databaseBefore = target.database?.() ?? 0;
  const loaderBefore = cpuMicros(loader.pid);
  const machineBefore = machineBusyMicros();
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  for (const sampler of samplers) sampler.start();
  const result = await loader.run({ url: target.url, body, connections, duration });
  // Requests still queued when the load stopped are served after it: their CPU counts, and the next run
  // must not start until they are done.
  await settled(target);
  const peakRssBytes = Math.max(...samplers.map((sampler) => sampler.stop()));
  const cpu = cpuOf(target) - cpuBefore;
  const database = target.database ? target.database() - databaseBefore : 0;
  const own = process.cpuUsage(ownBefore);
  const foreign = machineBusyMicros() - machineBefore - cpu - database - (cpuMicros(loader.pid) - loaderBefore) - own.user - own.system;
  const foreignCores = Math.max(0, foreign / ((performance.now() - started) * 1000));
  if (result.errors > 0 || result.non2xx > 0) {
    console.warn(`  ! ${target.url} c=${connections}: ${result.errors} errors, ${result.non2xx} non-2xx responses`);
  }
  const perRequest = (micros: number) => (result.sent > 0 ? micros / result.sent : Number.NaN);
  return {
    ...result,
    cpuMicrosPerRequest: perRequest(cpu),
    ...(target.database ? { databaseCpuMicrosPerRequest: perRequest(database) } : {}),
    peakRssBytes,
    foreignCores,
  };
}

/**
 * Warm-up, then `rounds` rounds; each round runs every operation at every concurrency against the
 * service, the bare server and the cached service (when given) back to back (rotating which goes
 * first), so drift over the run (thermal, other tenants) touches every side of every ratio alike.
 */
export async function runRounds(
  loader: LoadGenerator,
  servers: { service: RunningService; bare: RunningBareServer; cached?: RunningService; database?: () => number },
  operations: Operation[],
  plan: RoundPlan,
  log: (line: string) => void,
): Promise<PairSamples[]> {
  const { service, bare, cached, database } = servers;
  const serviceTarget: Target = { pids: [service.pid], url: service.url, database };
  const bareTarget = (operation: Operation): Target => ({ pids: [bare.pid], url: bare.urlOf(operation.name) });
  const cachedTarget: Target | undefined = cached && { pids: [cached.pid], url: cached.url, database };
  const warmConnections = Math.max(...plan.concurrencies);
  for (const operation of operations) {
    log(`  warm-up ${operation.label}`);
    for (const target of [serviceTarget, bareTarget(operation), ...(cachedTarget ? [cachedTarget] : [])]) {
      await loader.run({ url: target.url, body: operation.body, connections: warmConnections, duration: plan.warmup });
      await settled(target);
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

/** One operation at one concurrency in the replica run: every round's one-replica and all-replica samples. */
export interface ReplicaSamples {
  operation: OperationName;
  concurrency: number;
  /** All connections to the first replica, the others idle: the single-replica PostgreSQL run, in the same rounds. */
  single: RunSample[];
  /** The connections split evenly over every replica (one autocannon each, in the one load generator). */
  replicas: RunSample[];
}

/**
 * The replicas behind one load generator, against one of them alone, back to back in each round (rotating
 * which goes first), so the ratio compares runs minutes apart at most. Concurrencies below the replica count
 * cannot reach every replica and are left out.
 */
export async function runReplicaRounds(
  loader: LoadGenerator,
  servers: { replicas: RunningService[]; database: () => number },
  operations: Operation[],
  plan: RoundPlan,
  log: (line: string) => void,
): Promise<ReplicaSamples[]> {
  const { replicas, database } = servers;
  const single: Target = { pids: [replicas[0]!.pid], url: replicas[0]!.url, database };
  const all: Target = { pids: replicas.map((replica) => replica.pid), url: replicas.map((replica) => replica.url), database };
  const concurrencies = plan.concurrencies.filter((concurrency) => concurrency >= replicas.length);
  const warmConnections = Math.max(...concurrencies);
  for (const operation of operations) {
    log(`  warm-up ${operation.label} on ${replicas.length} replicas`);
    // Through all of them, so no replica meets its first round cold.
    await loader.run({ url: all.url, body: operation.body, connections: warmConnections, duration: plan.warmup });
    await settled(all);
  }
  const pairs: ReplicaSamples[] = operations.flatMap((operation) => concurrencies.map((concurrency) => ({ operation: operation.name, concurrency, single: [], replicas: [] })));
  for (let round = 0; round < plan.rounds; round++) {
    for (const pair of pairs) {
      const operation = operations.find((candidate) => candidate.name === pair.operation)!;
      const sides = [
        async () => pair.single.push(await measureRun(loader, single, operation.body, pair.concurrency, plan.duration)),
        async () => pair.replicas.push(await measureRun(loader, all, operation.body, pair.concurrency, plan.duration)),
      ];
      const first = round % sides.length;
      for (const side of [...sides.slice(first), ...sides.slice(0, first)]) await side();
      const [one, many] = [pair.single.at(-1)!, pair.replicas.at(-1)!];
      log(
        `  round ${round + 1}/${plan.rounds} ${operation.label.padEnd(17)} c=${String(pair.concurrency).padEnd(3)} ` +
          `${replicas.length} replicas ${many.requestsPerSecond.toFixed(0).padStart(6)} req/s; 1 replica ${one.requestsPerSecond.toFixed(0).padStart(6)} req/s`,
      );
      const busiest = Math.max(one.foreignCores, many.foreignCores);
      if (busiest > 0.1) log(`    ! other processes used ${busiest.toFixed(2)} cores during this pair: expect noise`);
    }
  }
  return pairs;
}
