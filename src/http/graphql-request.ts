import type { IncomingMessage } from 'node:http';
import { HttpError } from '../shared/http.js';

/** What a GraphQL request may hold before Apollo sees it (see config.ts). */
export interface RequestLimits {
  /** Characters of the document. */
  maxQueryChars: number;
  /** Lists and objects inside one another in `variables` (and `extensions`). */
  maxVariableDepth: number;
}

/** A GraphQL request read off HTTP: what Apollo is given. */
export interface GraphQLHttpRequest {
  /** The parsed JSON body of a POST; the raw text when the Content-Type is not JSON (Apollo refuses it). */
  body: unknown;
  operationName: string | null;
}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => new HttpError(413, 'PAYLOAD_TOO_LARGE', `request body larger than ${limit} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * How deeply lists and objects nest in a JSON value (a scalar: 0), counted without recursion, so a
 * hostile value cannot overflow the stack here; it stops counting once past `limit`.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A GET parameter holding JSON, parsed; undefined when absent or not JSON (Apollo reports that). */
function jsonParameter(url: URL, name: string): unknown {
  const text = url.searchParams.get(name);
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Variables and extensions nested deeper than any real operation needs would reach code that walks them
 * recursively (graphql's coercion, the cost estimate's cache key) and overflow its stack: refused first.
 * `variables` itself is not counted, so `{"ids": ["a"]}` has depth 1.
 */
function checkNesting(name: 'variables' | 'extensions', value: unknown, limit: number): void {
  if (value === null || typeof value !== 'object') return;
  const depth = nestingDepth(value, limit + 1) - 1;
  if (depth > limit) {
    throw new HttpError(400, 'VARIABLES_TOO_DEEP', `${name} nest lists and objects more than ${limit} levels deep`, {}, { maxDepth: limit });
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Automatic persisted queries (Apollo's protocol, version 1): `extensions.persistedQuery` is
 * `{ version: 1, sha256Hash }`. Apollo answers other shapes with an error without a code (which looked
 * like a failure of the server); each gets its own code here. An unknown hash is Apollo's to answer:
 * PERSISTED_QUERY_NOT_FOUND, on which clients send the query along with the hash.
 */
function checkPersistedQuery(extensions: unknown): void {
  if (extensions === null || typeof extensions !== 'object' || !('persistedQuery' in extensions)) return;
  const persisted = (extensions as { persistedQuery: unknown }).persistedQuery;
  if (persisted === null || typeof persisted !== 'object' || Array.isArray(persisted)) {
    throw new HttpError(400, 'BAD_REQUEST', 'extensions.persistedQuery must be an object: { "version": 1, "sha256Hash": "<64 hex digits>" }');
  }
  const { version, sha256Hash } = persisted as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1) {
    throw new HttpError(400, 'PERSISTED_QUERY_NOT_SUPPORTED', `persisted query version ${JSON.stringify(version ?? null)} is not supported: this server speaks version 1`);
  }
  if (typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash)) {
    throw new HttpError(400, 'BAD_REQUEST', 'extensions.persistedQuery.sha256Hash must be the SHA-256 of the query, in 64 hexadecimal digits');
  }
}

/**
 * Parses and checks a GraphQL request, the POST body `raw` (see readBody) or the GET parameters of `url`;
 * throws HttpError for what Apollo must not see.
 */
export function parseGraphQLRequest(req: IncomingMessage, url: URL, raw: string, limits: RequestLimits): GraphQLHttpRequest {
  let body: unknown = raw;
  if (raw !== '' && req.headers['content-type']?.toLowerCase().startsWith('application/json')) {
    try {
      body = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'request body is not valid JSON');
    }
  }
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const post = req.method === 'POST';
  const query = post ? fields.query : url.searchParams.get('query');
  if (typeof query === 'string' && query.length > limits.maxQueryChars) {
    throw new HttpError(413, 'QUERY_TOO_LARGE', `the GraphQL document has ${query.length} characters, over the limit of ${limits.maxQueryChars}`);
  }
  const variables = post ? fields.variables : jsonParameter(url, 'variables');
  const extensions = post ? fields.extensions : jsonParameter(url, 'extensions');
  checkNesting('variables', variables, limits.maxVariableDepth);
  checkNesting('extensions', extensions, limits.maxVariableDepth);
  checkPersistedQuery(extensions);
  const operationName = post ? fields.operationName : url.searchParams.get('operationName');
  return { body, operationName: typeof operationName === 'string' ? operationName : null };
}
