import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import { deflatedZeros, zipOf } from '../../../test/zip-bomb.ts';
import type { ErrorBody } from '../../schemas.ts';

const MIB = 1 << 20;

/**
 * The attack of issue 11 (hole 6): a 1.55 MB .docx with eight 190 MiB parts grew the server by 1.62 GB and held
 * /api/health for 10–14 s. The bomb is built here, in memory; the import must refuse it without inflating it whole and
 * without holding the event loop.
 */
describe.each(testDialects())('a .docx bomb in notice import on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
  });

  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const importDocx = (bytes: Buffer) =>
    office.inject({
      method: 'POST',
      url: '/api/notice-imports',
      ...multipart({ unitId: String(w.unitA.id), roundId: String(w.roundId) }, { name: 'bomb.docx', content: bytes }),
    });

  /**
   * Starts the import and, while it runs, asks for /api/health every 25 ms; each answer's delay is counted from the
   * moment it was due, so a blocked event loop (the timer firing late) counts as well as a slow answer.
   */
  async function refusedWhileHealthAnswers(bomb: Buffer) {
    const before = await tableCounts(handle.db);
    const started = performance.now();
    let done = false;
    const pending = importDocx(bomb).finally(() => {
      done = true;
    });
    const delays: number[] = [];
    const probe = async () => {
      for (let due = started + 25; !done; due += 25) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        const health = await t.app.inject({ method: 'GET', url: '/api/health' });
        expect(health.statusCode).toBe(200);
        delays.push(performance.now() - due);
      }
    };
    const [res] = await Promise.all([pending, probe()]);
    const importMs = performance.now() - started;
    expect(Math.max(...delays), `health answered ${delays.length} times`).toBeLessThan(1000);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json<ErrorBody>().error.code).toBe('too_large');
    expect(await tableCounts(handle.db)).toEqual(before);
    return { delays, importMs };
  }

  it('refuses eight honest 190 MiB parts by their declared sizes', async () => {
    const parts = Array.from({ length: 8 }, (_, i) => ({
      name: `word/document${i === 0 ? '' : i}.xml`,
      data: deflatedZeros(190),
      declaredSize: 190 * MIB,
    }));
    const bomb = zipOf(parts);
    expect(bomb.length).toBeLessThan(2 * MIB);
    const { importMs } = await refusedWhileHealthAnswers(bomb);
    expect(importMs).toBeLessThan(2000);
  });

  it('refuses parts that lie about their size while inflating, with /api/health answering meanwhile', async () => {
    const parts = Array.from({ length: 8 }, (_, i) => ({
      name: `word/document${i === 0 ? '' : i}.xml`,
      data: deflatedZeros(190),
      declaredSize: 4096,
    }));
    await refusedWhileHealthAnswers(zipOf(parts));
  });
});
