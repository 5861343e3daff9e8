import type { Provider } from './provider.js';

/**
 * Tables the migrations create by hand and Prisma must leave alone, or a schema diff would drop them. SQLite:
 * the FTS5 search index and the shadow tables SQLite keeps for it. PostgreSQL: the search documents table
 * (names there are schema-qualified, or the engine refuses them: P3023).
 */
export const externalTables: Record<Provider, string[]> = {
  sqlite: ['SearchIndex', 'SearchIndex_config', 'SearchIndex_content', 'SearchIndex_data', 'SearchIndex_docsize', 'SearchIndex_idx'],
  postgres: ['public.SearchDoc'],
};
