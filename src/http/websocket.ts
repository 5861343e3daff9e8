import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { Context as SocketContext } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { createContext } from '../context.js';
import type { Db } from '../db/client.js';
import type { LiveFeed } from '../modules/live/live.feed.js';
import type { LiveSession } from '../modules/live/live.service.js';
import { authenticate, type ApiKey, type Viewer } from '../shared/auth.js';
import { settledBy } from '../shared/deadline.js';
import { rawErrorResponse } from '../shared/http.js';
import type { TrustFunction } from '../shared/trust-proxy.js';
import { clientAddress } from './client-address.js';
import { GRAPHQL_PATH } from './graphql-handler.js';
import { limitRules, operationCost, tooComplex } from './limits.js';
import type { Metrics } from './metrics.js';
import { formatErrors } from './observability.js';
import { createSharedSubscribe } from './shared-execution.js';
import type { ServerSettings } from './settings.js';

/** Close codes the service sends, besides graphql-ws's own (4400 bad message, 4403 bad key, 4408 no connection_init in time). */
export const CLOSE_GOING_AWAY = 1001;
/** A subscription fell more than SUBSCRIPTION_BACKLOG changes behind: the client did not read fast enough. */
export const CLOSE_SLOW_CONSUMER = 4008;

export interface WebSocketDeps {
  server: Server;
  schema: GraphQLSchema;
  db: Db;
  apiKeys: readonly ApiKey[];
  feed: LiveFeed;
  metrics: Metrics;
  settings: ServerSettings;
  logger: Logger;
  trust: TrustFunction;
  draining: () => boolean;
  rateLimited: (req: IncomingMessage) => Promise<number | null>;
}

/** What `connection_init` established for a socket. */
type ConnectionState = { viewer: Viewer | null; session: LiveSession; admitted: Set<string> };
type ConnectionExtra = Extra & Partial<ConnectionState>;

/** Answers an upgrade request with an HTTP error and a JSON body, as every other refusal of the service. */
function refuse(socket: Duplex, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  socket.end(rawErrorResponse(status, code, message, headers));
  setTimeout(() => socket.destroy(), 1000).unref();
}

const withCode = (error: GraphQLError, code: string) => new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });

/** The API key of a connection: `connection_init`'s `authorization` (browsers cannot set headers on a WebSocket), else the upgrade request's header. */
function authorizationOf(ctx: SocketContext<Record<string, unknown> | undefined, ConnectionExtra>): string | undefined {
  const given = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
  if (typeof given === 'string') return given;
  return ctx.extra.request.headers.authorization;
}

/**
 * Subscriptions over WebSocket (graphql-ws) on the HTTP server's /graphql, under the rules HTTP requests
 * follow: the key is checked at `connection_init`, each document is parsed, validated and costed with the
 * same limits, an upgrade and each subscription count toward the client's rate limit, and a client holds a
 * bounded number of sockets and each socket a bounded number of subscriptions.
 */
export function serveSubscriptions(deps: WebSocketDeps) {
  const { server, schema, db, apiKeys, feed, metrics, settings, logger, trust } = deps;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: settings.maxBodyBytes });
  const perClient = new Map<string, number>();
  const format = formatErrors(settings.suggestions);
  const rules = [...specifiedRules, ...limitRules(settings)];
  // Parsed and validated documents by their text: dashboards repeat a few.
  const documents = new LRUCache<string, DocumentNode>({ max: 500 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      // A connection over MAX_CONNECTIONS_PER_CLIENT was answered already (connections.ts).
      if (socket.writableEnded || socket.destroyed) return;
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== GRAPHQL_PATH) return refuse(socket, 404, 'NOT_FOUND', `WebSocket subscriptions are at ${GRAPHQL_PATH}`);
      if (deps.draining()) return refuse(socket, 503, 'SHUTTING_DOWN', 'the server is shutting down: connect again (to another replica)');
      const wait = await deps.rateLimited(req);
      if (wait !== null) return refuse(socket, 429, 'RATE_LIMITED', `too many requests: retry in ${wait} s`, { 'retry-after': String(wait) });
      const client = clientAddress(req, trust);
      const held = perClient.get(client) ?? 0;
      if (settings.maxSubscriptionConnectionsPerClient > 0 && held >= settings.maxSubscriptionConnectionsPerClient) {
        return refuse(socket, 429, 'TOO_MANY_CONNECTIONS', `this client holds ${held} subscription connections already (the limit): subscribe over one of them`);
      }
      // Counted once upgraded (ws answers a malformed upgrade with a 400 itself and never calls back).
      sockets.handleUpgrade(req, socket, head, (ws) => {
        perClient.set(client, (perClient.get(client) ?? 0) + 1);
        metrics.socketOpened();
        ws.once('close', () => {
          metrics.socketClosed();
          const left = (perClient.get(client) ?? 1) - 1;
          if (left > 0) perClient.set(client, left);
          else perClient.delete(client);
        });
        sockets.emit('connection', ws, req);
      });
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'WebSocket upgrade failed');
      socket.destroy();
    });
  });

  const handle = useServer<Record<string, unknown> | undefined, ConnectionState>(
    {
      schema,
      subscribe: createSharedSubscribe(),
      connectionInitWaitTimeout: settings.headersTimeoutMs,
      onConnect(ctx) {
        try {
          ctx.extra.viewer = authenticate(authorizationOf(ctx), apiKeys);
        } catch {
          // graphql-ws closes with 4403 Forbidden: a bad key is noticed at once, as over HTTP (401).
          return false;
        }
        const socket = ctx.extra.socket;
        ctx.extra.admitted = new Set();
        let dropped = false;
        ctx.extra.session = {
          feed,
          // Once per connection: its other subscriptions fall behind with it.
          dropSlow: () => {
            if (dropped) return;
            dropped = true;
            metrics.subscriptionDropped('slow');
            socket.close(CLOSE_SLOW_CONSUMER, `slow consumer: more than ${settings.subscriptionBacklog} changes behind`);
          },
          started: () => metrics.subscriptionStarted(),
          ended: () => metrics.subscriptionEnded(),
        };
        return true;
      },
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        const fail = (message: string, code: string, extensions: Record<string, unknown> = {}) => [new GraphQLError(message, { extensions: { code, ...extensions } })];
        if (!ctx.extra.viewer) return fail('subscriptions need an API key of any role: send { "authorization": "Bearer <key>" } in connection_init', 'UNAUTHENTICATED');
        const wait = await deps.rateLimited(ctx.extra.request);
        if (wait !== null) return fail(`too many requests: retry in ${wait} s`, 'RATE_LIMITED', { retryAfter: wait });
        const admitted = ctx.extra.admitted!;
        // Those still running: one that ended on a path without onComplete (an error thrown by graphql-js) is gone from ctx.subscriptions.
        for (const other of admitted) if (!(other in ctx.subscriptions)) admitted.delete(other);
        if (admitted.size >= settings.maxSubscriptionsPerConnection) {
          return fail(`this connection has ${admitted.size} subscriptions (the limit is ${settings.maxSubscriptionsPerConnection}): complete one first`, 'TOO_MANY_SUBSCRIPTIONS');
        }
        const query = payload.query;
        if (query.length > settings.maxQueryChars) return fail(`the document is ${query.length} characters long, over the limit of ${settings.maxQueryChars}`, 'QUERY_TOO_LARGE');
        let document = documents.get(query);
        if (!document) {
          try {
            document = parse(query, { maxTokens: settings.maxTokens });
          } catch (error) {
            return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
          }
          const errors = validate(schema, document, rules);
          if (errors.length > 0) return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
          documents.set(query, document);
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return fail('the document has no operation of that name (or several operations and no operationName)', 'BAD_REQUEST');
        if (operation.operation !== 'subscription') return fail(`send ${operation.operation === 'query' ? 'queries' : 'mutations'} over HTTP: this socket serves subscriptions`, 'BAD_REQUEST');
        const cost = operationCost(schema, document, payload.operationName, payload.variables);
        if (cost !== undefined && cost > settings.maxCost) return [tooComplex(cost, settings.maxCost)];
        metrics.subscriptionMessage('subscribe');
        admitted.add(id);
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: { ...createContext(db, ctx.extra.viewer), live: ctx.extra.session },
        };
      },
      onComplete(ctx, id) {
        ctx.extra.admitted?.delete(id);
      },
      onNext(_ctx, _id, _payload, _args, result) {
        metrics.subscriptionMessage('next');
        if (!result.errors) return;
        return { ...result, errors: result.errors.map((error) => format(error.toJSON(), error)) };
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((error) => format(error.toJSON(), error));
      },
    },
    sockets,
  );

  return {
    /**
     * Shutdown: no new subscriptions; every commit made until now is delivered (the feed reads the log to its
     * end and each subscription completes after its queued messages), then every socket closes with 1001.
     */
    async close(deadline: number): Promise<void> {
      await feed.close(deadline);
      // Each ended subscription's "complete" is sent a few promise turns after its iterator ends; they all
      // run before the next macrotask, so the close frames below follow them.
      await new Promise((resolve) => setImmediate(resolve));
      const open = [...sockets.clients];
      const closed = Promise.all(open.map((ws) => new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve())))));
      for (const ws of open) ws.close(CLOSE_GOING_AWAY, 'server shutting down: connect again');
      // At least a second for the close handshake, even when the grace is spent.
      await settledBy(closed, Math.max(deadline, Date.now() + 1000));
      // A client that never answered the close frame.
      for (const ws of open) ws.terminate();
      await handle.dispose();
    },
  };
}

export type Subscriptions = ReturnType<typeof serveSubscriptions>;
