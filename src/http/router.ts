import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../shared/http.js';
import type { RequestTrace } from './observability.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, trace: RequestTrace) => unknown;

/** A path (or, with `prefix`, every path that starts with it) and what serves it. */
export interface PathRoute {
  path: string;
  prefix?: boolean;
  /** The route of the request log and the metrics, set before the handler runs; without one, 'other'. */
  name?: string;
  handle: Handler;
}

/** A handler that recognises its own requests (the explorer's assets): it resolves true when it served one. */
export interface ClaimRoute {
  name: string;
  claim: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

export interface Routes {
  /** Tried first and never rate limited, so that probes and scrapes are not refused along with a busy client. */
  unlimited: readonly PathRoute[];
  /** Seconds a request must wait under the rate limit, or null (rate-limit.ts). */
  rateLimited: (req: IncomingMessage) => Promise<number | null>;
  /** Tried in order after the rate limit. */
  limited: readonly (PathRoute | ClaimRoute)[];
  /** The end of the 404's message: where to go instead. */
  notFoundHint: string;
}

const matches = (route: PathRoute, pathname: string) => (route.prefix ? pathname.startsWith(route.path) : pathname === route.path);

/** Sends each request to the first route that serves it; throws HttpError for a 429 or a 404 (sent by request-listener.ts). */
export function createRouter({ unlimited, rateLimited, limited, notFoundHint }: Routes) {
  return async (req: IncomingMessage, res: ServerResponse, trace: RequestTrace): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const route of unlimited) {
      if (!matches(route, url.pathname)) continue;
      if (route.name) trace.route = route.name;
      await route.handle(req, res, url, trace);
      return;
    }
    const wait = await rateLimited(req);
    if (wait != null) {
      throw new HttpError(429, 'RATE_LIMITED', `too many requests from this client: retry in ${wait} s`, { 'retry-after': String(wait) });
    }
    for (const route of limited) {
      if ('claim' in route) {
        if (!(await route.claim(req, res, url))) continue;
        trace.route = route.name;
        return;
      }
      if (!matches(route, url.pathname)) continue;
      if (route.name) trace.route = route.name;
      await route.handle(req, res, url, trace);
      return;
    }
    throw new HttpError(404, 'NOT_FOUND', `no route ${url.pathname}; ${notFoundHint}`);
  };
}
