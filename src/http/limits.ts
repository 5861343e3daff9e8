import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, GraphQLError, isListType, isNonNullType, type DocumentNode, type GraphQLOutputType, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/connection.js';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
}

/** Validation rules (graphql-armor) that refuse documents too deep, with too many aliases or directives. */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  // Reported as validation errors (400 GRAPHQL_VALIDATION_FAILED); thrown, Apollo would answer 500.
  const report = { propagateOnRejection: false, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)] };
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...report }),
    maxAliasesRule({ n: limits.maxAliases, ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
  ] as ValidationRule[];
}

/**
 * A subscription sent over HTTP: refused while validating, with a message saying why, instead of failing
 * in execution ("Schema is not configured to execute subscription operation"), which looked like a fault.
 */
export const noSubscriptionsOverHttp: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription') return;
    context.reportError(new GraphQLError('subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP', { nodes: [node] }));
  },
});

const isList = (type: GraphQLOutputType): boolean => (isNonNullType(type) ? isList(type.ofType) : isListType(type));

/**
 * What a field costs: 1 for itself, plus what it selects times how many records it can return. A page
 * counts `first` (or `last`, or the default page size) records; `nodes(ids:)` counts its ids.
 */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  // `_entities` (FEDERATION=true) counts its representations, as `nodes(ids:)` its ids.
  const size =
    typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : Array.isArray(args.ids) ? args.ids.length : Array.isArray(args.representations) ? args.representations.length : null;
  // Sizes over the maximum are refused by the field itself, with a clearer error than a cost.
  if (size != null) return 1 + childComplexity * Math.min(Math.max(size, 0), MAX_PAGE_SIZE);
  const connection = getNamedType(field.type).name.endsWith('Connection');
  if (connection) return 1 + childComplexity * DEFAULT_PAGE_SIZE;
  return isList(field.type) ? 1 + childComplexity : undefined;
};

/** The estimated cost of an operation; undefined when its variables do not fit their types (execution reports them, with their path). */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    return undefined;
  }
}

/** The error for an operation over the cost limit (HTTP 400 over HTTP). */
export function tooComplex(cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(`the query costs ${cost}, over the limit of ${maxCost}: ask for smaller pages (first/last) or fewer nested lists`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
  });
}

/**
 * Refuses an operation whose estimated cost (fields, times the page sizes they ask for) is over the
 * limit, before any resolver runs. Needs the variables, so it runs per request rather than as a rule.
 */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  // Costs already computed, per parsed document (Apollo hands out the same DocumentNode for the same query
  // text from its document cache) and per operation name and variables: a dashboard repeats a few queries,
  // and walking the document costs a few percent of a request's CPU.
  const known = new WeakMap<DocumentNode, LRUCache<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let costs = known.get(document);
          if (!costs) known.set(document, (costs = new LRUCache({ max: 64 })));
          const key = JSON.stringify([request.operationName ?? null, request.variables ?? {}]);
          let cost = costs.get(key);
          if (cost === undefined) {
            cost = operationCost(schema, document, request.operationName, request.variables);
            if (cost === undefined) return;
            costs.set(key, cost);
          }
          if (cost > maxCost) throw tooComplex(cost, maxCost);
        },
      };
    },
  };
}

/** "Did you mean" hints reveal the schema; with suggestions off they are cut from error messages. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean .*\?$/s, '');
}
