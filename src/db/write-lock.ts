import type { Prisma } from '../generated/prisma/client.js';
import { dialectOf } from './client.js';

/** A transaction's client, as `db.$transaction` hands it to its callback. */
export type Tx = Prisma.TransactionClient;

/** The advisory lock every writing transaction on PostgreSQL holds until it ends (any number, fixed). */
export const WRITE_LOCK = 4_707_112;

/**
 * Serialises writing transactions, as the service's checks assume (a check, then the write it allows, with
 * no other write between them), taken with the transaction's first statement.
 *
 * SQLite: a write, so the transaction holds the database's write lock from its first statement. One that reads
 * first and writes later fails at once (SQLITE_BUSY, no waiting) when another process committed in between;
 * one that writes first waits for the lock (busy_timeout) instead.
 *
 * PostgreSQL: a transaction-scoped advisory lock, one for the whole database, so writes through any replica
 * take turns exactly as they do on one SQLite file (PostgreSQL's row locks alone would let two imports check
 * the same slug at once). It is released at COMMIT or ROLLBACK; readers never wait for it.
 */
export async function takeWriteLock(tx: Tx): Promise<void> {
  if (dialectOf(tx) === 'postgres') await tx.$executeRaw`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;
  else await tx.$executeRawUnsafe('UPDATE "Article" SET "id" = "id" WHERE 0');
}
