import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { Context, EvidenceSubject } from '../../context.js';
import { toGlobalId, type NodeType } from '../../shared/global-id.js';
import { loadAll } from '../../shared/loaders.js';
import { Article } from '../article/article.type.js';
import { Evidence } from './evidence.type.js';

/**
 * The fields every record extracted from articles shares: its global ID, the quotes that support it and
 * the articles those quotes come from. Each type's resolver extends this one.
 */
export function extractedRecordResolver(objectType: Function, nodeType: NodeType, subject: EvidenceSubject) {
  @Resolver(() => objectType)
  abstract class ExtractedRecordResolver {
    @FieldResolver(() => ID, { description: 'Opaque global ID: stable, unique across all types. Do not parse it.' })
    id(@Root() row: { id: number }): string {
      return toGlobalId(nodeType, row.id);
    }

    @FieldResolver(() => [Evidence], {
      description: 'The article quotes that support this record, in article and text order; each names the facts it supports.',
    })
    evidence(@Root() row: { id: number }, @Ctx() { loaders }: Context) {
      return loaders.evidence[subject].load(row.id);
    }

    @FieldResolver(() => [Article], { description: 'The articles that report this record.' })
    async articles(@Root() row: { id: number }, @Ctx() { loaders }: Context) {
      const evidence = await loaders.evidence[subject].load(row.id);
      return loadAll(loaders.article, [...new Set(evidence.map((item) => item.articleId))]);
    }
  }
  return ExtractedRecordResolver;
}
