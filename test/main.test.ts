import { spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../src/shared/paths.js';
import { startProcess as start } from './helpers.js';

// The service as an operator runs it: a process configured by the environment, stopped by a signal.
describe('the service process', () => {
  let dir: string;
  let service: ReturnType<typeof start>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-main-'));
    service = start({ DATABASE_URL: `file:${path.join(dir, 'nested', 'db.sqlite')}`, PORT: '0', HOST: '127.0.0.1' });
    await service.listening;
  });
  afterAll(() => {
    if (service.child.exitCode === null) (service.child as ChildProcess).kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('creates, migrates and seeds its database, then answers on the URL it logs', async () => {
    const url = await service.listening;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ delegations { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { delegations: { totalCount: 2 } } });
    const logged = service.lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    expect(logged.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['applied database migrations', 'seed article loaded']));
  });

  test('on SIGTERM: stops accepting, finishes the request in flight, closes the database, exits 0', async () => {
    const url = new URL(await service.listening);
    // A request in flight: headers sent, body still on its way when the signal arrives.
    const body = JSON.stringify({ query: '{ delegations { totalCount } }' });
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        service.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 100);
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).rejects.toThrow();
    expect(await inFlight).toEqual({ status: 200, text: JSON.stringify({ data: { delegations: { totalCount: 2 } } }) + '\n' });
    expect(await service.exited).toBe(0);
    expect(service.lines.join('\n')).toMatch(/"msg":"stopped"/);
  });
});

test('an invalid configuration is reported variable by variable, and the process exits 1', async () => {
  const service = start({ PORT: 'eighty', DATABASE_URL: 'postgres://elsewhere', SEED: 'maybe' });
  expect(await service.exited).toBe(1);
  const output = service.lines.join('\n');
  expect(output).toMatch(/PORT:/);
  expect(output).toMatch(/DATABASE_URL: a SQLite file URL/);
  expect(output).toMatch(/SEED:/);
  expect(output).not.toMatch(/\n\s+at /);
});

// Root writes anywhere, so as root the service runs as `nobody` here (as a container runs it as `node`);
// that needs a checkout `nobody` can read. Where it cannot (a root-only temporary clone), the case is skipped.
const runAs = process.getuid?.() === 0 ? 65534 : undefined;
const canRunAs =
  runAs === undefined || spawnSync(process.execPath, ['--import', 'tsx', '-e', '0'], { cwd: projectRoot, uid: runAs, stdio: 'ignore' }).status === 0;

test.skipIf(!canRunAs)('a database folder the service cannot write to is named in a one-line error, and the process exits 1', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-readonly-'));
  chmodSync(dir, 0o555);
  try {
    const service = start({ DATABASE_URL: `file:${path.join(dir, 'db.sqlite')}`, PORT: '0' }, runAs);
    expect(await service.exited).toBe(1);
    expect(service.lines.join('\n')).toMatch(new RegExp(`the database folder ${dir} is not writable`));
  } finally {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});
