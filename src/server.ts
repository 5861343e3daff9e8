// type-graphql's decorators (in the modules imported below) need the metadata polyfill loaded first.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap } from '@apollo/server';
import type { Logger } from 'pino';
import { createContext } from './context.js';
import type { Db, QueryEvents } from './db/client.js';
import { startApollo } from './http/apollo.js';
import { compileTrust } from './http/client-address.js';
import { createDrain, limitConnectionsPerClient, serverOptions } from './http/connections.js';
import { parseGraphQLRequest, readBody } from './http/graphql-request.js';
import { createMetrics } from './http/metrics.js';
import type { RequestTrace } from './http/observability.js';
import { createOperations } from './http/operations.js';
import { createRateLimiter } from './http/rate-limit.js';
import { ResponseCache } from './http/response-cache.js';
import { defaultSettings, type ServerSettings } from './http/settings.js';
import { EXPORT_PATH_PREFIX, handleExport } from './modules/export/export.handler.js';
import { createExplorer } from './modules/explorer/explorer.js';
import { authenticate, type ApiKey } from './shared/auth.js';
import { errorBody, HttpError, sendJson } from './shared/http.js';

export const GRAPHQL_PATH = '/graphql';

export { defaultSettings, settingsFromConfig, type ServerSettings } from './http/settings.js';

export interface ServerDeps {
  db: Db;
  /** The SQLite file behind `db`: the response cache watches it for commits. Without it nothing is cached in process. */
  databaseFile?: string;
  logger: Logger;
  /** Keys that may call mutations; none (the default) refuses every mutation. */
  apiKeys?: readonly ApiKey[];
  settings?: Partial<ServerSettings>;
}

export interface RunningServer {
  server: Server;
  url: string;
  close: () => Promise<void>;
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

/** A client's X-Request-Id when it is a sane token; otherwise a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
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

/** The HTTP server with Apollo on /graphql; used by main and by the tests. Listens when started. */
export async function createServer({ db, databaseFile, logger, apiKeys = [], settings: given = {} }: ServerDeps) {
  const settings = { ...defaultSettings, ...given };
  const responseCache = databaseFile && settings.cacheMaxAgeSeconds > 0 ? new ResponseCache(databaseFile) : undefined;
  const server = createHttpServer(serverOptions(settings));
  const drain = createDrain(server);
  const explorer = createExplorer(settings.explorer);
  const metrics = createMetrics();
  const trust = compileTrust(settings.trustProxy);
  const connections = limitConnectionsPerClient(server, settings.maxConnectionsPerClient, trust, () => metrics.connectionRefused());
  const rateLimited = createRateLimiter({ requests: settings.rateLimitRequests, windowSeconds: settings.rateLimitWindowSeconds, trust });
  (db as unknown as QueryEvents).$on?.('query', (event) => metrics.dbQuery(event.query, event.duration / 1000));
  const operations = createOperations(db, drain, metrics);
  const apollo = await startApollo(settings, logger, explorer.plugin);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // Refused for holding too many connections: answered already (connections.ts).
    if (connections.refused(req.socket)) return;
    const started = performance.now();
    const trace: RequestTrace = { id: requestIdOf(req), route: 'other', errorCodes: [] };
    res.setHeader('x-request-id', trace.id);
    // Shutting down: this connection closes after this response (connections.ts).
    if (drain.draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      // Node answers a request past REQUEST_TIMEOUT_MS with a 408 itself, on the socket.
      const timedOut = (req.socket.errored as NodeJS.ErrnoException | null)?.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const status = res.headersSent ? res.statusCode : timedOut ? 408 : 0;
      // No status: the client closed the connection before any response (an aborted upload, a timeout of its own).
      const outcome = trace.errorCodes[0] ?? (timedOut ? 'REQUEST_TIMEOUT' : status === 0 ? 'CLIENT_CLOSED_REQUEST' : status >= 400 ? `HTTP_${status}` : 'ok');
      metrics.httpRequest(trace.route, status);
      if (trace.route === 'graphql') metrics.graphqlRequest(metrics.operationLabel(trace.operation), outcome, seconds, trace.errorCodes);
      // Every 5xx has its cause in the log: should a path have sent one without logging why, say so here.
      if (status >= 500 && !trace.errorLogged) logger.error({ requestId: trace.id, route: trace.route, status, outcome }, 'server error response without a logged cause');
      // One line per request; never the query's variables or the Authorization header.
      logger.info(
        { requestId: trace.id, method: req.method, route: trace.route, operation: trace.operation ?? undefined, status, outcome, durationMs: Math.round(seconds * 10_000) / 10 },
        'request',
      );
    });
    handle(req, res, trace).catch((error: unknown) => {
      // A client that went away mid-request (an aborted upload) is its own business: the request line says so.
      if (!req.complete && (req.destroyed || res.destroyed)) return;
      // A response sent before the body was read (413, 429, 404 to a POST) closes the connection: the
      // unread rest of the body would otherwise be taken as the next request, or reset the connection.
      const closing = req.complete ? {} : { connection: 'close' };
      if (error instanceof HttpError) {
        trace.errorCodes.push(error.code);
        return sendJson(res, error.status, errorBody(error.code, error.message, error.extensions), { ...error.headers, ...closing });
      }
      logger.error({ requestId: trace.id, err: error }, 'request failed');
      trace.errorLogged = true;
      if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'), closing);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, trace: RequestTrace) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      trace.route = 'healthz';
      return operations.healthz(req, res);
    }
    if (url.pathname === '/readyz') {
      trace.route = 'readyz';
      return operations.readyz(req, res);
    }
    if (url.pathname === '/metrics') {
      trace.route = 'metrics';
      return operations.metrics(req, res);
    }
    const wait = await rateLimited(req);
    if (wait != null) {
      throw new HttpError(429, 'RATE_LIMITED', `too many requests from this client: retry in ${wait} s`, { 'retry-after': String(wait) });
    }
    if (url.pathname === '/') {
      res.writeHead(302, { location: GRAPHQL_PATH });
      return res.end();
    }
    if (url.pathname.startsWith(EXPORT_PATH_PREFIX)) {
      trace.route = 'export';
      return handleExport(db, req, res, url);
    }
    if (await explorer.handle(req, res, url)) {
      trace.route = 'explorer';
      return;
    }
    if (url.pathname !== GRAPHQL_PATH) throw new HttpError(404, 'NOT_FOUND', `no route ${url.pathname}; GraphQL is at ${GRAPHQL_PATH}`);
    trace.route = 'graphql';
    await serveGraphQL(req, res, url, trace);
  }

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, trace: RequestTrace) {
    const raw = req.method === 'POST' ? await readBody(req, settings.maxBodyBytes) : '';
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
        return res.end(hit.body);
      }
    }
    const { body, operationName } = parseGraphQLRequest(req, url, raw, settings);
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
    // What a key may read is its own business: never let a shared cache keep it.
    if (req.headers.authorization !== undefined) res.setHeader('cache-control', 'private, no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (cacheKey) responseCache!.offer(cacheKey, version, { status: res.statusCode, headers: response.headers, body: response.body.string, operation: trace.operation ?? null });
      trace.errorCodes.push(...errorCodesOf(response.body.string));
      return res.end(response.body.string);
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    /** Starts listening; port 0 picks a free port (tests). */
    async listen(port: number, host?: string): Promise<RunningServer> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const shownHost = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return {
        server,
        url: `http://${shownHost}:${address.port}${GRAPHQL_PATH}`,
        // Readiness turns 503 at once; no new connections are accepted, requests in flight finish for up to
        // shutdownGraceMs, and every connection closes after its next response (connections.ts).
        close: async () => {
          await drain.stop(settings.shutdownGraceMs);
          await apollo.stop();
          responseCache?.close();
        },
      };
    },
  };
}
