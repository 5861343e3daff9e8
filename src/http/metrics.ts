import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

// Operation names come from clients: past this many distinct ones, the rest are counted as "other", so a
// client cannot grow the metrics without bound.
const MAX_OPERATION_LABELS = 200;
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The service's Prometheus metrics, in a registry of its own (so tests can run several servers). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'delegation_graph_' });
  const registers = [registry];
  const graphqlRequests = new Counter({
    name: 'delegation_graph_graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome (ok, or the first error code).',
    labelNames: ['operation', 'outcome'],
    registers,
  });
  const graphqlDuration = new Histogram({
    name: 'delegation_graph_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its response, by operation name.',
    labelNames: ['operation'],
    buckets: latencyBuckets,
    registers,
  });
  const graphqlErrors = new Counter({ name: 'delegation_graph_graphql_errors_total', help: 'GraphQL errors sent, by code.', labelNames: ['code'], registers });
  const httpRequests = new Counter({ name: 'delegation_graph_http_requests_total', help: 'HTTP requests by route and status.', labelNames: ['route', 'status'], registers });
  const dbQueries = new Histogram({
    name: 'delegation_graph_db_query_duration_seconds',
    help: 'SQL statements run by the service, by kind (SELECT, INSERT, UPDATE, DELETE, other).',
    labelNames: ['statement'],
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers,
  });
  const responseCache = new Counter({
    name: 'delegation_graph_response_cache_total',
    help: 'Anonymous GraphQL reads looked up in the in-process response cache, by result (hit or miss).',
    labelNames: ['result'],
    registers,
  });
  const connectionsRefused = new Counter({
    name: 'delegation_graph_http_connections_refused_total',
    help: 'Connections refused because their client already held MAX_CONNECTIONS_PER_CLIENT.',
    registers,
  });
  const sockets = new Gauge({ name: 'delegation_graph_subscription_connections', help: 'Open WebSocket (graphql-ws) connections.', registers });
  const subscriptions = new Gauge({ name: 'delegation_graph_subscriptions', help: 'Active subscriptions, over all connections.', registers });
  const subscriptionMessages = new Counter({
    name: 'delegation_graph_subscription_messages_total',
    help: 'Subscription messages: subscribe (accepted subscriptions) and next (results sent).',
    labelNames: ['type'],
    registers,
  });
  const subscriptionDrops = new Counter({
    name: 'delegation_graph_subscription_drops_total',
    help: 'Connections closed by the service, by reason (slow: a subscription fell more than SUBSCRIPTION_BACKLOG changes behind).',
    labelNames: ['reason'],
    registers,
  });
  const operations = new Set<string>();

  return {
    registry,
    /** A bounded, safe label for a client-given operation name. */
    operationLabel(name: string | null | undefined): string {
      if (!name) return 'anonymous';
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'invalid';
      if (operations.has(name)) return name;
      if (operations.size >= MAX_OPERATION_LABELS) return 'other';
      operations.add(name);
      return name;
    },
    graphqlRequest(operation: string, outcome: string, seconds: number, errorCodes: readonly string[]) {
      graphqlRequests.inc({ operation, outcome });
      graphqlDuration.observe({ operation }, seconds);
      for (const code of errorCodes) graphqlErrors.inc({ code });
    },
    httpRequest(route: string, status: number) {
      httpRequests.inc({ route, status: String(status) });
    },
    connectionRefused() {
      connectionsRefused.inc();
    },
    socketOpened: () => sockets.inc(),
    socketClosed: () => sockets.dec(),
    subscriptionStarted: () => subscriptions.inc(),
    subscriptionEnded: () => subscriptions.dec(),
    subscriptionMessage: (type: 'subscribe' | 'next') => subscriptionMessages.inc({ type }),
    subscriptionDropped: (reason: 'slow') => subscriptionDrops.inc({ reason }),
    responseCache(result: 'hit' | 'miss') {
      responseCache.inc({ result });
    },
    dbQuery(sql: string, seconds: number) {
      const statement = /^\s*(SELECT|INSERT|UPDATE|DELETE)\b/i.exec(sql)?.[1]?.toUpperCase() ?? 'other';
      dbQueries.observe({ statement }, seconds);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
