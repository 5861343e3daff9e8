import { describe, expect, it } from 'vitest';
import { openTestDatabase } from './helpers.js';
import { DocumentValidationError, validateDocument } from '../src/modules/import/validate.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { sixthArticles } from './fixtures/sixth/index.js';

/** What each sixth-round article stores in an empty database. */
const expected: Record<string, { delegations: number; events: number; agreements: number; people: number; organizations: number; figures: number; images: number }> = {
  'far-east-week': { delegations: 1, events: 5, agreements: 6, people: 5, organizations: 8, figures: 7, images: 0 },
  'expo-region': { delegations: 1, events: 5, agreements: 4, people: 5, organizations: 7, figures: 6, images: 0 },
  'friendship-anniversary': { delegations: 1, events: 4, agreements: 2, people: 5, organizations: 2, figures: 5, images: 1 },
};

function validIssues(doc: unknown): string[] {
  try {
    validateDocument(doc);
    return [];
  } catch (error) {
    if (error instanceof DocumentValidationError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
}

describe('sixth-round articles', () => {
  it('lists three articles', () => {
    expect(sixthArticles.map((a) => a.name)).toEqual(Object.keys(expected));
  });

  for (const article of sixthArticles) {
    describe(article.name, () => {
      it('is a valid document', () => {
        expect(validIssues(article.document())).toEqual([]);
      });

      it('imports into an empty database', async () => {
        const { db } = await openTestDatabase({ seed: false });
        try {
          const report = await importDocument(db, article.document(), { actor: 'test' });
          expect(report.status).toBe('CREATED');
          const want = expected[article.name]!;
          expect({
            delegations: await db.delegation.count(),
            events: await db.event.count(),
            agreements: await db.agreement.count(),
            people: await db.person.count(),
            organizations: await db.organization.count(),
            figures: await db.figure.count(),
            images: await db.image.count(),
          }).toEqual(want);
          expect(await db.article.count()).toBe(1);
        } finally {
          await db.$disconnect();
        }
      });
    });
  }
});
