import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { addScores, rates, scoreDraft, scoredTypes, unmatched, type ScoredDocument } from '../scripts/draft-score.js';
import { projectRoot } from '../src/shared/paths.js';
import { tradeFairArticle } from './fixtures/trade-fair-article.js';

// The scorer behind `npm run draft:eval`: what its precision and recall count, so its numbers mean what they say.
const seed = (): ScoredDocument => JSON.parse(readFileSync(path.join(projectRoot, 'prisma', 'seed', 'liaocheng-delegation-visits-central-asia.json'), 'utf8'));

test('a document scored against itself is found whole', () => {
  for (const doc of [seed(), tradeFairArticle() as unknown as ScoredDocument]) {
    const score = scoreDraft(doc, structuredClone(doc));
    for (const type of [...scoredTypes, 'dates', 'evidence'] as const) {
      const { precision, recall } = rates(score[type]);
      if (score[type].gold > 0) expect([type, precision, recall]).toEqual([type, 1, 1]);
    }
  }
});

test('an empty draft finds nothing, and a wrong date or a missing quote counts against it', () => {
  const gold = seed() as ScoredDocument & Record<string, any>;
  const empty = { ...structuredClone(gold), ...Object.fromEntries(scoredTypes.map((t) => [t, []])) } as ScoredDocument;
  const nothing = scoreDraft(gold, empty);
  expect(rates(nothing.events)).toEqual({ precision: null, recall: 0 });
  expect(nothing.evidence.matched).toBe(0);

  const draft = structuredClone(gold) as any;
  draft.delegations.find((d: any) => d.key === 'liaocheng-delegation').startDate = '2023-09-03';
  draft.events[0].evidence = [];
  draft.figures.push({ ...draft.figures[0], key: 'extra', value: 99 });
  const score = scoreDraft(gold, draft);
  expect(score.dates).toMatchObject({ gold: 6, draft: 6, matched: 5 });
  // The event without quotes matches nothing; its quote is missed.
  expect(score.events).toMatchObject({ gold: 10, draft: 10, matched: 9 });
  expect(score.evidence.matched).toBe(score.evidence.gold - gold.events[0].evidence.length);
  expect(rates(score.figures).precision).toBeCloseTo(2 / 3);
  // Sums over articles are sums of their counts.
  expect(addScores([score, score]).figures).toEqual({ gold: 4, draft: 6, matched: 4 });
  // What --misses prints: the gold event without a partner, and the extra figure.
  const left = unmatched(gold, draft);
  expect(left.events.missed.map((e) => e.key)).toEqual([gold.events[0].key]);
  expect(left.events.extra).toHaveLength(1);
  expect(left.figures).toEqual({ missed: [], extra: [expect.objectContaining({ key: 'extra' })] });
});
