import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { externalTables } from './external-tables.js';

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
 * Runs `work` with the schema engine on a SQLite file (`file:` URL), the Prisma schema as its datamodel.
 * Afterwards the engine's connections are closed: freeing the engine alone leaves the file locked.
 */
export async function withSchemaEngine<T>(url: string, schemaPath: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  initWasm();
  const factory = new PrismaBetterSqlite3({ url });
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
  const datamodel = readFileSync(schemaPath, 'utf8');
  const engine = await bindings.SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, () => {}, adapter);
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(connections.map((connection) => connection.dispose()));
  }
}

export const schemaFilters = { externalTables, externalEnums: [] };
