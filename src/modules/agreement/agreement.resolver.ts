import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Agreement as AgreementRow, AgreementParty as AgreementPartyRow } from '../../generated/prisma/client.js';
import { loadOptional } from '../../shared/loaders.js';
import { Event } from '../event/event.type.js';
import { extractedRecordResolver } from '../evidence/extracted.resolver.js';
import { Organization } from '../organization/organization.type.js';
import { City, Country } from '../place/place.type.js';
import { AgreementsArgs } from './agreement.args.js';
import { findAgreement, listAgreements } from './agreement.service.js';
import { Agreement, AgreementConnection, AgreementParty } from './agreement.type.js';

@Resolver(() => Agreement)
export class AgreementResolver extends extractedRecordResolver(Agreement, 'Agreement', 'agreementId') {
  @Query(() => Agreement, { nullable: true, description: 'One agreement by global ID; null when none matches.' })
  agreement(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Global ID of the agreement.' }) id: string) {
    return findAgreement(ctx, id);
  }

  @Query(() => AgreementConnection, { description: 'Agreements, by signing day (unknown days last).' })
  agreements(@Ctx() ctx: Context, @Args(() => AgreementsArgs) args: AgreementsArgs) {
    return listAgreements(ctx, args);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event at which the agreement was signed, when the article tells.' })
  event(@Root() agreement: AgreementRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.event, agreement.eventId);
  }

  @FieldResolver(() => City, { nullable: true, description: 'The city where it was signed, when the article tells.' })
  city(@Root() agreement: AgreementRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.city, agreement.cityId);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country where it was signed, when the article tells.' })
  country(@Root() agreement: AgreementRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.country, agreement.countryId);
  }

  @FieldResolver(() => [AgreementParty], { description: 'The parties, in the order the article gives them.' })
  parties(@Root() agreement: AgreementRow, @Ctx() { loaders }: Context) {
    return loaders.partiesByAgreement.load(agreement.id);
  }
}

@Resolver(() => AgreementParty)
export class AgreementPartyResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The organization, when the article names it; null for an unnamed party.' })
  organization(@Root() party: AgreementPartyRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.organization, party.organizationId);
  }
}
