import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { DelegationMember as MemberRow, EventCounterpart as CounterpartRow, Person as PersonRow, PersonTitle as TitleRow } from '../../generated/prisma/client.js';
import { loadAll, loadOptional, loadRequired } from '../../shared/loaders.js';
import { DateScalar } from '../../shared/scalars.js';
import { Agreement } from '../agreement/agreement.type.js';
import { Article } from '../article/article.type.js';
import { claimView, conflictsAmong } from '../claim/claim.service.js';
import { Claim, ClaimConflict } from '../claim/claim.type.js';
import { Delegation } from '../delegation/delegation.type.js';
import { Event } from '../event/event.type.js';
import { Evidence } from '../evidence/evidence.type.js';
import { extractedRecordResolver } from '../evidence/extracted.resolver.js';
import { Organization } from '../organization/organization.type.js';
import { Country } from '../place/place.type.js';
import { PeopleArgs } from './person.args.js';
import { listPeople } from './person.service.js';
import { DelegationMember, EventCounterpart, EventSide, Person, PersonConnection, PersonEvent, PersonTitle } from './person.type.js';

type TitleView = TitleRow & { asOf?: string | null };
type PersonEventView = { eventId: number; side: EventSide; role: CounterpartRow['role'] | null };

@Resolver(() => Person)
export class PersonResolver extends extractedRecordResolver(Person, 'Person', 'personId') {
  @Query(() => PersonConnection, { description: 'People the articles name, by name.' })
  people(@Ctx() ctx: Context, @Args(() => PeopleArgs) args: PeopleArgs) {
    return listPeople(ctx, args);
  }

  @FieldResolver(() => Country, { description: 'The country the person belongs to, as the articles place them.' })
  country(@Root() person: PersonRow, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.country, person.countryId);
  }

  @FieldResolver(() => [PersonTitle], { description: "Titles and affiliations, as each article gives them (earliest article first), each as of that article's date." })
  titles(@Root() person: PersonRow, @Ctx() { loaders }: Context) {
    return loaders.titlesByPerson.load(person.id);
  }

  @FieldResolver(() => [DelegationMember], { description: 'The delegations the person was in, with the role.' })
  delegations(@Root() person: PersonRow, @Ctx() { loaders }: Context) {
    return loaders.membershipsByPerson.load(person.id);
  }

  @FieldResolver(() => [PersonEvent], { description: 'The events the person took part in, with a delegation or on the other side.' })
  async events(@Root() person: PersonRow, @Ctx() { loaders }: Context): Promise<PersonEventView[]> {
    const [attended, across] = await Promise.all([loaders.eventsByPerson.load(person.id), loaders.counterpartsByPerson.load(person.id)]);
    return [
      ...attended.map((link) => ({ eventId: link.eventId, side: EventSide.DELEGATION, role: null })),
      ...across.map((side) => ({ eventId: side.eventId, side: EventSide.COUNTERPART, role: side.role })),
    ].sort((a, b) => a.eventId - b.eventId);
  }

  @FieldResolver(() => [Agreement], { description: 'The agreements the person signed.' })
  async agreements(@Root() person: PersonRow, @Ctx() { loaders }: Context) {
    return loadAll(loaders.agreement, (await loaders.signaturesByPerson.load(person.id)).map((link) => link.agreementId));
  }

  @FieldResolver(() => [Claim], { description: "What each article says about the person (the name it gives), with that article's quotes; earliest article first." })
  async claims(@Root() person: PersonRow, @Ctx() { loaders }: Context) {
    return (await loaders.claims.personId.load(person.id)).map(claimView);
  }

  @FieldResolver(() => [ClaimConflict], { description: 'The fields on which articles disagree, with every side (names are spellings, not conflicts).' })
  async conflicts(@Root() person: PersonRow, @Ctx() { loaders }: Context) {
    return conflictsAmong(await loaders.claims.personId.load(person.id));
  }
}

@Resolver(() => PersonTitle)
export class PersonTitleResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The organization the title is with, when the article names it.' })
  organization(@Root() title: TitleView, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.organization, title.organizationId);
  }

  @FieldResolver(() => Article, { description: 'The article that gives the title.' })
  article(@Root() title: TitleView, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.article, title.articleId);
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  async asOf(@Root() title: TitleView, @Ctx() { loaders }: Context) {
    return (await loadRequired(loaders.article, title.articleId)).updatedOn;
  }

  @FieldResolver(() => [Evidence], { description: "That article's quotes of the person that support titles." })
  async evidence(@Root() title: TitleView, @Ctx() { loaders }: Context) {
    const quotes = await loaders.evidence.personId.load(title.personId);
    return quotes.filter((e) => e.articleId === title.articleId && e.facts.split(' ').includes('titles'));
  }
}

@Resolver(() => DelegationMember)
export class DelegationMemberResolver {
  @FieldResolver(() => Person, { description: 'The person.' })
  person(@Root() member: MemberRow, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.person, member.personId);
  }

  @FieldResolver(() => Delegation, { description: 'The delegation.' })
  delegation(@Root() member: MemberRow, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.delegation, member.delegationId);
  }
}

@Resolver(() => EventCounterpart)
export class EventCounterpartResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The organization, when the counterpart is one.' })
  organization(@Root() side: CounterpartRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.organization, side.organizationId);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person, when the counterpart is one.' })
  person(@Root() side: CounterpartRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.person, side.personId);
  }
}

@Resolver(() => PersonEvent)
export class PersonEventResolver {
  @FieldResolver(() => Event, { description: 'The event.' })
  event(@Root() link: PersonEventView, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.event, link.eventId);
  }
}
