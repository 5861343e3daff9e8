import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Image as ImageRow } from '../../generated/prisma/client.js';
import { loadOptional } from '../../shared/loaders.js';
import { Event } from '../event/event.type.js';
import { extractedRecordResolver } from '../evidence/extracted.resolver.js';
import { City, Country } from '../place/place.type.js';
import { ImagesArgs } from './image.args.js';
import { findImage, listImages } from './image.service.js';
import { Image, ImageConnection } from './image.type.js';

@Resolver(() => Image)
export class ImageResolver extends extractedRecordResolver(Image, 'Image', 'imageId') {
  @Query(() => Image, { nullable: true, description: 'One image by global ID; null when none matches.' })
  image(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Global ID of the image.' }) id: string) {
    return findImage(ctx, id);
  }

  @Query(() => ImageConnection, { description: 'Images, article by article in article order.' })
  images(@Ctx() ctx: Context, @Args(() => ImagesArgs) args: ImagesArgs) {
    return listImages(ctx, args);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event the image shows, when the caption tells.' })
  event(@Root() image: ImageRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.event, image.eventId);
  }

  @FieldResolver(() => City, { nullable: true, description: 'The city where the image was taken, when the caption tells.' })
  city(@Root() image: ImageRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.city, image.cityId);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country where the image was taken, when the caption tells.' })
  country(@Root() image: ImageRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.country, image.countryId);
  }
}
