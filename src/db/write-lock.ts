import type { Prisma } from '../generated/prisma/client.js';

/** A transaction's client, as `db.$transaction` hands it to its callback. */
export type Tx = Prisma.TransactionClient;

/**
 * Starts the transaction with a write, so it holds SQLite's write lock from its first statement. A
 * transaction that reads first and writes later fails at once (SQLITE_BUSY, no waiting) when another
 * process committed in between; one that writes first waits for the lock (busy_timeout) instead.
 */
export async function takeWriteLock(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe('UPDATE "Article" SET "id" = "id" WHERE 0');
}
