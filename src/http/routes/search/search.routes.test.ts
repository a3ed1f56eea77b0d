import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildProgress, buildPublicComment, buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { searchResponses } from './search.schema.ts';

type Results = Static<(typeof searchResponses)[200]>['results'];

/** Issue 16: GET /api/search reads what the ledger lets the user read, and marks the matches as ranges, never HTML. */
describe.each(testDialects())('GET /api/search on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  let t: TestApp;
  const who: Record<string, TestClient> = {};

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    await buildProgress(handle.db, {
      itemId: w.itemA2,
      entryOn: '2026-08-01',
      content: '经核查，已查明3台车<b>违规</b>停放，已收回并加装北斗定位',
    });
    t = await createTestApp(handle);
    for (const name of ['office', 'unitadmina', 'unitadminb', 'depta1', 'depta2']) who[name] = await t.login(name);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const find = async (name: string, q: string) => {
    const res = await who[name].get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ results: Results }>().results;
  };

  it('finds a word of a progress note with its item, and marks it by offsets in plain text', async () => {
    const [hit, ...rest] = await find('office', '查明3台车');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ kind: 'progress', item: { id: w.itemA2, title: '公务用车管理不严' } });
    const { text, ranges } = hit.snippet;
    expect(ranges).toHaveLength(1);
    expect(text.slice(ranges[0].start, ranges[0].end)).toBe('查明3台车');
    // The text is the note as written: markup in it is text, not HTML the server produced.
    expect(text).toContain('<b>违规</b>');
    const two = await find('office', '北斗');
    expect(two.map((r) => r.kind)).toEqual(['progress']);
  });

  it('finds a public comment linked to no item, with no item, for those who read the notice’s comments', async () => {
    const id = await buildPublicComment(handle.db, w.inspectionA, '村务公开栏长期未更新', w.users.unitAdminA.id);
    const [hit, ...rest] = await find('unitadmina', '村务公开栏');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ kind: 'comment', id, item: null });
    expect(await find('unitadminb', '村务公开栏')).toEqual([]);
    expect(await find('depta1', '村务公开栏')).toEqual([]);
  });

  it('is scoped as the ledger: unit B and unit A’s other department find nothing of it', async () => {
    expect(await find('unitadminb', '查明3台车')).toEqual([]);
    expect(await find('unitadminb', '北斗')).toEqual([]);
    expect(await find('depta1', '查明3台车')).toEqual([]);
    expect((await find('depta2', '查明3台车')).length).toBe(1);
    expect((await find('unitadmina', '北斗')).length).toBe(1);
    // The item titles of unit B are B's alone (the title and its measure, which repeats it).
    const b = await find('unitadminb', '采购程序');
    expect(new Set(b.map((r) => r.item?.id))).toEqual(new Set([w.itemB1]));
    expect(b.map((r) => r.kind).sort()).toEqual(['item', 'measure']);
    expect(await find('unitadmina', '采购程序')).toEqual([]);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await tableCounts(handle.db);
    const long = '查'.repeat(101);
    for (const query of [
      '',
      'q=',
      'q=%20%20',
      `q=${encodeURIComponent(long)}`,
      'q=abc&limit=0',
      'q=abc&limit=51',
      'q=abc&limit=x',
      'q=abc&x=1',
    ]) {
      const res = await who.office.get(`/api/search?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBeTypeOf('string');
    }
    expect((await who.office.get(`/api/search?q=${encodeURIComponent('查'.repeat(100))}&limit=50`)).statusCode).toBe(
      200,
    );
    expect(await tableCounts(handle.db)).toEqual(before);
  });
});
