import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { externalTables } from './external-tables.js';
import { schemaEngineAdapter } from './postgres-adapter.js';
import { providerOf, schemaFiles, type Provider } from './provider.js';

export type SchemaEngine = bindings.SchemaEngine;

let initialized = false;

// The few WebAssembly globals used here; the DOM library would declare them, with everything else.
interface WasmGlobals {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmGlobals }).WebAssembly;

// Prisma's schema engine compiled to WebAssembly: the native engine cannot be downloaded on every machine,
// this one ships in the npm package. Instantiated by hand because Node 20 cannot import `.wasm` modules
// without a flag.
function initWasm(): void {
  if (initialized) return;
  const entry = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm');
  const module = new Module(readFileSync(path.join(path.dirname(entry), 'schema_engine_bg.wasm')));
  const instance = new Instance(module, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  initialized = true;
}

/**
 * Runs `work` with the schema engine on a database (a SQLite `file:` URL or a PostgreSQL one), the provider's
 * Prisma schema as its datamodel. Afterwards the engine's connections are closed: freeing the engine alone
 * leaves a SQLite file locked and PostgreSQL connections open.
 */
export async function withSchemaEngine<T>(url: string, work: (engine: SchemaEngine, provider: Provider) => Promise<T>): Promise<T> {
  initWasm();
  const provider = providerOf(url);
  if (!provider) throw new Error(`not a database URL the schema engine knows: ${url}`);
  const factory: SqlMigrationAwareDriverAdapterFactory = provider === 'sqlite' ? new PrismaBetterSqlite3({ url }) : schemaEngineAdapter(url);
  const connections: SqlDriverAdapter[] = [];
  const track = async (connection: Promise<SqlDriverAdapter>) => {
    connections.push(await connection);
    return connections[connections.length - 1]!;
  };
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  });
  const datamodels = schemaFiles(provider).map((file): [string, string] => [file.path, file.content]);
  const engine = await bindings.SchemaEngine.new({ datamodels }, () => {}, adapter);
  try {
    return await work(engine, provider);
  } finally {
    engine.free();
    await Promise.all(connections.map((connection) => connection.dispose()));
  }
}

/** What schema diffs leave alone: the tables the hand-written search migrations make (schema-qualified on PostgreSQL). */
export function schemaFilters(provider: Provider) {
  return { externalTables: externalTables[provider], externalEnums: [] };
}
