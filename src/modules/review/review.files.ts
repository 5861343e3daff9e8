import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../shared/paths.js';

/** The review page's browser files, served as they are (plain ES2020 and CSS: nothing to bundle). */
export const reviewFiles = ['review.js', 'review.css'] as const;
export type ReviewFile = (typeof reviewFiles)[number];

/** Where they are written, and read from in development and tests. */
export const reviewSourceDir = path.join(projectRoot, 'src', 'modules', 'review', 'page');

/** Where the build copies them (scripts/bundle-review.ts): the container ships dist/, not src/. */
export const bundledReviewDir = path.join(projectRoot, 'dist', 'review-assets');

/** The folder the files are read from: the sources when present, else the build's copies. */
export function reviewFilesDir(): string {
  for (const dir of [reviewSourceDir, bundledReviewDir]) {
    if (reviewFiles.every((name) => existsSync(path.join(dir, name)))) return dir;
  }
  throw new Error(`the review page's files are neither in ${reviewSourceDir} nor bundled in ${bundledReviewDir}: run npm run build`);
}
