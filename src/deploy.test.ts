import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type tls from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { buildApp } from './http/app.ts';
import { createTestDatabase } from './test/databases.ts';
import { buildWorld, TEST_NOW, TEST_PASSWORD, testConfig, type World } from './test/factories.ts';
import { freePort } from './test/global-setup.ts';

/**
 * deploy/nginx/rectify.conf as shipped, checked by nginx itself: `nginx -t`, then nginx running for real in front of two
 * app servers. The file is used as it is except for what a test machine must change (certificate paths, ports, the
 * app servers' addresses); each of those substitutions must match, so a renamed line fails here instead of going
 * untested.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const SITE = path.join(ROOT, 'deploy/nginx/rectify.conf');
const SERVER_NAME = 'rectify.example.gov.cn';
/** The caller's address: Linux answers the whole of 127/8 on loopback, so a client can come from an address that is
 * neither the proxy's (127.0.0.1) nor on the /metrics allow list. */
const CLIENT_ADDRESS = '127.0.0.5';

function executable(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin']) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

// RECTIFY_TEST_NO_NGINX=1 runs the file as on a machine without nginx (to see the skip).
const NGINX = process.env.RECTIFY_TEST_NO_NGINX === '1' ? null : executable('nginx');
const OPENSSL = executable('openssl');
const MISSING = !NGINX
  ? 'nginx is not installed (apt-get install nginx; .ci/run installs it)'
  : !OPENSSL
    ? 'openssl is not installed (it makes the test certificate)'
    : null;

/** Replaces `from` (a string or pattern) in the text, failing when it is not there. */
function substitute(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`the deploy file no longer contains ${String(from)}; update src/deploy.test.ts`);
  return typeof from === 'string' ? text.split(from).join(to) : text.replace(from, to);
}

interface Ports {
  http: number;
  https: number;
  apps: number[];
}

/** The shipped site, made runnable on this machine: test certificate, free ports, the test's app servers. */
function renderSite(dir: string, ports: Ports): string {
  let site = readFileSync(SITE, 'utf8');
  site = substitute(site, '/etc/rectify/tls/fullchain.pem', path.join(dir, 'cert.pem'));
  site = substitute(site, '/etc/rectify/tls/privkey.pem', path.join(dir, 'key.pem'));
  site = substitute(site, /listen 80;\n\s*listen \[::\]:80;/, `listen 127.0.0.1:${ports.http};`);
  site = substitute(
    site,
    /listen 443 ssl http2;\n\s*listen \[::\]:443 ssl http2;/,
    `listen 127.0.0.1:${ports.https} ssl http2;`,
  );
  const servers = ports.apps.map((port) => `server 127.0.0.1:${port} max_fails=3 fail_timeout=10s;`).join('\n    ');
  site = substitute(site, 'server 127.0.0.1:3000 max_fails=3 fail_timeout=10s;', servers);
  return site;
}

/** A main configuration shaped like Debian's nginx.conf, with every path in the test's folder. */
function mainConfig(dir: string): string {
  return `worker_processes 1;
# One process, running as whoever runs the test (no switch to a worker user that could not read the temp folder).
master_process off;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  protocol?: string;
}

function request(
  url: string,
  options: https.RequestOptions & { body?: string; tlsVersion?: tls.SecureVersion } = {},
): Promise<Answer> {
  const { body, tlsVersion, ...rest } = options;
  const secure = url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      url,
      {
        localAddress: CLIENT_ADDRESS,
        agent: false,
        ...(secure
          ? {
              servername: SERVER_NAME,
              rejectUnauthorized: false,
              ...(tlsVersion ? { minVersion: tlsVersion, maxVersion: tlsVersion } : {}),
            }
          : {}),
        ...rest,
        headers: { host: SERVER_NAME, ...(rest.headers ?? {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        const protocol = secure ? ((res.socket as tls.TLSSocket).getProtocol?.() ?? undefined) : undefined;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), protocol }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The app, not nginx, wrote the answer: every answer of the app carries its security headers. */
const fromApp = (answer: Answer) => answer.headers['x-content-type-options'] === 'nosniff';

describe.skipIf(MISSING !== null)('deploy/nginx/rectify.conf in front of Rectify', () => {
  // Made in beforeAll: a describe body runs at collection even when the suite is skipped.
  let dir = '';
  let ports: Ports;
  let handle: DatabaseHandle;
  let world: World;
  const apps: FastifyInstance[] = [];
  const requestsSeen = [0, 0];
  let nginx: ChildProcess | null = null;
  let nginxOutput = '';

  const nginxArgs = () => ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')];
  const https_ = (pathAndQuery: string) => `https://127.0.0.1:${ports.https}${pathAndQuery}`;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rectify-nginx-'));
    ports = { http: await freePort(), https: await freePort(), apps: [await freePort(), await freePort()] };
    execFileSync(
      OPENSSL as string,
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        '3650',
        '-subj',
        `/CN=${SERVER_NAME}`,
      ],
      { stdio: 'ignore' },
    );
    writeFileSync(path.join(dir, 'site.conf'), renderSite(dir, ports));
    writeFileSync(path.join(dir, 'nginx.conf'), mainConfig(dir));

    // Two app servers on one database, as two machines would be. Each has its own built pages: the second has an
    // asset the first lacks, as during a rolling upgrade.
    handle = await createTestDatabase('sqlite');
    world = await buildWorld(handle.db);
    for (const [i, port] of ports.apps.entries()) {
      const webDir = path.join(dir, `web${i}`);
      mkdirSync(path.join(webDir, 'assets'), { recursive: true });
      writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Rectify</title>');
      const script = `console.log(${JSON.stringify('rectify '.repeat(400))});\n`;
      if (i === 1) writeFileSync(path.join(webDir, 'assets', 'app-new1234.js'), script);
      // RECTIFY_TRUST_PROXY=true, the loosest setting (believe any proxy): even then a caller cannot choose its
      // address, because the proxy replaces X-Forwarded-For. Deployments name the proxy's address (docs/DEPLOYMENT.md).
      const config = testConfig({ RECTIFY_TRUST_PROXY: 'true' });
      const app = await buildApp({ db: handle.db, config, webDir, now: () => TEST_NOW });
      await app.listen({ host: '127.0.0.1', port });
      app.server.on('request', () => {
        requestsSeen[i] += 1;
      });
      apps.push(app);
    }
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    for (const app of apps) await app.close();
    await handle?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes nginx -t without a warning', () => {
    const result = spawnSync(NGINX as string, ['-t', ...nginxArgs()], { encoding: 'utf8' });
    expect(result.stderr).toMatch(/test is successful/);
    // A directive nginx ignores or doubts (a redefined protocol option, a duplicate type) is a warning, not a failure.
    expect(result.stderr).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    expect(result.status).toBe(0);
  });

  it('starts and answers over TLS 1.2 and 1.3, reaching the app', async () => {
    nginx = spawn(NGINX as string, nginxArgs(), { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stdout?.on('data', (c) => {
      nginxOutput += c;
    });
    nginx.stderr?.on('data', (c) => {
      nginxOutput += c;
    });
    // Ready when the TLS port accepts a request.
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await request(https_('/api/health'));
        break;
      } catch (error) {
        if (nginx.exitCode !== null || Date.now() > deadline)
          throw new Error(`nginx did not start: ${nginxOutput} ${String(error)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      const answer = await request(https_('/api/health'), { tlsVersion: version });
      expect(answer.status, version).toBe(200);
      expect(answer.protocol).toBe(version);
      expect(JSON.parse(answer.body.toString())).toMatchObject({ status: 'ok' });
      expect(fromApp(answer)).toBe(true);
    }
  });

  it('speaks HTTP/2 to browsers that offer it', async () => {
    const session = http2.connect(https_(''), { rejectUnauthorized: false, servername: SERVER_NAME });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': '/api/health', ':authority': SERVER_NAME });
        stream.on('response', (headers) => resolve(Number(headers[':status'])));
        stream.on('error', reject);
        stream.resume();
        stream.end();
      });
      expect(session.alpnProtocol).toBe('h2');
      expect(status).toBe(200);
    } finally {
      session.close();
    }
  });

  it('sends plain HTTP to HTTPS, keeping the path and query', async () => {
    const answer = await request(`http://127.0.0.1:${ports.http}/ledger?unit=3`);
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe(`https://${SERVER_NAME}/ledger?unit=3`);
  });

  it("gives the app the caller's address and the https scheme, and no address the caller made up", async () => {
    const answer = await request(https_('/api/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ username: world.users.office.username, password: TEST_PASSWORD }),
    });
    expect(answer.status).toBe(200);
    // Secure cookie and HSTS: the app believed X-Forwarded-Proto from the proxy it trusts.
    expect(String(answer.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    expect(answer.headers['strict-transport-security']).toMatch(/max-age=/);
    const sessions = await handle.db.selectFrom('sessions').select('source_address').execute();
    expect(sessions.map((s) => s.source_address)).toEqual([CLIENT_ADDRESS]);
  });

  it('marks the API uncacheable and compresses JSON', async () => {
    const answer = await request(https_('/api/health'), { headers: { 'accept-encoding': 'gzip' } });
    expect(answer.headers['cache-control']).toBe('no-store');
    const login = await request(https_('/api/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: world.users.office.username, password: TEST_PASSWORD }),
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const openapi = await request(https_('/api/openapi.json'), { headers: { cookie, 'accept-encoding': 'gzip' } });
    expect(openapi.status).toBe(200);
    expect(openapi.headers['content-encoding']).toBe('gzip');
    expect(openapi.headers['cache-control']).toBe('no-store');
  });

  it('caches hashed assets for a year and finds one only some servers have (rolling upgrade)', async () => {
    for (let i = 0; i < 4; i++) {
      const answer = await request(https_('/assets/app-new1234.js'), { headers: { 'accept-encoding': 'gzip' } });
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers['content-encoding']).toBe('gzip');
    }
    const missing = await request(https_('/assets/app-gone.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();
  });

  it('lets /metrics through from the allow list only', async () => {
    const outside = await request(https_('/metrics'));
    expect(outside.status).toBe(403);
    expect(fromApp(outside)).toBe(false);
    const allowed = await request(https_('/metrics'), { localAddress: '127.0.0.1' });
    expect(fromApp(allowed)).toBe(true);
  });

  it('answers a body over client_max_body_size with 413 in the app’s error shape, before reading it', async () => {
    const answer = await request(https_('/api/items/1/evidence'), {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(60 * 1024 * 1024) },
      // Only the headers go: nginx refuses on the declared length.
      body: '',
    }).catch((error) => error as Error);
    if (answer instanceof Error) throw answer;
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body.toString()).error.code).toBe('too_large');
  });

  it('spreads requests over the app servers and keeps answering when one stops', async () => {
    const before = [...requestsSeen];
    for (let i = 0; i < 10; i++) expect((await request(https_('/api/health'))).status).toBe(200);
    expect(requestsSeen[0]).toBeGreaterThan(before[0]);
    expect(requestsSeen[1]).toBeGreaterThan(before[1]);
    await apps[0].close();
    for (let i = 0; i < 10; i++) expect((await request(https_('/api/health'))).status).toBe(200);
  });
});

if (MISSING) it.skip(`deploy/nginx/rectify.conf under nginx: ${MISSING}`, () => {});

describe('deploy/rectify.env.example', () => {
  it('is a valid configuration once its placeholders are filled in', () => {
    const env: Record<string, string> = {};
    for (const line of readFileSync(path.join(ROOT, 'deploy/rectify.env.example'), 'utf8').split('\n')) {
      const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      if (match) env[match[1]] = match[2];
    }
    const folder = mkdtempSync(path.join(tmpdir(), 'rectify-env-'));
    try {
      const filled = Object.fromEntries(
        Object.entries(env).map(([name, value]) => {
          if (!value.includes('CHANGE-ME')) return [name, value];
          if (name.endsWith('_KEY')) return [name, 'ab'.repeat(32)];
          return [name, value.replace(/CHANGE-ME[\w-]*/, 'a-long-secret-1')];
        }),
      );
      // The folders the example names exist only on a server.
      const config = loadConfig({ ...filled, RECTIFY_DATA_DIR: folder, RECTIFY_BACKUP_DIR: folder });
      expect(config.databaseUrl).toBe('postgres://rectify:a-long-secret-1@127.0.0.1:5432/rectify');
      expect(config.trustProxy).toEqual(['127.0.0.1']);
      expect(config.separationOfDuties).toBe(true);
      expect(config.requireTwoFactor).toBe(true);
      expect(config.maxUploadBytes).toBe(50 * 1024 * 1024);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('leaves every secret to be filled in', () => {
    const text = readFileSync(path.join(ROOT, 'deploy/rectify.env.example'), 'utf8');
    for (const name of ['RECTIFY_AUDIT_KEY', 'RECTIFY_EVIDENCE_KEY', 'RECTIFY_ADMIN_PASSWORD', 'DATABASE_URL'])
      expect(text).toMatch(new RegExp(`^${name}=.*CHANGE-ME`, 'm'));
  });
});

const SYSTEMD_ANALYZE = executable('systemd-analyze');

describe.skipIf(!SYSTEMD_ANALYZE)('deploy/rectify.service', () => {
  it('passes systemd-analyze verify', () => {
    // verify checks that ExecStart's program exists: point it at the node running this test, wherever it lives.
    const dir = mkdtempSync(path.join(tmpdir(), 'rectify-unit-'));
    try {
      const unit = substitute(
        readFileSync(path.join(ROOT, 'deploy/rectify.service'), 'utf8'),
        'ExecStart=/usr/bin/node ',
        `ExecStart=${process.execPath} `,
      );
      writeFileSync(path.join(dir, 'rectify.service'), unit);
      const result = spawnSync(SYSTEMD_ANALYZE as string, ['verify', path.join(dir, 'rectify.service')], {
        encoding: 'utf8',
      });
      expect(`${result.stdout}${result.stderr}`).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

if (!SYSTEMD_ANALYZE)
  it.skip('deploy/rectify.service under systemd-analyze verify: systemd-analyze is not installed', () => {});
