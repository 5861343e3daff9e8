import type { Tx } from '../../db/write-lock.js';
import type { CounterpartRole, MemberRole } from '../../generated/prisma/enums.js';
import { unitKey } from '../../shared/units.js';
import { linkSet } from './link-set.js';
import type { OwnedItem, OwnedModel, OwnedRecords } from './rows.js';

// The rows of what version 2 added: the people of delegations, events and agreements, the other side of
// an event, and figures. Declared like the link sets of rows.ts, which puts them in each record's list.

type Member = { personId: number; role: MemberRole };
type Attendee = { personId: number };
type Counterpart = { position: number; organizationId: number | null; personId: number | null; role: CounterpartRole };
type Signatory = { personId: number };

export const memberLinks = linkSet<OwnedItem<'delegations'>, Member>({
  entity: 'delegationMembers',
  relation: 'members',
  table: { name: 'DelegationMember', owner: 'delegationId', columns: ['personId', 'role'] },
  current: (row) => (row.members as Member[]).map(({ personId, role }) => ({ personId, role })),
  desired: (d, ids) => d.members.map((m) => ({ personId: ids.person(m.personKey)!, role: m.role })),
  signature: (m) => `${m.personId}:${m.role}`,
  replace: async (tx, delegationId, members) => {
    await tx.delegationMember.deleteMany({ where: { delegationId } });
    await tx.delegationMember.createMany({ data: members.map((m) => ({ ...m, delegationId })) });
  },
});

export const eventPeopleLinks = linkSet<OwnedItem<'events'>, Attendee>({
  entity: 'eventPeople',
  relation: 'people',
  table: { name: 'EventPerson', owner: 'eventId', columns: ['personId'] },
  current: (row) => (row.people as Attendee[]).map(({ personId }) => ({ personId })),
  desired: (e, ids) => e.peopleKeys.map((key) => ({ personId: ids.person(key)! })),
  signature: (p) => `${p.personId}`,
  replace: async (tx, eventId, people) => {
    await tx.eventPerson.deleteMany({ where: { eventId } });
    await tx.eventPerson.createMany({ data: people.map((p) => ({ ...p, eventId })) });
  },
});

export const counterpartLinks = linkSet<OwnedItem<'events'>, Counterpart>({
  entity: 'eventCounterparts',
  relation: 'counterparts',
  table: { name: 'EventCounterpart', owner: 'eventId', columns: ['id', 'position', 'organizationId', 'personId', 'role'] },
  current: (row) => (row.counterparts as Counterpart[]).map(({ position, organizationId, personId, role }) => ({ position, organizationId, personId, role })),
  desired: (e, ids) => e.counterparts.map((c, i) => ({ position: i + 1, organizationId: ids.organization(c.organizationKey), personId: ids.person(c.personKey), role: c.role })),
  signature: (c) => `${c.position}:${c.organizationId}:${c.personId}:${c.role}`,
  replace: async (tx, eventId, counterparts) => {
    await tx.eventCounterpart.deleteMany({ where: { eventId } });
    await tx.eventCounterpart.createMany({ data: counterparts.map((c) => ({ ...c, eventId })) });
  },
});

export const signatoryLinks = linkSet<OwnedItem<'agreements'>, Signatory>({
  entity: 'agreementSignatories',
  relation: 'signatories',
  table: { name: 'AgreementSignatory', owner: 'agreementId', columns: ['personId'] },
  current: (row) => (row.signatories as Signatory[]).map(({ personId }) => ({ personId })),
  desired: (a, ids) => a.signatoryKeys.map((key) => ({ personId: ids.person(key)! })),
  signature: (s) => `${s.personId}`,
  replace: async (tx, agreementId, signatories) => {
    await tx.agreementSignatory.deleteMany({ where: { agreementId } });
    await tx.agreementSignatory.createMany({ data: signatories.map((s) => ({ ...s, agreementId })) });
  },
});

export const figures: OwnedRecords<'figures'> = {
  section: 'figures',
  subject: 'figureId',
  // The figure delegate's argument types are its own; the writer only passes figure rows.
  model: (tx: Tx) => tx.figure as unknown as OwnedModel,
  include: undefined,
  data: (f, ids) => ({
    value: f.value,
    upTo: f.upTo ?? null,
    qualifier: f.qualifier,
    unit: f.unit,
    unitKey: unitKey(f.unit),
    description: f.description ?? null,
    delegationId: ids.delegation(f.delegationKey),
    eventId: ids.event(f.eventKey),
    agreementId: ids.agreement(f.agreementKey),
  }),
  links: [],
};
