import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

// @prisma/adapter-pg 7.10.0 (still in 7.10.1), mended where the service meets its defects: four on the schema
// engine's path (migrations, diffs) and one on the queries' path. Each mend names its defect, so it can go when
// upstream fixes it; test/postgres-adapter.test.ts shows each one mended.

/**
 * The service's adapter: the stock one, on a pool of `max` connections, with defect 5 mended.
 *
 * Defect 5: Prisma's query interpreter runs independent reads of one transaction at the same time
 * (`Promise.all`), all on the transaction's one pg client; pg 8.19 and later queue them but warn that pg 9
 * will refuse ("Calling client.query() when the client is already executing a query"). Here a
 * transaction's queries run one after the other, which is what pg does with them anyway.
 */
export function serviceAdapter(url: string, max: number): SqlDriverAdapterFactory {
  const factory = new PrismaPg({ connectionString: url, max });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      const startTransaction = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolationLevel) => {
        const transaction = await startTransaction(isolationLevel);
        oneAtATime(transaction as unknown as PgQueryable);
        return transaction;
      };
      return adapter;
    },
  };
}

function oneAtATime(queryable: PgQueryable): void {
  const performIO = queryable.performIO.bind(queryable);
  let last: Promise<unknown> = Promise.resolve();
  queryable.performIO = (query) => {
    const result = last.then(() => performIO(query));
    last = result.catch(() => {});
    return result;
  };
}

/**
 * The PostgreSQL adapter for Prisma's WebAssembly schema engine (migrations and schema diffs), the stock one
 * with defects 1 to 4 mended.
 */
export function schemaEngineAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  // Defect 1: the factory builds the shadow database's pool as `{ ...config, database }`, and pg lets a
  // `connectionString` win over `database`: the "shadow" database would be the main one, which a diff then
  // resets. Connection fields instead of a connection string make `database` count.
  const config = parseIntoClientConfig(url);
  const factory = new PrismaPg(config);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => mend(await factory.connect()),
    connectToShadowDb: () => connectToShadowDb(config),
  };
}

/**
 * Defect 2: the stock shadow database's clean-up runs `DROP DATABASE` before it closes its own pool, which
 * PostgreSQL refuses ("being accessed by other users"): the diff fails and leaves a `prisma_migrate_shadow_db_*`
 * database behind. Here the shadow pool closes first, then the database is dropped WITH (FORCE).
 */
async function connectToShadowDb(config: pg.ClientConfig): Promise<SqlDriverAdapter> {
  const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
  await adminQuery(config, `CREATE DATABASE "${database}"`);
  const shadow = mend(await new PrismaPg({ ...config, database }).connect());
  const dispose = shadow.dispose.bind(shadow);
  // Once, whoever asks first: the engine disposes its shadow connection, and so does withSchemaEngine.
  let disposed: Promise<void> | undefined;
  shadow.dispose = () =>
    (disposed ??= (async () => {
      await dispose();
      await adminQuery(config, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    })());
  return shadow;
}

async function adminQuery(config: pg.ClientConfig, sql: string): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// What the stock adapter's queryables have beyond their declared type.
interface PgQueryable {
  performIO(query: unknown): Promise<pg.QueryArrayResult>;
  onError(error: unknown): never;
  underlyingDriver(): pg.Pool;
}

/** Mends defects 3 and 4 on one connection of the stock adapter (and on its transactions). */
export function mend(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const queryable = adapter as unknown as SqlDriverAdapter & PgQueryable;
  reportCharAsText(queryable);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startTransaction(isolationLevel);
    reportCharAsText(transaction as unknown as PgQueryable);
    return transaction;
  };
  // Defect 4: `executeScript` splits the script on every `;` and runs the pieces one by one, which cuts
  // `$$`-quoted plpgsql bodies apart: a migration with a function half applies, then fails (P3009 after).
  // The whole script goes as one simple query, which PostgreSQL runs as one implicit transaction.
  adapter.executeScript = async (script: string) => {
    try {
      await queryable.underlyingDriver().query(script);
    } catch (error) {
      queryable.onError(error);
    }
  };
  return adapter;
}

/** PostgreSQL's one-byte `"char"` type (in its catalog, which the engine introspects) and `text`. */
const CHAR_OID = 18;
const TEXT_OID = 25;

// Defect 3: introspection reads catalog columns of type `"char"` (OID 18), which the adapter's type table
// lacks: "Column type 'char' could not be deserialized". pg returns them as strings already; they are
// reported as text.
function reportCharAsText(queryable: PgQueryable): void {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return result;
  };
}
