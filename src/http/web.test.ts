import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../test/databases.ts';
import { TEST_NOW, testConfig } from '../test/factories.ts';
import { buildApp } from './app.ts';

describe('the built pages (SQLite: what is tested is HTTP, not the database)', () => {
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  const script = `console.log(${JSON.stringify('巡察整改'.repeat(200))});`;

  beforeAll(async () => {
    handle = await createTestDatabase('sqlite');
    const webDir = mkdtempSync(path.join(tmpdir(), 'rectify-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    const page = '<!doctype html><script type="module" src="/assets/app-1a2b3c.js"></script>';
    writeFileSync(path.join(webDir, 'index.html'), page);
    writeFileSync(path.join(webDir, 'index.html.gz'), gzipSync(page));
    writeFileSync(path.join(webDir, 'assets', 'app-1a2b3c.js'), script);
    writeFileSync(path.join(webDir, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(script));
    writeFileSync(path.join(webDir, 'assets', 'app-1a2b3c.js.gz'), gzipSync(script));
    app = await buildApp({ db: handle.db, config: testConfig(), now: () => TEST_NOW, webDir });
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
  });

  it('sends the compressed copy the browser accepts, cached for good, and the file itself to one that accepts none', async () => {
    const br = await app.inject({ url: '/assets/app-1a2b3c.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 4);

    const gz = await app.inject({ url: '/assets/app-1a2b3c.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');

    const plain = await app.inject({ url: '/assets/app-1a2b3c.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary, 'a shared cache must not give this copy to a browser that accepts brotli').toMatch(
      /accept-encoding/i,
    );
    expect(plain.payload).toBe(script);
  });

  it('answers a page of the app with index.html, compressed when accepted (no brotli copy: gzip), never cached', async () => {
    const page = await app.inject({
      url: '/ledger',
      headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['cache-control']).toBe('no-cache');
    const root = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(root.statusCode).toBe(200);
    expect(root.headers['content-encoding']).toBeUndefined();
    expect(root.payload).toContain('/assets/app-1a2b3c.js');
  });
});
