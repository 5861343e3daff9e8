import { spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../src/shared/paths.js';
import { sha256 } from '../src/shared/auth.js';
import { dropTestDatabase, newTestDatabaseUrl, startProcess as start, testProvider, until } from './helpers.js';
import { activeSubscriptions, connectLive, follow, RECORD_CHANGES } from './live-client.js';

const READER = 'dg_main-reader';

/** A POST on a connection of its own (fetch would reuse a kept-alive one). */
function postOnNewConnection(url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// The service as an operator runs it: a process configured by the environment, stopped by a signal.
describe('the service process', () => {
  let dir: string;
  let databaseUrl: string;
  let service: ReturnType<typeof start>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-main-'));
    // On SQLite in a folder that does not exist yet; on PostgreSQL an empty database.
    databaseUrl = testProvider === 'sqlite' ? `file:${path.join(dir, 'nested', 'db.sqlite')}` : await newTestDatabaseUrl(dir);
    service = start({ DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', API_KEYS: `reader:reader:${sha256(READER).toString('hex')}` });
    await service.listening;
  });
  afterAll(async () => {
    if (service.child.exitCode === null) (service.child as ChildProcess).kill('SIGKILL');
    await service.exited;
    await dropTestDatabase(databaseUrl);
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

  test('on SIGTERM: stops accepting, finishes the request in flight, closes subscriptions with 1001, exits 0', async () => {
    const url = new URL(await service.listening);
    // A subscriber, whose socket must not hold the shutdown up: it is completed and closed with 1001.
    const live = connectLive(url.href, READER);
    const stream = follow(live.client, RECORD_CHANGES);
    await until(async () => (await activeSubscriptions(url.href)) === 1, 5000, 'the subscription active');
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
    // A new connection is refused...
    await expect(postOnNewConnection(url, body)).rejects.toThrow(/ECONNREFUSED/);
    // ...while one kept alive from before is still answered, and told to close.
    const kept = await fetch(new URL('/readyz', url));
    expect([kept.status, kept.headers.get('connection'), await kept.json()]).toEqual([503, 'close', { status: 'unavailable', reason: 'shutting down' }]);
    expect(await inFlight).toEqual({ status: 200, text: JSON.stringify({ data: { delegations: { totalCount: 2 } } }) + '\n' });
    expect(await service.exited).toBe(0);
    expect(service.lines.join('\n')).toMatch(/"msg":"stopped"/);
    expect(stream.completed).toBe(true);
    expect(live.closes.map((close) => close.code)).toEqual([1001]);
    await live.client.dispose();
  });
});

// Configuration, SQLite paths, ports and draining do not depend on the database: they run once, with SQLite.
const once = testProvider === 'sqlite';

test.runIf(once)('an invalid configuration is reported variable by variable, and the process exits 1', async () => {
  const service = start({ PORT: 'eighty', DATABASE_URL: 'mysql://elsewhere', SEED: 'maybe' });
  expect(await service.exited).toBe(1);
  const output = service.lines.join('\n');
  expect(output).toMatch(/PORT:/);
  expect(output).toMatch(/DATABASE_URL: a SQLite file URL such as file:\S+, or a postgres:\/\/ URL/);
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

describe.runIf(once)('a database path or port the service cannot use is one line, and the process exits 1 at once', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-paths-'));
    mkdirSync(path.join(dir, 'folder.db'));
    writeFileSync(path.join(dir, 'text.db'), 'not a database\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => string, RegExp][] = [
    ['a path under /proc (mkdir there never returns on Node 20)', () => 'file:/proc/delegation-graph/y.db', /^DATABASE_URL points into \/proc, a virtual file system/],
    ['a path under /sys', () => 'file:/sys/delegation-graph.db', /^DATABASE_URL points into \/sys, a virtual file system/],
    ['a device', () => 'file:/dev/null', /^DATABASE_URL points into \/dev, a virtual file system/],
    ['a folder', () => `file:${path.join(dir, 'folder.db')}`, /^DATABASE_URL names a folder \(.*folder\.db\), not a file/],
    ['a path below a file', () => `file:${path.join(dir, 'text.db', 'x.db')}`, /^cannot create the database .*: .*text\.db is a file, not a folder$/],
    ['a file that is not a database', () => `file:${path.join(dir, 'text.db')}`, /^cannot use .*text\.db as the SQLite database: file is not a database$/],
  ];
  test.each(cases)('%s', async (_, url, message) => {
    const service = start({ DATABASE_URL: url(), PORT: '0' });
    const timer = setTimeout(() => service.child.kill('SIGKILL'), 15_000);
    expect(await service.exited).toBe(1);
    clearTimeout(timer);
    expect(service.lines).toHaveLength(1);
    expect(service.lines[0]).toMatch(message);
  });

  test('a port already in use is reported before the database is created or seeded', async () => {
    const holder = createNetServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = holder.address() as AddressInfo;
      const file = path.join(dir, 'never-created.db');
      const service = start({ DATABASE_URL: `file:${file}`, PORT: String(port), HOST: '127.0.0.1' });
      expect(await service.exited).toBe(1);
      expect(service.lines).toEqual([`cannot listen on 127.0.0.1:${port} (EADDRINUSE): the port is already in use by another process: stop it or set PORT`]);
      expect(existsSync(file)).toBe(false);
    } finally {
      holder.close();
    }
  });
});

test.runIf(once)('after SIGTERM, /readyz is 503 on every kept-alive connection until it closes: no 200, no reset', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-drain-'));
  const service = start({ DATABASE_URL: `file:${path.join(dir, 'db.sqlite')}`, PORT: '0', HOST: '127.0.0.1' });
  const url = new URL('/readyz', await service.listening);
  const agent = new Agent({ keepAlive: true, maxSockets: 3 });
  const ready = (): Promise<string> =>
    new Promise((resolve) => {
      const req = request(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(`${res.statusCode} ${res.headers.connection}`));
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
  try {
    let signalled = false;
    const loop = async () => {
      const seen: string[] = [];
      for (let i = 0; i < 400 && seen.at(-1) !== 'ECONNREFUSED'; i++) {
        const result = await ready();
        seen.push(`${signalled ? 'after' : 'before'} ${result}`.replace(/^\w+ ECONNREFUSED$/, 'ECONNREFUSED'));
        if (i === 20 && !signalled) {
          signalled = true;
          service.child.kill('SIGTERM');
        }
      }
      return seen;
    };
    const results = (await Promise.all([loop(), loop(), loop()])).flat();
    expect(results.filter((r) => r.startsWith('before')).every((r) => r === 'before 200 keep-alive')).toBe(true);
    const after = results.filter((r) => r.startsWith('after'));
    // Each connection answers 503 and closes; a request already answered 200 before the signal may be counted
    // "after" (it was in flight when the flag was set in this process, not the service).
    expect(after.filter((r) => r !== 'after 200 keep-alive')).toEqual(expect.arrayContaining(['after 503 close']));
    expect(new Set(after.filter((r) => r !== 'after 200 keep-alive'))).toEqual(new Set(['after 503 close']));
    expect(results.filter((r) => /ECONNRESET|socket hang up/.test(r))).toEqual([]);
    expect(await service.exited).toBe(0);
  } finally {
    agent.destroy();
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
