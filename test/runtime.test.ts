import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { startScriptNodeFlags } from '../bench/processes.js';
import { projectRoot } from '../src/shared/paths.js';

// The heap limits are part of how the service runs: `npm start`, the container and the benchmark must use
// the same ones, or the memory the benchmark reports is not what operators get.
test('the container runs node with the same flags as npm start', () => {
  const flags = startScriptNodeFlags();
  expect(flags).toContain('--max-old-space-size=128');
  // The image's own CMD starts a line; the HEALTHCHECK's is indented under it.
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8'))?.[1];
  expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...flags, 'dist/src/main.js']);
});

// npm 11 warns about every dependency install script that package.json's allowScripts does not cover (its
// documentation says they are to be blocked): each is reviewed, so a new one fails here until it is.
test('every installed package with an install script is allowed or denied in package.json', () => {
  const result = spawnSync('npm', ['install-scripts', 'ls', '--offline'], { cwd: projectRoot, encoding: 'utf8' });
  expect(result.status).toBe(0);
  expect(result.stdout.trim()).toBe('No packages with unreviewed install scripts.');
});
