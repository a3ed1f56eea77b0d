import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliTestDatabase } from '../test/databases.ts';
import { buildWorld, TEST_PASSWORD, type World } from '../test/factories.ts';
import { freePort } from '../test/global-setup.ts';
import {
  REGISTRATION_FRESH_MS,
  registerServer,
  removeStaleTempFiles,
  STALE_AFTER_MS,
  tempFolders,
} from './stale-temp.ts';

const HOUR = 60 * 60 * 1000;

function leftover(dir: string, name: string, ageMs: number) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, 'partial upload');
  const at = new Date(Date.now() - ageMs);
  utimesSync(file, at, at);
  return file;
}

describe('removing temporary files left by killed processes', () => {
  it('removes every leftover when no other server uses the folder, and the registrations of dead ones', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-temp-'));
    const [evidenceTmp, importTmp] = tempFolders(dataDir);
    const young = leftover(evidenceTmp, 'a1b2', 1000);
    const old = leftover(importTmp, 'ledger.xlsx', 2 * HOUR);
    // A server killed on this host: its pid no longer answers.
    const dead = leftover(path.join(dataDir, 'run'), `${hostname()}.999999999`, 1000);
    const cleanup = await removeStaleTempFiles(dataDir);
    expect(cleanup).toMatchObject({ kept: 0, otherServers: 0 });
    expect([young, old, dead].map(existsSync)).toEqual([false, false, false]);
  });

  it('keeps young files while another server on the folder is alive, here or on another host', async () => {
    for (const other of ['this host', 'another host'] as const) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-temp-'));
      const [evidenceTmp] = tempFolders(dataDir);
      const inFlight = leftover(evidenceTmp, 'uploading', 5 * 60 * 1000);
      const abandoned = leftover(evidenceTmp, 'abandoned', STALE_AFTER_MS + 60_000);
      // This test's own process stands for the other server on this host (its pid is alive); another host is alive
      // while its registration is fresh.
      const registration = other === 'this host' ? await registerServer(dataDir) : null;
      if (other === 'another host') leftover(path.join(dataDir, 'run'), 'node-b.4242', REGISTRATION_FRESH_MS / 2);
      const cleanup = await removeStaleTempFiles(dataDir, Date.now(), {
        self: other === 'this host' ? -1 : process.pid,
      });
      expect(cleanup, other).toMatchObject({ kept: 1, otherServers: 1 });
      expect(existsSync(inFlight), other).toBe(true);
      expect(existsSync(abandoned), other).toBe(false);
      await registration?.stop();
    }
  });

  it('forgets another host whose registration has not been touched for minutes', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-temp-'));
    const [evidenceTmp] = tempFolders(dataDir);
    const young = leftover(evidenceTmp, 'young', 1000);
    leftover(path.join(dataDir, 'run'), 'node-b.4242', REGISTRATION_FRESH_MS * 2);
    expect(await removeStaleTempFiles(dataDir)).toMatchObject({ otherServers: 0 });
    expect(existsSync(young)).toBe(false);
  });
});

describe('a server killed with kill -9 in the middle of an upload', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  async function serve(dataDir: string, env: Record<string, string>, port: number) {
    const child = spawn(process.execPath, ['bin/rectify.js', 'serve', '--no-demo', '--no-web'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        ...env,
        RECTIFY_DATA_DIR: dataDir,
        PORT: String(port),
        RECTIFY_SWEEP_SECONDS: '0',
        RECTIFY_WORKERS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 120_000);
      const read = (data: Buffer) => {
        output += data.toString();
        if (output.includes('Rectify serving on') && output.includes('rectify started')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.on('exit', () => reject(new Error(`serve exited:\n${output}`)));
    });
    return { child, output: () => output };
  }

  async function signIn(port: number, username: string) {
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }

  it('leaves a partial file that the next start removes', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-kill-'));
    const { handle, env } = await createCliTestDatabase('sqlite', dataDir);
    const world: World = await buildWorld(handle.db);
    await handle.close();
    const port = await freePort();
    const first = await serve(dataDir, env, port);
    const { cookie, csrf } = await signIn(port, 'depta1');
    const boundary = '----rectifykill';
    const upload = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/items/${world.itemA1}/evidence`,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(40 * 1024 * 1024),
      },
    });
    upload.on('error', () => {});
    upload.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="effectiveOn"\r\n\r\n2026-08-09\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    const evidenceTmp = tempFolders(dataDir)[0];
    const partial = () => (existsSync(evidenceTmp) ? readdirSync(evidenceTmp) : []);
    // A slow upload: a megabyte at a time until the server has a partial file on disk.
    for (let i = 0; i < 200 && partial().length === 0; i++) {
      upload.write(Buffer.alloc(1024 * 1024, 'a'));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(partial()).toHaveLength(1);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    upload.destroy();
    expect(partial(), 'kill -9 leaves the partial file').toHaveLength(1);

    const second = await serve(dataDir, env, port);
    expect(partial(), 'the next start removed it').toEqual([]);
    expect(second.output(), second.output()).toMatch(/"tempFilesRemoved":1/);
    // The server answers, and this one's registration is the only one in the folder.
    expect((await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status).toBe(200);
    expect(readdirSync(path.join(dataDir, 'run'))).toEqual([`${hostname()}.${second.child.pid}`]);
  }, 300_000);
});
