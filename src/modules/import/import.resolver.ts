import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { requireRole } from '../../shared/auth.js';
import { ArticleDocumentInput } from './document.input.js';
import { importDocument, type ImportReport } from './import.service.js';
import { toGlobalId } from '../../shared/global-id.js';
import { ArticleImportPayload } from './import.type.js';
import { DocumentValidationError } from './validate.js';

/** The report's shared records, conflicts and possible duplicates, with global IDs. */
function importReportView(report: ImportReport) {
  return {
    shared: report.shared.map((s) => ({ ...s, id: toGlobalId(s.type, s.id) })),
    conflicts: report.conflicts.map((c) => ({
      id: toGlobalId(c.type, c.id),
      field: c.field,
      shown: c.shown,
      claims: c.claims.map((side) => ({ articleId: side.row.articleId == null ? null : toGlobalId('Article', side.row.articleId), value: side.value })),
    })),
    possibleDuplicates: report.possibleDuplicates.map((d) => ({ ...d, organizationId: toGlobalId('Organization', d.organizationId), similarId: toGlobalId('Organization', d.similarId) })),
    possibleDuplicatePeople: report.possibleDuplicatePeople.map((d) => ({ ...d, personId: toGlobalId('Person', d.personId), similarId: toGlobalId('Person', d.similarId) })),
  };
}

@Resolver()
export class IngestResolver {
  @Mutation(() => ArticleImportPayload, {
    description:
      'Imports an article with every record extracted from it, in one transaction: all of it or nothing. The same document ' +
      'again (same slug or URL) updates in place and reports what changed; shared places and organizations are matched, ' +
      'never duplicated. Needs an editor key.',
  })
  async articleImport(@Ctx() ctx: Context, @Arg('input', () => ArticleDocumentInput, { description: 'The document.' }) input: ArticleDocumentInput) {
    const viewer = requireRole(ctx, 'editor');
    try {
      // Class instances to plain data, as a document read from a file would be.
      const report = await importDocument(ctx.db, JSON.parse(JSON.stringify(input)), { actor: viewer.keyId });
      return {
        article: await ctx.loaders.article.load(report.articleId),
        status: report.status,
        changes: Object.entries(report.changes).map(([entity, counts]) => ({ entity, ...counts })),
        ...importReportView(report),
        userErrors: [],
      };
    } catch (error) {
      if (!(error instanceof DocumentValidationError)) throw error;
      const userErrors = error.issues.map(({ segments, message, code, candidates }) => ({ path: ['input', ...segments.map(String)], message, code, candidates: candidates ?? null }));
      return { article: null, status: null, changes: [], shared: [], conflicts: [], possibleDuplicates: [], possibleDuplicatePeople: [], userErrors };
    }
  }
}
