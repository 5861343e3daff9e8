// Runs the schema engine for db/migrate.ts in a thread of its own, so its memory goes when the thread ends.
import { parentPort, workerData } from 'node:worker_threads';
import { applyMigrations } from './migrate.js';

const { url } = workerData as { url: string };
try {
  parentPort!.postMessage({ applied: await applyMigrations(url) });
} catch (error) {
  parentPort!.postMessage({ error });
}
