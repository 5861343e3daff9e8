import proxyAddr from 'proxy-addr';

// Which peers are trusted proxies: read from the environment by config.ts, used per request by http/.

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
