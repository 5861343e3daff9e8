import { z } from 'zod';
import { compileTrust, type TrustProxy } from './shared/trust-proxy.js';
import { ROLES, type ApiKey, type Role } from './shared/auth.js';

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * `keyId:role:sha256hex` entries, comma-separated. A problem names the entry by its position (1-based),
 * and the keyId once it is valid, but never the hash: an operator may have pasted a token by mistake.
 */
function parseApiKeys(value: string, ctx: z.RefinementCtx): ApiKey[] {
  const keys: (ApiKey & { position: number })[] = [];
  const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
  value.split(',').forEach((raw, index) => {
    const entry = raw.trim();
    // Empty entries are skipped, so appending with `API_KEYS="$API_KEYS,<entry>"` works when it was empty.
    if (entry === '') return;
    const at = `entry ${index + 1}`;
    const parts = entry.split(':');
    if (parts.length !== 3) return problem(`${at}: expected keyId:role:sha256hex, found ${parts.length} part(s)`);
    const [keyId, role, hash] = parts as [string, string, string];
    const errors: string[] = [];
    if (!KEY_ID.test(keyId)) errors.push('the keyId must be 1 to 64 letters, digits, _ or -');
    if (!(ROLES as readonly string[]).includes(role)) errors.push(`the role must be ${ROLES.slice(0, -1).join(', ')} or ${ROLES.at(-1)}`);
    if (!SHA256_HEX.test(hash)) {
      const found = hash.length === 64 ? 'found a character other than 0-9, a-f' : `found ${hash.length} characters`;
      errors.push(`the hash must be a SHA-256 in 64 hexadecimal characters; ${found}`);
    }
    if (errors.length > 0) return problem(`${at}: ${errors.join('; ')}`);
    const sha256 = Buffer.from(hash, 'hex');
    const sameId = keys.find((key) => key.keyId === keyId);
    if (sameId) return problem(`${at}: keyId ${keyId} is already used by entry ${sameId.position}`);
    const sameHash = keys.find((key) => key.sha256.equals(sha256));
    if (sameHash) return problem(`${at} (keyId ${keyId}): the same hash is already configured for entry ${sameHash.position}`);
    keys.push({ keyId, role: role as Role, sha256, position: index + 1 });
  });
  return keys.map(({ keyId, role, sha256 }) => ({ keyId, role, sha256 }));
}

/**
 * `false`; a number of proxy hops; or addresses, subnets and proxy-addr's names (`loopback`, `linklocal`,
 * `uniquelocal`), comma-separated. `true` means one hop: trusting every hop, as Express's `true` does,
 * would let a client pick its address by sending its own X-Forwarded-For.
 */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): TrustProxy {
  const text = value.trim();
  if (text === 'false') return false;
  if (text === 'true') return 1;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= 16) return hops;
    ctx.addIssue({ code: 'custom', message: 'a number of proxy hops must be 1 to 16' });
    return false;
  }
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  try {
    compileTrust(entries);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `expected false, true, a number of proxy hops, or addresses and subnets such as loopback,10.0.0.0/8: ${(error as Error).message}` });
  }
  return entries;
}

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const count = z.coerce.number().int().min(1);

// The only reader of process.env: every setting is parsed here, once, and every problem is reported at once.
const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Loopback unless told otherwise: a development start is not exposed to the network (the image sets 0.0.0.0).
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)/, 'a SQLite file URL such as file:./data/delegation-graph.db, or a postgres:// URL')
    .default('file:./data/delegation-graph.db'),
  /** PostgreSQL: connections in this process's pool (see docs/postgres.md on sizing). */
  DATABASE_POOL_SIZE: count.max(1000).default(10),
  /** The gazetteer's index file; built there on first start when missing (the image builds it in advance). */
  GAZETTEER_FILE: z.string().min(1).optional(),
  SEED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Unset means no keys: every mutation is refused.
  API_KEYS: z.string().default('').transform(parseApiKeys),

  // The explorer, introspection and "did you mean" suggestions default to on, and to off when NODE_ENV=production.
  EXPLORER: z.enum(['graphiql', 'apollo', 'off']).optional(),
  INTROSPECTION: flag.optional(),
  SUGGESTIONS: flag.optional(),

  // Abuse limits (see the README); each applies to every request.
  MAX_DEPTH: count.default(10),
  MAX_ALIASES: count.default(15),
  MAX_DIRECTIVES: count.default(50),
  MAX_TOKENS: count.default(2000),
  MAX_QUERY_CHARS: count.default(15_000),
  MAX_COST: count.default(5000),
  MAX_BODY_BYTES: count.default(100 * 1024),
  MAX_VARIABLE_DEPTH: count.default(100),
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_WINDOW_SECONDS: count.default(60),
  TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
  // Slow clients: the time for a request's headers and for the whole request (then 408), and open
  // connections per client address (then 429; 0: no limit).
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(0).default(64),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(8000),
  // Cache-Control max-age of public reads, and the in-process cache of anonymous reads (dropped by every write); 0: off.
  CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  // Subscriptions (WebSocket): sockets per client address (0: no limit), subscriptions per socket, and the
  // latest changes kept for subscriptions: one that falls further behind has its socket closed (4008).
  SUBSCRIPTION_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(0).default(16),
  SUBSCRIPTIONS_PER_CONNECTION: count.default(50),
  SUBSCRIPTION_BACKLOG: count.default(10_000),
  // Serve the API as an Apollo Federation 2 subgraph (adds _service and _entities; see docs/api.md).
  FEDERATION: flag.default(false),
});
/** Every variable the service reads (documented in .env.example). */
export const configVariables = Object.keys(environment.shape);

const schema = environment
  .transform(({ API_KEYS, ...settings }) => {
    const production = settings.NODE_ENV === 'production';
    const explorer = settings.EXPLORER ?? (production ? 'off' : 'graphiql');
    return {
      ...settings,
      apiKeys: API_KEYS,
      EXPLORER: explorer,
      // An explorer needs introspection: on with it unless turned off explicitly (refused below).
      INTROSPECTION: settings.INTROSPECTION ?? (explorer !== 'off' || !production),
      SUGGESTIONS: settings.SUGGESTIONS ?? !production,
    };
  })
  .superRefine((config, ctx) => {
    // Node refuses to start a server whose headers may take longer than the whole request.
    if (config.HEADERS_TIMEOUT_MS > config.REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HEADERS_TIMEOUT_MS'], message: `must not be longer than REQUEST_TIMEOUT_MS (${config.REQUEST_TIMEOUT_MS})` });
    }
    if (config.EXPLORER !== 'off' && !config.INTROSPECTION) {
      ctx.addIssue({ code: 'custom', path: ['INTROSPECTION'], message: `the explorer (EXPLORER=${config.EXPLORER}) needs introspection: set EXPLORER=off or INTROSPECTION=true` });
    }
  });

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, as shells and compose files often leave them empty.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}
