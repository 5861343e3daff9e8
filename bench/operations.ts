// The four dashboard operations under test, and what they need from the dataset before measuring:
// filter values that match plenty of events, and a cursor deep into the event list.

export type OperationName = 'nested' | 'filter' | 'deep' | 'stats';

export interface Operation {
  name: OperationName;
  label: string;
  /** The exact JSON request body autocannon sends. */
  body: string;
  /** What was chosen for this dataset (filter values, cursor depth), for the report. */
  notes: Record<string, unknown>;
}

/** The service's answer to each operation, replayed byte for byte by the bare server. */
export type CapturedResponses = Record<string, { body: string; headers: Record<string, string> }>;

interface GraphQLError {
  message: string;
  extensions?: { code?: string; cost?: number };
}

interface GraphQLResult<T> {
  data?: T;
  errors?: GraphQLError[];
}

/** An operation the service refused; `cost` is set when MAX_COST refused it. */
export class OperationRefused extends Error {
  constructor(
    readonly operation: string,
    readonly errors: GraphQLError[],
  ) {
    super(`${operation}: ${JSON.stringify(errors)}`);
  }

  get cost(): number | undefined {
    return this.errors.find((error) => error.extensions?.code === 'QUERY_TOO_COMPLEX')?.extensions?.cost;
  }
}

const requestBody = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

async function post(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

async function queryData<T>(url: string, label: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = (await (await post(url, requestBody(query, variables))).json()) as GraphQLResult<T>;
  if (result.errors || !result.data) throw new OperationRefused(label, result.errors ?? []);
  return result.data;
}

const NESTED = `query Nested($first: Int!) {
  delegations(first: $first) {
    nodes {
      name startDate
      itinerary {
        country { name }
        city { name latitude longitude }
        arrivalDate departureDate
        events { name kind startDate city { name } agreements { title kind } images { caption } }
      }
    }
  }
}`;

const FILTERED = `query Filtered($filter: EventFilter!) {
  events(first: 50, filter: $filter) {
    totalCount
    edges { cursor node { name kind startDate city { name } country { isoCode } } }
  }
}`;

const DEEP = `query Deep($after: String!) {
  events(first: 50, after: $after) { nodes { name startDate } pageInfo { hasNextPage endCursor } }
}`;

const STATS = `query Stats {
  stats {
    eventCount agreementCount delegationCount
    eventsByCountry { country { isoCode } count }
    eventsByCity { city { name } count }
    eventsByKind { kind count }
    eventsByMonth { month count }
    agreementsByCountry { country { isoCode } count }
    agreementsByKind { kind count }
    delegationsByCountry { country { isoCode } count }
  }
}`;

interface Breakdown {
  stats: {
    eventsByCountry: { country: { isoCode: string } | null; count: number }[];
    eventsByMonth: { month: string | null; count: number }[];
  };
}

/** The country with most events, and the calendar year with most events: a filter that matches plenty. */
async function chooseFilter(url: string) {
  const { stats } = await queryData<Breakdown>(url, 'filter choice', '{ stats { eventsByCountry { country { isoCode } count } eventsByMonth { month count } } }');
  const country = stats.eventsByCountry.find((bucket) => bucket.country)?.country?.isoCode;
  const byYear = new Map<string, number>();
  for (const { month, count } of stats.eventsByMonth) if (month) byYear.set(month.slice(0, 4), (byYear.get(month.slice(0, 4)) ?? 0) + count);
  const year = [...byYear.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!country || !year) throw new Error('the dataset has no events with a country and a day to filter on');
  return { countryCode: country, from: `${year}-01-01`, to: `${year}-12-31` };
}

interface CursorPage {
  events: { totalCount?: number; edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/**
 * The cursor of the event at about 90% of the list, found by walking it in pages of 100 as a client
 * would (cursors are opaque). On a short list the page after it is simply the last one.
 */
async function findDeepCursor(url: string) {
  const first = await queryData<CursorPage>(url, 'cursor walk', '{ events(first: 100) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }');
  const total = first.events.totalCount ?? 0;
  const target = Math.max(1, Math.floor(total * 0.9));
  let page = first.events;
  let seen = 0;
  const walkStarted = performance.now();
  while (seen + page.edges.length < target && page.pageInfo.hasNextPage) {
    seen += page.edges.length;
    ({ events: page } = await queryData<CursorPage>(url, 'cursor walk', 'query ($after: String!) { events(first: 100, after: $after) { edges { cursor } pageInfo { hasNextPage endCursor } } }', {
      after: page.pageInfo.endCursor,
    }));
  }
  const edge = page.edges[Math.min(page.edges.length - 1, target - seen - 1)];
  if (!edge) throw new Error('the dataset has no events to page through');
  return { cursor: edge.cursor, position: seen + page.edges.indexOf(edge) + 1, total, walkMs: Math.round(performance.now() - walkStarted) };
}

/** The four operations, with their variables chosen for the dataset behind `url`. */
export async function prepareOperations(url: string): Promise<Operation[]> {
  const filter = await chooseFilter(url);
  const deep = await findDeepCursor(url);
  return [
    { name: 'nested', label: 'nested itinerary', body: requestBody(NESTED, { first: 10 }), notes: { delegations: 10 } },
    { name: 'filter', label: 'filtered list', body: requestBody(FILTERED, { filter }), notes: { filter } },
    { name: 'deep', label: 'cursor-deep page', body: requestBody(DEEP, { after: deep.cursor }), notes: { afterPosition: deep.position, totalEvents: deep.total, walkMs: deep.walkMs } },
    { name: 'stats', label: 'aggregates', body: requestBody(STATS), notes: {} },
  ];
}

// Headers that describe one connection or one moment, not the response: the bare server sets its own.
const perResponseHeaders = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/**
 * Sends each operation once, checks it succeeded without errors, and keeps the exact response bytes
 * and headers; also notes what each returned (bytes, list sizes) for the report.
 */
export async function captureResponses(url: string, operations: Operation[]): Promise<CapturedResponses> {
  const captured: CapturedResponses = {};
  for (const operation of operations) {
    const response = await post(url, operation.body);
    const bytes = Buffer.from(await response.arrayBuffer());
    const result = JSON.parse(bytes.toString('utf8')) as GraphQLResult<unknown>;
    if (response.status !== 200 || result.errors) throw new OperationRefused(operation.label, result.errors ?? [{ message: `HTTP ${response.status}` }]);
    const headers = Object.fromEntries([...response.headers].filter(([name]) => !perResponseHeaders.has(name)));
    captured[operation.name] = { body: bytes.toString('base64'), headers };
    operation.notes.responseBytes = bytes.length;
    Object.assign(operation.notes, countsOf(operation.name, result.data));
  }
  return captured;
}

/** How much each response holds, so a reader can tell a light page from a heavy one. */
function countsOf(name: OperationName, data: unknown): Record<string, number> {
  type Nested = { delegations: { nodes: { itinerary: { events: unknown[] }[] }[] } };
  type Listed = { events: { totalCount?: number; edges?: unknown[]; nodes?: unknown[] } };
  type Counted = { stats: { eventCount: number; agreementCount: number; delegationCount: number } };
  switch (name) {
    case 'nested': {
      const nodes = (data as Nested).delegations.nodes;
      return { delegationsReturned: nodes.length, eventsReturned: nodes.flatMap((node) => node.itinerary.flatMap((stop) => stop.events)).length };
    }
    case 'filter':
      return { matching: (data as Listed).events.totalCount ?? 0, eventsReturned: (data as Listed).events.edges?.length ?? 0 };
    case 'deep':
      return { eventsReturned: (data as Listed).events.nodes?.length ?? 0 };
    case 'stats': {
      const { eventCount, agreementCount, delegationCount } = (data as Counted).stats;
      return { eventCount, agreementCount, delegationCount };
    }
  }
}
