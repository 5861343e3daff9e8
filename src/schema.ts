import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AgreementMutationResolver } from './modules/agreement/agreement.mutations.js';
import { AgreementPartyResolver, AgreementResolver } from './modules/agreement/agreement.resolver.js';
import { ArticleMutationResolver } from './modules/article/article.mutations.js';
import { ArticleResolver } from './modules/article/article.resolver.js';
import { ClaimResolver } from './modules/claim/claim.resolver.js';
import { Agreement } from './modules/agreement/agreement.type.js';
import { Delegation } from './modules/delegation/delegation.type.js';
import { Event } from './modules/event/event.type.js';
import { dateFieldResolver } from './modules/evidence/date-detail.js';
import { Image } from './modules/image/image.type.js';
import { AuditResolver } from './modules/audit/audit.resolver.js';
import { DelegationMutationResolver } from './modules/delegation/delegation.mutations.js';
import { DelegationResolver, ItineraryStopResolver } from './modules/delegation/delegation.resolver.js';
import { EventMutationResolver } from './modules/event/event.mutations.js';
import { EventParticipantResolver, EventResolver } from './modules/event/event.resolver.js';
import { EvidenceResolver } from './modules/evidence/evidence.resolver.js';
import { ImageMutationResolver } from './modules/image/image.mutations.js';
import { ImageResolver } from './modules/image/image.resolver.js';
import { IngestResolver } from './modules/import/import.resolver.js';
import { DraftResolver } from './modules/draft/draft.resolver.js';
import { NodeResolver } from './modules/node/node.resolver.js';
import { OrganizationMutationResolver } from './modules/organization/organization.mutations.js';
import { OrganizationResolver } from './modules/organization/organization.resolver.js';
import { CityResolver, CountryResolver } from './modules/place/place.resolver.js';
import { SharedRecordMutationResolver } from './modules/place/shared-record.mutations.js';
import { SearchResolver } from './modules/search/search.resolver.js';
import { CityCountResolver, CountryCountResolver, StatsResolver } from './modules/stats/stats.resolver.js';
import { ViewerResolver } from './modules/viewer/viewer.resolver.js';
import { LiveResolver } from './modules/live/live.resolver.js';
import { CounterpartStatsResolver } from './modules/stats/counterpart-stats.js';
import { AgreementPeopleResolver, DelegationPeopleResolver, EventPeopleResolver, FigureResolver } from './modules/figure/figure.resolver.js';
import { DelegationMemberResolver, EventCounterpartResolver, PersonEventResolver, PersonResolver, PersonTitleResolver } from './modules/person/person.resolver.js';

let schema: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema, built once from the type-graphql classes. */
export function getSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers: [
      ClaimResolver,
      dateFieldResolver(Delegation, 'delegationId', 'startDate', 'First day of the trip'),
      dateFieldResolver(Delegation, 'delegationId', 'endDate', 'Last day of the trip'),
      dateFieldResolver(Event, 'eventId', 'startDate', 'Day it took place or began'),
      dateFieldResolver(Event, 'eventId', 'endDate', 'Last day'),
      dateFieldResolver(Agreement, 'agreementId', 'signedOn', 'Day it was signed'),
      dateFieldResolver(Image, 'imageId', 'takenOn', 'Day the caption gives'),
      ArticleMutationResolver,
      SharedRecordMutationResolver,
      NodeResolver,
      ArticleResolver,
      DelegationResolver,
      ItineraryStopResolver,
      EventResolver,
      EventParticipantResolver,
      EventMutationResolver,
      AgreementMutationResolver,
      ImageMutationResolver,
      DelegationMutationResolver,
      OrganizationMutationResolver,
      AgreementResolver,
      AgreementPartyResolver,
      ImageResolver,
      OrganizationResolver,
      CountryResolver,
      CityResolver,
      EvidenceResolver,
      SearchResolver,
      IngestResolver,
      DraftResolver,
      AuditResolver,
      StatsResolver,
      CountryCountResolver,
      CityCountResolver,
      ViewerResolver,
      PersonResolver,
      PersonTitleResolver,
      DelegationMemberResolver,
      EventCounterpartResolver,
      PersonEventResolver,
      FigureResolver,
      DelegationPeopleResolver,
      EventPeopleResolver,
      AgreementPeopleResolver,
      CounterpartStatsResolver,
      LiveResolver,
    ],
    validate: false,
    // Every subscription has its own `subscribe` (modules/live: the audit log is the feed); type-graphql
    // wants a PubSub all the same, and this one says so should anything ever use it.
    pubSub: {
      publish: () => {
        throw new Error('no topics: subscriptions read the audit log (modules/live)');
      },
      subscribe: () => {
        throw new Error('no topics: subscriptions read the audit log (modules/live)');
      },
    },
  });
  return schema;
}

/** The SDL committed as schema.graphql: sorted, so the diff of an API change shows only that change. */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
