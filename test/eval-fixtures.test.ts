import { describe, expect, it } from 'vitest';
import { openTestDatabase } from './helpers.js';
import { DocumentValidationError, validateDocument } from '../src/modules/import/validate.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { heldOutArticles } from './fixtures/held-out/index.js';
import { freshArticles } from './fixtures/fresh/index.js';
import { blindArticles } from './fixtures/blind/index.js';
import { finalArticles } from './fixtures/final/index.js';
import { sixthArticles } from './fixtures/sixth/index.js';

// The drafting evaluation's hand-made articles, set by set (each written by a writer blind to the drafting
// rules; test/fixtures/draft-eval/ has its own, fuller test): each document validates and imports into an
// empty database with the records written out here, so a document that loses or gains one fails.

type Counts = { delegations: number; events: number; agreements: number; people: number; organizations: number; figures: number; images: number };
const sets: { folder: string; writer: string; articles: { name: string; document: () => unknown }[]; expected: Record<string, Counts> }[] = [
  { folder: 'held-out', writer: 'second writer', articles: heldOutArticles, expected: {
    'received-visit': { delegations: 1, events: 3, agreements: 1, people: 6, organizations: 3, figures: 1, images: 1 },
    'multi-city-fair': { delegations: 1, events: 3, agreements: 4, people: 2, organizations: 6, figures: 7, images: 1 },
    'people-figures': { delegations: 1, events: 2, agreements: 1, people: 5, organizations: 3, figures: 7, images: 0 },
  } },
  { folder: 'fresh', writer: 'third writer', articles: freshArticles, expected: {
    'provincial-mission': { delegations: 2, events: 5, agreements: 9, people: 7, organizations: 7, figures: 12, images: 1 },
    'foreign-province-visit': { delegations: 1, events: 4, agreements: 1, people: 5, organizations: 3, figures: 6, images: 1 },
    'sister-city-week': { delegations: 1, events: 5, agreements: 2, people: 4, organizations: 8, figures: 9, images: 2 },
  } },
  { folder: 'blind', writer: 'fourth writer', articles: blindArticles, expected: {
    'expo-abroad': { delegations: 1, events: 3, agreements: 4, people: 4, organizations: 6, figures: 11, images: 0 },
    'chamber-tour': { delegations: 1, events: 5, agreements: 5, people: 4, organizations: 8, figures: 7, images: 0 },
    'county-exchange': { delegations: 1, events: 3, agreements: 1, people: 3, organizations: 3, figures: 11, images: 1 },
  } },
  { folder: 'final', writer: 'fifth writer', articles: finalArticles, expected: {
    'gulf-investment-mission': { delegations: 1, events: 5, agreements: 3, people: 5, organizations: 9, figures: 5, images: 0 },
    'kenya-hunan-fair': { delegations: 1, events: 5, agreements: 3, people: 5, organizations: 7, figures: 6, images: 0 },
    'harbin-conference': { delegations: 4, events: 1, agreements: 6, people: 3, organizations: 3, figures: 7, images: 1 },
  } },
  { folder: 'sixth', writer: 'sixth writer', articles: sixthArticles, expected: {
    'far-east-week': { delegations: 1, events: 5, agreements: 6, people: 5, organizations: 8, figures: 7, images: 0 },
    'expo-region': { delegations: 1, events: 5, agreements: 4, people: 5, organizations: 7, figures: 6, images: 0 },
    'friendship-anniversary': { delegations: 1, events: 4, agreements: 2, people: 5, organizations: 2, figures: 5, images: 1 },
  } },
];

function validIssues(doc: unknown): string[] {
  try {
    validateDocument(doc);
    return [];
  } catch (error) {
    if (error instanceof DocumentValidationError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
}

describe.each(sets)('evaluation articles in test/fixtures/$folder ($writer)', ({ articles, expected }) => {
  it('lists the articles counted here', () => {
    expect(articles.map((a) => a.name)).toEqual(Object.keys(expected));
  });

  describe.each(articles)('$name', (article) => {
    it('is a valid document', () => {
      expect(validIssues(article.document())).toEqual([]);
    });

    it('imports into an empty database', async () => {
      const { db } = await openTestDatabase({ seed: false });
      try {
        const report = await importDocument(db, article.document(), { actor: 'test' });
        expect(report.status).toBe('CREATED');
        expect({
          delegations: await db.delegation.count(),
          events: await db.event.count(),
          agreements: await db.agreement.count(),
          people: await db.person.count(),
          organizations: await db.organization.count(),
          figures: await db.figure.count(),
          images: await db.image.count(),
        }).toEqual(expected[article.name]);
        expect(await db.article.count()).toBe(1);
      } finally {
        await db.$disconnect();
      }
    });
  });
});
