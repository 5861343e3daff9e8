import type { IncomingMessage, ServerResponse } from 'node:http';
import { dialectOf, type Db } from '../db/client.js';
import { loadMigrations } from '../db/migrate.js';
import { sendJson } from '../shared/http.js';
import type { Metrics } from './metrics.js';

/** The endpoints for whoever runs the service: liveness, readiness and the Prometheus metrics. */
export function createOperations(db: Db, drain: { readonly draining: boolean }, metrics: Metrics) {
  // Read once at start: the migrations this build ships with, which the database must have applied.
  const expectedMigrations = loadMigrations(dialectOf(db)).migrationDirectories.length;

  /** Null when ready to serve; otherwise why not. */
  async function unready(): Promise<string | null> {
    if (drain.draining) return 'shutting down';
    try {
      const [row] = await db.$queryRawUnsafe<{ applied: number | bigint }[]>(
        'SELECT count(*) AS applied FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      );
      return Number(row?.applied ?? 0) < expectedMigrations ? 'database migrations pending' : null;
    } catch {
      return 'database unreachable';
    }
  }

  return {
    healthz(_req: IncomingMessage, res: ServerResponse) {
      sendJson(res, 200, { status: 'ok' });
    },
    async readyz(_req: IncomingMessage, res: ServerResponse) {
      const reason = await unready();
      sendJson(res, reason ? 503 : 200, reason ? { status: 'unavailable', reason } : { status: 'ready' });
    },
    async metrics(_req: IncomingMessage, res: ServerResponse) {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
    },
  };
}
