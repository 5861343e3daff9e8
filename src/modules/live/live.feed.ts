import type { Logger } from 'pino';
import type { ChangeFeed } from '../../db/change-feed.js';
import type { Db } from '../../db/client.js';
import type { AuditAction, AuditEntry } from '../../generated/prisma/client.js';
import { settledBy } from '../../shared/deadline.js';
import { nodeTypes, type NodeType } from '../../shared/global-id.js';

/** One committed change to one record, as subscribers see it: what it is and where, never its content. */
export interface LiveChange {
  /** The audit entry's id: commits are serialised (write-lock.ts), so this order is the order of the commits. */
  sequence: number;
  at: Date;
  action: AuditAction;
  type: NodeType;
  /** The record's database id. */
  entityId: number;
  /** Its version after the change (before it, for a deletion); null for types without versions. */
  version: number | null;
  /** The article it belongs to: its own id for an Article, null for shared records (places, organizations, people). */
  articleId: number | null;
  /** The countries it is in, before or after the change (a delegation's are the countries it visits). */
  countryCodes: string[];
  /** An article's slug and title, for `articleImported`. */
  article?: { slug: string; title: string };
}

/** One subscription: what it wants, and what it is told when it fell too far behind or the feed closes. */
export interface Follow {
  accepts: (change: LiveChange) => boolean;
  /** It fell more than the backlog behind: the changes it had not taken are gone (close its socket). */
  onOverflow: () => void;
  /** It ended, for whatever reason (complete, close, overflow, shutdown). */
  onEnd: () => void;
}

interface Cursor {
  position: number;
  /** Set while the socket waits for the next change (it has sent the one before). */
  waiting: ((result: IteratorResult<LiveChange>) => void) | null;
  done: boolean;
  /** The next change it accepts, moving past the others; null at the end of the window. */
  take: () => LiveChange | null;
  finish: () => void;
  overflow: () => void;
  settled: Promise<void>;
}

const snapshotFields = ['articleId', 'countryId', 'version', 'slug', 'title', 'isoCode', 'visits'] as const;
type Snapshot = { [field in (typeof snapshotFields)[number]]?: unknown };

/** The parts of a JSON snapshot the feed needs (an article's is its whole text: parsed once, then dropped). */
function parseSnapshot(text: string | null): Snapshot | null {
  if (text == null) return null;
  const row = JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(snapshotFields.map((field) => [field, row[field]]));
}

const numberOr = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** The country ids a snapshot places its record in. */
function countryIdsOf(type: NodeType, entityId: number, row: Snapshot | null): number[] {
  if (!row) return [];
  if (type === 'Country') return [entityId];
  const ids = typeof row.countryId === 'number' ? [row.countryId] : [];
  if (Array.isArray(row.visits)) for (const visit of row.visits as { countryId?: unknown }[]) if (typeof visit.countryId === 'number') ids.push(visit.countryId);
  return ids;
}

/**
 * The live side of the audit log. Every write commits its audit entries with it, so the log is the outbox:
 * on a hint that something was committed (a PostgreSQL notice from any replica, SQLite's data_version, or
 * this process's own write) the feed reads the entries after the last one it read and hands each to the
 * subscriptions that want it. A missed hint loses nothing: the next read starts where the last one ended.
 */
export class LiveFeed {
  /** The id of the last audit entry read (or skipped, as nobody followed). */
  private last = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /**
   * The latest changes, one copy for every subscription, each of which walks it with a cursor: memory is
   * bounded by the backlog whatever the number of subscriptions, and a subscription whose socket does not
   * take its messages falls behind the window's start and is dropped, never grows a queue of its own.
   */
  private window: LiveChange[] = [];
  /** The position of window[0] among all changes since start. */
  private first = 0;
  private readonly cursors = new Set<Cursor>();
  /**
   * Entries may have been committed that nobody followed: unread, as nobody wants them; the next follower
   * starts after them. True at first: the first follower starts after the newest entry of that moment.
   */
  private stale = true;
  private catchingUp: Promise<void> | null = null;
  private readonly countryCodes = new Map<number, string>();
  private stopWatching: () => void = () => {};
  /** Entries read per statement: half the window, so one read never pushes a subscription that keeps up out of it. */
  private readonly page: number;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly backlog: number,
  ) {
    this.page = Math.max(1, Math.floor(backlog / 2));
  }

  /** Listens for commits; subscribers hear of those made after they subscribed. */
  start(changes: ChangeFeed | undefined): void {
    this.stopWatching = changes?.onChange((table) => (table === null || table === 'AuditEntry' ? this.poke() : undefined)) ?? (() => {});
  }

  /**
   * A subscription's changes from now on, as the async iterator graphql-js executes. graphql-ws asks for the
   * next change only after sending the one before, so a cursor that lags is a socket that does not read.
   */
  async follow({ accepts, onOverflow, onEnd }: Follow): Promise<AsyncIterableIterator<LiveChange>> {
    const caughtUp = this.stale || this.catchingUp !== null;
    // Every follower that comes while the feed catches up waits for it, so none starts before the others.
    if (caughtUp) await (this.catchingUp ??= this.skipUnfollowed().finally(() => (this.catchingUp = null)));
    let markSettled: () => void;
    const end = () => this.first + this.window.length;
    const cursor: Cursor = {
      position: end(),
      waiting: null,
      done: false,
      settled: new Promise<void>((resolve) => (markSettled = resolve)),
      take: () => {
        while (cursor.position < end()) {
          const change = this.window[cursor.position++ - this.first]!;
          if (accepts(change)) return change;
        }
        return null;
      },
      finish: () => {
        if (cursor.done) return;
        cursor.done = true;
        this.cursors.delete(cursor);
        cursor.waiting?.({ value: undefined, done: true });
        cursor.waiting = null;
        markSettled();
        onEnd();
      },
      overflow: () => {
        cursor.finish();
        onOverflow();
      },
    };
    this.cursors.add(cursor);
    // A commit hinted while the newest id was being read is read now, for this follower.
    if (caughtUp) void this.poke();
    const finished = (): Promise<IteratorResult<LiveChange>> => Promise.resolve({ value: undefined, done: true });
    const iterator: AsyncIterableIterator<LiveChange> = {
      next: () => {
        if (cursor.done) return finished();
        if (cursor.position < this.first) {
          cursor.overflow();
          return finished();
        }
        const change = cursor.take();
        if (change) return Promise.resolve({ value: change, done: false });
        // Closing, and it has taken every change (the last one sent): it ends.
        if (this.closed) {
          cursor.finish();
          return finished();
        }
        return new Promise((resolve) => {
          cursor.waiting = (result) => {
            cursor.waiting = null;
            resolve(result);
          };
        });
      },
      return: () => {
        cursor.finish();
        return finished();
      },
      throw: (error) => {
        cursor.finish();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** New changes: into the window (its oldest out), to each waiting cursor; a cursor left behind the window is dropped. */
  private append(changes: LiveChange[]): void {
    this.window.push(...changes);
    if (this.window.length > this.backlog) {
      const drop = this.window.length - this.backlog;
      this.window.splice(0, drop);
      this.first += drop;
    }
    for (const cursor of [...this.cursors]) {
      if (cursor.position < this.first) cursor.overflow();
      else if (cursor.waiting) {
        const change = cursor.take();
        if (change) cursor.waiting({ value: change, done: false });
      }
    }
  }

  /**
   * Nobody followed since the last read: the changes committed since are nobody's, so the first followers
   * start after the newest entry (one statement) instead of reading them all.
   */
  private async skipUnfollowed(): Promise<void> {
    await this.reading;
    const newest = await this.db.auditEntry.aggregate({ _max: { id: true } });
    // A hint that came meanwhile is read by the poke after the followers are in (follow).
    this.stale = false;
    if (this.cursors.size === 0) this.last = Math.max(this.last, newest._max.id ?? 0);
  }

  /** Something may have been committed: read the log (one read at a time; a hint during a read runs one more). */
  poke(): Promise<void> {
    if (this.closed) return Promise.resolve();
    // Nobody follows: no reads (an idle replica, or one that only serves HTTP, costs nothing per commit).
    if (this.cursors.size === 0) {
      this.stale = true;
      return Promise.resolve();
    }
    this.stale = false;
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        do {
          this.again = false;
          await this.readNew();
        } while (this.again);
      } catch (error) {
        // The database is away: the next hint (or the reconnect's) reads from the same place.
        this.logger.warn({ err: error }, 'live feed: reading the audit log failed; retrying on the next commit');
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const entries = await this.db.auditEntry.findMany({ where: { id: { gt: this.last } }, orderBy: { id: 'asc' }, take: this.page });
      if (entries.length === 0) return;
      const changes = entries.map((entry) => this.toChange(entry)).filter((change) => change !== null);
      await this.resolveCountryCodes(changes);
      this.last = entries.at(-1)!.id;
      this.append(changes.map(({ change }) => change));
      if (entries.length < this.page) return;
      // A turn of the event loop between pages, so sockets send what they were given before the next page
      // (SQLite's reads never yield on their own).
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private toChange(entry: AuditEntry): { change: LiveChange; countryIds: number[] } | null {
    if (!(nodeTypes as readonly string[]).includes(entry.entity)) return null;
    const type = entry.entity as NodeType;
    const before = parseSnapshot(entry.before);
    const after = parseSnapshot(entry.after);
    const current = after ?? before;
    const change: LiveChange = {
      sequence: entry.id,
      at: entry.at,
      action: entry.action,
      type,
      entityId: entry.entityId,
      version: numberOr(current?.version),
      articleId: type === 'Article' ? entry.entityId : numberOr(current?.articleId),
      countryCodes: [],
      ...(type === 'Article' && current && { article: { slug: String(current.slug), title: String(current.title) } }),
    };
    if (type === 'Country') for (const row of [before, after]) if (typeof row?.isoCode === 'string') this.countryCodes.set(entry.entityId, row.isoCode);
    return { change, countryIds: [...countryIdsOf(type, entry.entityId, before), ...countryIdsOf(type, entry.entityId, after)] };
  }

  /** Country ids to ISO codes, from a map filled as countries are met (a country's code never changes). */
  private async resolveCountryCodes(changes: { change: LiveChange; countryIds: number[] }[]): Promise<void> {
    const unknown = new Set<number>();
    for (const { countryIds } of changes) for (const id of countryIds) if (!this.countryCodes.has(id)) unknown.add(id);
    if (unknown.size > 0) {
      for (const country of await this.db.country.findMany({ where: { id: { in: [...unknown] } }, select: { id: true, isoCode: true } })) {
        this.countryCodes.set(country.id, country.isoCode);
      }
    }
    for (const { change, countryIds } of changes) {
      change.countryCodes = [...new Set(countryIds.map((id) => this.countryCodes.get(id)).filter((code) => code !== undefined))].sort();
    }
  }

  /**
   * Shutdown: reads the log to its end once more, so every commit made before now reaches its subscribers,
   * ends every subscription after its queued messages, and waits (up to `deadline`) for the sockets to take them.
   */
  async close(deadline: number): Promise<void> {
    if (this.closed) return;
    await this.poke();
    this.closed = true;
    this.stopWatching();
    const cursors = [...this.cursors];
    // One waiting has taken everything (it waits after sending the last): it ends now; the others when they catch up.
    for (const cursor of cursors) if (cursor.waiting) cursor.finish();
    await settledBy(Promise.all(cursors.map((cursor) => cursor.settled)), deadline);
  }
}
