import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * Which peers are reverse proxies whose `X-Forwarded-For` entries count: none (`false`), the nearest
 * `n` hops, or the proxies at these addresses and subnets (`10.0.0.0/8`, `loopback`, `uniquelocal`).
 */
export type TrustProxy = false | number | readonly string[];

/** Whether the peer at `address`, `hop` steps from the service (0: the socket's peer), is a trusted proxy. */
export type TrustFunction = (address: string, hop: number) => boolean;

/** Throws (with proxy-addr's message) when a list entry is not an address, a subnet or a preset name. */
export function compileTrust(trust: TrustProxy): TrustFunction {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile([...trust]);
}

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
