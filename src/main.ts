import { createServer as createNetServer } from 'node:net';
import { loadConfig, ConfigError } from './config.js';
import { DatabaseSetupError, openDatabase } from './db/client.js';
import { seed } from './modules/import/seed.js';
import { openGazetteer } from './reference/gazetteer.js';
import { DocumentValidationError } from './modules/import/validate.js';
import { createLogger } from './logger.js';
import { createServer, settingsFromConfig } from './server.js';

/** A start-up problem an operator must fix, reported in one line (no stack). */
class StartupError extends Error {}

const LISTEN_PROBLEMS: Record<string, string> = {
  EADDRINUSE: 'is already in use by another process: stop it or set PORT',
  EACCES: 'needs privileges this user lacks (ports below 1024): set PORT to 1024 or above',
  EADDRNOTAVAIL: 'is not an address of this machine: set HOST',
};

/** The listen error of `port` on `host` in one line, or the error itself when it is none of the above. */
function listenProblem(error: unknown, port: number, host: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const problem = code && LISTEN_PROBLEMS[code];
  return problem ? new StartupError(`cannot listen on ${host}:${port} (${code}): ${code === 'EADDRNOTAVAIL' ? `${host} ${problem}` : `the port ${problem}`}`) : error;
}

/** Fails before the database is opened and seeded when the port cannot be listened on. */
async function checkPort(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createNetServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenProblem(error, port, host)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

// Start-up only: configuration, database, server, signals.
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  await checkPort(config.PORT, config.HOST);
  const { db, applied } = await openDatabase(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
  const { built } = openGazetteer(config.GAZETTEER_FILE);
  if (built) logger.info(built, 'built the gazetteer index (once per installation)');
  if (config.SEED) {
    for (const report of await seed(db)) logger.info({ article: report.slug, status: report.status, changes: report.changes }, 'seed article loaded');
  }
  const server = await createServer({ db, databaseUrl: config.DATABASE_URL, logger, apiKeys: config.apiKeys, settings: settingsFromConfig(config) });
  const running = await server.listen(config.PORT, config.HOST).catch((error: unknown) => {
    throw listenProblem(error, config.PORT, config.HOST);
  });
  logger.info({ url: running.url }, `delegation-graph listening at ${running.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Should anything keep the event loop alive after the server and database close, exit anyway.
    setTimeout(() => process.exit(0), config.SHUTDOWN_GRACE_MS + 2000).unref();
    await running.close();
    await db.$disconnect();
    logger.info('stopped');
    // No process.exit here: returning lets the asynchronous log stream flush its last lines.
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  const known = [ConfigError, DocumentValidationError, DatabaseSetupError, StartupError].some((type) => error instanceof type);
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
