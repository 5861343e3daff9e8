import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../shared/connection.js';
import { Node } from '../node/node.type.js';

/** The types full-text search covers; the values are the type codes of the search index's rowids. */
export enum SearchableType {
  ARTICLE = 1,
  DELEGATION = 2,
  EVENT = 3,
  AGREEMENT = 4,
  IMAGE = 5,
  ORGANIZATION = 6,
  PERSON = 7,
}
registerEnumType(SearchableType, {
  name: 'SearchableType',
  description: 'A kind of record that full-text search covers.',
  valuesConfig: {
    ARTICLE: { description: 'Articles: title and body.' },
    DELEGATION: { description: 'Delegations: name, description, home city and countries visited.' },
    EVENT: { description: 'Events: name, description, city and country.' },
    AGREEMENT: { description: 'Agreements: title, description, parties, city and country.' },
    IMAGE: { description: 'Images: caption, credit, city and country.' },
    ORGANIZATION: { description: 'Organizations: name, city and country.' },
    PERSON: { description: 'People: name, the titles articles give them, and country.' },
  },
});

@ObjectType({ description: 'A record that matches a search, with how well and where it matches.', simpleResolvers: true })
export class SearchResult {
  @Field(() => Node, { description: 'The matching record.' })
  node!: Node;

  @Field(() => SearchableType, { description: 'The type of the matching record.' })
  type!: SearchableType;

  @Field(() => Float, {
    description: 'Relevance (BM25, a title match weighing most): higher is better. Comparable within one search only.',
  })
  score!: number;

  @Field(() => String, {
    description:
      'The passage around the best match, HTML-escaped, with the matched terms in `<mark>…</mark>` and `…` where text was cut.',
  })
  snippet!: string;
}

export const SearchResultConnection = connectionType(SearchResult, 'SearchResult', 'search result');
