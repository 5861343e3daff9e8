import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';

export const ROLES = ['reader', 'editor', 'admin'] as const;
/** What a key may do; each implies the ones before it. `reader` may subscribe to changes and write nothing. */
export type Role = (typeof ROLES)[number];

/** A configured API key: only the SHA-256 of its token is known to the service. */
export interface ApiKey {
  keyId: string;
  role: Role;
  sha256: Buffer;
}

/** Who sent the request: the key it authenticated with, or null for an anonymous request. */
export interface Viewer {
  keyId: string;
  role: Role;
}

const RANK: Record<Role, number> = { reader: 0, editor: 1, admin: 2 };
const TOKEN_PREFIX = 'dg_';
// RFC 6750 b64token, bounded so a huge header costs nothing to reject.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]{1,512}=*)$/i;

function unauthenticated(message: string, challenge: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', challenge]]) } },
  });
}

export function sha256(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The viewer an `Authorization` header names: null without the header; a header that is not
 * `Bearer <token>`, or a token matching no key, is UNAUTHENTICATED (HTTP 401), never anonymous.
 */
export function authenticate(authorization: string | undefined, keys: readonly ApiKey[]): Viewer | null {
  if (authorization === undefined) return null;
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined) {
    throw unauthenticated('the Authorization header must be "Bearer <key>"', 'Bearer error="invalid_request"');
  }
  const digest = sha256(token);
  let found: ApiKey | undefined;
  // Every key is compared, with no early exit, so timing reveals neither which key matched nor whether any did.
  for (const key of keys) {
    if (timingSafeEqual(digest, key.sha256)) found = key;
  }
  if (!found) throw unauthenticated('the API key is not valid', 'Bearer error="invalid_token"');
  return { keyId: found.keyId, role: found.role };
}

/** Throws unless the request's key has `role` (or a higher one); call it first in every mutation and subscription. */
export function requireRole(ctx: { viewer: Viewer | null }, role: Role): Viewer {
  const { viewer } = ctx;
  if (!viewer) throw unauthenticated('this operation needs an API key: send Authorization: Bearer <key>', 'Bearer');
  if (RANK[viewer.role] < RANK[role]) {
    throw new GraphQLError(`key ${viewer.keyId} has role ${viewer.role}; this operation needs ${role}`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
  return viewer;
}

/** A new key: the token to hand out once, and the `API_KEYS` entry (its hash) to configure. */
export function newApiKey(role: Role): { keyId: string; token: string; entry: string } {
  const keyId = randomBytes(5).toString('hex');
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { keyId, token, entry: `${keyId}:${role}:${sha256(token).toString('hex')}` };
}
