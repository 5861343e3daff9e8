import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Article as ArticleRow } from '../../generated/prisma/client.js';
import { toGlobalId } from '../../shared/global-id.js';
import { ArticlesArgs } from './article.args.js';
import { findArticle, listArticles } from './article.service.js';
import { Evidence } from '../evidence/evidence.type.js';
import { Article, ArticleConnection } from './article.type.js';

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: 'One article, by global ID or by slug (pass exactly one); null when none matches.' })
  article(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'Global ID of the article.' }) id?: string | null,
    @Arg('slug', () => String, { nullable: true, description: 'Slug of the article.' }) slug?: string | null,
  ) {
    return findArticle(ctx, id, slug);
  }

  @Query(() => ArticleConnection, { description: 'Articles, newest first by the date they state (unknown dates last).' })
  articles(@Ctx() ctx: Context, @Args(() => ArticlesArgs) args: ArticlesArgs) {
    return listArticles(ctx, args);
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID: stable, unique across all types. Do not parse it.' })
  id(@Root() row: ArticleRow): string {
    return toGlobalId('Article', row.id);
  }

  @FieldResolver(() => [Evidence], {
    description: 'Every quote of the article, in the order of the text (by start, longer first), each with the record it supports: where each fact came from.',
  })
  evidence(@Root() row: ArticleRow, @Ctx() { loaders }: Context) {
    return loaders.articleEvidence.load(row.id);
  }
}
