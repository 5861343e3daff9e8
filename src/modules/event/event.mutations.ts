import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { requireRole } from '../../shared/auth.js';
import { countryCodeArg } from '../../shared/filters.js';
import { idOf, toGlobalId } from '../../shared/global-id.js';
import type { ArticleDocument, EvidenceInput } from '../ingest/document.js';
import { EditRefused, editArticle, newKey, type DocumentEdit } from '../ingest/edit.service.js';
import { deletePayload, mutationPayload } from '../ingest/payload.js';
import { EventCreateInput, EventDeleteInput, EventUpdateInput, type EventFieldsInput } from './event.input.js';
import { Event } from './event.type.js';

export const EventPayload = mutationPayload(Event, 'Event', 'event');
export const EventDeletePayload = deletePayload('Event', 'event');

type DocEvent = ArticleDocument['events'][number];

/** Applies the fields an input sets to the event's document entry; IDs become document keys. */
async function applyFields(edit: DocumentEdit, articleId: number, event: DocEvent, input: EventFieldsInput) {
  if (input.evidence != null) event.evidence = input.evidence.map((q) => ({ quote: q.quote, start: q.start, end: q.end, facts: q.facts }));
  const support: EvidenceInput[] = event.evidence;
  if (input.name != null) event.name = input.name;
  if (input.nameIsQuoted != null) event.nameIsQuoted = input.nameIsQuoted;
  if (input.kind != null) event.kind = input.kind;
  if (input.description !== undefined) event.description = input.description;
  if (input.startDate !== undefined) event.startDate = input.startDate;
  if (input.endDate !== undefined) event.endDate = input.endDate;
  if (input.countryCode !== undefined) {
    event.countryCode = input.countryCode == null ? null : await edit.country(countryCodeArg(input.countryCode, ['input', 'countryCode']));
  }
  if (input.cityId !== undefined) {
    event.cityKey = input.cityId == null ? null : await edit.city(idOf('City', input.cityId, ['input', 'cityId']), support, ['input', 'cityId']);
  }
  if (input.participants != null) {
    event.participants = await Promise.all(input.participants.map(async (p, i) => {
      const path = ['input', 'participants', String(i), 'delegationId'];
      const row = await edit.tx.delegation.findUnique({ where: { id: idOf('Delegation', p.delegationId, path) } });
      return { delegationKey: edit.ownedKey('delegations', row, articleId, path, 'delegation'), role: p.role };
    }));
  }
  if (input.organizerIds != null) {
    event.organizerKeys = [];
    for (const [i, id] of input.organizerIds.entries()) {
      const path = ['input', 'organizerIds', String(i)];
      event.organizerKeys.push(await edit.organization(idOf('Organization', id, path), support, path, 'organizers'));
    }
  }
}

@Resolver()
export class EventMutationResolver {
  @Mutation(() => EventPayload, {
    description: 'Adds an event to an article, with the quotes that support it; validated like an import. Needs an editor key.',
  })
  async eventCreate(@Ctx() ctx: Context, @Arg('input', () => EventCreateInput, { description: 'The event.' }) input: EventCreateInput) {
    const viewer = requireRole(ctx, 'editor');
    const articleId = idOf('Article', input.articleId, ['input', 'articleId']);
    if (!(await ctx.loaders.article.load(articleId))) {
      return { record: null, userErrors: [{ path: ['input', 'articleId'], message: 'no article has this ID', code: 'NOT_FOUND' }] };
    }
    let key = '';
    const { result, userErrors } = await editArticle(ctx.db, {
      articleId,
      actor: viewer.keyId,
      change: async (edit) => {
        key = newKey(input.name, edit.doc.events);
        const event: DocEvent = { key, name: input.name, nameIsQuoted: false, kind: input.kind, participants: [], organizerKeys: [], evidence: [] };
        edit.record = ['events', edit.doc.events.length];
        edit.doc.events.push(event);
        await applyFields(edit, articleId, event, input);
      },
      result: (tx) => tx.event.findUnique({ where: { articleId_key: { articleId, key } } }),
    });
    return { record: result, userErrors };
  }

  @Mutation(() => EventPayload, {
    description: 'Changes an event; fields left out keep their value. Fails with CONFLICT when the event changed since `version`. Needs an editor key.',
  })
  async eventUpdate(@Ctx() ctx: Context, @Arg('input', () => EventUpdateInput, { description: 'The changes.' }) input: EventUpdateInput) {
    const viewer = requireRole(ctx, 'editor');
    const id = idOf('Event', input.id, ['input', 'id']);
    const row = await ctx.db.event.findUnique({ where: { id } });
    if (!row) return { record: null, userErrors: [{ path: ['input', 'id'], message: 'no event has this ID', code: 'NOT_FOUND' }] };
    const { result, userErrors } = await editArticle(ctx.db, {
      articleId: row.articleId,
      actor: viewer.keyId,
      expect: { table: 'Event', id, version: input.version },
      change: async (edit) => {
        const index = edit.doc.events.findIndex((e) => e.key === row.key);
        edit.record = ['events', index];
        await applyFields(edit, row.articleId, edit.doc.events[index]!, input);
      },
      result: (tx) => tx.event.findUnique({ where: { id } }),
    });
    return { record: result, userErrors };
  }

  @Mutation(() => EventDeletePayload, {
    description: 'Deletes an event and its quotes. Refused with REFERENCED while agreements or images refer to it, unless `cascade`. Needs an editor key.',
  })
  async eventDelete(@Ctx() ctx: Context, @Arg('input', () => EventDeleteInput, { description: 'The event.' }) input: EventDeleteInput) {
    const viewer = requireRole(ctx, 'editor');
    const id = idOf('Event', input.id, ['input', 'id']);
    const row = await ctx.db.event.findUnique({ where: { id } });
    if (!row) return { deletedId: null, alsoDeletedIds: [], userErrors: [{ path: ['input', 'id'], message: 'no event has this ID', code: 'NOT_FOUND' }] };
    let agreements: { id: number; key: string }[] = [];
    let images: { id: number; key: string }[] = [];
    const { userErrors } = await editArticle(ctx.db, {
      articleId: row.articleId,
      actor: viewer.keyId,
      expect: { table: 'Event', id, version: input.version },
      change: async (edit) => {
        // Read under the write lock, so a record added meanwhile cannot be left pointing at nothing.
        agreements = await edit.tx.agreement.findMany({ where: { eventId: id }, select: { id: true, key: true } });
        images = await edit.tx.image.findMany({ where: { eventId: id }, select: { id: true, key: true } });
        if ((agreements.length > 0 || images.length > 0) && !input.cascade) {
          throw new EditRefused([{
            path: ['input', 'id'],
            message: `${agreements.length} agreement(s) and ${images.length} image(s) refer to this event; pass cascade: true to delete them too`,
            code: 'REFERENCED',
          }]);
        }
        const gone = (keys: { key: string }[]) => new Set(keys.map((k) => k.key));
        const goneAgreements = gone(agreements);
        const goneImages = gone(images);
        edit.doc.agreements = edit.doc.agreements.filter((a) => !goneAgreements.has(a.key));
        edit.doc.images = edit.doc.images.filter((i) => !goneImages.has(i.key));
        edit.doc.events = edit.doc.events.filter((e) => e.key !== row.key);
      },
      result: async () => null,
    });
    if (userErrors.length > 0) return { deletedId: null, alsoDeletedIds: [], userErrors };
    return {
      deletedId: toGlobalId('Event', id),
      alsoDeletedIds: [...agreements.map((a) => toGlobalId('Agreement', a.id)), ...images.map((i) => toGlobalId('Image', i.id))],
      userErrors: [],
    };
  }
}
