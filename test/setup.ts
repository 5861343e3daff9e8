import { afterAll, expect } from 'vitest';

// A warning Node prints during a test file (a listener leak, a deprecated API) fails that file: it would
// otherwise scroll past in the output and stay. Node's notes on experimental features are not defects.
const warnings: string[] = [];
process.on('warning', (warning) => {
  if (warning.name !== 'ExperimentalWarning') warnings.push(`${warning.name}: ${warning.message}`);
});

afterAll(() => {
  expect(warnings, 'warnings printed by Node during this file').toEqual([]);
});
