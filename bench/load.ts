import type { ChildProcess } from 'node:child_process';
import { LOADER_CORE, spawnPinned, tsxArgs } from './processes.js';

/** The p-th percentile of values sorted ascending; NaN for none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * One autocannon run: POST `body` to `url` over `connections` keep-alive connections. Several URLs (replicas)
 * split the connections between them, one autocannon each, started together; their counts and latencies are
 * added up as one run's.
 */
export interface LoadJob {
  url: string | string[];
  body: string;
  connections: number;
  /** Seconds. */
  duration: number;
}

export interface LoadResult {
  /** Responses completed within the run. */
  requests: number;
  /** Requests sent, those still in flight when the run stopped included. */
  sent: number;
  seconds: number;
  requestsPerSecond: number;
  /** Latency percentiles of 2xx responses, milliseconds (sub-millisecond precision). */
  p50: number;
  p99: number;
  mean: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** CPU the load generator itself used, as a share of one core: near 1 means it, not the server, was the limit. */
  loaderCpuShare: number;
}

/** Connections split as evenly as they go over `parts` servers: 50 over 3 is 17, 17, 16. */
export function splitConnections(connections: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(connections / parts) + (index < connections % parts ? 1 : 0));
}

export interface WorkerMessage {
  id: number;
  job: LoadJob;
}

type WorkerReply = { id: number; result: LoadResult } | { id: number; error: string };

/** The autocannon worker process, pinned to the load generator's core, driven over IPC. */
export class LoadGenerator {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (result: LoadResult) => void; reject: (error: Error) => void }>();

  readonly pid: number;

  private constructor(private readonly child: ChildProcess) {
    this.pid = child.pid!;
    child.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(new Error(`load generator: ${reply.error}`));
      else waiting?.resolve(reply.result);
    });
    child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`load generator exited with code ${code}`));
      this.pending.clear();
    });
  }

  static start(): LoadGenerator {
    const child = spawnPinned(LOADER_CORE, [...tsxArgs, 'bench/load-worker.ts'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new LoadGenerator(child);
  }

  run(job: LoadJob): Promise<LoadResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, job } satisfies WorkerMessage);
    });
  }

  stop() {
    this.child.disconnect();
  }
}
