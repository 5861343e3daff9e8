import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { takeWriteLock } from '../../db/write-lock.js';
import { requireRole } from '../../shared/auth.js';
import { badUserInput } from '../../shared/errors.js';
import { decodeGlobalId, toGlobalId } from '../../shared/global-id.js';
import { deletePayload } from '../edit/payload.js';
import { refusable } from '../edit/owned.js';
import { EditRefused } from '../edit/record-edit.js';
import { ChangeLog } from '../import/changes.js';
import { noSharedIds, removeUnsupported } from '../import/support.js';

// Shared records go by themselves when their last article does (import/support.ts). One left over from
// before that rule, or from a database written by other means, can be removed by an admin, but only while
// nothing refers to it: a record an article supports is withdrawn with that article.

export const SharedRecordDeletePayload = deletePayload('SharedRecord', 'shared record');

@InputType('SharedRecordDeleteInput', { description: 'A country, city or organization that nothing refers to.' })
export class SharedRecordDeleteInput {
  @Field(() => ID, { description: 'Global ID of a Country, City or Organization.' })
  id!: string;
}

const kinds = { Country: 'countries', City: 'cities', Organization: 'organizations' } as const;

@Resolver()
export class SharedRecordMutationResolver {
  @Mutation(() => SharedRecordDeletePayload, {
    description: 'Deletes a country, city or organization that no quote, claim or record refers to (REFERENCED otherwise), audited. Needs an admin key.',
  })
  sharedRecordDelete(@Ctx() ctx: Context, @Arg('input', () => SharedRecordDeleteInput, { description: 'Which record.' }) input: SharedRecordDeleteInput) {
    return deleteSharedRecord(ctx, input.id);
  }
}

async function deleteSharedRecord(ctx: Context, globalId: string) {
  const viewer = requireRole(ctx, 'admin');
  const decoded = decodeGlobalId(globalId);
  if (!decoded || !(decoded.type in kinds)) throw badUserInput('expected the ID of a Country, City or Organization', ['input', 'id']);
  const { type, id } = decoded as { type: keyof typeof kinds; id: number };
  const { record, userErrors } = await refusable(ctx.db, async (tx) => {
    await takeWriteLock(tx);
    const exists = type === 'Country' ? await tx.country.findUnique({ where: { id } }) : type === 'City' ? await tx.city.findUnique({ where: { id } }) : await tx.organization.findUnique({ where: { id } });
    if (!exists) throw new EditRefused([{ path: ['input', 'id'], message: `no ${type.toLowerCase()} has this ID`, code: 'NOT_FOUND' }]);
    const candidates = noSharedIds();
    candidates[kinds[type]].add(id);
    const log = new ChangeLog(viewer.keyId);
    const removed = await removeUnsupported(tx, candidates, log);
    if (!removed.some((r) => r.type === type && r.id === id)) {
      throw new EditRefused([{ path: ['input', 'id'], message: 'quotes, claims or records refer to it; withdraw the articles that name it (articleDelete) instead', code: 'REFERENCED' }]);
    }
    await tx.auditEntry.createMany({ data: log.audit });
    return removed.filter((r) => !(r.type === type && r.id === id));
  });
  if (!record) return { deletedId: null, alsoDeletedIds: [], userErrors };
  return { deletedId: toGlobalId(type, id), alsoDeletedIds: record.map((r) => toGlobalId(r.type, r.id)), userErrors: [] };
}
