/**
 * Tables the migrations create by hand and Prisma must leave alone: the FTS5 search index and the shadow
 * tables SQLite keeps for it (see the search migration). Without this, a schema diff would drop them.
 */
export const externalTables = ['SearchIndex', 'SearchIndex_config', 'SearchIndex_content', 'SearchIndex_data', 'SearchIndex_docsize', 'SearchIndex_idx'];
