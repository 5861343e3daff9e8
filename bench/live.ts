// `npm run bench:live`: subscriptions under load. The compiled service (pinned to core 0) on each provider
// holds SUBSCRIBERS subscriptions over CONNECTIONS WebSocket connections from this process (core 1), then
// takes WRITES event edits over HTTP one after another; every subscription should get every change. Prints
// delivery latency (from sending the write to a subscriber receiving its change) and the service's RSS.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { execFileSync } from 'node:child_process';
import { sha256 } from '../src/shared/auth.js';
import { percentile } from './load.js';
import { startBenchPostgres, type BenchPostgres } from './postgres.js';
import { peakResidentBytes, residentBytes } from './procfs.js';
import { LOADER_CORE, pinSelf, projectRoot, startService, type RunningService } from './processes.js';

const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 1000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20);
const WRITES = Number(process.env.WRITES ?? 100);
const READER = 'dg_bench-live-reader';
const EDITOR = 'dg_bench-live-editor';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

interface Result {
  provider: string;
  subscribers: number;
  writes: number;
  delivered: number;
  expected: number;
  p50: number;
  p99: number;
  max: number;
  /** The writes' own response times (the commit acknowledged to the writer). */
  writeP50: number;
  /** From the write's response to a subscriber receiving the change (negative: the change came first). */
  afterAckP50: number;
  afterAckP99: number;
  subscribeMs: number;
  rssIdleMb: number;
  rssSubscribedMb: number;
  rssAfterMb: number;
  peakMb: number;
}

async function post(url: string, query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads the few fields it asked for
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

async function run(provider: string, service: RunningService): Promise<Result> {
  const rssIdle = residentBytes(service.pid);
  const perConnection = Math.ceil(SUBSCRIBERS / CONNECTIONS);
  const clients: Client[] = [];
  /** Per subscription: the sequence of each change it got, and when. */
  const received: Map<number, number>[] = [];
  const subscribedAt = performance.now();
  let active = 0;
  const allActive = new Promise<void>((resolve) => {
    for (let c = 0; c < CONNECTIONS; c++) {
      const client = createClient({ url: service.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${READER}` }, retryAttempts: 0 });
      clients.push(client);
      for (let s = 0; s < perConnection && received.length < SUBSCRIBERS; s++) {
        const got = new Map<number, number>();
        received.push(got);
        client.subscribe(
          { query: 'subscription { recordChanged(filter: { types: [Event] }) { sequence type id version } }' },
          { next: ({ data }) => void got.set((data as { recordChanged: { sequence: number } }).recordChanged.sequence, performance.now()), error: (error) => console.error('subscription error', error), complete: () => {} },
        );
      }
    }
    const poll = setInterval(async () => {
      const text = await (await fetch(service.url.replace('/graphql', '/metrics'))).text();
      active = Number(/^delegation_graph_subscriptions (\d+)/m.exec(text)?.[1] ?? 0);
      if (active >= SUBSCRIBERS) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
  await allActive;
  const subscribeMs = performance.now() - subscribedAt;
  const rssSubscribed = residentBytes(service.pid);

  const events = (await post(service.url, '{ events(first: 10) { nodes { id version } } }', {}, READER)).data.events.nodes as { id: string; version: number }[];
  const sentAt: number[] = [];
  const ackAt: number[] = [];
  for (let n = 0; n < WRITES; n++) {
    const event = events[n % events.length]!;
    sentAt.push(performance.now());
    const result = await post(
      service.url,
      'mutation($input: EventUpdateInput!) { eventUpdate(input: $input) { event { version } userErrors { message } } }',
      { input: { id: event.id, version: event.version, description: `Live bench edit ${n}.` } },
      EDITOR,
    );
    ackAt.push(performance.now());
    if (result.errors || result.data.eventUpdate.userErrors.length) throw new Error(`write ${n} failed: ${JSON.stringify(result)}`);
    event.version = result.data.eventUpdate.event.version;
  }
  // Every subscription gets every change, or the run waits 10 s and says how many did not.
  const expected = SUBSCRIBERS * WRITES;
  const deadline = performance.now() + 10_000;
  const count = () => received.reduce((sum, got) => sum + got.size, 0);
  while (count() < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const rssAfter = residentBytes(service.pid);
  // Sequences in commit order are the writes in order: the n-th smallest sequence is write n.
  const sequences = [...new Set(received.flatMap((got) => [...got.keys()]))].sort((a, b) => a - b);
  const writeOf = new Map(sequences.map((sequence, write) => [sequence, write]));
  const latencies: number[] = [];
  const afterAck: number[] = [];
  for (const got of received) {
    for (const [sequence, at] of got) {
      const write = writeOf.get(sequence)!;
      latencies.push(at - sentAt[write]!);
      afterAck.push(at - ackAt[write]!);
    }
  }
  latencies.sort((a, b) => a - b);
  afterAck.sort((a, b) => a - b);
  const writeTimes = ackAt.map((at, n) => at - sentAt[n]!).sort((a, b) => a - b);
  await Promise.all(clients.map((client) => client.dispose()));
  return {
    provider,
    subscribers: received.length,
    writes: WRITES,
    delivered: count(),
    expected,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    writeP50: percentile(writeTimes, 50),
    afterAckP50: percentile(afterAck, 50),
    afterAckP99: percentile(afterAck, 99),
    subscribeMs,
    rssIdleMb: mb(rssIdle),
    rssSubscribedMb: mb(rssSubscribed),
    rssAfterMb: mb(rssAfter),
    peakMb: mb(peakResidentBytes(service.pid)),
  };
}

pinSelf(LOADER_CORE);
if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
const env = {
  API_KEYS: `reader:reader:${sha256(READER).toString('hex')},editor:editor:${sha256(EDITOR).toString('hex')}`,
  SUBSCRIPTION_CONNECTIONS_PER_CLIENT: '0',
  SUBSCRIPTIONS_PER_CONNECTION: String(Math.ceil(SUBSCRIBERS / CONNECTIONS)),
};
const results: Result[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'delegation-graph-bench-live-'));
let postgres: BenchPostgres | undefined;
try {
  const providers = process.argv.includes('--sqlite') ? ['sqlite'] : ['sqlite', 'postgres'];
  for (const provider of providers) {
    let databaseUrl = `file:${path.join(dir, 'live.db')}`;
    if (provider === 'postgres') {
      postgres ??= await startBenchPostgres();
      databaseUrl = await postgres.createDatabase('bench_live');
    }
    const service = await startService({ databaseUrl, env });
    try {
      results.push(await run(provider, service));
    } finally {
      await service.stop();
    }
  }
} finally {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
}

const round = (ms: number) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));
console.log(`\n${SUBSCRIBERS} subscriptions over ${CONNECTIONS} WebSocket connections, ${WRITES} event edits one after another (service on core 0, clients and writer on core 1)\n`);
console.log('| provider | delivered | write sent to delivery p50 / p99 / max (ms) | write response p50 (ms) | response to delivery p50 / p99 (ms) | subscribe all (ms) | RSS idle / subscribed / after / peak (MB) |');
console.log('|---|--:|--:|--:|--:|--:|--:|');
for (const r of results) {
  console.log(
    `| ${r.provider} | ${r.delivered} / ${r.expected} | ${round(r.p50)} / ${round(r.p99)} / ${round(r.max)} | ${round(r.writeP50)} | ${round(r.afterAckP50)} / ${round(r.afterAckP99)} | ${Math.round(r.subscribeMs)} | ${r.rssIdleMb} / ${r.rssSubscribedMb} / ${r.rssAfterMb} / ${r.peakMb} |`,
  );
}
writeFileSync(path.join(projectRoot, 'bench', 'live-results.json'), `${JSON.stringify({ at: new Date().toISOString(), subscribers: SUBSCRIBERS, connections: CONNECTIONS, writes: WRITES, results }, null, 2)}\n`);
if (results.some((r) => r.delivered < r.expected)) process.exitCode = 1;
