import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { MAX_VIEWS_PER_PAGE } from '../../../domain/views.ts';
import { listAuditEvents } from '../../../repositories/audit.repository.ts';
import { createTestApp, expectRefusals, type Refusal, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { savedViewSchema, savedViews } from './views.schema.ts';

type SavedView = Static<typeof savedViewSchema>;
type SavedViews = Static<typeof savedViews>;

const state = {
  filters: { state: ['in_progress', 'not_started'], overdue: true, q: '公车' },
  sort: 'deadline',
  order: 'asc',
  columns: ['number', 'title', 'deadline', 'state'],
  pageSize: 50,
};

describe.each(testDialects())('saved views on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let office: TestClient;
  let dept: TestClient;
  const remove = (client: TestClient, id: number | string) =>
    client.inject({ method: 'DELETE', url: `/api/views/${id}` });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
    dept = await t.login('depta1');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('saves, lists, replaces by name and deletes a view, each change audited', async () => {
    const created = await office.post('/api/views', { page: 'ledger', name: '  逾期未办  ', state });
    expect(created.statusCode).toBe(201);
    const view = created.json<SavedView>();
    expect(view).toMatchObject({ page: 'ledger', name: '逾期未办', state });

    const listed = await office.get('/api/views?page=ledger');
    expect(listed.json<SavedViews>().views).toEqual([view]);

    const replaced = await office.post('/api/views', {
      page: 'ledger',
      name: '逾期未办',
      state: { ...state, sort: 'updated', order: 'desc' },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json<SavedView>()).toMatchObject({ id: view.id, state: { sort: 'updated', order: 'desc' } });
    expect((await office.get('/api/views?page=ledger')).json<SavedViews>().views).toHaveLength(1);

    expect((await remove(office, view.id)).statusCode).toBe(204);
    expect((await office.get('/api/views?page=ledger')).json<SavedViews>().views).toEqual([]);

    const events = await listAuditEvents(handle.db, { entity: 'saved_view', entityId: view.id, limit: 10 });
    expect(events.map((e) => e.action).sort()).toEqual(['view.create', 'view.delete', 'view.update']);
  });

  it("keeps a person's views from everyone else: not listed, not deletable, not overwritten", async () => {
    const mine = (await office.post('/api/views', { page: 'ledger', name: '我的视图', state })).json<SavedView>();
    expect((await dept.get('/api/views?page=ledger')).json<SavedViews>().views).toEqual([]);

    const before = await tableCounts(handle.db);
    const gone = await remove(dept, mine.id);
    expect(gone.statusCode).toBe(404);
    expect(gone.json<ErrorBody>().error.code).toBe('not_found');
    expect(await tableCounts(handle.db)).toEqual(before);

    // The same name is another person's own view, not a replacement of the first.
    const theirs = await dept.post('/api/views', {
      page: 'ledger',
      name: '我的视图',
      state: { ...state, pageSize: 20 },
    });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json<SavedView>().id).not.toBe(mine.id);
    expect((await office.get('/api/views?page=ledger')).json<SavedViews>().views[0].state.pageSize).toBe(50);
  });

  it('refuses bad views and changes nothing', async () => {
    const before = await tableCounts(handle.db);
    const save = (body: unknown) => office.post('/api/views', body);
    const cases: Refusal[] = [
      ['no page', () => office.get('/api/views'), 400, 'validation'],
      ['unknown page', () => office.get('/api/views?page=nowhere'), 400, 'validation'],
      ['no name', () => save({ page: 'ledger', state }), 400, 'validation'],
      ['blank name', () => save({ page: 'ledger', name: '   ', state }), 400, 'validation'],
      ['name too long', () => save({ page: 'ledger', name: '长'.repeat(41), state }), 400, 'validation'],
      ['unknown page saved', () => save({ page: 'home', name: 'x', state }), 400, 'validation'],
      [
        'a filter the ledger does not take',
        () => save({ page: 'ledger', name: 'x', state: { ...state, filters: { colour: 'red' } } }),
        400,
        'validation',
      ],
      [
        'a state the workflow does not know',
        () => save({ page: 'ledger', name: 'x', state: { ...state, filters: { state: ['lost'] } } }),
        400,
        'validation',
      ],
      [
        'a bad deadline date',
        () => save({ page: 'ledger', name: 'x', state: { ...state, filters: { deadlineFrom: '2026/01/01' } } }),
        400,
        'validation',
      ],
      [
        'an unknown sort',
        () => save({ page: 'ledger', name: 'x', state: { ...state, sort: 'title' } }),
        400,
        'validation',
      ],
      [
        'a page size not offered',
        () => save({ page: 'ledger', name: 'x', state: { ...state, pageSize: 7 } }),
        400,
        'validation',
      ],
      [
        'a column key that is not a name',
        () => save({ page: 'ledger', name: 'x', state: { ...state, columns: ['<script>'] } }),
        400,
        'validation',
      ],
      ['state missing', () => save({ page: 'ledger', name: 'x' }), 400, 'validation'],
      ['delete a view that never was', () => remove(office, 999999), 404, 'not_found'],
      ['delete with a non-numeric id', () => remove(office, 'abc'), 400, 'validation'],
    ];
    await expectRefusals(cases, expect);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it(`stops at ${MAX_VIEWS_PER_PAGE} views a page, still allowing a replacement`, async () => {
    const leader = await t.login('leadera');
    for (let i = 0; i < MAX_VIEWS_PER_PAGE; i++)
      expect((await leader.post('/api/views', { page: 'ledger', name: `视图${i}`, state })).statusCode).toBe(201);
    const before = await tableCounts(handle.db);
    const refused = await leader.post('/api/views', { page: 'ledger', name: '再多一个', state });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorBody>().error.code).toBe('too_many_views');
    expect(await tableCounts(handle.db)).toEqual(before);
    expect((await leader.post('/api/views', { page: 'ledger', name: '视图0', state })).statusCode).toBe(200);
  });

  it('asks for a sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/views?page=ledger' });
    expect(res.statusCode).toBe(401);
  });
});
