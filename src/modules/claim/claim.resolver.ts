import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { loadRequired } from '../../shared/loaders.js';
import { Article } from '../article/article.type.js';
import { Evidence } from '../evidence/evidence.type.js';
import { Claim } from './claim.type.js';
import type { ClaimView } from './claim.service.js';

const subjectOf = (claim: ClaimView) =>
  claim.row.personId != null ? (['personId', claim.row.personId] as const)
  : claim.row.organizationId != null ? (['organizationId', claim.row.organizationId] as const)
  : claim.row.cityId != null ? (['cityId', claim.row.cityId] as const)
  : (['countryId', claim.row.countryId!] as const);

@Resolver(() => Claim)
export class ClaimResolver {
  @FieldResolver(() => Article, { nullable: true, description: 'The article that makes the claim.' })
  article(@Root() claim: ClaimView, @Ctx() { loaders }: Context) {
    return claim.row.articleId == null ? null : loadRequired(loaders.article, claim.row.articleId);
  }

  @FieldResolver(() => [Evidence], { description: "The article's quotes of the record that support this field." })
  async evidence(@Root() claim: ClaimView, @Ctx() { loaders }: Context) {
    const [subject, id] = subjectOf(claim);
    const quotes = await loaders.evidence[subject].load(id);
    return quotes.filter((e) => e.articleId === claim.row.articleId && e.facts.split(' ').includes(claim.field));
  }
}
