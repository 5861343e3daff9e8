import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Agreement as AgreementRow, Delegation as DelegationRow, Event as EventRow, Figure as FigureRow } from '../../generated/prisma/client.js';
import { loadAll, loadOptional, loadRequired } from '../../shared/loaders.js';
import { Agreement } from '../agreement/agreement.type.js';
import { Article } from '../article/article.type.js';
import { Delegation } from '../delegation/delegation.type.js';
import { Event } from '../event/event.type.js';
import { extractedRecordResolver } from '../evidence/extracted.resolver.js';
import { DelegationMember, EventCounterpart, Person } from '../person/person.type.js';
import { Figure } from './figure.type.js';

@Resolver(() => Figure)
export class FigureResolver extends extractedRecordResolver(Figure, 'Figure', 'figureId') {
  @FieldResolver(() => Article, { description: 'The article that states it.' })
  article(@Root() figure: FigureRow, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.article, figure.articleId);
  }

  @FieldResolver(() => Delegation, { nullable: true, description: 'The delegation it is about, when it is about one.' })
  delegation(@Root() figure: FigureRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.delegation, figure.delegationId);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event it is about, when it is about one.' })
  event(@Root() figure: FigureRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.event, figure.eventId);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The agreement it is about, when it is about one.' })
  agreement(@Root() figure: FigureRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.agreement, figure.agreementId);
  }
}

// The people, counterparts and figures of delegations, events and agreements, beside their other fields.

@Resolver(() => Delegation)
export class DelegationPeopleResolver {
  @FieldResolver(() => [DelegationMember], { description: 'The people in the delegation, with their roles (leaders first).' })
  members(@Root() delegation: DelegationRow, @Ctx() { loaders }: Context) {
    return loaders.membersByDelegation.load(delegation.id);
  }

  @FieldResolver(() => [Figure], { description: 'Numbers the article states about the delegation ("60 representatives of 11 enterprises").' })
  figures(@Root() delegation: DelegationRow, @Ctx() { loaders }: Context) {
    return loaders.figuresByDelegation.load(delegation.id);
  }
}

@Resolver(() => Event)
export class EventPeopleResolver {
  @FieldResolver(() => [Person], { description: 'People who took part with the delegations.' })
  async people(@Root() event: EventRow, @Ctx() { loaders }: Context) {
    return loadAll(loaders.person, (await loaders.peopleByEvent.load(event.id)).map((link) => link.personId));
  }

  @FieldResolver(() => [EventCounterpart], { description: 'The other side: organizations and people that hosted, organized or met the delegations, in article order.' })
  counterparts(@Root() event: EventRow, @Ctx() { loaders }: Context) {
    return loaders.counterpartsByEvent.load(event.id);
  }

  @FieldResolver(() => [Figure], { description: 'Numbers the article states about the event ("more than 1,500 exhibitors").' })
  figures(@Root() event: EventRow, @Ctx() { loaders }: Context) {
    return loaders.figuresByEvent.load(event.id);
  }
}

@Resolver(() => Agreement)
export class AgreementPeopleResolver {
  @FieldResolver(() => [Person], { description: 'The people who signed it, when the article names them.' })
  async signatories(@Root() agreement: AgreementRow, @Ctx() { loaders }: Context) {
    return loadAll(loaders.person, (await loaders.signatoriesByAgreement.load(agreement.id)).map((link) => link.personId));
  }

  @FieldResolver(() => [Figure], { description: 'Numbers the article states about the agreement ("worth USD 1.2 million").' })
  figures(@Root() agreement: AgreementRow, @Ctx() { loaders }: Context) {
    return loaders.figuresByAgreement.load(agreement.id);
  }
}
