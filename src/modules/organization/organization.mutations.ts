import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { requireRole } from '../../shared/auth.js';
import { countryCodeArg } from '../../shared/filters.js';
import { idOf, toGlobalId } from '../../shared/global-id.js';
import { organizationKey } from '../edit/document-of.js';
import { checkVersion, editArticle, newKey, rewriteArticle } from '../edit/edit.service.js';
import { EditRefused } from '../edit/record-edit.js';
import type { UserErrorShape } from '../../shared/errors.js';
import { takeWriteLock } from '../../db/write-lock.js';
import { deletePayload, mutationPayload } from '../edit/payload.js';
import { OrganizationCreateInput, OrganizationDeleteInput, OrganizationUpdateInput } from './organization.input.js';
import { Organization } from './organization.type.js';

export const OrganizationPayload = mutationPayload(Organization, 'Organization', 'organization');
export const OrganizationDeletePayload = deletePayload('Organization', 'organization');

const refused = (path: string[], message: string, code: UserErrorShape['code']) => ({ record: null, userErrors: [{ path, message, code }] });

// Organizations are shared between articles: they are written through the document of the article
// whose quotes name them, and matched by id there so a change keeps their identity.
@Resolver()
export class OrganizationMutationResolver {
  @Mutation(() => OrganizationPayload, { description: 'Adds an organization an article names, with the quotes that name it. Needs an editor key.' })
  async organizationCreate(@Ctx() ctx: Context, @Arg('input', () => OrganizationCreateInput, { description: 'The organization.' }) input: OrganizationCreateInput) {
    const viewer = requireRole(ctx, 'editor');
    const articleId = idOf('Article', input.articleId, ['input', 'articleId']);
    if (!(await ctx.loaders.article.load(articleId))) return refused(['input', 'articleId'], 'no article has this ID', 'NOT_FOUND');
    const code = countryCodeArg(input.countryCode, ['input', 'countryCode']);
    const existing = await ctx.db.organization.findFirst({ where: { name: input.name, country: { isoCode: code } } });
    if (existing) return refused(['input', 'name'], `${toGlobalId('Organization', existing.id)} already has this name in ${code}`, 'DUPLICATE_KEY');
    const { result, userErrors } = await editArticle(ctx.db, {
      articleId,
      actor: viewer.keyId,
      change: async (edit) => {
        const org = { key: newKey(input.name, edit.doc.organizations), name: input.name, kind: input.kind, countryCode: await edit.country(code), cityKey: null as string | null, evidence: [] };
        edit.record = ['organizations', edit.doc.organizations.length];
        edit.doc.organizations.push(org);
        edit.setEvidence(org, input.evidence);
        await edit.setPlace(org, { cityId: input.cityId });
      },
      result: (tx) => tx.organization.findFirst({ where: { name: input.name, country: { isoCode: code } } }),
    });
    return { record: result, userErrors };
  }

  @Mutation(() => OrganizationPayload, { description: 'Changes an organization; CONFLICT when it changed since `version`. Needs an editor key.' })
  async organizationUpdate(@Ctx() ctx: Context, @Arg('input', () => OrganizationUpdateInput, { description: 'The changes.' }) input: OrganizationUpdateInput) {
    const viewer = requireRole(ctx, 'editor');
    const id = idOf('Organization', input.id, ['input', 'id']);
    const row = await ctx.db.organization.findUnique({ where: { id } });
    if (!row) return refused(['input', 'id'], 'no organization has this ID', 'NOT_FOUND');
    const citing = [...new Set((await ctx.db.evidence.findMany({ where: { organizationId: id }, select: { articleId: true }, orderBy: { articleId: 'asc' } })).map((e) => e.articleId))];
    const articleId = input.articleId != null ? idOf('Article', input.articleId, ['input', 'articleId']) : citing[0];
    if (articleId == null) return refused(['input', 'articleId'], 'no article names this organization: give the article whose quotes support the change', 'MISSING_EVIDENCE');
    if (input.name != null && input.name !== row.name && citing.some((other) => other !== articleId)) {
      // Other articles' quotes name it by its old name: renaming it would leave their facts unsupported.
      return refused(['input', 'name'], 'other articles name this organization as it is; create a new organization instead', 'REFERENCED');
    }
    const { result, userErrors } = await editArticle(ctx.db, {
      articleId,
      actor: viewer.keyId,
      expect: { table: 'Organization', id, version: input.version },
      change: async (edit) => {
        await edit.organization(id, [], ['input', 'id'], 'name');
        const index = edit.doc.organizations.findIndex((o) => o.key === organizationKey(id));
        const org = edit.doc.organizations[index]!;
        edit.record = ['organizations', index];
        edit.setEvidence(org, input.evidence);
        if (input.name != null) org.name = input.name;
        if (input.kind != null) org.kind = input.kind;
        await edit.setPlace(org, { cityId: input.cityId });
      },
      result: (tx) => tx.organization.findUnique({ where: { id } }),
    });
    return { record: result, userErrors };
  }

  @Mutation(() => OrganizationDeletePayload, {
    description: 'Deletes an organization and the quotes that name it. Refused with REFERENCED while records refer to it, unless `cascade`. Needs an editor key.',
  })
  async organizationDelete(@Ctx() ctx: Context, @Arg('input', () => OrganizationDeleteInput, { description: 'The organization.' }) input: OrganizationDeleteInput) {
    const viewer = requireRole(ctx, 'editor');
    const id = idOf('Organization', input.id, ['input', 'id']);
    try {
      await ctx.db.$transaction(async (tx) => {
        await takeWriteLock(tx);
        await checkVersion(tx, { table: 'Organization', id, version: input.version });
        const [delegations, organized, parties] = await Promise.all([
          tx.delegation.count({ where: { organizationId: id } }),
          tx.eventOrganizer.count({ where: { organizationId: id } }),
          tx.agreementParty.count({ where: { organizationId: id } }),
        ]);
        if (delegations + organized + parties > 0 && !input.cascade) {
          throw new EditRefused([{
            path: ['input', 'id'],
            message: `${delegations} delegation(s), ${organized} event(s) and ${parties} agreement part(ies) refer to this organization; pass cascade: true to unlink them`,
            code: 'REFERENCED',
          }]);
        }
        // Every article that names it or refers to it loses it from its document, links and quotes included.
        const articles = await tx.article.findMany({
          where: { OR: [{ evidence: { some: { organizationId: id } } }, { delegations: { some: { organizationId: id } } }, { events: { some: { organizers: { some: { organizationId: id } } } } }, { agreements: { some: { parties: { some: { organizationId: id } } } } }] },
          select: { id: true },
        });
        const key = organizationKey(id);
        for (const article of articles) {
          await rewriteArticle(tx, article.id, viewer.keyId, (edit) => {
            edit.doc.organizations = edit.doc.organizations.filter((o) => o.key !== key);
            for (const d of edit.doc.delegations) if (d.organizationKey === key) d.organizationKey = null;
            for (const e of edit.doc.events) e.organizerKeys = e.organizerKeys.filter((k) => k !== key);
            for (const a of edit.doc.agreements) for (const p of a.parties) if (p.organizationKey === key) p.organizationKey = null;
          });
        }
        const before = await tx.organization.delete({ where: { id } });
        await tx.auditEntry.create({ data: { actor: viewer.keyId, action: 'DELETE', entity: 'Organization', entityId: id, before: JSON.stringify(before), after: null } });
      });
    } catch (error) {
      if (error instanceof EditRefused) return { deletedId: null, alsoDeletedIds: [], userErrors: error.userErrors };
      throw error;
    }
    return { deletedId: toGlobalId('Organization', id), alsoDeletedIds: [], userErrors: [] };
  }
}
