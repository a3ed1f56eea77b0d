import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { AUDIT_KEY_FILE } from '../storage/audit-files.ts';
import { multipart } from '../test/api.ts';
import { createCliTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, TEST_AUDIT_KEY_HEX, TEST_PASSWORD } from '../test/factories.ts';
import { freePort } from '../test/global-setup.ts';
import { startTestS3, type TestS3 } from '../test/s3.ts';

/**
 * Real `rectify serve` processes (--no-web), spawned as an operator would start them: several workers on one SQLite
 * file, and two servers on one PostgreSQL database sharing the evidence. Few and coarse, since each start compiles the
 * sources; everything finer is tested in-process (src/db/cache-coherence.test.ts, src/scheduler/index.test.ts).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

/** Where one machine's workers keep evidence: its data folder. (Two servers share an S3 bucket instead, below.) */
const storageEnv = (dataDir: string): Record<string, string> => ({ RECTIFY_DATA_DIR: dataDir });

interface Server {
  port: number;
  child: ChildProcess;
  out: string[];
  err: string[];
  exited: Promise<number | null>;
}

const started: Server[] = [];

/** The last lines a server wrote, for a failure's message. */
const tail = (server: Server) => [...server.err.slice(-25), ...server.out.slice(-15)].join('\n');

/** Lines as written, whichever way the pipe cut them into chunks. */
function collectLines(stream: NodeJS.ReadableStream | null, into: string[]) {
  let partial = '';
  stream?.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    into.push(...lines.filter(Boolean));
  });
}

/** A step that must end within `ms`, failing with what the server said rather than hanging the whole test. */
async function within<T>(server: Server, what: string, step: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no end after ${ms} ms; the server wrote:\n${tail(server)}`)),
      ms,
    );
  });
  try {
    return await Promise.race([step, late]);
  } finally {
    clearTimeout(timer);
  }
}

const START_MS = 120_000;

/**
 * Spawns `rectify serve` on a free port. A port found free can be taken by another test's connection before the
 * server binds it; the server then stops with an error (it does not retry for ever), and it is started again on
 * another port.
 */
async function startServer(env: Record<string, string>): Promise<Server> {
  for (let attempt = 1; ; attempt++) {
    const server = await spawnServer(env);
    try {
      await within(server, 'start', server.ready, START_MS);
      return server;
    } catch (error) {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      if (attempt < 3 && server.err.some((l) => l.includes('EADDRINUSE'))) continue;
      throw error;
    }
  }
}

async function spawnServer(env: Record<string, string>): Promise<Server & { ready: Promise<void> }> {
  const port = await freePort();
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'DATABASE_URL',
    ),
  );
  const child = spawn(process.execPath, ['bin/rectify.js', 'serve', '--no-web', '--no-demo'], {
    cwd: ROOT,
    env: {
      ...base,
      HOST: '127.0.0.1',
      PORT: String(port),
      // The world's passwords were set on the tests' fixed day; real time has moved on.
      RECTIFY_PASSWORD_MAX_AGE_DAYS: '0',
      RECTIFY_LOG_LEVEL: 'debug',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const server = { port, child, out: [] as string[], err: [] as string[], exited };
  started.push(server);
  collectLines(child.stdout, server.out);
  collectLines(child.stderr, server.err);
  const ready = new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (server.out.some((l) => l.startsWith('Rectify serving on'))) {
        clearInterval(check);
        resolve();
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(check);
      reject(new Error(`server exited (${code}) before serving:\n${server.err.join('\n')}`));
    });
  });
  // A start that failed and was retried must not leave an unhandled rejection behind.
  ready.catch(() => {});
  return { ...server, ready };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json<T = Record<string, unknown>>(): T;
}

/** One request on a connection of its own (so that a cluster spreads them over its workers). */
function call(
  port: number,
  method: string,
  url: string,
  options: { session?: Session; json?: unknown; body?: Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const body = options.json !== undefined ? Buffer.from(JSON.stringify(options.json)) : options.body;
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (options.session) {
    headers.cookie = options.session.cookie;
    headers['x-csrf-token'] = options.session.csrf;
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: url, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: all,
          json: <T>() => JSON.parse(all.toString()) as T,
        });
      });
    });
    req.on('error', reject);
    // A request that no process answers fails the step that sent it, naming it, instead of the whole test's timeout.
    req.setTimeout(CALL_MS, () => req.destroy(new Error(`${method} ${url} on ${port}: no answer in ${CALL_MS} ms`)));
    req.end(body);
  });
}

const CALL_MS = 60_000;

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(port: number, username: string): Promise<Session> {
  const res = await call(port, 'POST', '/api/auth/login', { json: { username, password: TEST_PASSWORD } });
  if (res.status !== 200) throw new Error(`sign-in of ${username} on ${port}: ${res.status} ${res.body.toString()}`);
  const setCookie = res.headers['set-cookie'];
  return {
    cookie: String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0],
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  };
}

/** The processes that answered requests, from their request log lines, in order. */
const servingPids = (server: Server) =>
  server.out.filter((l) => /"msg":"(slow )?request"/.test(l)).map((l) => (JSON.parse(l) as { pid: number }).pid);

async function until(done: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

afterAll(() => {
  for (const server of started) if (server.child.exitCode === null) server.child.kill('SIGKILL');
});

describe('RECTIFY_WORKERS=2 on one SQLite file', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-workers-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves from both workers, queues parallel writes, replaces workers on SIGHUP, restarts a killed one, and stops on SIGTERM after the request in flight', async () => {
    const { handle } = await createCliTestDatabase('sqlite', dataDir);
    const { itemA1 } = await buildWorld(handle.db);
    await handle.close();
    const server = await startServer({ ...storageEnv(dataDir), RECTIFY_WORKERS: '2', RECTIFY_SWEEP_SECONDS: '0' });

    // Sign-ins write (attempts cleared, a session, an audit event): twenty at once, over both processes.
    const names = ['office', 'office2', 'unitadmina', 'leadera', 'depta1', 'depta2', 'unitadminb', 'leaderb', 'deptb1'];
    const answers = await within(
      server,
      'twenty sign-ins at once',
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call(server.port, 'POST', '/api/auth/login', {
            json: { username: names[i % names.length], password: TEST_PASSWORD },
          }),
        ),
      ),
      90_000,
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(new Set(servingPids(server)).size).toBe(2);

    // Commands read and then write in one transaction; from two processes at once they queue, none fails.
    const deptA1 = await signIn(server.port, 'depta1');
    // The first entry starts the item (a versioned change: concurrent first entries would rightly meet a 409).
    const first = await call(server.port, 'POST', `/api/items/${itemA1}/progress`, {
      session: deptA1,
      json: { entryOn: '2026-08-10', content: '启动整改' },
    });
    expect(first.status).toBe(201);
    const progress = await within(
      server,
      'sixteen progress entries at once',
      Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          call(server.port, 'POST', `/api/items/${itemA1}/progress`, {
            session: deptA1,
            json: { entryOn: '2026-08-10', content: `第${i + 1}次整改进展` },
          }),
        ),
      ),
      90_000,
    );
    expect(progress.map((p) => p.status)).toEqual(progress.map(() => 201));

    // SIGHUP replaces the workers one at a time: requests sent all along are answered.
    const polled: number[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        polled.push((await call(server.port, 'GET', '/api/health')).status);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    server.child.kill('SIGHUP');
    await within(
      server,
      'SIGHUP',
      until(() => server.err.some((l) => l.includes('all workers replaced')), 180_000),
      185_000,
    );
    polling = false;
    await within(server, 'the last poll', poll, 65_000);
    expect(polled.length).toBeGreaterThan(10);
    expect(polled.filter((status) => status !== 200)).toEqual([]);

    // A worker killed outright is started again: one of the new workers, as the next request names it.
    const served = servingPids(server).length;
    expect((await call(server.port, 'GET', '/api/health')).status).toBe(200);
    await until(() => servingPids(server).length > served, 10_000);
    const newest = servingPids(server).at(-1) as number;
    process.kill(newest, 'SIGKILL');
    await within(
      server,
      'the restart of a killed worker',
      until(() => server.err.some((l) => l.includes(`(pid ${newest}) exited (SIGKILL); restarting`)), 30_000),
      35_000,
    );
    expect((await call(server.port, 'GET', '/api/health')).status).toBe(200);

    // A request in flight when SIGTERM arrives is answered; then every process exits 0.
    const session = await signIn(server.port, 'office');
    const payload = Buffer.from(JSON.stringify({ username: 'leadera', password: TEST_PASSWORD }));
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/auth/login',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': String(payload.length) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(payload.subarray(0, 10));
      // Long enough for a worker to have read the headers (the request is then in flight, not an idle connection).
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(payload.subarray(10)), 1000);
      }, 2000);
    });
    expect(await within(server, 'the request in flight at SIGTERM', inFlight, 60_000)).toBe(200);
    expect(await within(server, 'the stop after SIGTERM', server.exited, 60_000)).toBe(0);
    expect(session.cookie).toBeTruthy();
  }, 600_000);
});

describe('a cluster whose workers cannot start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-workers-fail-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops with an error, naming the worker, instead of restarting it for ever (the port is taken)', async () => {
    const { handle } = await createCliTestDatabase('sqlite', dataDir);
    await handle.close();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      const server = await spawnServer({
        ...storageEnv(dataDir),
        RECTIFY_WORKERS: '2',
        RECTIFY_SWEEP_SECONDS: '0',
        PORT: String(port),
      });
      expect(await within(server, 'the failed start', server.exited, START_MS)).toBe(1);
      expect(server.err.join('\n')).toMatch(/worker \d \(pid \d+\) exited \(code 1\) before the server started/);
      expect(server.err.join('\n')).toContain('EADDRINUSE');
    } finally {
      taken.close();
    }
  }, 180_000);
});

describe.runIf(testDialects().includes('postgres'))('two servers on one PostgreSQL database and one S3 bucket', () => {
  // Two machines: each its own data folder (the same audit key, as DEPLOYMENT.md asks), the evidence in one bucket.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-two-servers-a-'));
  const otherDataDir = mkdtempSync(path.join(tmpdir(), 'rectify-two-servers-b-'));
  let handle: DatabaseHandle;
  let s3: TestS3 | undefined;
  afterAll(async () => {
    await handle?.close();
    await s3?.stop();
    for (const dir of [dataDir, otherDataDir]) rmSync(dir, { recursive: true, force: true });
  });

  it("carry an item's whole flow across both, one killed in the middle, with caches and the sweep agreeing", async () => {
    const created = await createCliTestDatabase('postgres', dataDir);
    handle = created.handle;
    const w = await buildWorld(handle.db);
    s3 = await startTestS3('two-servers');
    writeFileSync(path.join(otherDataDir, AUDIT_KEY_FILE), TEST_AUDIT_KEY_HEX, { mode: 0o600 });
    const env = { ...created.env, ...s3.env, RECTIFY_STORAGE: 's3', RECTIFY_WORKERS: '1', RECTIFY_SWEEP_SECONDS: '1' };
    const [a, b] = await Promise.all([
      startServer({ ...env, RECTIFY_DATA_DIR: dataDir }),
      startServer({ ...env, RECTIFY_DATA_DIR: otherDataDir }),
    ]);

    // Signed in on A, the session holds on B.
    const deptA1 = await signIn(a.port, 'depta1');
    expect((await call(b.port, 'GET', '/api/auth/session', { session: deptA1 })).status).toBe(200);
    const progress = await call(a.port, 'POST', `/api/items/${w.itemA1}/progress`, {
      session: deptA1,
      json: { entryOn: '2026-08-10', content: '修订财务审批制度，组织专题培训' },
    });
    expect(progress.status).toBe(201);

    // Uploaded through A, downloaded through B.
    const form = multipart({ effectiveOn: '2026-08-09', note: '制度文件' }, { name: '财务审批制度.pdf', content: PDF });
    const up = await call(a.port, 'POST', `/api/items/${w.itemA1}/evidence`, {
      session: deptA1,
      body: form.payload,
      headers: form.headers,
    });
    expect(up.status).toBe(201);
    const detailOn = async (port: number, session: Session) =>
      (await call(port, 'GET', `/api/items/${w.itemA1}`, { session })).json<{
        version: number;
        state: string;
        evidence: { id: number }[];
      }>();
    let detail = await detailOn(b.port, deptA1);
    const file = await call(b.port, 'GET', `/api/evidence/${detail.evidence[0].id}/file`, { session: deptA1 });
    expect(file.status).toBe(200);
    expect(file.body.equals(PDF)).toBe(true);
    // B read it from the bucket: neither machine's data folder holds it.
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(await s3.backend('evidence/').head(sha)).not.toBeNull();
    for (const dir of [dataDir, otherDataDir])
      expect(readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith(sha))).toEqual([]);

    // Close-out requested on B, approved by the unit's leader on A.
    const requested = await call(b.port, 'POST', `/api/items/${w.itemA1}/transitions`, {
      session: deptA1,
      json: { event: 'request_close', version: detail.version, note: '制度已修订并印发' },
    });
    expect(requested.status).toBe(204);
    const leaderA = await signIn(a.port, 'leadera');
    detail = await detailOn(a.port, leaderA);
    const approved = await call(a.port, 'POST', `/api/items/${w.itemA1}/transitions`, {
      session: leaderA,
      json: { event: 'approve', version: detail.version, note: '同意' },
    });
    expect(approved.status).toBe(204);

    // Sessions ended on A are refused by B on the very next request; a move to another unit is seen at once.
    const admin = await signIn(a.port, 'admin');
    const leaderB = await signIn(b.port, 'leaderb');
    expect((await call(b.port, 'GET', '/api/items', { session: leaderA })).status).toBe(200);
    expect((await call(a.port, 'DELETE', `/api/users/${w.users.leaderA.id}/sessions`, { session: admin })).status).toBe(
      204,
    );
    expect((await call(b.port, 'GET', '/api/items', { session: leaderA })).status).toBe(401);
    const itemsOf = async (session: Session) =>
      (await call(b.port, 'GET', '/api/items?limit=100', { session }))
        .json<{ items: { id: number }[] }>()
        .items.map((i) => i.id);
    expect(await itemsOf(leaderB)).toEqual([w.itemB1]);
    const users = (await call(a.port, 'GET', '/api/users', { session: admin })).json<{
      users: { id: number; version: number }[];
    }>().users;
    const version = users.find((u) => u.id === w.users.leaderB.id)?.version;
    const moved = await call(a.port, 'PATCH', `/api/users/${w.users.leaderB.id}`, {
      session: admin,
      json: { version, unitId: w.unitA.id },
    });
    expect(moved.status).toBe(204);
    expect((await call(b.port, 'GET', '/api/items', { session: leaderB })).status).toBe(401);
    expect((await itemsOf(await signIn(b.port, 'leaderb'))).sort()).toEqual([w.itemA1, w.itemA2].sort());

    // A dies without a word; B carries on: the office confirms and takes the binder with A's upload in it.
    a.child.kill('SIGKILL');
    await a.exited;
    const office = await signIn(b.port, 'office');
    detail = await detailOn(b.port, office);
    const confirmed = await call(b.port, 'POST', `/api/items/${w.itemA1}/transitions`, {
      session: office,
      json: { event: 'confirm', version: detail.version, note: '核查属实' },
    });
    expect(confirmed.status).toBe(204);
    const binder = await call(b.port, 'GET', `/api/inspections/${w.inspectionA}/binder.zip`, { session: office });
    expect(binder.status).toBe(200);
    expect(binder.body.includes(Buffer.from('财务审批制度'))).toBe(true);

    // Both swept every second under one lease: each reminder went out once.
    const notifications = await handle.db
      .selectFrom('notifications')
      .select(['user_id', 'link', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['user_id', 'link', 'kind'])
      .execute();
    expect(notifications.length).toBeGreaterThan(0);
    expect(notifications.filter((n) => Number(n.n) > 1)).toEqual([]);

    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 300_000);
});
