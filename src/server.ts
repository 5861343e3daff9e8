// type-graphql's decorators (in the modules imported below) need the metadata polyfill loaded first.
import 'reflect-metadata';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { createContext, type Context } from './context.js';
import type { Db } from './db/client.js';
import { EXPORT_PATH_PREFIX, handleExport } from './modules/export/export.handler.js';
import { createExplorer, type ExplorerMode } from './modules/explorer/explorer.js';
import { getSchema } from './schema.js';
import { authenticate, type ApiKey } from './shared/auth.js';

export const GRAPHQL_PATH = '/graphql';
const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerDeps {
  db: Db;
  logger: Logger;
  /** Keys that may call mutations; none (the default) refuses every mutation. */
  apiKeys?: readonly ApiKey[];
  /** The explorer browsers get at /graphql (default graphiql, whose assets ship with the service). */
  explorer?: ExplorerMode;
}

export interface RunningServer {
  server: Server;
  url: string;
  close: () => Promise<void>;
}

/**
 * Errors a client caused keep their message and code; anything else (a bug, a database failure) is
 * logged in full and reaches the client as a generic INTERNAL_SERVER_ERROR, without stack or SQL.
 */
function maskUnexpected(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError && formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(413, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** The HTTP server with Apollo on /graphql; used by main and by the tests. Listens when started. */
export async function createServer({ db, logger, apiKeys = [], explorer: explorerMode = 'graphiql' }: ServerDeps) {
  const server = createHttpServer();
  const explorer = createExplorer(explorerMode);
  const apollo = new ApolloServer<Context>({
    schema: await getSchema(),
    introspection: true,
    // main.ts owns the signals: Apollo's own handlers would stop it and re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpected(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      explorer.plugin,
    ],
  });
  await apollo.start();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BadRequest) return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      res.writeHead(302, { location: GRAPHQL_PATH });
      return res.end();
    }
    if (url.pathname.startsWith(EXPORT_PATH_PREFIX)) return handleExport(db, req, res, url);
    if (await explorer.handle(req, res, url)) return;
    if (url.pathname !== GRAPHQL_PATH) return sendJson(res, 404, { errors: [{ message: `no route ${url.pathname}; GraphQL is at ${GRAPHQL_PATH}` }] });

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body: unknown = raw;
    if (raw !== '' && headers.get('content-type')?.startsWith('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new BadRequest(400, 'request body is not valid JSON');
      }
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      // A bad credential throws a GraphQLError here; Apollo answers with its extensions.http (401, WWW-Authenticate).
      context: async () => createContext(db, authenticate(req.headers.authorization, apiKeys)),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') return res.end(response.body.string);
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
        // Stops accepting, lets in-flight requests finish (Apollo's drain plugin), then returns.
        close: () => apollo.stop(),
      };
    },
  };
}

