import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const projectRoot = path.resolve(import.meta.dirname, '..');

// The server under test (and the bare server) get core 0; autocannon and this harness get core 1.
export const SERVER_CORE = 0;
export const LOADER_CORE = 1;

/** Every core but the load generator's: where the replicas of the three-replica run go, one after another. */
export function serverCores(): number[] {
  const cores = Array.from({ length: os.cpus().length }, (_, core) => core).filter((core) => core !== LOADER_CORE);
  return cores.length ? cores : [SERVER_CORE];
}

/** Node arguments that run a TypeScript file (the harness's own helpers; the service runs compiled). */
export const tsxArgs = ['--import', 'tsx'];

/** Spawns `node <args>` pinned to one core; taskset execs node, so the child's pid is node's pid. */
export function spawnPinned(core: number, nodeArgs: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn('taskset', ['-c', String(core), process.execPath, ...nodeArgs], { cwd: projectRoot, ...options });
}

/** Moves this process to one core, so the harness's sampling and polling stay off the server's core. */
export function pinSelf(core: number) {
  execFileSync('taskset', ['-cp', String(core), String(process.pid)], { stdio: 'ignore' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The last lines a child printed, for an error message when it fails. */
function tail(child: ChildProcess, keep = 40): string[] {
  const lines: string[] = [];
  const add = (line: string) => {
    lines.push(line);
    if (lines.length > keep) lines.shift();
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', add);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', add);
  return lines;
}

/** Resolves when the child has exited; SIGKILL if it ignores SIGTERM for `graceMs`. */
function terminate(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('close', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface RunningProcess {
  pid: number;
  stop: () => Promise<void>;
}

export interface RunningService extends RunningProcess {
  /** The GraphQL endpoint. */
  url: string;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  readyMs: number;
}

export interface ServiceOptions {
  databaseUrl: string;
  maxCost?: number;
  /** Keep the service's response cache on (otherwise CACHE_MAX_AGE_SECONDS=0: every request is executed). */
  cache?: boolean;
  /** NODE_OPTIONS for the service process. */
  nodeOptions?: string;
  /** Write a V8 CPU profile here on exit (profiling runs only). */
  cpuProfileDir?: string;
  /** The core it is pinned to (default SERVER_CORE; the replicas of the three-replica run may get others). */
  core?: number;
  /** More environment (keys, subscription limits) for the live bench. */
  env?: Record<string, string>;
}

async function waitUntilReady(url: string, child: ChildProcess, output: string[], timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode}:\n${output.join('\n')}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
      await response.arrayBuffer();
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the service was not ready within ${timeoutMs} ms:\n${output.join('\n')}`);
}

/** The node options of package.json's start script (`node <flags> dist/src/main.js`). */
export function startScriptNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) dist\/src\/main\.js$/.exec(scripts.start);
  if (!match) throw new Error(`package.json's start script is not "node [--flags] dist/src/main.js": ${scripts.start}`);
  return match[1]!.trim().split(' ').filter(Boolean);
}

/** Starts the compiled service (dist/src/main.js) pinned to the server core (or `core`), and waits for /readyz. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
    RATE_LIMIT_REQUESTS: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    EXPLORER: 'off',
    ...(options.cache ? {} : { CACHE_MAX_AGE_SECONDS: '0' }),
    ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}),
    ...(options.maxCost === undefined ? {} : { MAX_COST: String(options.maxCost) }),
    ...options.env,
  };
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const spawnedAt = performance.now();
  // The node flags of `npm start` (heap limits), unless an experiment gives its own NODE_OPTIONS.
  const flags = options.nodeOptions ? [] : startScriptNodeFlags();
  const child = spawnPinned(options.core ?? SERVER_CORE, [...profiling, ...flags, 'dist/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tail(child);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${origin}/readyz`, child, output, 120_000);
  } catch (error) {
    await terminate(child);
    throw error;
  }
  return { pid: child.pid!, url: `${origin}/graphql`, readyMs: performance.now() - spawnedAt, stop: () => terminate(child) };
}

export interface RunningBareServer extends RunningProcess {
  /** URL of the bare answer for one operation. */
  urlOf: (operation: string) => string;
}

/** Starts bench/bare-server.ts pinned to the server core, answering with the bytes in `responsesFile`. */
export async function startBareServer(responsesFile: string): Promise<RunningBareServer> {
  const child = spawnPinned(SERVER_CORE, [...tsxArgs, 'bench/bare-server.ts', responsesFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(Number(/^listening (\d+)$/.exec(line)?.[1])));
    child.once('exit', (code) => reject(new Error(`the bare server exited with code ${code}`)));
  });
  return { pid: child.pid!, urlOf: (operation) => `http://127.0.0.1:${port}/${operation}`, stop: () => terminate(child) };
}
