import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../test/global-setup.ts';
import { type OwnPostgres, startOwnPostgres } from '../test/own-postgres.ts';

const ADMIN_PASSWORD = 'Restart-test-9';

/**
 * The landed main died for good on a PostgreSQL restart ("Unhandled 'error' event … terminating connection due to
 * administrator command"). This runs the real `rectify serve` on a PostgreSQL server of the test's own, restarts that
 * server under requests, and expects the same process to answer 503 with Retry-After meanwhile and 200 after.
 */
describe.skipIf(!inject('postgresAdminUrl'))('rectify serve across a PostgreSQL restart', () => {
  let own: OwnPostgres | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await own?.destroy();
  });

  it('stays up, answers 503 database_unavailable with Retry-After while the database is down, then 200', async () => {
    own = await startOwnPostgres();
    const port = await freePort();
    child = spawn(process.execPath, ['bin/rectify.js', 'serve', '--no-demo', '--no-web'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        DATABASE_URL: own.url,
        RECTIFY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rectify-serve-pg-')),
        RECTIFY_ADMIN_PASSWORD: ADMIN_PASSWORD,
        RECTIFY_RATE_LIMIT_ADDRESS: '0',
        RECTIFY_DB_POOL_SIZE: '3',
        // One process, so the outage is logged once (every worker would log its own).
        RECTIFY_WORKERS: '1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const until = async (what: string, predicate: () => boolean | Promise<boolean>, ms = 120_000) => {
      const deadline = Date.now() + ms;
      while (!(await predicate())) {
        if (Date.now() > deadline) throw new Error(`${what} did not happen:\n${output}`);
        if (child?.exitCode !== null) throw new Error(`serve exited (${child?.exitCode}):\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until('start', () => output.includes('rectify started'));
    const base = `http://127.0.0.1:${port}`;
    const signIn = () =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
    // Parallel traffic through the whole restart: sign-ins (reads and writes) and readiness polls.
    const answers: { status: number; code?: string; retryAfter: string | null; url: string }[] = [];
    let running = true;
    const loop = async (url: 'login' | 'ready') => {
      while (running) {
        const res = await (url === 'login' ? signIn() : fetch(`${base}/api/health/ready`));
        const body = (await res.json()) as { error?: { code: string }; failed?: string[] };
        answers.push({
          status: res.status,
          code: body.error?.code ?? body.failed?.join(),
          retryAfter: res.headers.get('retry-after'),
          url,
        });
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const loops = [loop('login'), loop('login'), loop('login'), loop('login'), loop('ready')];
    try {
      await until('sign-ins', () => answers.filter((a) => a.status === 200 && a.url === 'login').length >= 10);
      await own.stop();
      const stoppedAt = answers.length;
      await until(
        '503s',
        () => answers.slice(stoppedAt).filter((a) => a.status === 503 && a.url === 'login').length >= 10,
      );
      await new Promise((r) => setTimeout(r, 1500));
      await own.start();
      const restartedAt = answers.length;
      await until(
        'recovery',
        () => answers.slice(restartedAt).filter((a) => a.status === 200 && a.url === 'login').length >= 10,
      );
    } finally {
      running = false;
      await Promise.all(loops);
    }
    expect(child.exitCode).toBeNull();
    const refused = answers.filter((a) => a.status !== 200);
    const logins = refused.filter((a) => a.url === 'login');
    expect(logins.length).toBeGreaterThan(0);
    expect(new Set(logins.map((a) => `${a.status} ${a.code}`))).toEqual(new Set(['503 database_unavailable']));
    for (const a of logins) expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(new Set(refused.filter((a) => a.url === 'ready').map((a) => `${a.status} ${a.code}`))).toEqual(
      new Set(['503 database']),
    );
    expect(output).not.toMatch(/Unhandled 'error' event/);
    expect(output.match(/database unavailable; requests answer 503/g)).toHaveLength(1);
    expect(output.match(/"msg":"database is back"/g)).toHaveLength(1);
    expect((await signIn()).status).toBe(200);
  }, 300_000);
});
