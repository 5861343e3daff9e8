import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { deletePayload } from '../edit/payload.js';
import { deleteArticle } from './article.delete.js';

export const ArticleDeletePayload = deletePayload('Article', 'article');

@InputType('ArticleDeleteInput', { description: 'The article to withdraw.' })
export class ArticleDeleteInput {
  @Field(() => ID, { description: 'The article.' })
  id!: string;
}

@Resolver()
export class ArticleMutationResolver {
  @Mutation(() => ArticleDeletePayload, {
    description:
      'Withdraws an article: it, its delegations, events, agreements and images, their quotes and its claims go in one transaction, audited. ' +
      "Shared places and organizations keep what other articles' claims say (an organization shows the next earliest claim); " +
      'those that no other article supports are deleted too (listed in `alsoDeletedIds`). Needs an editor key.',
  })
  articleDelete(@Ctx() ctx: Context, @Arg('input', () => ArticleDeleteInput, { description: 'Which article.' }) input: ArticleDeleteInput) {
    return deleteArticle(ctx, input);
  }
}
