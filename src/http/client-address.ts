import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { TrustFunction } from '../shared/trust-proxy.js';

/**
 * The address a request counts against, as Express takes it: the socket's peer, then `X-Forwarded-For`
 * from right to left for as long as the address before is a trusted proxy. The first untrusted address is
 * the client. The entries left of it were written by the client itself, so a client cannot choose its
 * address by prepending one (which taking the leftmost entry allowed).
 */
export function clientAddress(req: IncomingMessage, trust: TrustFunction): string {
  if (!req.socket.remoteAddress) return 'unknown';
  return proxyAddr(req, trust);
}
