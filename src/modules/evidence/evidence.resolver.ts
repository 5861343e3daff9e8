import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Evidence as EvidenceRow } from '../../generated/prisma/client.js';
import { loadRequired } from '../../shared/loaders.js';
import type { NodeType } from '../../shared/global-id.js';
import { Article } from '../article/article.type.js';
import { loadNode } from '../node/node.service.js';
import { Node } from '../node/node.type.js';
import { Evidence } from './evidence.type.js';

/** Which record a quote supports: the one foreign key of the row that is set. */
const RECORD_OF: readonly [keyof EvidenceRow, NodeType][] = [
  ['delegationId', 'Delegation'],
  ['eventId', 'Event'],
  ['agreementId', 'Agreement'],
  ['imageId', 'Image'],
  ['organizationId', 'Organization'],
  ['cityId', 'City'],
  ['countryId', 'Country'],
  ['personId', 'Person'],
  ['figureId', 'Figure'],
];

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

  @FieldResolver(() => Node, { description: 'The record the quote supports: a delegation, event, agreement, image, organization, place, person or figure.' })
  async record(@Root() row: EvidenceRow, @Ctx() { loaders }: Context) {
    const [column, type] = RECORD_OF.find(([column]) => row[column] != null) ?? [];
    const found = column && type ? await loadNode(loaders, type, row[column] as number) : null;
    if (!found) throw new Error(`quote ${row.id} supports no record`);
    return found;
  }
}
