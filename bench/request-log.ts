/**
 * node --import tsx bench/request-log.ts — how many bytes of log 10,000 requests write (issue 12: one load test wrote
 * 268 MB of request logs). The real app on an in-memory SQLite database, its logger writing into a counter, 10,000
 * signed-in ledger requests through inject; the same requests through a bare Fastify app with Fastify's default request
 * logging at info, which is what the app did before.
 */
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { pino } from 'pino';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { buildWorld, TEST_PASSWORD, testConfig } from '../src/test/factories.ts';

const REQUESTS = 10_000;

function counter() {
  const counted = { bytes: 0 };
  const stream = new Writable({
    write(chunk, _encoding, done) {
      counted.bytes += chunk.length;
      done();
    },
  });
  return { counted, stream };
}

async function appAt(level: 'info' | 'debug') {
  const handle = openSqlite(':memory:');
  await migrateToLatest(handle);
  await buildWorld(handle.db);
  const { counted, stream } = counter();
  const config = testConfig({ RECTIFY_LOG_LEVEL: level });
  const app = await buildApp({ db: handle.db, config, logger: pino({ level }, stream) });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'office', password: TEST_PASSWORD },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  counted.bytes = 0;
  for (let i = 0; i < REQUESTS; i++)
    await app.inject({ method: 'GET', url: '/api/items?limit=50', headers: { cookie } });
  await app.close();
  await handle.close();
  return counted.bytes;
}

async function fastifyDefault() {
  const { counted, stream } = counter();
  const app = Fastify({ loggerInstance: pino({ level: 'info' }, stream) });
  app.get('/api/items', async () => ({ items: [] }));
  for (let i = 0; i < REQUESTS; i++) await app.inject({ method: 'GET', url: '/api/items?limit=50' });
  await app.close();
  return counted.bytes;
}

const rows = [
  ['Fastify default request logging, info (before)', await fastifyDefault()],
  ['Rectify at info', await appAt('info')],
  ['Rectify at debug', await appAt('debug')],
] as const;
for (const [what, bytes] of rows)
  console.log(`${what}: ${bytes.toLocaleString('en')} bytes per ${REQUESTS.toLocaleString('en')} requests`);
