import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, expectRefusals, type Refusal, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, type World } from '../../../test/factories.ts';
import type { ledgerPage } from '../items/items.schema.ts';
import type { trendResponse, warningsResponse } from './stats.schema.ts';

type Warnings = Static<typeof warningsResponse>;
type Trend = Static<typeof trendResponse>;

// The tests run on 2026-08-15 (TEST_NOW) with the default thresholds: green within 20 days, yellow within 10.
describe.each(testDialects())('statistics on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let leaderA: TestClient;
  let deptA2: TestClient;
  let teamA: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    // A1 overdue since 08-01 and still open; A2 due 08-31 (16 days: green); B1 was late from 07-21 until closed on 08-10.
    await handle.db.updateTable('items').set({ deadline: '2026-08-01' }).where('id', '=', w.itemA1).execute();
    await handle.db
      .updateTable('items')
      .set({ deadline: '2026-07-20', state: 'closed', result: 'completed', closed_on: '2026-08-10' })
      .where('id', '=', w.itemB1)
      .execute();
    t = await createTestApp(handle);
    [office, leaderA, deptA2, teamA] = await Promise.all(
      ['office', 'leadera', 'depta2', 'teama'].map((u) => t.login(u)),
    );
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('counts open items by warning colour within the reader’s scope', async () => {
    const all = (await office.get('/api/stats/warnings')).json<Warnings>();
    expect(all).toEqual({
      today: '2026-08-15',
      thresholds: { green: 20, yellow: 10 },
      counts: { open: 2, red: 1, yellow: 0, green: 1, later: 0, noDeadline: 0 },
    });
    expect((await deptA2.get('/api/stats/warnings')).json<Warnings>().counts).toEqual({
      open: 1,
      red: 0,
      yellow: 0,
      green: 1,
      later: 0,
      noDeadline: 0,
    });
    const unitB = (await office.get(`/api/stats/warnings?unitId=${w.unitB.id}`)).json<Warnings>().counts;
    expect(unitB.open).toBe(0);
  });

  it('puts the yellow boundary where the ledger rows put it', async () => {
    await handle.db.updateTable('items').set({ deadline: '2026-08-25' }).where('id', '=', w.itemA2).execute();
    const counts = (await leaderA.get('/api/stats/warnings')).json<Warnings>().counts;
    const rows = (await leaderA.get('/api/items?state=not_started')).json<Static<typeof ledgerPage>>().items;
    await handle.db.updateTable('items').set({ deadline: '2026-08-31' }).where('id', '=', w.itemA2).execute();
    expect(counts).toMatchObject({ red: 1, yellow: 1, green: 0 });
    expect(rows.map((r) => r.warning).sort()).toEqual(['red', 'yellow']);
  });

  it('draws overdue over time from deadlines and closing dates, week by week since feedback', async () => {
    const res = await office.get(`/api/stats/overdue-trend?roundId=${w.roundId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<Trend>()).toEqual({
      today: '2026-08-15',
      from: '2026-07-01',
      points: [
        { date: '2026-07-01', overdue: 0 },
        { date: '2026-07-08', overdue: 0 },
        { date: '2026-07-15', overdue: 0 },
        { date: '2026-07-22', overdue: 1 },
        { date: '2026-07-29', overdue: 1 },
        { date: '2026-08-05', overdue: 2 },
        { date: '2026-08-12', overdue: 1 },
        { date: '2026-08-15', overdue: 1 },
      ],
    });
    const unitA = (await leaderA.get(`/api/stats/overdue-trend?roundId=${w.roundId}`)).json<Trend>().points;
    expect(unitA.map((p) => p.overdue)).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
    const team = (await teamA.get(`/api/stats/overdue-trend?roundId=${w.roundId}`)).json<Trend>().points;
    expect(team).toEqual(unitA);
    const drill = (
      await office.get(`/api/stats/overdue-trend?roundId=${w.roundId}&unitId=${w.unitB.id}`)
    ).json<Trend>();
    expect(drill.points.map((p) => p.overdue)).toEqual([0, 0, 0, 1, 1, 1, 0, 0]);
  });

  it('has no trend before anything was fed back', async () => {
    await handle.db.updateTable('inspections').set({ feedback_on: null }).execute();
    const res = (await office.get(`/api/stats/overdue-trend?roundId=${w.roundId}`)).json<Trend>();
    await handle.db.updateTable('inspections').set({ feedback_on: w.feedbackOn }).execute();
    expect(res).toEqual({ today: '2026-08-15', from: null, points: [] });
  });

  it('refuses bad queries with a clear error', async () => {
    const cases: Refusal[] = [
      ['trend without a round', () => office.get('/api/stats/overdue-trend'), 400, 'validation'],
      ['unknown round', () => office.get('/api/stats/overdue-trend?roundId=9999'), 404, 'not_found'],
      ['round id not a number', () => office.get('/api/stats/overdue-trend?roundId=abc'), 400, 'validation'],
      ['unknown filter', () => office.get('/api/stats/warnings?colour=red'), 400, 'validation'],
      ['zero unit id', () => office.get('/api/stats/warnings?unitId=0'), 400, 'validation'],
    ];
    await expectRefusals(cases, expect);
  });

  it('asks for a signed-in reader', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/stats/warnings' });
    expect(res.statusCode).toBe(401);
  });
});
