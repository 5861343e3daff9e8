// type-graphql's decorators (in the modules imported below) need the metadata polyfill loaded first.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Db, QueryEvents } from './db/client.js';
import { startApollo } from './http/apollo.js';
import { compileTrust } from './http/client-address.js';
import { createDrain, limitConnectionsPerClient, serverOptions } from './http/connections.js';
import { createGraphQLHandler, GRAPHQL_PATH } from './http/graphql-handler.js';
import { createMetrics } from './http/metrics.js';
import type { RequestTrace } from './http/observability.js';
import { createOperations } from './http/operations.js';
import { createRateLimiter } from './http/rate-limit.js';
import { ResponseCache } from './http/response-cache.js';
import { defaultSettings, type ServerSettings } from './http/settings.js';
import { EXPORT_PATH_PREFIX, handleExport } from './modules/export/export.handler.js';
import { createExplorer } from './modules/explorer/explorer.js';
import type { ApiKey } from './shared/auth.js';
import { errorBody, HttpError, sendJson } from './shared/http.js';

export { GRAPHQL_PATH } from './http/graphql-handler.js';
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

/** A client's X-Request-Id when it is a sane token; otherwise a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
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
  const graphql = createGraphQLHandler({ apollo, db, apiKeys, responseCache, metrics, limits: settings });

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
    await graphql(req, res, url, trace);
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
