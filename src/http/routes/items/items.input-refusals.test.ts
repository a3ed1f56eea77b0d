import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { addDays } from '../../../domain/dates.ts';
import { DEFAULT_CHECKLIST } from '../../../domain/evaluation.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { evaluationResponses } from '../supervision/supervision.schema.ts';
import type { itemDetail } from './items.schema.ts';

type Evaluation = Static<(typeof evaluationResponses)[200]>;

/**
 * Issue 14, "nothing changed silently": each value the pages once clamped or reverted is refused by the server too,
 * in words naming the reason, and leaves every table as it was.
 */
describe.each(testDialects())('refused input changes nothing on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let unitAdmin: TestClient;

  const item = async (id: number) => (await unitAdmin.get(`/api/items/${id}`)).json<Static<typeof itemDetail>>();
  const today = () => t.clock.now.toISOString().slice(0, 10);
  const checklist = (deductions: Record<string, number> = {}) =>
    DEFAULT_CHECKLIST.map((e) => ({
      key: e.key,
      label: e.label,
      points: e.points,
      deduction: deductions[e.key] ?? 0,
      note: null,
    }));
  /** The call is refused with this status and code, in Chinese words containing `words`, and no table changes. */
  const refusedUnchanged = async (
    call: () => Promise<{ statusCode: number; body: string; json: <T>() => T }>,
    status: number,
    code: string,
    words?: string,
  ) => {
    const before = await tableCounts(handle.db);
    const res = await call();
    expect(res.statusCode, res.body).toBe(status);
    const { error } = res.json<ErrorBody>();
    expect(error.code).toBe(code);
    if (words) expect(error.message).toContain(words);
    expect(await tableCounts(handle.db)).toEqual(before);
  };

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    [office, unitAdmin] = await Promise.all(['office', 'unitadmina'].map((u) => t.login(u)));
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('refuses a measure deadline before the feedback date, naming that date, on add and on edit', async () => {
    const before = addDays(w.feedbackOn, -1);
    await refusedUnchanged(
      () => unitAdmin.post(`/api/items/${w.itemA1}/measures`, { content: '补充措施', deadline: before }),
      400,
      'deadline_before_feedback',
      w.feedbackOn,
    );
    const measure = (await item(w.itemA1)).measures[0];
    await refusedUnchanged(
      () => unitAdmin.patch(`/api/measures/${measure.id}`, { version: measure.version, deadline: before }),
      400,
      'deadline_before_feedback',
      w.feedbackOn,
    );
    expect((await item(w.itemA1)).measures[0]).toMatchObject({ deadline: measure.deadline, version: measure.version });
  });

  it('refuses a 督办 due date before today (the page once turned 12-01 into its default) and sends nothing', async () => {
    const orderBody = (dueOn: string) => ({
      targets: [{ unitId: w.unitA.id }],
      title: '加快推进整改',
      content: '请于期限内报送整改进展',
      dueOn,
    });
    await refusedUnchanged(
      () => office.post('/api/supervision/orders', orderBody(addDays(today(), -6))),
      400,
      'due_in_past',
    );
    const sent = await office.post('/api/supervision/orders', orderBody(today()));
    expect(sent.statusCode, sent.body).toBe(201);
  });

  it('refuses a deduction of 30 on a 25-point entry and of −5, keeping the saved evaluation as it was', async () => {
    const saved = await office.post('/api/supervision/evaluations', {
      inspectionId: w.inspectionA,
      entries: checklist({ completion: 5 }),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const first = saved.json<Evaluation>();
    expect(DEFAULT_CHECKLIST.find((e) => e.key === 'completion')?.points).toBe(25);
    const send = (deduction: number) => () =>
      office.post('/api/supervision/evaluations', {
        inspectionId: w.inspectionA,
        entries: checklist({ completion: deduction }),
        version: first.version,
      });
    await refusedUnchanged(send(30), 400, 'bad_deduction', '25');
    await refusedUnchanged(send(-5), 400, 'validation');
    await refusedUnchanged(send(25.3), 400, 'bad_deduction');
    const now = (await office.get(`/api/supervision/evaluations?roundId=${w.roundId}`)).json<{
      evaluations: Evaluation[];
    }>().evaluations;
    expect(now.find((e) => e.id === first.id)).toMatchObject({ score: 95, version: first.version });
  });

  it('refuses a measure added to a closed item, alone or among others, and adds none', async () => {
    await handle.db
      .updateTable('items')
      .set({ state: 'closed', closed_on: today() })
      .where('id', '=', w.itemA2)
      .execute();
    const measures = (await item(w.itemA2)).measures.length;
    await refusedUnchanged(
      () => unitAdmin.post(`/api/items/${w.itemA2}/measures`, { content: '销号后补充的措施' }),
      409,
      'measure_on_closed_item',
      '已销号',
    );
    await refusedUnchanged(
      () =>
        unitAdmin.post('/api/plan/measures', {
          itemIds: [w.itemA1, w.itemA2],
          measure: { content: '举一反三', kind: 'deadline' },
        }),
      409,
      'measure_on_closed_item',
    );
    expect((await item(w.itemA2)).measures).toHaveLength(measures);
    // An open item still takes one: the refusal is about the state, not the form.
    const open = await unitAdmin.post(`/api/items/${w.itemA1}/measures`, { content: '补充措施' });
    expect(open.statusCode, open.body).toBe(201);
  });
});
