import { loadConfig, ConfigError } from './config.js';
import { DatabaseSetupError, openDatabase } from './db/client.js';
import { seed } from './db/seed.js';
import { DocumentValidationError } from './modules/ingest/validate.js';
import { createLogger } from './logger.js';
import { createServer, settingsFromConfig } from './server.js';

// Start-up only: configuration, database, server, signals.
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const { db, applied, file } = await openDatabase(config.DATABASE_URL);
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
  if (config.SEED) {
    for (const report of await seed(db)) logger.info({ article: report.slug, status: report.status, changes: report.changes }, 'seed article loaded');
  }
  const server = await createServer({ db, databaseFile: file, logger, apiKeys: config.apiKeys, settings: settingsFromConfig(config) });
  const running = await server.listen(config.PORT, config.HOST);
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
  if (error instanceof ConfigError || error instanceof DocumentValidationError || error instanceof DatabaseSetupError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
