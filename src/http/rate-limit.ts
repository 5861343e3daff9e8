import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { TrustFunction } from '../shared/trust-proxy.js';
import { clientAddress } from './client-address.js';

export interface RateLimit {
  /** Requests per window per client; 0 turns the limit off. */
  requests: number;
  windowSeconds: number;
  /** Which peers are proxies, so that the client is the first address before them (client-address.ts). */
  trust: TrustFunction;
}

/** A fixed-window limit per client, in memory; returns the seconds to wait when a request is over it. */
export function createRateLimiter({ requests, windowSeconds, trust }: RateLimit) {
  const limiter = requests > 0 ? new RateLimiterMemory({ points: requests, duration: windowSeconds }) : null;
  return async (req: IncomingMessage): Promise<number | null> => {
    if (!limiter) return null;
    try {
      await limiter.consume(clientAddress(req, trust));
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  };
}
