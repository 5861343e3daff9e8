// The benchmark's own PostgreSQL: a real PostgreSQL 17 (scripts/embedded-postgres.ts), its data in a
// temporary folder, pinned to the service's core, its CPU read from /proc apart from the service's.
import pg from 'pg';
import { startPostgres } from '../scripts/embedded-postgres.js';
import { parentPid, pinTree, treeCpuMicros } from './procfs.js';
import { SERVER_CORE } from './processes.js';

/** What the report states about the server the PostgreSQL rows ran on. */
export interface PostgresSettings {
  version: string;
  /** fsync, synchronous_commit, full_page_writes, shared_buffers, max_connections as the server reports them. */
  settings: Record<string, string>;
  /** The cores the postmaster and every backend are pinned to. */
  cores: string;
}

export interface BenchPostgres extends PostgresSettings {
  /** The postmaster: every backend, the service's connections included, is its child. */
  pid: number;
  /** CPU the whole server (postmaster, background processes, every backend) has used so far, µs. */
  cpuMicros: () => number;
  /** Moves the server, backends included, to other cores (taskset -c syntax, e.g. "0" or "0,2-3"). */
  pin: (cores: string) => void;
  /** A new empty database; the service migrates and seeds it at its first start, as it does a new SQLite file. */
  createDatabase: (name: string) => Promise<string>;
  stop: () => Promise<void>;
}

const SHOWN = ['fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_connections'];

/**
 * Durable (fsync, synchronous_commit and full_page_writes on: PostgreSQL's defaults, what production runs), as
 * SQLite runs with synchronous=FULL; the operations only read, so this weighs on start-up and copies only.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server = await startPostgres({ durable: true });
  try {
    const { postmaster, version, settings } = await inspect(server.url('postgres'));
    let cores = String(SERVER_CORE);
    // The bench runs on the load generator's core and PostgreSQL inherited it: the database works on the
    // service's core instead, as SQLite does inside the service process.
    pinTree(postmaster, cores);
    return {
      pid: postmaster,
      version,
      settings,
      get cores() {
        return cores;
      },
      cpuMicros: () => treeCpuMicros(postmaster),
      pin(to) {
        pinTree(postmaster, to);
        cores = to;
      },
      createDatabase: (name) => server.createDatabase(name),
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The postmaster's pid, the server's version and the settings the report states, over one connection. */
async function inspect(url: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    // A backend's parent is the postmaster, found without knowing where embedded-postgres keeps its data; read
    // while this backend is alive.
    const { rows: backend } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const postmaster = parentPid(backend[0]!.pid);
    const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version');
    const { rows: shown } = await client.query<{ name: string; setting: string; unit: string | null }>(
      'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)',
      [SHOWN],
    );
    const settings = Object.fromEntries(SHOWN.map((name) => [name, describe(shown.find((row) => row.name === name))]));
    return { postmaster, version: version[0]!.server_version, settings };
  } finally {
    await client.end();
  }
}

/** shared_buffers is counted in 8 kB pages. */
function describe(row: { setting: string; unit: string | null } | undefined): string {
  if (!row) return 'unknown';
  if (row.unit === '8kB') return `${(Number(row.setting) * 8) / 1024} MB`;
  return row.setting;
}
