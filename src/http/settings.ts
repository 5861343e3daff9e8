import type { Config } from '../config.js';
import type { ExplorerMode } from '../modules/explorer/explorer.js';
import type { TrustProxy } from '../shared/trust-proxy.js';

/** How the server behaves: the explorer, what clients may see, and the abuse limits (see config.ts). */
export interface ServerSettings {
  explorer: ExplorerMode;
  introspection: boolean;
  /** "Did you mean" hints in validation errors. */
  suggestions: boolean;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Parser tokens of a document. */
  maxTokens: number;
  /** Characters of a document. */
  maxQueryChars: number;
  /** Estimated cost: fields, times the page sizes they ask for. */
  maxCost: number;
  maxBodyBytes: number;
  /** Lists and objects inside one another in a request's variables. */
  maxVariableDepth: number;
  /** Requests per window per client; 0 turns rate limiting off. */
  rateLimitRequests: number;
  rateLimitWindowSeconds: number;
  /** Which peers are reverse proxies whose X-Forwarded-For entries name the client (client-address.ts). */
  trustProxy: TrustProxy;
  /** Time a client has for a request's headers, and for the whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Open connections per client address; 0: no limit. */
  maxConnectionsPerClient: number;
  /** How long shutdown lets in-flight requests finish before closing their connections. */
  shutdownGraceMs: number;
  /** Cache-Control max-age of public reads, and whether anonymous reads are cached in process; 0: neither. */
  cacheMaxAgeSeconds: number;
  /** Open WebSocket (subscription) connections per client address; 0: no limit. */
  maxSubscriptionConnectionsPerClient: number;
  /** Active subscriptions per WebSocket connection. */
  maxSubscriptionsPerConnection: number;
  /** Latest changes kept for subscriptions; one that falls further behind (its socket does not read) is closed (4008). */
  subscriptionBacklog: number;
  /** Serve the Federation 2 subgraph schema (with `_service` and `_entities`) instead of the plain one. */
  federation: boolean;
}

export const defaultSettings: ServerSettings = {
  explorer: 'graphiql',
  introspection: true,
  suggestions: true,
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2000,
  maxQueryChars: 15_000,
  maxCost: 5000,
  maxBodyBytes: 100 * 1024,
  maxVariableDepth: 100,
  rateLimitRequests: 600,
  rateLimitWindowSeconds: 60,
  trustProxy: false,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnectionsPerClient: 64,
  shutdownGraceMs: 8000,
  cacheMaxAgeSeconds: 30,
  maxSubscriptionConnectionsPerClient: 16,
  maxSubscriptionsPerConnection: 50,
  subscriptionBacklog: 10_000,
  federation: false,
};

export function settingsFromConfig(config: Config): ServerSettings {
  return {
    explorer: config.EXPLORER,
    introspection: config.INTROSPECTION,
    suggestions: config.SUGGESTIONS,
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
    maxQueryChars: config.MAX_QUERY_CHARS,
    maxCost: config.MAX_COST,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxVariableDepth: config.MAX_VARIABLE_DEPTH,
    rateLimitRequests: config.RATE_LIMIT_REQUESTS,
    rateLimitWindowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    trustProxy: config.TRUST_PROXY,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    maxConnectionsPerClient: config.MAX_CONNECTIONS_PER_CLIENT,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
    cacheMaxAgeSeconds: config.CACHE_MAX_AGE_SECONDS,
    maxSubscriptionConnectionsPerClient: config.SUBSCRIPTION_CONNECTIONS_PER_CLIENT,
    maxSubscriptionsPerConnection: config.SUBSCRIPTIONS_PER_CONNECTION,
    subscriptionBacklog: config.SUBSCRIPTION_BACKLOG,
    federation: config.FEDERATION,
  };
}
