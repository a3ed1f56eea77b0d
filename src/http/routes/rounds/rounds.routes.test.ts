import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, expectRefusals, type Refusal, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { roundList, teamList } from './rounds.schema.ts';

describe.each(testDialects())('editing rounds, aspects and teams on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  const round = async (id: number) =>
    (await office.get('/api/rounds')).json<Static<typeof roundList>>().rounds.find((r) => r.id === id) ??
    expect.unreachable(`round ${id} listed`);
  const team = async (id: number) =>
    (await office.get('/api/teams')).json<Static<typeof teamList>>().teams.find((x) => x.id === id) ??
    expect.unreachable(`team ${id} listed`);
  const put = (client: TestClient, url: string, body: unknown) =>
    client.inject({ method: 'PUT', url, payload: body as Record<string, unknown> });
  const auditActions = async () =>
    (await handle.db.selectFrom('audit_events').select('action').orderBy('id').execute()).map((r) => r.action);

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

  it('renames a round and corrects its dates, with an audit event', async () => {
    const before = await round(w.roundId);
    const res = await office.patch(`/api/rounds/${w.roundId}`, {
      version: before.version,
      name: '十届市委第一轮巡察（调整）',
      endsOn: '2026-06-15',
    });
    expect(res.statusCode).toBe(204);
    const after = await round(w.roundId);
    expect(after).toMatchObject({
      name: '十届市委第一轮巡察（调整）',
      startsOn: '2026-03-01',
      endsOn: '2026-06-15',
      version: before.version + 1,
    });
    expect(await auditActions()).toContain('round.update');
  });

  it('renames and reorders the aspects of a round', async () => {
    const r = await round(w.roundId);
    const [first, second, third] = r.aspects;
    expect(
      (await office.patch(`/api/aspects/${second.id}`, { version: second.version, name: '作风建设方面' })).statusCode,
    ).toBe(204);
    const reorder = await put(office, `/api/rounds/${w.roundId}/aspect-order`, {
      version: r.version,
      aspectIds: [third.id, first.id, second.id],
    });
    expect(reorder.statusCode).toBe(204);
    const after = await round(w.roundId);
    expect(after.aspects.map((a) => a.name)).toEqual([third.name, first.name, '作风建设方面']);
    expect(after.aspects.map((a) => a.sortOrder)).toEqual([0, 1, 2]);
    expect(after.version).toBe(r.version + 1);
    expect(await auditActions()).toEqual(expect.arrayContaining(['aspect.update', 'aspect.reorder']));
    // The ledger snapshot orders by the round's aspect order, and every item row keeps its aspect id.
    const item = await handle.db.selectFrom('items').select('aspect_id').where('id', '=', w.itemA1).executeTakeFirst();
    expect(item?.aspect_id).toBe(first.id);
  });

  it('renames a team and records its leader', async () => {
    const before = await team(w.teamB);
    const res = await office.patch(`/api/teams/${w.teamB}`, {
      version: before.version,
      name: '市委第二巡察组（调整）',
      leaderName: null,
    });
    expect(res.statusCode).toBe(204);
    expect(await team(w.teamB)).toMatchObject({
      name: '市委第二巡察组（调整）',
      leaderName: null,
      version: before.version + 1,
    });
    expect(await auditActions()).toContain('team.update');
  });

  it('refuses bad edits and changes nothing', async () => {
    const unitAdmin = await t.login('unitadmina');
    const admin = await t.login('admin');
    const r = await round(w.roundId);
    const tm = await team(w.teamA);
    const [a0, a1, a2] = r.aspects;
    const ids = r.aspects.map((a) => a.id);
    const rowsBefore = {
      rounds: await office.get('/api/rounds').then((x) => x.json()),
      teams: await office.get('/api/teams').then((x) => x.json()),
    };
    const countsBefore = await tableCounts(handle.db);
    const cases: Refusal[] = [
      [
        'round: not the office',
        () => unitAdmin.patch(`/api/rounds/${r.id}`, { version: r.version, name: 'x' }),
        403,
        'forbidden',
      ],
      [
        'round: stale version',
        () => office.patch(`/api/rounds/${r.id}`, { version: r.version - 1, name: 'x' }),
        409,
        'stale_version',
      ],
      [
        'round: end before start',
        () => office.patch(`/api/rounds/${r.id}`, { version: r.version, endsOn: '2026-01-01' }),
        400,
        'date_order',
      ],
      [
        'round: not a date',
        () => office.patch(`/api/rounds/${r.id}`, { version: r.version, startsOn: '2026-13-45x' }),
        400,
        'validation',
      ],
      [
        'round: empty name',
        () => office.patch(`/api/rounds/${r.id}`, { version: r.version, name: '' }),
        400,
        'validation',
      ],
      [
        'round: nothing to change',
        () => office.patch(`/api/rounds/${r.id}`, { version: r.version }),
        400,
        'validation',
      ],
      ['round: unknown', () => office.patch('/api/rounds/99999', { version: 1, name: 'x' }), 404, 'not_found'],
      [
        'aspect: not the office',
        () => unitAdmin.patch(`/api/aspects/${a0.id}`, { version: a0.version, name: 'x' }),
        403,
        'forbidden',
      ],
      [
        'aspect: duplicate name',
        () => office.patch(`/api/aspects/${a0.id}`, { version: a0.version, name: a1.name }),
        409,
        'duplicate_aspect',
      ],
      [
        'aspect: stale version',
        () => office.patch(`/api/aspects/${a0.id}`, { version: a0.version + 3, name: '新名称' }),
        409,
        'stale_version',
      ],
      ['aspect: unknown', () => office.patch('/api/aspects/99999', { version: 1, name: '新名称' }), 404, 'not_found'],
      [
        'order: not the office',
        () => put(unitAdmin, `/api/rounds/${r.id}/aspect-order`, { version: r.version, aspectIds: ids }),
        403,
        'forbidden',
      ],
      [
        'order: one missing',
        () => put(office, `/api/rounds/${r.id}/aspect-order`, { version: r.version, aspectIds: [a0.id, a1.id] }),
        400,
        'aspect_order',
      ],
      [
        'order: listed twice',
        () => put(office, `/api/rounds/${r.id}/aspect-order`, { version: r.version, aspectIds: [a0.id, a0.id, a1.id] }),
        400,
        'aspect_order',
      ],
      [
        'order: foreign aspect',
        () => put(office, `/api/rounds/${r.id}/aspect-order`, { version: r.version, aspectIds: [a0.id, a1.id, 99999] }),
        400,
        'aspect_order',
      ],
      [
        'order: stale round version',
        () =>
          put(office, `/api/rounds/${r.id}/aspect-order`, { version: r.version - 1, aspectIds: [a2.id, a1.id, a0.id] }),
        409,
        'stale_version',
      ],
      [
        'order: empty list',
        () => put(office, `/api/rounds/${r.id}/aspect-order`, { version: r.version, aspectIds: [] }),
        400,
        'validation',
      ],
      [
        'team: not the office',
        () => unitAdmin.patch(`/api/teams/${tm.id}`, { version: tm.version, name: 'x' }),
        403,
        'forbidden',
      ],
      [
        'team: stale version',
        () => admin.patch(`/api/teams/${tm.id}`, { version: tm.version + 1, name: 'x' }),
        409,
        'stale_version',
      ],
      [
        'team: leader too long',
        () => office.patch(`/api/teams/${tm.id}`, { version: tm.version, leaderName: '长'.repeat(51) }),
        400,
        'validation',
      ],
      [
        'team: unknown field',
        () => office.patch(`/api/teams/${tm.id}`, { version: tm.version, roundId: 1 }),
        400,
        'validation',
      ],
      ['team: unknown', () => office.patch('/api/teams/99999', { version: 1, name: 'x' }), 404, 'not_found'],
    ];
    await expectRefusals(cases, expect);
    expect(await tableCounts(handle.db)).toEqual(countsBefore);
    expect(await office.get('/api/rounds').then((x) => x.json())).toEqual(rowsBefore.rounds);
    expect(await office.get('/api/teams').then((x) => x.json())).toEqual(rowsBefore.teams);
  });
});
