import Database from 'better-sqlite3';
import pg from 'pg';
import { sqliteFile } from './client.js';
import { providerOf } from './provider.js';

/**
 * Tells whether the database changed: `version()` differs after any commit by any connection (this process's,
 * the import CLI's, another replica's). The response cache serves an entry only while the version it was
 * computed under holds.
 */
export interface ChangeFeed {
  version(): number;
  /** This process committed a write: its own next read must not be answered from before it. */
  written(): void;
  /**
   * Calls `listener` soon after a commit: with the table a PostgreSQL notice names, or with null when the
   * feed cannot say (SQLite, or a lost and re-opened connection, after which anything may have changed).
   * Returns the function that stops it.
   */
  onChange(listener: (table: string | null) => void): () => void;
  close(): Promise<void>;
}

/** How often SQLite's feed reads `PRAGMA data_version` while something listens (a few microseconds a read). */
export const SQLITE_POLL_MS = 50;

/** The feed of the database at `url`. */
export function openChangeFeed(url: string): ChangeFeed {
  return providerOf(url) === 'postgres' ? postgresChanges(url) : sqliteChanges(sqliteFile(url));
}

/**
 * SQLite: `PRAGMA data_version`, read on a connection of its own, changes whenever any other connection commits.
 * Reading it costs a few microseconds and is exact: no commit goes unseen.
 */
export function sqliteChanges(file: string): ChangeFeed {
  const connection = new Database(file, { readonly: true, fileMustExist: true });
  const dataVersion = connection.prepare('PRAGMA data_version').pluck();
  const version = () => Number(dataVersion.get());
  const listeners = new Set<(table: string | null) => void>();
  let timer: NodeJS.Timeout | undefined;
  let seen = 0;
  const poll = () => {
    const now = version();
    if (now === seen) return;
    seen = now;
    for (const listener of listeners) listener(null);
  };
  return {
    version,
    // data_version has seen the commit already.
    written: () => {},
    onChange(listener) {
      listeners.add(listener);
      if (!timer) {
        seen = version();
        timer = setInterval(poll, SQLITE_POLL_MS).unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) timer = void clearInterval(timer);
      };
    },
    close: async () => {
      clearInterval(timer);
      listeners.clear();
      connection.close();
    },
  };
}

/** The channel the postgres migration *_change_notices notifies on every committed write, from a statement-level trigger on every table. */
export const CHANGES_CHANNEL = 'data_changed';

/**
 * PostgreSQL: LISTEN on one dedicated connection. Every commit that wrote a table notifies once per table
 * (nothing before COMMIT, nothing for a rollback), and each notice moves the version on. Notices arrive about a
 * millisecond after the commit, so a read on another replica in that millisecond may still be served from before
 * it; this process's own writes move the version on themselves (`written`) before their response is sent.
 *
 * While the connection is down nothing is known, so every `version()` differs from the last (nothing cached is
 * served, nothing new is kept); it reconnects with a growing pause (up to 5 s) and LISTENs again. Notices sent
 * while it was down are lost, which the fresh start covers.
 */
export function postgresChanges(url: string): ChangeFeed & { listening(): boolean; ready: Promise<void> } {
  let counter = 0;
  let connected = false;
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let pause = 100;

  const lost = () => {
    if (!connected && client === undefined) return;
    connected = false;
    counter++;
    const dead = client;
    client = undefined;
    dead?.removeAllListeners();
    dead?.on('error', () => {});
    void dead?.end().catch(() => {});
    if (!closed) retry = setTimeout(connect, pause);
    pause = Math.min(pause * 2, 5000);
  };

  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const listeners = new Set<(table: string | null) => void>();
  const tell = (table: string | null) => {
    for (const listener of listeners) listener(table);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client(url);
    client = next;
    next.on('notification', (notice) => {
      counter++;
      tell(notice.payload ?? null);
    });
    next.on('error', lost);
    next.on('end', lost);
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (closed) return void (await next.end());
      // Commits between the loss and this LISTEN were not heard: a new version covers them.
      counter++;
      connected = true;
      pause = 100;
      markReady();
      tell(null);
    } catch {
      if (client === next) lost();
    }
  }
  void connect();

  return {
    version: () => (connected ? counter : ++counter),
    written: () => void counter++,
    listening: () => connected,
    ready,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
      clearTimeout(retry);
      const last = client;
      client = undefined;
      connected = false;
      last?.removeAllListeners();
      last?.on('error', () => {});
      await last?.end().catch(() => {});
    },
  };
}
