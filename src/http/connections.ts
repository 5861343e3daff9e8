import { Server as NetServer, type Socket } from 'node:net';
import type { Server, ServerOptions } from 'node:http';
import { settledBy } from '../shared/deadline.js';
import { rawErrorResponse } from '../shared/http.js';
import type { TrustFunction } from '../shared/trust-proxy.js';

/** How long a client may take, and how many connections it may hold (see config.ts). */
export interface ConnectionLimits {
  /** From the connection (or the previous response) to the end of a request's headers; then 408. */
  headersTimeoutMs: number;
  /** From the connection (or the previous response) to the end of a request's body; then 408. */
  requestTimeoutMs: number;
  /** Open connections per client address; 0: no limit. A trusted proxy's connections are not counted. */
  maxConnectionsPerClient: number;
}

/**
 * Options for `http.createServer`. Node checks the two timeouts only every `connectionsCheckingInterval`
 * (30 s by default), so a 10 s headers timeout could hold a socket for 40 s: check every second.
 */
export function serverOptions(limits: ConnectionLimits): ServerOptions {
  return { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: 1000 };
}

const TOO_MANY_RESPONSE = rawErrorResponse(429, 'TOO_MANY_CONNECTIONS', 'too many open connections from this client: reuse one (keep-alive) or close some', {
  'retry-after': '1',
});

/**
 * Caps the connections one client address holds open. A connection over the cap is answered at once with
 * a 429 and closed, before Node's HTTP parser holds any state for it; `refused` tells the request handler
 * to ignore whatever that connection still sends. Behind a trusted proxy every connection comes from the
 * proxy, so those are not counted (the proxy limits its clients).
 */
export function limitConnectionsPerClient(server: Server, max: number, trust: TrustFunction, onRefused: () => void) {
  const open = new Map<string, number>();
  const refused = new WeakSet<Socket>();
  if (max > 0) {
    // Prepended, so a refused socket is ended before the HTTP server's own listener sets it up.
    server.prependListener('connection', (socket: Socket) => {
      const address = socket.remoteAddress;
      if (!address || trust(address, 0)) return;
      const count = (open.get(address) ?? 0) + 1;
      if (count > max) {
        refused.add(socket);
        onRefused();
        socket.end(TOO_MANY_RESPONSE);
        // Reading what the client sent keeps the close a clean FIN; a client that never closes is cut.
        setTimeout(() => socket.destroy(), 1000).unref();
        return;
      }
      open.set(address, count);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    });
  }
  return { refused: (socket: Socket) => refused.has(socket) };
}

/**
 * Graceful shutdown of the HTTP server. `stop` stops accepting connections and lets every request in
 * flight finish; the request listener (request-listener.ts) answers every request that arrives from then
 * on with `Connection: close`, so each connection closes after its next response, and readiness answers
 * 503 on all of them until they do. Idle keep-alive connections are not cut: they end at the keep-alive timeout the
 * server announced (5 s), after which no client reuses them, so no request ever meets a connection reset.
 * At `graceMs` the rest are closed.
 *
 * (Apollo's drain plugin ended idle sockets at once and others after their response without saying so in
 * the response, so a client's next request on a kept-alive connection was reset; and `http.Server.close`
 * closes idle connections itself, hence `net.Server`'s close below.)
 */
export function createDrain(server: Server) {
  let draining = false;
  let inFlight = 0;
  const idle: (() => void)[] = [];
  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => {
      if (--inFlight === 0) for (const resolve of idle.splice(0)) resolve();
    });
  });
  return {
    get draining() {
      return draining;
    },
    /** Resolves when no HTTP request is in flight (their writes are committed), or at `deadline`. */
    async requestsDone(deadline: number): Promise<void> {
      if (inFlight > 0) await settledBy(new Promise<void>((resolve) => idle.push(resolve)), deadline);
    },
    async stop(graceMs: number): Promise<void> {
      draining = true;
      const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      await settledBy(closed, Date.now() + graceMs);
      server.closeAllConnections();
      await closed;
    },
  };
}
