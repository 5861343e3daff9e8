import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { withoutSuggestions } from './limits.js';

/** What the request log line, the metrics and the error log say about one request. */
export interface RequestTrace {
  id: string;
  route: string;
  operation?: string | null;
  errorCodes: string[];
  /** Set once an unexpected error of this request is logged: a 5xx without one is logged by request-listener.ts. */
  errorLogged?: boolean;
}

/**
 * Whether the client caused an error, so that it is sent as it is: a GraphQLError with a code of its own,
 * or one Apollo raised for a bad request (an HTTP status of 4xx, without a code). Anything else (a bug, a
 * database failure, a GraphQLError graphql-js raised while executing) is the service's: masked and logged.
 */
export function isClientError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (!(original instanceof GraphQLError)) return false;
  const { code, http } = original.extensions as { code?: unknown; http?: { status?: number } };
  if (typeof code === 'string') return code !== 'INTERNAL_SERVER_ERROR';
  const status = http?.status;
  return status !== undefined && status >= 400 && status < 500;
}

/**
 * Errors a client caused keep their message and code (BAD_REQUEST when Apollo gave none), without "did you
 * mean" hints when suggestions are off; anything else reaches the client as a generic
 * INTERNAL_SERVER_ERROR, without stack or SQL, and is logged in full with the request id (below).
 */
export function formatErrors(suggestions: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isClientError(error)) {
      const code = formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' ? 'BAD_REQUEST' : formatted.extensions?.code;
      const extensions = { ...formatted.extensions, code };
      return { ...formatted, message: suggestions ? formatted.message : withoutSuggestions(formatted.message), extensions };
    }
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Notes each request's operation name; logs every error the client did not cause, in full, with the request id. */
export function observabilityPlugin(logger: Logger): ApolloServerPlugin<Context> {
  const log = (trace: Context['trace'], err: unknown, path: unknown, message: string) => {
    logger.error({ requestId: trace?.id, err, path }, message);
    if (trace) trace.errorLogged = true;
  };
  return {
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      log(requestContext.contextValue.trace, error, undefined, 'unexpected error processing a GraphQL request');
    },
    async requestDidStart({ contextValue }) {
      const trace = contextValue.trace;
      return {
        async didResolveOperation({ operationName }) {
          if (trace) trace.operation = operationName;
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) if (!isClientError(error)) log(trace, unwrapResolverError(error), error.path, 'unexpected error in a GraphQL operation');
        },
      };
    },
  };
}

/** Apollo's own messages (start-up, shutdown, internal errors) as log lines of the service's logger. */
export function apolloLogger(logger: Logger) {
  const child = logger.child({ component: 'apollo' });
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message?: unknown) => child[level](message instanceof Error ? { err: message } : {}, String(message));
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
