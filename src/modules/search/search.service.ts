import { createHash } from 'node:crypto';
import type { Context } from '../../context.js';
import { type Edge, type Page } from '../../shared/connection.js';
import { cursorParts, packCursor, pagingOf } from '../../shared/paging.js';
import { badUserInput } from '../../shared/errors.js';
import type { NodeType } from '../../shared/global-id.js';
import { loadNode } from '../node/node.service.js';
import type { SearchArgs } from './search.args.js';
import { SearchableType } from './search.type.js';

const MAX_QUERY_LENGTH = 500;
// FTS5's parser overflows its stack at about 96 nested parentheses; no real search nests more than a few.
const MAX_NESTING = 20;
// Private-use characters mark the matches inside SQLite; they become <mark> tags after HTML escaping.
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

const word = /^[\p{L}\p{N}_]+$/u;
const operators = new Set(['AND', 'OR', 'NOT']);

/**
 * Turns what a person types into an FTS5 query. Phrases, operators and parentheses pass through; a word
 * with punctuation inside (`paper-cutting`, `Shandong's`), which FTS5 would reject, becomes a phrase of
 * its parts; lone punctuation is dropped. What FTS5 still cannot parse is reported by `search`.
 */
export function toFtsQuery(input: string): string {
  const parts: string[] = [];
  for (const [token] of input.matchAll(/"[^"]*"?\*?|[()]|[^\s()"]+/gu)) {
    if (token.startsWith('"') || token === '(' || token === ')' || operators.has(token)) {
      parts.push(token);
      continue;
    }
    const prefix = token.endsWith('*');
    const text = prefix ? token.slice(0, -1) : token;
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    parts.push(word.test(text) ? `${text}${prefix ? '*' : ''}` : `"${text}"${prefix ? ' *' : ''}`);
  }
  return parts.join(' ');
}

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

/** What FTS5 says of a MATCH expression it cannot run: always the query's fault, never the database's. */
function isQueryError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /fts5: |unterminated string|unknown special query|no such column|malformed MATCH expression/i.test(message);
}

function syntaxMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const near = /syntax error near "(.*?)"/.exec(message)?.[1];
  const detail = /unterminated string/.test(message)
    ? 'a quote (") is not closed'
    : /parser stack overflow/.test(message)
      ? 'it nests too deeply: use fewer parentheses'
      : near === ''
        ? 'it ends too early: a parenthesis is not closed, or AND/OR/NOT has nothing after it'
        : near !== undefined
          ? `unexpected ${JSON.stringify(near)}; AND, OR and NOT go between two terms`
          : 'check quotes, parentheses and AND/OR/NOT';
  return `the search query cannot be parsed: ${detail}`;
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

/**
 * Full-text search over the FTS5 index (see the search migration), best match first. Pages are
 * offsets into the ranking, forwards (`first`/`after`) or backwards (`last`/`before`), as every connection
 * pages; a page read after the data changed may repeat or skip a result.
 */
export async function search({ db, loaders }: Context, args: SearchArgs): Promise<Page<SearchMatch>> {
  const paging = pagingOf(args);
  if (args.query.length > MAX_QUERY_LENGTH) throw badUserInput(`the search query is longer than ${MAX_QUERY_LENGTH} characters`, ['query']);
  if (nestingOf(args.query) > MAX_NESTING) throw badUserInput(`the search query nests parentheses more than ${MAX_NESTING} deep`, ['query']);
  const match = toFtsQuery(args.query);
  if (match === '') throw badUserInput('the search query has no words to look for', ['query']);
  const types = args.types?.length ? [...new Set(args.types)] : allTypes;
  const scope = scopeOf(match, types);
  const typeFilter = `rowid % 8 IN (${types.map(Number).join(', ')})`;
  const cursor = paging.cursor == null ? null : decodeCursor(paging.cursor, scope, paging.backwards ? 'before' : 'after');

  const run = async <T>(query: Promise<T>): Promise<T> => {
    try {
      return await query;
    } catch (error) {
      if (isQueryError(error)) throw badUserInput(syntaxMessage(error), ['query']);
      throw error;
    }
  };
  let total: Promise<number> | undefined;
  const count = () =>
    (total ??= run(
      db.$queryRawUnsafe<{ total: number | bigint }[]>(`SELECT count(*) AS total FROM "SearchIndex" WHERE "SearchIndex" MATCH ? AND ${typeFilter}`, match),
    ).then((rows) => Number(rows[0]!.total)));

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
  const hits =
    end <= start
      ? []
      : await run(
          db.$queryRawUnsafe<Hit[]>(
            `SELECT rowid AS docid, -rank AS score, snippet("SearchIndex", -1, ?, ?, '…', 16) AS snippet
             FROM "SearchIndex" WHERE "SearchIndex" MATCH ? AND ${typeFilter}
             ORDER BY rank, rowid LIMIT ? OFFSET ?`,
            MARK_OPEN,
            MARK_CLOSE,
            match,
            end - start,
            start,
          ),
        );
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
