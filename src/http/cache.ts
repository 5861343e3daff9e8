import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Context } from '../context.js';

/**
 * The Cache-Control of GraphQL responses: every successful read gets `max-age=<maxAgeSeconds>, public`
 * (mutations and failed reads `no-store`), which a CDN honours on GET requests (persisted queries
 * included); graphql-handler.ts turns it into `private, no-store` for requests that carry a key. The
 * in-process cache (response-cache.ts) keeps exactly the responses this makes public.
 *
 * One policy for the whole response instead of Apollo's per-field cache-control plugin: no field carries
 * its own hint here, and that plugin's willResolveField hook wraps every resolver of every request (a
 * measurable share of a nested query's CPU).
 */
export function cachePolicyPlugins(maxAgeSeconds: number): ApolloServerPlugin<Context>[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    {
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
    },
  ];
}
