import { z } from 'zod';
import { articleDocumentShape } from './document.js';

/**
 * The document format as JSON Schema (draft 2020-12), for editors and pipelines that write documents.
 * It checks shape and formats; what needs the body or the whole document (quotes at their offsets, facts
 * backed by quotes, references, real calendar days) only the validator checks.
 */
export function documentJsonSchema() {
  const v1Cities = ['isCapital', 'latitude', 'longitude', 'referenceSource'];
  const listed = { properties: { unlisted: { const: true } }, required: ['unlisted'] };
  // A field given a value; null counts as left out, as in the validator.
  const given = (field: string) => ({ required: [field], properties: { [field]: { not: { type: 'null' } } } });
  const none = { maxItems: 0 };
  return {
    ...z.toJSONSchema(articleDocumentShape, { io: 'input' }),
    // The rules of each version (the validator's versionRules), as far as JSON Schema can say them.
    allOf: [
      {
        if: { properties: { version: { const: 1 } } },
        then: {
          properties: {
            countries: { items: { required: ['referenceSource'] } },
            cities: { items: { required: v1Cities, not: { anyOf: [given('geonameId'), listed] } } },
            // People, counterparts, figures and attendance are parts of version 2.
            people: none,
            figures: none,
            delegations: { items: { properties: { members: none } } },
            events: { items: { properties: { peopleKeys: none, counterparts: none, participants: { items: { not: { anyOf: [given('attendedFrom'), given('attendedTo')] } } } } } },
            agreements: { items: { properties: { signatoryKeys: none } } },
          },
        },
      },
      {
        if: { properties: { version: { const: 2 } } },
        then: {
          properties: {
            countries: { items: { not: given('referenceSource') } },
            cities: {
              items: {
                not: given('referenceSource'),
                if: listed,
                then: { required: ['latitude', 'longitude'], not: given('geonameId') },
                else: { not: { anyOf: [given('isCapital'), given('latitude'), given('longitude')] } },
              },
            },
          },
        },
      },
    ],
    $id: 'https://delegation-graph.example/article-document.schema.json',
    title: 'Article document',
    description:
      'An article and every record extracted from it, each with the quotes of the article that support it. ' +
      'Accepted by the articleImport mutation, by `npm run import`, and as a seed file in prisma/seed/.',
  };
}
