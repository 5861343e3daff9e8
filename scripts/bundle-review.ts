// Copies the review page's browser files (plain JavaScript and CSS, served as written) into dist/review-assets at
// build time: the container ships dist/, not src/, and src/modules/review/review.ts falls back to these copies.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { bundledReviewDir, reviewFiles, reviewSourceDir } from '../src/modules/review/review.files.js';

mkdirSync(bundledReviewDir, { recursive: true });
for (const name of reviewFiles) copyFileSync(path.join(reviewSourceDir, name), path.join(bundledReviewDir, name));
console.log(`copied the review page's files to ${path.relative(process.cwd(), bundledReviewDir)}`);
