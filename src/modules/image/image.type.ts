import { FEDERATION_KEY } from '../../shared/federation-key.js';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection.js';
import { DateScalar } from '../../shared/scalars.js';
import { Node } from '../node/node.type.js';

@Directive(FEDERATION_KEY)
@ObjectType({ implements: Node, description: 'A photo published with an article, described by its caption.', simpleResolvers: true })
export class Image extends Node {
  @Field(() => Int, { description: 'Incremented by every change; pass it back when updating, and the update fails if the record changed since.' })
  version!: number;

  @Field(() => String, { description: 'Caption, verbatim from the article.' })
  caption!: string;

  @Field(() => String, { nullable: true, description: 'Credit line, verbatim from the article.' })
  credit!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day the caption gives; null when it gives none A month or a year (document version 2) shows as its first day: `takenOnDetail` gives the precision and range.' })
  takenOn!: string | null;

  @Field(() => Int, { description: 'Order of the image in its article, from 1.' })
  position!: number;

  @Field(() => String, { nullable: true, description: 'Where the image file is, when known; null when the article ships no file.' })
  url!: string | null;
}

export const ImageConnection = connectionType(Image, 'Image', 'image');
