import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { createContext, type Context } from '../context.js';
import type { Db } from '../db/client.js';
import { authenticate, type ApiKey } from '../shared/auth.js';
import { parseGraphQLRequest, readBody, type RequestLimits } from './graphql-request.js';
import type { Metrics } from './metrics.js';
import type { RequestTrace } from './observability.js';
import type { ResponseCache } from './response-cache.js';

export const GRAPHQL_PATH = '/graphql';

export interface GraphQLHandlerDeps {
  apollo: ApolloServer<Context>;
  db: Db;
  apiKeys: readonly ApiKey[];
  /** Anonymous reads answered from memory; without it every request runs through Apollo. */
  responseCache: ResponseCache | undefined;
  metrics: Metrics;
  limits: RequestLimits & { maxBodyBytes: number };
  /** A keyed request finished (it may have committed a write): no cached response from before it, and the subscriptions read the audit log. */
  written?: () => void;
}

/**
 * Whether a GET passes Apollo's CSRF prevention (which a cache hit does not reach): it names the
 * operation or asks for a preflight in a header, or has a Content-Type a simple cross-site request
 * cannot send. (A POST's body is only read as JSON, which is never a simple request's type.)
 */
function preflighted(req: IncomingMessage): boolean {
  if (req.headers['apollo-require-preflight'] !== undefined || req.headers['x-apollo-operation-name'] !== undefined) return true;
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && type !== '' && !['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'].includes(type);
}

/** The error codes of a GraphQL response body, for the log and the metrics (only bodies that have errors are parsed). */
function errorCodesOf(body: string): string[] {
  if (!body.includes('"errors"')) return [];
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return (parsed.errors ?? []).map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN'));
  } catch {
    return [];
  }
}

/** Serves /graphql: reads and checks the request, answers anonymous reads from the response cache, runs the rest through Apollo. */
export function createGraphQLHandler({ apollo, db, apiKeys, responseCache, metrics, limits, written }: GraphQLHandlerDeps) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, trace: RequestTrace): Promise<void> => {
    const raw = req.method === 'POST' ? await readBody(req, limits.maxBodyBytes) : '';
    // Anonymous reads may be answered from the response cache, without running Apollo at all. A request
    // with any Authorization header, an empty one included, is not anonymous: Apollo decides (401).
    const cacheKey =
      responseCache && req.headers.authorization === undefined && (req.method === 'POST' || (req.method === 'GET' && preflighted(req)))
        ? responseCache.keyOf(req.method, req.headers['content-type'], req.headers.accept, req.method === 'POST' ? raw : url.search)
        : null;
    if (cacheKey) {
      const hit = responseCache!.get(cacheKey);
      metrics.responseCache(hit ? 'hit' : 'miss');
      if (hit) {
        trace.operation = hit.operation;
        res.writeHead(200, [...hit.headers, 'age', String(hit.ageSeconds)]);
        res.end(hit.body);
        return;
      }
    }
    const { body, operationName } = parseGraphQLRequest(req, url, raw, limits);
    trace.operation = operationName;
    const version = cacheKey ? responseCache!.version() : 0;
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      // A bad credential throws a GraphQLError here; Apollo answers with its extensions.http (401, WWW-Authenticate).
      context: async () => ({ ...createContext(db, authenticate(req.headers.authorization, apiKeys)), trace }),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    // What a key may read is its own business: never let a shared cache keep it. Only a key may write: once
    // its request is done (committed), no response from before it is served.
    if (req.headers.authorization !== undefined) {
      res.setHeader('cache-control', 'private, no-store');
      written?.();
    }
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (cacheKey) responseCache!.offer(cacheKey, version, { status: res.statusCode, headers: response.headers, body: response.body.string, operation: trace.operation ?? null });
      trace.errorCodes.push(...errorCodesOf(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
