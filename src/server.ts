// type-graphql's decorators (in the modules imported below) need the metadata polyfill loaded first.
import 'reflect-metadata';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Db, QueryEvents } from './db/client.js';
import { startApollo } from './http/apollo.js';
import { getSchema } from './schema.js';
import { getSubgraphSchema } from './federation.js';
import { compileTrust } from './shared/trust-proxy.js';
import { createDrain, limitConnectionsPerClient, serverOptions } from './http/connections.js';
import { createGraphQLHandler, GRAPHQL_PATH } from './http/graphql-handler.js';
import { createMetrics } from './http/metrics.js';
import { createOperations } from './http/operations.js';
import { createRateLimiter } from './http/rate-limit.js';
import { createRequestListener } from './http/request-listener.js';
import { ResponseCache } from './http/response-cache.js';
import { openChangeFeed } from './db/change-feed.js';
import { serveSubscriptions } from './http/websocket.js';
import { LiveFeed } from './modules/live/live.feed.js';
import { createRouter } from './http/router.js';
import { defaultSettings, type ServerSettings } from './http/settings.js';
import { EXPORT_PATH_PREFIX, handleExport } from './modules/export/export.handler.js';
import { createExplorer } from './modules/explorer/explorer.js';
import { createReviewPage } from './modules/review/review.js';
import type { ApiKey } from './shared/auth.js';

export { GRAPHQL_PATH } from './http/graphql-handler.js';
export { defaultSettings, settingsFromConfig, type ServerSettings } from './http/settings.js';

export interface ServerDeps {
  db: Db;
  /** The database behind `db` (its DATABASE_URL): the response cache watches it for commits. Without it nothing is cached in process. */
  databaseUrl?: string;
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

/** The HTTP server with Apollo on /graphql; used by main and by the tests. Listens when started. */
export async function createServer({ db, databaseUrl, logger, apiKeys = [], settings: given = {} }: ServerDeps) {
  const settings = { ...defaultSettings, ...given };
  // Commits by anyone (this process, the import CLI, another replica): they drop cached responses and wake
  // the subscriptions. Without a URL only this process's own writes are known.
  const changes = databaseUrl ? openChangeFeed(databaseUrl) : undefined;
  const responseCache = changes && settings.cacheMaxAgeSeconds > 0 ? new ResponseCache(changes) : undefined;
  const feed = new LiveFeed(db, logger, settings.subscriptionBacklog);
  feed.start(changes);
  const server = createHttpServer(serverOptions(settings));
  const drain = createDrain(server);
  const explorer = createExplorer(settings.explorer);
  const metrics = createMetrics();
  const trust = compileTrust(settings.trustProxy);
  const connections = limitConnectionsPerClient(server, settings.maxConnectionsPerClient, trust, () => metrics.connectionRefused());
  const rateLimited = createRateLimiter({ requests: settings.rateLimitRequests, windowSeconds: settings.rateLimitWindowSeconds, trust });
  // The client is opened with query events on (db/client.ts); PrismaClient's type hides $on unless it knows that.
  (db as unknown as QueryEvents).$on?.('query', (event) => metrics.dbQuery(event.query, event.duration / 1000));
  const operations = createOperations(db, drain, metrics);
  // FEDERATION=true: the same API as an Apollo Federation 2 subgraph, over HTTP and WebSocket alike.
  const schema = settings.federation ? await getSubgraphSchema() : await getSchema();
  const apollo = await startApollo(schema, settings, logger, explorer.plugin);
  // After a keyed request (it may have written): nothing cached from before it is served, and the
  // subscriptions read the audit log at once rather than at the next notice or poll.
  const written = () => {
    responseCache?.written();
    void feed.poke();
  };
  const graphql = createGraphQLHandler({ apollo, db, apiKeys, responseCache, metrics, limits: settings, written });
  const subscriptions = serveSubscriptions({
    server,
    schema,
    db,
    apiKeys,
    feed,
    metrics,
    settings,
    logger,
    trust,
    draining: () => drain.draining,
    rateLimited,
  });

  const route = createRouter({
    unlimited: [
      { path: '/healthz', name: 'healthz', handle: operations.healthz },
      { path: '/readyz', name: 'readyz', handle: operations.readyz },
      { path: '/metrics', name: 'metrics', handle: operations.metrics },
    ],
    rateLimited,
    limited: [
      { path: '/', handle: (_req, res) => res.writeHead(302, { location: GRAPHQL_PATH }).end() },
      { path: EXPORT_PATH_PREFIX, prefix: true, name: 'export', handle: (req, res, url) => handleExport(db, req, res, url) },
      { name: 'explorer', claim: explorer.handle },
      { name: 'review', claim: createReviewPage().handle },
      { path: GRAPHQL_PATH, name: 'graphql', handle: graphql },
    ],
    notFoundHint: `GraphQL is at ${GRAPHQL_PATH}`,
  });
  server.on('request', createRequestListener({ logger, metrics, connections, drain, route }));

  // Readiness turns 503 at once; no new connections are accepted, requests in flight finish for up to
  // shutdownGraceMs, and every connection closes after its next response (connections.ts).
  // Subscriptions get every commit made before the requests in flight finished, then close with 1001.
  const close = async () => {
    const deadline = Date.now() + settings.shutdownGraceMs;
    const stopped = drain.stop(settings.shutdownGraceMs);
    await drain.requestsDone(deadline);
    await subscriptions.close(deadline);
    await stopped;
    await apollo.stop();
    await changes?.close();
  };
  return {
    /** Starts listening; port 0 picks a free port (tests). */
    listen: (port: number, host?: string) => listen(server, port, host, close),
  };
}

async function listen(server: Server, port: number, host: string | undefined, close: () => Promise<void>): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return { server, url: `http://${shownHost}:${address.port}${GRAPHQL_PATH}`, close };
}
