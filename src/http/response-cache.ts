import { createHash } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

/** A response kept for anonymous readers, with the database version it was computed from. */
interface Entry {
  body: string;
  headers: [string, string][];
  version: number;
  storedAt: number;
}

/** The request fields that decide a GraphQL response: from a JSON body (POST) or the query string (GET). */
export interface GraphQLRequestFields {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

const PUBLIC = /^max-age=(\d+), public$/;

/**
 * Anonymous GraphQL reads answered from memory before Apollo runs at all.
 *
 * Keyed by the SHA-256 of the document (the same hash as a persisted query's, so a GET by hash and a POST
 * with the text share an entry), the operation name, the variables and the Accept header (which picks
 * the response's content type). Only responses that the cache policy made public (`max-age=N, public`:
 * a successful query, see cache.ts) are kept, for N seconds, up to `maxBytes` in all (bodies are
 * counted twice: V8 may hold a JSON string as UTF-16).
 *
 * Every write drops them all: an entry is served only while SQLite's `data_version`, read on a connection
 * of its own, equals the value read before the response was computed. That value changes whenever any
 * other connection commits: this process's Prisma client, the import CLI, a second instance. A read that
 * races a write is therefore kept under the old version and never served. Reading it costs a microsecond,
 * against the 300-500 µs of Apollo's request pipeline that a hit skips (bench/RESULTS.md).
 */
export class ResponseCache {
  private readonly connection: Database.Database;
  private readonly dataVersion: Database.Statement;
  private readonly entries: LRUCache<string, Entry>;

  /** At most 64 MB, and at most a quarter of the heap the process may grow to (`npm start` caps it). */
  constructor(databaseFile: string, maxBytes = Math.min(64 * 1024 * 1024, getHeapStatistics().heap_size_limit / 4)) {
    this.connection = new Database(databaseFile, { readonly: true, fileMustExist: true });
    this.dataVersion = this.connection.prepare('PRAGMA data_version').pluck();
    this.entries = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (entry, key) => 2 * (entry.body.length + key.length) + 200 });
  }

  /** Changes whenever another connection to the database commits. */
  version(): number {
    return Number(this.dataVersion.get());
  }

  /** The entry's key, or null when the request names no document (Apollo will answer it with an error). */
  keyOf(fields: GraphQLRequestFields, accept: string | undefined): string | null {
    const variables = fromJson(fields.variables);
    const extensions = fromJson(fields.extensions) as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined;
    const hash =
      typeof fields.query === 'string' ? createHash('sha256').update(fields.query).digest('hex') : extensions?.persistedQuery?.sha256Hash;
    if (typeof hash !== 'string' || variables === undefined) return null;
    const operation = typeof fields.operationName === 'string' ? fields.operationName : '';
    return `${hash}\n${operation}\n${JSON.stringify(variables ?? null)}\n${accept ?? ''}`;
  }

  /** The kept response, if the database has not changed since it was computed. */
  get(key: string): { body: string; headers: [string, string][]; ageSeconds: number } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== this.version()) {
      this.entries.delete(key);
      return undefined;
    }
    return { body: entry.body, headers: entry.headers, ageSeconds: Math.floor((Date.now() - entry.storedAt) / 1000) };
  }

  /** Keeps a response when its Cache-Control makes it public; `version` is `version()` from before it was computed. */
  offer(key: string, version: number, response: { status: number; headers: Iterable<[string, string]>; body: string }): void {
    const headers = [...response.headers];
    const maxAge = Number(PUBLIC.exec(headers.find(([name]) => name === 'cache-control')?.[1] ?? '')?.[1] ?? 0);
    if (response.status !== 200 || maxAge <= 0) return;
    this.entries.set(key, { body: response.body, headers, version, storedAt: Date.now() }, { ttl: maxAge * 1000 });
  }

  close(): void {
    this.connection.close();
  }
}

/** GET sends variables and extensions as JSON text; undefined when that text is not JSON. */
function fromJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
