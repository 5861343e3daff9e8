import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { EditRefused, type RecordEdit } from '../edit/record-edit.js';
import { createOwned, deleteOwned, noDependents, updateOwned, type DocItem, type OwnedKind } from '../edit/owned.js';
import { deletePayload, mutationPayload } from '../edit/payload.js';
import { ImageCreateInput, ImageDeleteInput, ImageUpdateInput, type ImageFieldsInput } from './image.input.js';
import { Image } from './image.type.js';

export const ImagePayload = mutationPayload(Image, 'Image', 'image');
export const ImageDeletePayload = deletePayload('Image', 'image');

const imageKind: OwnedKind<'images'> = {
  section: 'images',
  type: 'Image',
  what: 'image',
  // Positions are unique within an article; an image that keeps its position keeps its place.
  prepare: async (edit, image, row) => {
    if (row?.position === image.position) return;
    const taken = await edit.tx.image.findFirst({ where: { articleId: edit.articleId, position: image.position, ...(row && { id: { not: row.id } }) }, select: { id: true } });
    if (taken) throw new EditRefused([{ path: ['input', 'position'], message: `position ${image.position} is used twice in images`, code: 'DUPLICATE_KEY' }]);
  },
};

async function applyFields(edit: RecordEdit, image: DocItem<'images'>, input: ImageFieldsInput) {
  edit.setEvidence(image, input.evidence);
  if (input.position != null) image.position = input.position;
  if (input.caption != null) image.caption = input.caption;
  if (input.credit !== undefined) image.credit = input.credit;
  if (input.takenOn !== undefined) image.takenOn = input.takenOn;
  if (input.url !== undefined) image.url = input.url;
  if (input.eventId !== undefined) image.eventKey = input.eventId == null ? null : await edit.ownedKeyOf('events', input.eventId, ['input', 'eventId']);
  await edit.setPlace(image, input);
}

@Resolver()
export class ImageMutationResolver {
  @Mutation(() => ImagePayload, { description: 'Adds an image to an article; its caption must be quoted verbatim. Needs an editor key.' })
  imageCreate(@Ctx() ctx: Context, @Arg('input', () => ImageCreateInput, { description: 'The image.' }) input: ImageCreateInput) {
    return createOwned(ctx, imageKind, input.articleId, input.caption.slice(0, 40), (key) => ({ key, position: 0, caption: input.caption, evidence: [] }), async (edit, image) => {
      // By default after the article's last image.
      image.position = Math.max(0, ...edit.siblings.map((other) => Number(other.position))) + 1;
      await applyFields(edit, image, input);
    });
  }

  @Mutation(() => ImagePayload, { description: 'Changes an image; fields left out keep their value. CONFLICT when it changed since `version`. Needs an editor key.' })
  imageUpdate(@Ctx() ctx: Context, @Arg('input', () => ImageUpdateInput, { description: 'The changes.' }) input: ImageUpdateInput) {
    return updateOwned(ctx, imageKind, input, (edit, image) => applyFields(edit, image, input));
  }

  @Mutation(() => ImageDeletePayload, { description: 'Deletes an image and its quotes. Needs an editor key.' })
  imageDelete(@Ctx() ctx: Context, @Arg('input', () => ImageDeleteInput, { description: 'The image.' }) input: ImageDeleteInput) {
    return deleteOwned(ctx, imageKind, { ...input, cascade: false }, noDependents);
  }
}
