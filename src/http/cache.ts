import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Context } from '../context.js';
import type { Db } from '../db/client.js';

/**
 * Caching of public reads. Every response gets a Cache-Control header from the fields it holds
 * (`public, max-age=<maxAgeSeconds>` for reads, none for mutations), which a CDN honours on GET requests
 * (persisted queries included). Anonymous reads are also kept in process, keyed by operation and
 * variables, and dropped by every write: the key holds a generation that every write statement of this
 * process bumps (seen through Prisma's query events, so no write path can forget it), and each mutation
 * bumps again as it ends (a read racing a write is stored under a key nobody asks for again), and SQLite's
 * data_version, which changes when another process commits (the CLI import, a second instance).
 */
export function cachePlugins(db: Db, maxAgeSeconds: number): ApolloServerPlugin<Context>[] {
  const plugins: ApolloServerPlugin<Context>[] = [ApolloServerPluginCacheControl({ defaultMaxAge: maxAgeSeconds, calculateHttpHeaders: true })];
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

/** Prisma's query events (the client is created with them on, see db/client.ts). */
export interface QueryEvents {
  $on?: (event: 'query', listener: (event: { query: string; duration: number }) => void) => void;
}
