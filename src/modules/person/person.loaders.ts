import type { Db } from '../../db/client.js';
import { groupedBy } from '../../shared/loaders.js';

/**
 * The batched relations of people, counterparts and figures, per request like the rest of the loaders:
 * one statement per relation and query level, whatever the number of parents.
 */
export function peopleLoaders(db: Db) {
  return {
    titlesByPerson: groupedBy(
      (ids: number[]) => db.personTitle.findMany({ where: { personId: { in: ids } }, orderBy: [{ articleId: 'asc' }, { position: 'asc' }] }),
      (title) => title.personId,
    ),
    membersByDelegation: groupedBy(
      (ids: number[]) => db.delegationMember.findMany({ where: { delegationId: { in: ids } }, orderBy: [{ role: 'asc' }, { personId: 'asc' }] }),
      (member) => member.delegationId,
    ),
    membershipsByPerson: groupedBy(
      (ids: number[]) => db.delegationMember.findMany({ where: { personId: { in: ids } }, orderBy: { delegationId: 'asc' } }),
      (member) => member.personId,
    ),
    peopleByEvent: groupedBy(
      (ids: number[]) => db.eventPerson.findMany({ where: { eventId: { in: ids } }, orderBy: { personId: 'asc' } }),
      (link) => link.eventId,
    ),
    eventsByPerson: groupedBy(
      (ids: number[]) => db.eventPerson.findMany({ where: { personId: { in: ids } }, orderBy: { eventId: 'asc' } }),
      (link) => link.personId,
    ),
    counterpartsByEvent: groupedBy(
      (ids: number[]) => db.eventCounterpart.findMany({ where: { eventId: { in: ids } }, orderBy: { position: 'asc' } }),
      (side) => side.eventId,
    ),
    counterpartsByPerson: groupedBy(
      (ids: number[]) => db.eventCounterpart.findMany({ where: { personId: { in: ids } }, orderBy: { eventId: 'asc' } }),
      (side) => side.personId!,
    ),
    counterpartsByOrganization: groupedBy(
      (ids: number[]) => db.eventCounterpart.findMany({ where: { organizationId: { in: ids } }, orderBy: { eventId: 'asc' } }),
      (side) => side.organizationId!,
    ),
    signatoriesByAgreement: groupedBy(
      (ids: number[]) => db.agreementSignatory.findMany({ where: { agreementId: { in: ids } }, orderBy: { personId: 'asc' } }),
      (link) => link.agreementId,
    ),
    signaturesByPerson: groupedBy(
      (ids: number[]) => db.agreementSignatory.findMany({ where: { personId: { in: ids } }, orderBy: { agreementId: 'asc' } }),
      (link) => link.personId,
    ),
    figuresByDelegation: groupedBy(
      (ids: number[]) => db.figure.findMany({ where: { delegationId: { in: ids } }, orderBy: { id: 'asc' } }),
      (figure) => figure.delegationId!,
    ),
    figuresByEvent: groupedBy(
      (ids: number[]) => db.figure.findMany({ where: { eventId: { in: ids } }, orderBy: { id: 'asc' } }),
      (figure) => figure.eventId!,
    ),
    figuresByAgreement: groupedBy(
      (ids: number[]) => db.figure.findMany({ where: { agreementId: { in: ids } }, orderBy: { id: 'asc' } }),
      (figure) => figure.agreementId!,
    ),
  };
}
