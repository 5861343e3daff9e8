import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { idOf, toGlobalId } from '../../shared/global-id.js';
import type { ArticleDocument } from '../import/document.js';
import type { RecordEdit } from '../edit/record-edit.js';
import { createOwned, deleteOwned, deleteRows, describeCounts, updateOwned, type OwnedKind } from '../edit/owned.js';
import { deletePayload, mutationPayload } from '../edit/payload.js';
import { EventCreateInput, EventDeleteInput, EventUpdateInput, type EventFieldsInput } from './event.input.js';
import { Event } from './event.type.js';

export const EventPayload = mutationPayload(Event, 'Event', 'event');
export const EventDeletePayload = deletePayload('Event', 'event');

type DocEvent = ArticleDocument['events'][number];

/** Applies the fields an input sets to the event's document entry; IDs become document keys. */
async function applyFields(edit: RecordEdit, event: DocEvent, input: EventFieldsInput) {
  edit.setEvidence(event, input.evidence);
  if (input.name != null) event.name = input.name;
  if (input.nameIsQuoted != null) event.nameIsQuoted = input.nameIsQuoted;
  if (input.kind != null) event.kind = input.kind;
  if (input.description !== undefined) event.description = input.description;
  if (input.startDate !== undefined) event.startDate = input.startDate;
  if (input.endDate !== undefined) event.endDate = input.endDate;
  await edit.setPlace(event, input);
  if (input.participants != null) {
    // A participant's attendance left out keeps what is stored for that delegation; null clears it.
    const stored = new Map(event.participants.map((p) => [p.delegationKey, p]));
    event.participants = [];
    for (const [i, p] of input.participants.entries()) {
      const delegationKey = await edit.ownedKeyOf('delegations', p.delegationId, ['input', 'participants', String(i), 'delegationId']);
      const before = stored.get(delegationKey);
      event.participants.push({ delegationKey, role: p.role, attendedFrom: p.attendedFrom === undefined ? before?.attendedFrom : p.attendedFrom, attendedTo: p.attendedTo === undefined ? before?.attendedTo : p.attendedTo });
    }
  }
  if (input.organizerIds != null) {
    event.organizerKeys = [];
    for (const [i, id] of input.organizerIds.entries()) {
      const path = ['input', 'organizerIds', String(i)];
      event.organizerKeys.push(await edit.organization(idOf('Organization', id, path), event.evidence, path, 'organizers'));
    }
  }
}

const eventKind: OwnedKind<'events'> = { section: 'events', type: 'Event', what: 'event' };

@Resolver()
export class EventMutationResolver {
  @Mutation(() => EventPayload, {
    description: 'Adds an event to an article, with the quotes that support it; validated like an import. Needs an editor key.',
  })
  eventCreate(@Ctx() ctx: Context, @Arg('input', () => EventCreateInput, { description: 'The event.' }) input: EventCreateInput) {
    const initial = (key: string): DocEvent => ({ key, name: input.name, nameIsQuoted: false, kind: input.kind, participants: [], organizerKeys: [], peopleKeys: [], counterparts: [], evidence: [] });
    return createOwned(ctx, eventKind, input.articleId, input.name, initial, (edit, event) => applyFields(edit, event, input));
  }

  @Mutation(() => EventPayload, {
    description: 'Changes an event; fields left out keep their value. Fails with CONFLICT when the event changed since `version`. Needs an editor key.',
  })
  eventUpdate(@Ctx() ctx: Context, @Arg('input', () => EventUpdateInput, { description: 'The changes.' }) input: EventUpdateInput) {
    return updateOwned(ctx, eventKind, input, (edit, event) => applyFields(edit, event, input));
  }

  @Mutation(() => EventDeletePayload, {
    description: 'Deletes an event and its quotes. Refused with REFERENCED while agreements or images refer to it, unless `cascade`. Needs an editor key.',
  })
  eventDelete(@Ctx() ctx: Context, @Arg('input', () => EventDeleteInput, { description: 'The event.' }) input: EventDeleteInput) {
    return deleteOwned(ctx, eventKind, input, async (tx, event) => {
      const [agreements, images] = await Promise.all([
        tx.agreement.findMany({ where: { eventId: event.id }, select: { id: true } }),
        tx.image.findMany({ where: { eventId: event.id }, select: { id: true } }),
      ]);
      return {
        ids: [...agreements.map((a) => toGlobalId('Agreement', a.id)), ...images.map((i) => toGlobalId('Image', i.id))],
        description: describeCounts([[agreements.length, 'agreement'], [images.length, 'image']]),
        cascade: async (tx, log) => {
          await deleteRows(tx, log, 'agreements', { eventId: event.id });
          await deleteRows(tx, log, 'images', { eventId: event.id });
        },
      };
    });
  }
}
