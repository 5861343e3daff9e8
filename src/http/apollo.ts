import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { cachePolicyPlugins } from './cache.js';
import { costLimitPlugin, limitRules, noSubscriptionsOverHttp } from './limits.js';
import { apolloLogger, formatErrors, observabilityPlugin } from './observability.js';
import type { ServerSettings } from './settings.js';

/** Apollo with the service's limits, error masking, cache policy and logging, started; `landingPage` is the explorer's plugin. */
export async function startApollo(schema: GraphQLSchema, settings: ServerSettings, logger: Logger, landingPage: ApolloServerPlugin): Promise<ApolloServer<Context>> {
  const apollo = new ApolloServer<Context>({
    schema,
    logger: apolloLogger(logger),
    introspection: settings.introspection,
    // main.ts owns the signals: Apollo's own handlers would stop it and re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: settings.maxTokens },
    validationRules: [...limitRules(settings), noSubscriptionsOverHttp],
    formatError: formatErrors(settings.suggestions),
    plugins: [landingPage, costLimitPlugin(schema, settings.maxCost), ...cachePolicyPlugins(settings.cacheMaxAgeSeconds), observabilityPlugin(logger)],
  });
  await apollo.start();
  return apollo;
}
