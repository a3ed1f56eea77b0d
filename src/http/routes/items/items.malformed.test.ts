import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { ITEM_SORTS } from '../../../domain/views.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Issue 11 (hole 9): malformed input that answered 500 must be a 400 with a catalogue key, and change nothing. */
describe.each(testDialects())('malformed paging cursors and multipart bodies on %s', (dialect) => {
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

  const refused = async (url: string) => {
    const res = await office.get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
    return res.json<ErrorBody>().error.code;
  };

  it.each(ITEM_SORTS)(
    'refuses a cursor whose sort value is not a scalar of the sort’s type (sort=%s)',
    async (sort) => {
      const flagged = sort === 'number';
      const tail = flagged ? [1, 0] : [1];
      for (const value of [{ a: 1 }, [1, 2], null, true, sort === 'number' || sort === 'id' ? 'x' : 7]) {
        const after = cursorOf([value, ...tail]);
        expect(await refused(`/api/items?sort=${sort}&after=${after}`)).toBe('bad_cursor');
      }
    },
  );

  it('refuses a cursor given as an object or a list in the query string', async () => {
    for (const query of ['after[a]=1', 'after[]=1&after[]=2', 'after=a&after=b']) {
      const code = await refused(`/api/items?${query}`);
      expect(['validation', 'bad_cursor']).toContain(code);
    }
  });

  it('still pages with a good cursor (the baseline)', async () => {
    const first = await office.get('/api/items?sort=deadline&limit=1');
    const { nextCursor } = first.json<{ nextCursor: string }>();
    expect(nextCursor).toBeTruthy();
    expect((await office.get(`/api/items?sort=deadline&limit=1&after=${nextCursor}`)).statusCode).toBe(200);
  });

  it('refuses a multipart request without a boundary on every upload route, and changes nothing', async () => {
    const unitAdminA = await t.login('unitadmina');
    const deptA1 = await t.login('depta1');
    const before = await tableCounts(handle.db);
    const cases: [TestClient, string][] = [
      [office, '/api/notice-imports'],
      [unitAdminA, `/api/inspections/${w.inspectionA}/ledger-imports`],
      [deptA1, `/api/items/${w.itemA1}/evidence`],
    ];
    for (const [client, url] of cases) {
      for (const contentType of [
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; charset=utf-8',
      ]) {
        const res = await client.inject({
          method: 'POST',
          url,
          headers: { 'content-type': contentType },
          payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
        });
        expect(res.statusCode, `${url} ${contentType}: ${res.body}`).toBe(400);
        expect(res.json<ErrorBody>().error.code).toBe('multipart_boundary_missing');
      }
    }
    expect(await tableCounts(handle.db)).toEqual(before);
  });
});
