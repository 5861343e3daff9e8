import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimit {
  /** Requests per window per client; 0 turns the limit off. */
  requests: number;
  windowSeconds: number;
  /** Trust the first X-Forwarded-For address (behind a reverse proxy); else the socket's address. */
  trustProxy: boolean;
}

/** The client a request counts against. */
export function clientOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}

/** A fixed-window limit per client, in memory; returns the seconds to wait when a request is over it. */
export function createRateLimiter({ requests, windowSeconds, trustProxy }: RateLimit) {
  const limiter = requests > 0 ? new RateLimiterMemory({ points: requests, duration: windowSeconds }) : null;
  return async (req: IncomingMessage): Promise<number | null> => {
    if (!limiter) return null;
    try {
      await limiter.consume(clientOf(req, trustProxy));
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  };
}
