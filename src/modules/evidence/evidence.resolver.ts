import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Evidence as EvidenceRow } from '../../generated/prisma/client.js';
import { loadRequired } from '../../shared/loaders.js';
import { Article } from '../article/article.type.js';
import { Evidence } from './evidence.type.js';

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => [String], {
    description: 'The fields of the record this quote supports, such as `startDate` or `city`; empty when it only attests the record.',
  })
  facts(@Root() row: EvidenceRow): string[] {
    return row.facts === '' ? [] : row.facts.split(' ');
  }

  @FieldResolver(() => Article, { description: 'The article the quote is taken from.' })
  article(@Root() row: EvidenceRow, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.article, row.articleId);
  }
}
