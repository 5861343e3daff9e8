import { getHeapStatistics } from 'node:v8';
import { LRUCache } from 'lru-cache';
import type { ChangeFeed } from '../db/change-feed.js';

/** A response kept for anonymous readers, with the database version it was computed from. */
interface Entry {
  body: string;
  /** Names and values in turn, as `writeHead` takes them. */
  headers: string[];
  /** The operation name, for the request log and metrics of a hit. */
  operation: string | null;
  version: number;
  storedAt: number;
}

const PUBLIC = /^max-age=(\d+), public$/;

/**
 * Anonymous GraphQL reads answered from memory before Apollo runs at all.
 *
 * Keyed by the request as sent: method, Content-Type, Accept (which picks the response's content type) and
 * the body of a POST or the query string of a GET, so a hit costs no JSON parsing and no hashing. Requests
 * that differ only in spacing or key order are kept apart, which costs a miss, never a wrong answer. Only
 * responses that the cache policy made public (`max-age=N, public`: a successful query, see cache.ts) are
 * kept, for N seconds, up to `maxBytes` in all (strings counted twice: V8 may hold them as UTF-16).
 *
 * Every write drops them all: an entry is served only while the database's change feed (db/change-feed.ts)
 * gives the version read before the response was computed. That version changes whenever anyone commits:
 * this process's Prisma client, the import CLI, a second instance or replica. A read that races a write is
 * therefore kept under the old version and never served. On SQLite the version is `data_version`, exact and
 * read in a few microseconds, against the 300-500 µs of Apollo's request pipeline that a hit skips
 * (bench/RESULTS.md); on PostgreSQL it moves with each LISTEN notice, about a millisecond after a commit.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;

  /** At most 64 MB, and at most a quarter of the heap the process may grow to (`npm start` caps it). */
  constructor(
    private readonly changes: ChangeFeed,
    maxBytes = Math.min(64 * 1024 * 1024, getHeapStatistics().heap_size_limit / 4),
  ) {
    this.entries = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (entry, key) => 2 * (entry.body.length + key.length) + 200 });
  }

  /** Changes whenever anyone commits to the database. */
  version(): number {
    return this.changes.version();
  }

  /** This process committed a write (a request with a key ended): nothing from before it is served. */
  written(): void {
    this.changes.written();
  }

  /** The entry's key: everything in the request that can change the response of an anonymous read. */
  keyOf(method: string, contentType: string | undefined, accept: string | undefined, bodyOrSearch: string): string {
    return `${method}\n${contentType ?? ''}\n${accept ?? ''}\n${bodyOrSearch}`;
  }

  /** The kept response, if the database has not changed since it was computed. */
  get(key: string): { body: string; headers: string[]; operation: string | null; ageSeconds: number } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== this.version()) {
      this.entries.delete(key);
      return undefined;
    }
    return { body: entry.body, headers: entry.headers, operation: entry.operation, ageSeconds: Math.floor((Date.now() - entry.storedAt) / 1000) };
  }

  /** Keeps a response when its Cache-Control makes it public; `version` is `version()` from before it was computed. */
  offer(key: string, version: number, response: { status: number; headers: Iterable<[string, string]>; body: string; operation: string | null }): void {
    const headers = [...response.headers];
    const maxAge = Number(PUBLIC.exec(headers.find(([name]) => name === 'cache-control')?.[1] ?? '')?.[1] ?? 0);
    if (response.status !== 200 || maxAge <= 0) return;
    const entry = { body: response.body, headers: headers.flat(), operation: response.operation, version, storedAt: Date.now() };
    this.entries.set(key, entry, { ttl: maxAge * 1000 });
  }

  close(): Promise<void> {
    return this.changes.close();
  }
}
