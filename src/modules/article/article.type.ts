import { FEDERATION_KEY } from '../../shared/federation-key.js';
import { Directive, Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars.js';
import { connectionType } from '../../shared/connection.js';
import { Node } from '../node/node.type.js';

@Directive(FEDERATION_KEY)
@ObjectType({ implements: Node, description: 'A news article: the source every extracted record cites.', simpleResolvers: true })
export class Article extends Node {
  @Field(() => String, { description: 'URL-safe unique name of the article, such as `liaocheng-delegation-visits-central-asia`.' })
  slug!: string;

  @Field(() => String, { description: 'Headline, as published.' })
  title!: string;

  @Field(() => String, { description: 'Full text, verbatim. Evidence offsets index into it.' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'Publisher, when known; null when the text does not name it.' })
  source!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the article was published, when known.' })
  url!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date the article states it was published or updated.' })
  updatedOn!: string | null;

  @Field(() => String, { description: 'Language of the body, as a BCP 47 tag such as `en`.' })
  language!: string;
}

export const ArticleConnection = connectionType(Article, 'Article', 'article');
