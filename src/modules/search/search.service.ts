import type { Context } from '../../context.js';
import { pagingOf, type Edge, type Page } from '../../shared/connection.js';
import { badUserInput } from '../../shared/errors.js';
import type { NodeType } from '../../shared/global-id.js';
import { loadNode } from '../node/node.service.js';
import type { SearchArgs } from './search.args.js';
import { SearchableType } from './search.type.js';

const MAX_QUERY_LENGTH = 500;
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

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify(['search', offset])).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === 'search' && Number.isSafeInteger(parsed[1]) && parsed[1] >= 0) return parsed[1] as number;
  } catch {
    // reported below
  }
  throw badUserInput(`${JSON.stringify(cursor)} is not a cursor of search results`, ['after']);
}

/** SQLite's FTS5 parse errors, as opposed to failures of the database. */
function isQuerySyntaxError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /fts5: syntax error|unterminated string|unknown special query|no such column|fts5: .*(phrase|column)/i.test(message);
}

function syntaxMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const near = /syntax error near "(.*?)"/.exec(message)?.[1];
  const detail = /unterminated string/.test(message)
    ? 'a quote (") is not closed'
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
 * offsets into the ranking: a page read after the data changed may repeat or skip a result.
 */
export async function search({ db, loaders }: Context, args: SearchArgs): Promise<Page<SearchMatch>> {
  const { size } = pagingOf({ first: args.first });
  const offset = args.after == null ? 0 : decodeCursor(args.after) + 1;
  if (args.query.length > MAX_QUERY_LENGTH) throw badUserInput(`the search query is longer than ${MAX_QUERY_LENGTH} characters`, ['query']);
  const match = toFtsQuery(args.query);
  if (match === '') throw badUserInput('the search query has no words to look for', ['query']);
  const types = args.types?.length ? [...new Set(args.types)] : allTypes;
  const typeFilter = `rowid % 8 IN (${types.map(Number).join(', ')})`;

  const run = async <T>(query: Promise<T>): Promise<T> => {
    try {
      return await query;
    } catch (error) {
      if (isQuerySyntaxError(error)) throw badUserInput(syntaxMessage(error), ['query']);
      throw error;
    }
  };
  const hits = await run(
    db.$queryRawUnsafe<Hit[]>(
      `SELECT rowid AS docid, -rank AS score, snippet("SearchIndex", -1, ?, ?, '…', 16) AS snippet
       FROM "SearchIndex" WHERE "SearchIndex" MATCH ? AND ${typeFilter}
       ORDER BY rank, rowid LIMIT ? OFFSET ?`,
      MARK_OPEN,
      MARK_CLOSE,
      match,
      size + 1,
      offset,
    ),
  );
  const more = hits.length > size;
  const results = await Promise.all(
    hits.slice(0, size).map(async (hit, index): Promise<Edge<SearchMatch> | null> => {
      const docid = Number(hit.docid);
      const type = (docid % 8) as SearchableType;
      const node = await loadNode(loaders, nodeTypeOf[type], Math.floor(docid / 8));
      return node && { cursor: encodeCursor(offset + index), node: { node, type, score: hit.score, snippet: highlight(hit.snippet) } };
    }),
  );
  // The index and the tables are written in the same transactions, so every hit has its record.
  const edges = results.filter((edge) => edge != null);
  let total: Promise<number> | undefined;
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: more,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return (total ??= run(
        db.$queryRawUnsafe<{ total: number | bigint }[]>(
          `SELECT count(*) AS total FROM "SearchIndex" WHERE "SearchIndex" MATCH ? AND ${typeFilter}`,
          match,
        ),
      ).then((rows) => Number(rows[0]!.total)));
    },
  };
}
