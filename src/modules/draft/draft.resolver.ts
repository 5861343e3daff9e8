import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { requireRole } from '../../shared/auth.js';
import { ArticleDraftInput } from './draft.input.js';
import { draftFromInput } from './draft.service.js';
import { ArticleDraftPayload } from './draft.type.js';

@Resolver()
export class DraftResolver {
  @Mutation(() => ArticleDraftPayload, {
    description:
      'Drafts the import document of an article from its text: countries, cities, organizations, people, delegations, events, ' +
      'agreements, images and figures, each with the quotes that support it, checked by the rules of articleImport (which accepts ' +
      'it as it is). Writes nothing. Review it (the /review page does this) before importing. Needs an editor key.',
  })
  articleDraft(@Ctx() ctx: Context, @Arg('input', () => ArticleDraftInput, { description: 'The article as text.' }) input: ArticleDraftInput): ArticleDraftPayload {
    requireRole(ctx, 'editor');
    return draftFromInput(input);
  }
}
