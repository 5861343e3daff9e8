import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Db } from '../src/db/client.js';

// A real graphql-ws client, as a dashboard uses one, for the subscription tests.

export const wsUrl = (url: string) => url.replace(/^http/, 'ws');

/** A graphql-ws client on the server at `url` (its /graphql), with every close event it saw. */
export function connectLive(url: string, token?: string): { client: Client; closes: { code: number; reason: string }[] } {
  const closes: { code: number; reason: string }[] = [];
  const client = createClient({
    url: wsUrl(url),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
    on: { closed: (event) => void closes.push({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
  });
  return { client, closes };
}

export interface Stream {
  next: any[];
  errors: any[];
  completed: boolean;
  stop: () => void;
}

/** Subscribes, collecting what arrives. */
export function follow(client: Client, query: string, variables?: Record<string, unknown>): Stream {
  const stream: Stream = { next: [], errors: [], completed: false, stop: () => {} };
  stream.stop = client.subscribe(
    { query, variables },
    {
      next: (value) => void (value.errors ? stream.errors.push(...value.errors) : stream.next.push(value.data)),
      error: (error) => void stream.errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => void (stream.completed = true),
    },
  );
  return stream;
}

/** Active subscriptions on the server at `url`, from its metrics. */
export async function activeSubscriptions(url: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/^delegation_graph_subscriptions (\d+)/m.exec(text)?.[1] ?? 0);
}

export const RECORD_CHANGES = `subscription($filter: RecordChangeFilter) { recordChanged(filter: $filter) { sequence action type id version articleId countryCodes } }`;

/** An upgrade the server at `url` refuses: its status, Retry-After and JSON body (rejects if it is accepted). */
export function refusedUpgrade(url: string): Promise<{ status: number; retryAfter: string | undefined; body: any }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(url), 'graphql-transport-ws');
    socket.once('open', () => reject(new Error('the upgrade was accepted')));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body: JSON.parse(body) }));
    });
  });
}

/**
 * An edit of an event committed straight to the database with its audit entry, as the service writes one:
 * nothing tells the live feed of it, so only the feed's own read (a poll, a notice, shutdown) finds it.
 */
export async function commitEventEdit(db: Db): Promise<{ id: number; version: number }> {
  const event = await db.event.findFirstOrThrow();
  const after = { ...event, version: event.version + 1 };
  await db.$transaction(async (tx) => {
    await tx.event.update({ where: { id: event.id }, data: { version: after.version } });
    await tx.auditEntry.create({ data: { actor: 'test', action: 'UPDATE', entity: 'Event', entityId: event.id, before: JSON.stringify(event), after: JSON.stringify(after) } });
  });
  return { id: event.id, version: after.version };
}
