import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { errorBody, HttpError, sendJson } from '../shared/http.js';
import type { Metrics } from './metrics.js';
import type { RequestTrace } from './observability.js';

export interface RequestListenerDeps {
  logger: Logger;
  metrics: Metrics;
  /** Connections over the per-client cap (connections.ts). */
  connections: { refused: (socket: Socket) => boolean };
  drain: { readonly draining: boolean };
  /** Serves the request (router.ts); what it throws becomes the error response. */
  route: (req: IncomingMessage, res: ServerResponse, trace: RequestTrace) => Promise<void>;
}

/** A client's X-Request-Id when it is a sane token; otherwise a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** The HTTP server's 'request' listener: a request id, one log line and the metrics per request, and the response to whatever the route throws. */
export function createRequestListener({ logger, metrics, connections, drain, route }: RequestListenerDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
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
    route(req, res, trace).catch((error: unknown) => {
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
  };
}
