import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { captureIo } from '../test/cli.ts';
import { createCliTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../test/factories.ts';
import { main } from './main.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../notices/fixtures/${name}`, import.meta.url));

describe.each(testDialects())('rectify notice import on %s', (dialect) => {
  const saved = { ...process.env };
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-notice-import-'));
  let handle: DatabaseHandle;
  let w: World;
  const run = async (...args: string[]) => {
    const c = captureIo();
    const code = await main(['notice', 'import', ...args], c.io);
    return { code, out: c.out.join('\n'), err: c.err.join('\n') };
  };
  const target = () => ['--unit', String(w.unitA.id), '--round', String(w.roundId)];

  beforeAll(async () => {
    const opened = await createCliTestDatabase(dialect, dir);
    handle = opened.handle;
    w = await buildWorld(handle.db);
    process.env.RECTIFY_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    Object.assign(process.env, opened.env);
  });
  afterAll(async () => {
    process.env = saved;
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews by default (text and JSON) and writes nothing', async () => {
    const before = await tableCounts(handle.db);
    const text = await run(fixture('import-notice.txt'), ...target());
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/3 个问题 problems, 5 个事项 items/);
    expect(text.out).toMatch(/--confirm/);
    const json = await run(fixture('import-notice.txt'), ...target(), '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).counts.items).toBe(5);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('exits 2 on unreadable input and bad arguments, 1 when the plan has errors; nothing written', async () => {
    const before = await tableCounts(handle.db);
    const junk = path.join(dir, 'junk.txt');
    writeFileSync(junk, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256)));
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const fakeDocx = path.join(dir, 'fake.docx');
    writeFileSync(fakeDocx, '不是 zip');
    for (const file of [junk, empty, fakeDocx, path.join(dir, 'missing.txt')]) {
      const r = await run(file, ...target(), '--confirm');
      expect(r.code, file).toBe(2);
      expect(r.err, file).toMatch(/ \/ /);
    }
    expect((await run(fixture('import-notice.txt'))).code).toBe(2);
    expect((await run(fixture('import-notice.txt'), ...target(), '--team', 'x')).code).toBe(2);
    expect((await run(fixture('import-notice.txt'), ...target(), '--bogus')).code).toBe(2);
    const prose = await run(fixture('prose-only.txt'), ...target(), '--confirm');
    expect(prose.code).toBe(1);
    expect(prose.out).toMatch(/未识别出整改事项/);
    const outsider = await run(fixture('import-notice.txt'), ...target(), '--confirm', '--as', 'unitadmina');
    expect(outsider.code).toBe(2);
    expect(outsider.err).toMatch(/not allowed/);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('imports with --confirm, printing the new inspection id, and refuses a second import', async () => {
    const before = await tableCounts(handle.db);
    const done = await run(fixture('import-notice.txt'), ...target(), '--confirm', '--json', '--as', 'office');
    expect(done.code).toBe(0);
    const { inspectionId, counts } = JSON.parse(done.out);
    expect(inspectionId).toEqual(expect.any(Number));
    const after = await tableCounts(handle.db);
    expect(after.items - before.items).toBe(counts.items);
    expect(after.inspections - before.inspections).toBe(1);
    const again = await run(fixture('import-notice.txt'), ...target(), '--confirm');
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already exists/);
    expect(await tableCounts(handle.db)).toEqual(after);
  });
});
