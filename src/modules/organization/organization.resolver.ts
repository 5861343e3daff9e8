import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Organization as OrganizationRow } from '../../generated/prisma/client.js';
import { loadOptional, loadRequired } from '../../shared/loaders.js';
import { claimView, conflictsAmong } from '../claim/claim.service.js';
import { Claim, ClaimConflict } from '../claim/claim.type.js';
import { extractedRecordResolver } from '../evidence/extracted.resolver.js';
import { City, Country } from '../place/place.type.js';
import { OrganizationsArgs } from './organization.args.js';
import { listOrganizations } from './organization.service.js';
import { Organization, OrganizationConnection } from './organization.type.js';

@Resolver(() => Organization)
export class OrganizationResolver extends extractedRecordResolver(Organization, 'Organization', 'organizationId') {
  @Query(() => OrganizationConnection, { description: 'Organizations the articles name, by name.' })
  organizations(@Ctx() ctx: Context, @Args(() => OrganizationsArgs) args: OrganizationsArgs) {
    return listOrganizations(ctx, args);
  }

  @FieldResolver(() => City, { nullable: true, description: 'The city the organization is based in, when the article says.' })
  city(@Root() org: OrganizationRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.city, org.cityId);
  }

  @FieldResolver(() => Country, { description: 'The country the organization belongs to.' })
  country(@Root() org: OrganizationRow, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.country, org.countryId);
  }

  @FieldResolver(() => [Claim], { description: "What each article says about the organization (its name, kind and city), with that article's quotes; earliest article first." })
  async claims(@Root() org: OrganizationRow, @Ctx() { loaders }: Context) {
    return (await loaders.claims.organizationId.load(org.id)).map(claimView);
  }

  @FieldResolver(() => [ClaimConflict], { description: 'The fields on which articles disagree, with every side; the organization shows the earliest article\'s claim.' })
  async conflicts(@Root() org: OrganizationRow, @Ctx() { loaders }: Context) {
    return conflictsAmong(await loaders.claims.organizationId.load(org.id));
  }
}
