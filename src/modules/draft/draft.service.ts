import type { UserError } from '../../shared/user-error.type.js';
import { draftArticle } from './draft.js';
import type { ArticleDraftInput } from './draft.input.js';
import type { ArticleDraftPayload } from './draft.type.js';

// The article's own fields are checked as the import will check them, so a draft is never refused for its
// title or URL after an editor has reviewed it.

/** Drafting reads the text synchronously (about 12 ms per 1,000 characters): a longer text is not one article. */
export const MAX_DRAFT_CHARACTERS = 100_000;

const invalid = (field: string, message: string): UserError => ({ path: ['input', field], message, code: 'INVALID_VALUE', candidates: null });

function inputErrors(input: ArticleDraftInput): UserError[] {
  const errors: UserError[] = [];
  if (!/^\S([\s\S]*\S)?$/.test(input.title) || !/[\p{L}\p{N}]/u.test(input.title)) errors.push(invalid('title', 'a title is non-empty text with a letter or a digit, without leading or trailing spaces'));
  if (input.body.trim() === '') errors.push(invalid('body', 'the body is empty: paste the article text'));
  else if (input.body.length > MAX_DRAFT_CHARACTERS) errors.push(invalid('body', `the body has ${input.body.length} characters; a draft reads at most ${MAX_DRAFT_CHARACTERS} (one article)`));
  if (input.url != null && !URL.canParse(input.url)) errors.push(invalid('url', `not a URL: ${JSON.stringify(input.url)}`));
  if (input.language != null && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(input.language)) errors.push(invalid('language', 'a BCP 47 language tag such as en'));
  if (input.source != null && !/^\S([\s\S]*\S)?$/.test(input.source)) errors.push(invalid('source', 'non-empty text without leading or trailing spaces'));
  return errors;
}

export function draftFromInput(input: ArticleDraftInput): ArticleDraftPayload {
  const userErrors = inputErrors(input);
  if (userErrors.length > 0) return { document: null, notes: [], userErrors };
  const { document, notes } = draftArticle({ ...input, title: input.title.trim() });
  return { document: document as unknown as Record<string, unknown>, notes, userErrors: [] };
}
