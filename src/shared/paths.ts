import { existsSync } from 'node:fs';
import path from 'node:path';

// Found by walking up, so the same code works from `src/` (tsx, vitest) and from `dist/src/` (compiled).
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'prisma'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no project root (package.json beside prisma/) above ${from}`);
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname);
export const seedDir = path.join(projectRoot, 'prisma', 'seed');
export const referenceDir = path.join(projectRoot, 'prisma', 'reference');
