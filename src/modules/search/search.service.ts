import { createHash } from 'node:crypto';
import type { Context } from '../../context.js';
import { dialectOf, type Db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import { type Edge, type Page } from '../../shared/connection.js';
import { cursorParts, packCursor, pagingOf } from '../../shared/paging.js';
import { badUserInput } from '../../shared/errors.js';
import type { NodeType } from '../../shared/global-id.js';
import { loadNode } from '../node/node.service.js';
import type { SearchArgs } from './search.args.js';
import { SearchableType } from './search.type.js';
import { ftsSyntaxError, SearchSyntaxError, toFtsQuery, toTsQuery } from './search-query.js';

const MAX_QUERY_LENGTH = 500;
// FTS5's parser overflows its stack at about 96 nested parentheses; no real search nests more than a few.
const MAX_NESTING = 20;
// Private-use characters mark the matches inside the database; they become <mark> tags after HTML escaping.
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

const nodeTypeOf: Record<SearchableType, NodeType> = {
  [SearchableType.ARTICLE]: 'Article',
  [SearchableType.DELEGATION]: 'Delegation',
  [SearchableType.EVENT]: 'Event',
  [SearchableType.AGREEMENT]: 'Agreement',
  [SearchableType.IMAGE]: 'Image',
  [SearchableType.ORGANIZATION]: 'Organization',
  [SearchableType.PERSON]: 'Person',
};
const allTypes = Object.keys(nodeTypeOf).map(Number) as SearchableType[];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function highlight(snippet: string): string {
  return escapeHtml(snippet).replaceAll(MARK_OPEN, '<mark>').replaceAll(MARK_CLOSE, '</mark>');
}

/** What a search cursor is bound to: the query and the types, so a cursor of another search is refused. */
function scopeOf(query: string, types: readonly SearchableType[]): string {
  return createHash('sha256').update(JSON.stringify([query, [...types].sort()])).digest('base64url').slice(0, 12);
}

function encodeCursor(scope: string, offset: number): string {
  return packCursor(['search', scope, offset]);
}

/** The offset a cursor of this search stands for. */
function decodeCursor(cursor: string, scope: string, argument: string): number {
  const parts = cursorParts(cursor);
  if (parts?.length === 3 && parts[0] === 'search' && Number.isSafeInteger(parts[2]) && (parts[2] as number) >= 0) {
    if (parts[1] !== scope) throw badUserInput('this cursor belongs to another search (another query or other types); start again without it', [argument]);
    return parts[2] as number;
  }
  throw badUserInput(`${JSON.stringify(cursor)} is not a cursor of search results`, [argument]);
}

/** How deeply parentheses nest in the query, outside phrases. */
function nestingOf(query: string): number {
  let depth = 0;
  let deepest = 0;
  let phrase = false;
  for (const char of query) {
    if (char === '"') phrase = !phrase;
    else if (!phrase && char === '(') deepest = Math.max(deepest, ++depth);
    else if (!phrase && char === ')') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** A search result as resolvers see it: the record is a database row tagged with its GraphQL type. */
export interface SearchMatch {
  node: { id: number };
  type: SearchableType;
  score: number;
  snippet: string;
}

interface Hit {
  docid: number | bigint;
  score: number;
  snippet: string;
}

/** The search index of one database: how many records match, and one stretch of the ranking with snippets. */
interface SearchIndex {
  /** The query as the database reads it ('' when it has no words); throws SearchSyntaxError. */
  compile(query: string): string;
  count(db: Db, match: string, types: readonly SearchableType[]): Promise<number>;
  /** Ranks [offset, offset + limit), best first, ties by docid. */
  hits(db: Db, match: string, types: readonly SearchableType[], limit: number, offset: number): Promise<Hit[]>;
}

/** SQLite: FTS5 (see the sqlite search migrations), ranked by bm25, snippets by FTS5's snippet(). */
const fts5: SearchIndex = {
  compile: toFtsQuery,
  async count(db, match, types) {
    const rows = await fts5Query(db.$queryRaw<{ total: number | bigint }[]>`
      SELECT count(*) AS total FROM "SearchIndex" WHERE "SearchIndex" MATCH ${match} AND rowid % 8 IN (${Prisma.join(types.map(Number))})`);
    return Number(rows[0]!.total);
  },
  hits(db, match, types, limit, offset) {
    return fts5Query(db.$queryRaw<Hit[]>`
      SELECT rowid AS docid, -rank AS score, snippet("SearchIndex", -1, ${MARK_OPEN}, ${MARK_CLOSE}, '…', 16) AS snippet
      FROM "SearchIndex" WHERE "SearchIndex" MATCH ${match} AND rowid % 8 IN (${Prisma.join(types.map(Number))})
      ORDER BY rank, rowid LIMIT ${limit} OFFSET ${offset}`);
  },
};

/** FTS5 parses the query when it runs it: its syntax errors are the query's fault, never the database's. */
async function fts5Query<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    throw ftsSyntaxError(error) ?? error;
  }
}

const CONFIG = Prisma.raw("'english_unaccent_nostop'::regconfig");
// Headline options: the marks, about as many words as FTS5's 16-token snippets, one fragment.
const HEADLINE = `StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=16, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "`;

/**
 * PostgreSQL: "SearchDoc" with a GIN index over its tsvector (see the postgres search migration), the query
 * through to_tsquery, ranked by ts_rank with the title above places above body (as bm25's column weights on
 * SQLite) and divided by 1 + log(length) (bm25 also favours the shorter of two documents), ties by docid. ts_headline re-reads a document's text, so it runs on the page's rows only.
 */
const tsearch: SearchIndex = {
  compile: toTsQuery,
  async count(db, match, types) {
    const rows = await db.$queryRaw<{ total: number | bigint }[]>`
      SELECT count(*) AS total FROM "SearchDoc" WHERE "tsv" @@ to_tsquery(${CONFIG}, ${match}) AND "docid" % 8 IN (${Prisma.join(types.map(Number))})`;
    return Number(rows[0]!.total);
  },
  hits(db, match, types, limit, offset) {
    return db.$queryRaw<Hit[]>`
      WITH q AS (SELECT to_tsquery(${CONFIG}, ${match}) AS q),
      page AS (
        SELECT d."docid", ts_rank('{0.1, 0.1, 0.4, 1.0}', d."tsv", q.q, 1)::float8 AS score
        FROM "SearchDoc" d, q WHERE d."tsv" @@ q.q AND d."docid" % 8 IN (${Prisma.join(types.map(Number))})
        ORDER BY score DESC, d."docid" LIMIT ${limit} OFFSET ${offset}
      )
      SELECT page."docid", page.score, ts_headline(${CONFIG},
        CASE WHEN to_tsvector(${CONFIG}, d."title") @@ q.q THEN d."title"
             WHEN to_tsvector(${CONFIG}, d."body") @@ q.q OR d."places" = '' THEN d."body" ELSE d."places" END,
        q.q, ${HEADLINE}) AS snippet
      FROM page JOIN "SearchDoc" d ON d."docid" = page."docid", q
      ORDER BY page.score DESC, page."docid"`;
  },
};

/**
 * Full-text search, best match first, on either database (the same grammar, search-query.ts). Pages are
 * offsets into the ranking, forwards (`first`/`after`) or backwards (`last`/`before`), as every connection
 * pages; a page read after the data changed may repeat or skip a result.
 */
export async function search({ db, loaders }: Context, args: SearchArgs): Promise<Page<SearchMatch>> {
  const paging = pagingOf(args);
  if (args.query.length > MAX_QUERY_LENGTH) throw badUserInput(`the search query is longer than ${MAX_QUERY_LENGTH} characters`, ['query']);
  if (nestingOf(args.query) > MAX_NESTING) throw badUserInput(`the search query nests parentheses more than ${MAX_NESTING} deep`, ['query']);
  const index = dialectOf(db) === 'postgres' ? tsearch : fts5;
  const run = async <T>(work: () => T | Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SearchSyntaxError) throw badUserInput(error.message, ['query']);
      throw error;
    }
  };
  const match = await run(() => index.compile(args.query));
  if (match === '') throw badUserInput('the search query has no words to look for', ['query']);
  const types = args.types?.length ? [...new Set(args.types)] : allTypes;
  // Bound to the query as typed (tidied), so a cursor means the same search on either database.
  const scope = scopeOf(toFtsQuery(args.query), types);
  const cursor = paging.cursor == null ? null : decodeCursor(paging.cursor, scope, paging.backwards ? 'before' : 'after');

  let total: Promise<number> | undefined;
  const count = () => (total ??= run(() => index.count(db, match, types)));

  // The ranks to read, [start, end): forwards up to one more than the page (it says whether there is more).
  let start: number;
  let end: number;
  if (!paging.backwards) {
    start = cursor == null ? 0 : cursor + 1;
    end = start + paging.size + 1;
  } else {
    end = cursor ?? (await count());
    start = Math.max(0, end - paging.size);
  }
  const hits = end <= start ? [] : await run(() => index.hits(db, match, types, end - start, start));
  const more = !paging.backwards && hits.length > paging.size;
  const results = await Promise.all(
    hits.slice(0, paging.size).map(async (hit, index): Promise<Edge<SearchMatch> | null> => {
      const docid = Number(hit.docid);
      const type = (docid % 8) as SearchableType;
      const node = await loadNode(loaders, nodeTypeOf[type], Math.floor(docid / 8));
      return node && { cursor: encodeCursor(scope, start + index), node: { node, type, score: hit.score, snippet: highlight(hit.snippet) } };
    }),
  );
  // The index and the tables are written in the same transactions, so every hit has its record.
  const edges = results.filter((edge) => edge != null);
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: paging.backwards ? cursor != null : more,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return count();
    },
  };
}
