import { isCalendarDate } from './dates.js';
import { badUserInput } from './errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, OrderDirection, type ConnectionArgs, type Page } from './connection.js';

// Relay paging over Prisma: opaque cursors bound to their list and order, and keyset reads (no OFFSET).

/**
 * A sort key: a column of the model, whether it can be null, and what its values are (so a cursor's value
 * can be checked: a day `YYYY-MM-DD`, any text, or the record's own id). Ties are broken by `id`.
 */
export interface SortKey {
  field: string;
  nullable: boolean;
  values: 'day' | 'text' | 'id';
}

type Where = Record<string, unknown>;
export interface PageQuery {
  where: Where;
  orderBy: Record<string, unknown>[];
  take?: number;
}

export interface CursorValue {
  field: string;
  value: string | number | null;
  id: number;
}

/** Which list a cursor belongs to: its name (the GraphQL field, `events`, `Delegation.events`) and its order. */
interface CursorScope {
  list: string;
  key: SortKey;
  direction: OrderDirection;
}

/** An opaque cursor holding `parts` (base64url of their JSON); `cursorParts` reads them back. */
export function packCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The parts of a cursor made by `packCursor`, or null when the text is not one. */
export function cursorParts(cursor: string): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function encodeCursor(scope: CursorScope, value: CursorValue['value'], id: number): string {
  return packCursor([scope.list, scope.key.field, scope.direction, value, id]);
}

// Values of a text key past this length cannot come from the database's names and titles.
const MAX_TEXT_KEY = 2000;

/** Whether a cursor's key value fits the key: the kind of value it holds, and null only where it may be. */
function fitsKey(value: unknown, id: number, key: SortKey): boolean {
  if (value === null) return key.nullable;
  if (key.values === 'id') return value === id;
  if (typeof value !== 'string') return false;
  return key.values === 'day' ? isCalendarDate(value) : value.length <= MAX_TEXT_KEY;
}

/**
 * A cursor of this list in this order, checked: a cursor is bound to the list and order it came from
 * (another list's, or one edited by hand, would seek to a place that means nothing here).
 */
function decodeCursor(cursor: string, scope: CursorScope, argument: string): CursorValue {
  const parts = cursorParts(cursor);
  if (parts?.length !== 5 || typeof parts[0] !== 'string') throw badUserInput(`${JSON.stringify(cursor)} is not a cursor of this list`, [argument]);
  const [list, field, direction, value, id] = parts;
  if (list !== scope.list) throw badUserInput(`this cursor belongs to another list (${String(list)}), not ${scope.list}`, [argument]);
  if (field !== scope.key.field || direction !== scope.direction) {
    throw badUserInput('this cursor belongs to this list in another order; start again without it', [argument]);
  }
  if (!Number.isSafeInteger(id) || (id as number) < 1 || !fitsKey(value, id as number, scope.key)) {
    throw badUserInput(`${JSON.stringify(cursor)} is not a cursor of this list`, [argument]);
  }
  return { field, value: value as CursorValue['value'], id: id as number };
}

function pageSize(value: number | null | undefined, argument: string): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`${argument} must be between 1 and ${MAX_PAGE_SIZE}, got ${value}`, [argument]);
  }
  return value;
}

/** Checks the paging arguments before any query runs. */
export function pagingOf(args: ConnectionArgs) {
  const first = pageSize(args.first, 'first');
  const last = pageSize(args.last, 'last');
  if (first != null && last != null) throw badUserInput('pass first or last, not both', ['last']);
  if (args.after != null && args.before != null) throw badUserInput('pass after or before, not both', ['before']);
  if (first != null && args.before != null) throw badUserInput('before pages backwards: pair it with last', ['before']);
  if (last != null && args.after != null) throw badUserInput('after pages forwards: pair it with first', ['after']);
  const backwards = last != null || args.before != null;
  return { backwards, size: (backwards ? last : first) ?? DEFAULT_PAGE_SIZE, cursor: backwards ? args.before : args.after };
}

interface PagingOptions<T> extends CursorScope {
  where: Where;
  findMany: (query: PageQuery) => Promise<T[]>;
}

/** The paging arguments resolved against a list's order: what to read, and how to turn it into a page. */
function plan(args: ConnectionArgs, scope: CursorScope) {
  const { backwards, size, cursor: rawCursor } = pagingOf(args);
  const cursor = rawCursor == null ? null : decodeCursor(rawCursor, scope, backwards ? 'before' : 'after');
  // Walking backwards is walking forwards in the reversed order (where nulls come first).
  const ascending = (scope.direction === OrderDirection.ASC) !== backwards;
  return { backwards, size, cursor, ascending, nullsLast: !backwards };
}

/** A page from up to size + 1 rows in walk order (the extra row only says there is more). */
function pageOf<T extends { id: number }>(rows: T[], paging: ReturnType<typeof plan>, scope: CursorScope, count: () => Promise<number>): Page<T> {
  const { backwards, size, cursor } = paging;
  const more = rows.length > size;
  const page = more ? rows.slice(0, size) : rows;
  if (backwards) page.reverse();
  const edges = page.map((node) => ({
    cursor: encodeCursor(scope, (node as Record<string, unknown>)[scope.key.field] as CursorValue['value'], node.id),
    node,
  }));
  let total: Promise<number> | undefined;
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: backwards ? cursor != null : more,
      hasPreviousPage: backwards ? more : cursor != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return (total ??= count());
    },
  };
}

/**
 * Keyset pagination in SQL: the cursor holds the sort key and id of an edge, and the next page is
 * `WHERE (key, id) > (cursor.key, cursor.id) ORDER BY key, id LIMIT size + 1`, so a page deep in a large
 * list costs the same as the first. Null keys sort last in both directions.
 */
export async function paginate<T extends { id: number }>(
  args: ConnectionArgs,
  options: PagingOptions<T> & { count: (where: Where) => Promise<number> },
): Promise<Page<T>> {
  const { key, where } = options;
  const paging = plan(args, options);
  const rows = await keysetRows({ where, key, ascending: paging.ascending, nullsLast: paging.nullsLast, cursor: paging.cursor, take: paging.size + 1, findMany: options.findMany });
  return pageOf(rows, paging, options, () => options.count(where));
}

/**
 * The same page of one list for many parents at once (a nested connection, such as each delegation's
 * events): one ordered read of the rows of all `groups` together, beyond the cursor, then each group's
 * first rows in that order. The statements do not grow with the number of parents; the rows read are all
 * the parents' matching rows, which for a nested list (a delegation's events) are few. `totalCount` counts
 * the groups' rows from the same read, or from one more read of ids when a cursor skipped some.
 */
export async function paginateGroups<T extends { id: number }>(
  args: ConnectionArgs,
  options: PagingOptions<T> & { groups: readonly ReadonlySet<number>[]; ids: (where: Where) => Promise<number[]> },
): Promise<Page<T>[]> {
  const { key, groups } = options;
  const members = [...new Set(groups.flatMap((group) => [...group]))];
  const where = { AND: [options.where, { id: { in: members } }] };
  const paging = plan(args, options);
  const rows = members.length === 0 ? [] : await keysetRows({ where, key, ascending: paging.ascending, nullsLast: paging.nullsLast, cursor: paging.cursor, findMany: options.findMany });
  let matching: Promise<number[]> | undefined;
  const idsOfAll = () => (paging.cursor ? (matching ??= options.ids(where)) : Promise.resolve(rows.map((row) => row.id)));
  return groups.map((group) => {
    const own: T[] = [];
    for (const row of rows) {
      if (own.length > paging.size) break;
      if (group.has(row.id)) own.push(row);
    }
    return pageOf(own, paging, options, async () => (await idsOfAll()).filter((id) => group.has(id)).length);
  });
}

/**
 * Up to `take` rows strictly beyond `cursor` in the walk order: by `key` (ascending or not), then by id,
 * with the null keys as a block at the far end (`nullsLast`) or at the near end.
 *
 * A nullable key is read as two index range scans, the non-null block and the null block, each with a
 * plain ORDER BY: SQLite cannot walk an index in `ASC NULLS LAST` order (its indexes keep NULLs first),
 * and would read and sort the whole table for every page instead.
 */
export async function keysetRows<T extends { id: number }>(options: {
  where: Where;
  key: SortKey;
  ascending: boolean;
  nullsLast: boolean;
  cursor: CursorValue | null;
  /** Omitted: every row beyond the cursor. */
  take?: number;
  findMany: (query: PageQuery) => Promise<T[]>;
}): Promise<T[]> {
  const { where, key, ascending, nullsLast, cursor, take, findMany } = options;
  const order = ascending ? 'asc' : 'desc';
  const beyond = ascending ? 'gt' : 'lt';
  const field = key.field;
  const and = (...conditions: (Where | null)[]) => {
    const all = [where, ...conditions.filter((c): c is Where => c !== null)];
    return all.length === 1 ? where : { AND: all };
  };
  if (!key.nullable) {
    const orderBy = field === 'id' ? [{ id: order }] : [{ [field]: order }, { id: order }];
    const after = cursor && (field === 'id' ? { id: { [beyond]: cursor.id } } : { OR: [{ [field]: { [beyond]: cursor.value } }, { [field]: cursor.value, id: { [beyond]: cursor.id } }] });
    return findMany({ where: and(after), orderBy, take });
  }

  // The blocks in walk order, and for each the rows of it beyond the cursor (null: none at all).
  const nonNull = (): Where | null | false => {
    if (!cursor) return null;
    if (cursor.value === null) return nullsLast ? false : null; // the cursor is in the null block
    return { OR: [{ [field]: { [beyond]: cursor.value } }, { [field]: cursor.value, id: { [beyond]: cursor.id } }] };
  };
  const nulls = (): Where | null | false => {
    if (!cursor) return null;
    if (cursor.value !== null) return nullsLast ? null : false; // the cursor is in the non-null block
    return { id: { [beyond]: cursor.id } };
  };
  const blocks = [
    { only: { [field]: { not: null } }, seek: nonNull(), orderBy: [{ [field]: order }, { id: order }] },
    { only: { [field]: null }, seek: nulls(), orderBy: [{ id: order }] },
  ];
  if (!nullsLast) blocks.reverse();

  const rows: T[] = [];
  for (const block of blocks) {
    if (block.seek === false || (take !== undefined && rows.length >= take)) continue;
    rows.push(...(await findMany({ where: and(block.only, block.seek), orderBy: block.orderBy, ...(take !== undefined && { take: take - rows.length }) })));
  }
  return rows;
}
