import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Context } from '../context.js';
import type { Db } from '../db/client.js';

/**
 * Caching of public reads. Every successful read gets `max-age=<maxAgeSeconds>, public` (mutations and
 * failed reads `no-store`), which a CDN honours on GET requests
 * (persisted queries included). Anonymous reads are also kept in process, keyed by operation and
 * variables, and dropped by every write: the key holds a generation that every write statement of this
 * process bumps (seen through Prisma's query events, so no write path can forget it), and each mutation
 * bumps again as it ends (a read racing a write is stored under a key nobody asks for again), and SQLite's
 * data_version, which changes when another process commits (the CLI import, a second instance).
 */
export function cachePlugins(db: Db, maxAgeSeconds: number): ApolloServerPlugin<Context>[] {
  const plugins: ApolloServerPlugin<Context>[] = [ApolloServerPluginCacheControlDisabled(), cachePolicyPlugin(maxAgeSeconds)];
  if (maxAgeSeconds === 0) return plugins;

  let generation = 0;
  (db as unknown as QueryEvents).$on?.('query', (event) => {
    if (/^\s*(INSERT|UPDATE|DELETE|REPLACE|COMMIT)\b/i.test(event.query)) generation++;
  });
  const anonymous = async ({ contextValue }: { contextValue: Context }) => contextValue.viewer === null;
  const dataVersion = async () => Number((await db.$queryRawUnsafe<{ data_version: number | bigint }[]>('PRAGMA data_version'))[0]?.data_version ?? 0);
  plugins.push(
    responseCachePlugin<Context>({
      cache: new InMemoryLRUCache({ maxSize: 64 * 1024 * 1024 }),
      shouldReadFromCache: anonymous,
      shouldWriteToCache: anonymous,
      extraCacheKeyData: async () => `${generation}:${await dataVersion()}`,
    }),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ operation }) {
            if (operation?.operation === 'mutation') generation++;
          },
        };
      },
    },
  );
  return plugins;
}

/**
 * One policy for the whole response instead of Apollo's per-field cache-control plugin: no field carries
 * its own hint here, and that plugin's willResolveField hook wraps every resolver of every request (a
 * measurable share of a nested query's CPU). Reads are public for maxAgeSeconds; mutations are not kept.
 * server.ts turns it into `private, no-store` for requests that carry a key.
 */
function cachePolicyPlugin(maxAgeSeconds: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (operation?.operation === 'query' && maxAgeSeconds > 0) overallCachePolicy.replace({ maxAge: maxAgeSeconds, scope: 'PUBLIC' });
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const policy = overallCachePolicy.policyIfCacheable();
          const failed = response.body.kind !== 'single' || response.body.singleResult.errors !== undefined;
          response.http.headers.set('cache-control', policy && !failed ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : 'no-store');
        },
      };
    },
  };
}

/** Prisma's query events (the client is created with them on, see db/client.ts). */
export interface QueryEvents {
  $on?: (event: 'query', listener: (event: { query: string; duration: number }) => void) => void;
}
