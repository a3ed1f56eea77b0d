import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../../db/database.ts';
import { insertRound, insertTeam, listRounds } from '../../../repositories/rounds.repository.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildInspection, buildItem, buildWorld, TEST_NOW, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { aspectMappingView, repeatsResponses } from './recurrence.schema.ts';

type View = Static<typeof aspectMappingView>;
type Repeats = Static<(typeof repeatsResponses)[200]>;

// Issue 15, point 8: the office maps an earlier round's aspects to a later round's, renamed; repeats follow the mapping.
describe.each(testDialects())('aspect mapping between rounds on %s', (dialect) => {
  let handle: DatabaseHandle;
  let db: Db;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let later: number;
  let laterAspects: { id: number; name: string }[];
  let inspectionLater: number;
  let receptionLater: number;
  let filesLater: number;
  let receptionEarlier: number;
  let filesEarlier: number;

  const put = (client: TestClient, url: string, payload: object) => client.inject({ method: 'PUT', url, payload });
  const url = (laterId: number, earlierId: number) => `/api/rounds/${laterId}/aspect-mappings/${earlierId}`;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    db = handle.db;
    w = await buildWorld(db);
    t = await createTestApp(handle);
    office = await t.login('office');
    // The world's round names its aspects 党的领导方面, 全面从严治党方面, 干部队伍建设方面; the later round renamed them.
    later = await insertRound(
      db,
      {
        committeeUnitId: w.committee.id,
        name: '十届市委第二轮巡察',
        startsOn: '2026-09-01',
        endsOn: '2026-11-30',
        aspects: ['一、党的领导方面存在的问题', '二、推进全面从严治党向纵深发展方面存在的问题', '三、组织建设方面'],
      },
      TEST_NOW,
    );
    laterAspects = ((await listRounds(db)).find((r) => r.id === later)?.aspects ?? []).map(({ id, name }) => ({
      id,
      name,
    }));
    const team = await insertTeam(db, { roundId: later, name: '市委第三巡察组', leaderName: null }, TEST_NOW);
    inspectionLater = await buildInspection(db, {
      roundId: later,
      teamId: team,
      unitId: w.unitA.id,
      from: '2026-09-05',
      to: '2026-10-20',
    });
    const earlierBase = { inspection_id: w.inspectionA, unit_id: w.unitA.id, round_id: w.roundId } as const;
    receptionEarlier = await buildItem(db, {
      ...earlierBase,
      aspect_id: w.aspectIds[1],
      title: '公务接待审批管理不规范',
    });
    filesEarlier = await buildItem(db, {
      ...earlierBase,
      aspect_id: w.aspectIds[2],
      title: '干部人事档案管理不够规范',
    });
    const laterBase = { inspection_id: inspectionLater, unit_id: w.unitA.id, round_id: later } as const;
    receptionLater = await buildItem(db, { ...laterBase, aspect_id: laterAspects[1].id, title: '公务接待管理不规范' });
    // Very alike, under an aspect nobody maps to 干部队伍建设: found whatever the mapping.
    filesLater = await buildItem(db, { ...laterBase, aspect_id: laterAspects[0].id, title: '干部人事档案管理不规范' });
  });

  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const repeatsOf = async () =>
    (await office.get(`/api/inspections/${inspectionLater}/repeats`)).json<Repeats>().repeats.map((r) => ({
      id: r.item.id,
      earlier: r.earlier.map((e) => ({ id: e.item.id, similarity: e.similarity, reason: e.reason })),
    }));

  it('misses the renamed aspects before a mapping, but keeps very similar titles', async () => {
    expect(await repeatsOf()).toEqual([
      { id: filesLater, earlier: [{ id: filesEarlier, similarity: 0.85, reason: { kind: 'title' } }] },
    ]);
  });

  it('suggests a mapping: names compared without numbering and suffixes, then by similarity', async () => {
    const res = await office.get(url(later, w.roundId));
    expect(res.statusCode).toBe(200);
    const view = res.json<View>();
    expect(view.saved).toBe(false);
    expect(view.pairs[0].suggestion).toMatchObject({ by: 'same_name', similarity: 1 });
    expect(view.pairs[1].suggestion).toMatchObject({ by: 'similar', similarity: 0.42 });
    expect(view.laterRound).toEqual({ id: later, name: '十届市委第二轮巡察' });
    expect(view.pairs.map((p) => [p.earlierAspect.id, p.suggestion?.aspect.id ?? null, p.savedLaterAspectIds])).toEqual(
      [
        [w.aspectIds[0], laterAspects[0].id, null],
        [w.aspectIds[1], laterAspects[1].id, null],
        [w.aspectIds[2], null, null],
      ],
    );
  });

  it('saves the office’s mapping, audited, and the repeat appears with its reason', async () => {
    const res = await put(office, url(later, w.roundId), {
      pairs: [
        { earlierAspectId: w.aspectIds[0], laterAspectIds: [laterAspects[0].id] },
        { earlierAspectId: w.aspectIds[1], laterAspectIds: [laterAspects[1].id] },
        { earlierAspectId: w.aspectIds[2], laterAspectIds: [laterAspects[2].id] },
      ],
    });
    expect(res.statusCode).toBe(200);
    const view = res.json<View>();
    expect(view.saved).toBe(true);
    expect(view.pairs.map((p) => p.savedLaterAspectIds)).toEqual([
      [laterAspects[0].id],
      [laterAspects[1].id],
      [laterAspects[2].id],
    ]);
    const audit = await db
      .selectFrom('audit_events')
      .select(['entity_id', 'after_json'])
      .where('action', '=', 'round.aspect_mapping')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].entity_id).toBe(later);
    expect(JSON.parse(audit[0].after_json ?? '{}').earlierRoundId).toBe(w.roundId);
    expect(await repeatsOf()).toEqual([
      {
        id: receptionLater,
        earlier: [
          {
            id: receptionEarlier,
            similarity: 0.58,
            reason: { kind: 'mapped', earlierAspect: '全面从严治党方面', laterAspect: laterAspects[1].name },
          },
        ],
      },
      { id: filesLater, earlier: [{ id: filesEarlier, similarity: 0.85, reason: { kind: 'title' } }] },
    ]);
  });

  it('replaces the mapping when saved again: an aspect with no counterpart ends its repeats', async () => {
    const res = await put(office, url(later, w.roundId), {
      pairs: [{ earlierAspectId: w.aspectIds[1], laterAspectIds: [] }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<View>().pairs.map((p) => p.savedLaterAspectIds)).toEqual([null, [], null]);
    expect((await repeatsOf()).map((r) => r.id)).toEqual([filesLater]);
    const rows = await db.selectFrom('aspect_mappings').selectAll().where('later_round_id', '=', later).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].later_aspect_id).toBeNull();
  });

  it('takes two saves sent at once one after the other: the rows of one, never both side by side', async () => {
    const save = (laterAspectIds: number[]) =>
      put(office, url(later, w.roundId), { pairs: [{ earlierAspectId: w.aspectIds[1], laterAspectIds }] });
    const [a, b] = await Promise.all([save([laterAspects[1].id]), save([])]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const rows = await db.selectFrom('aspect_mappings').selectAll().where('later_round_id', '=', later).execute();
    expect(rows).toHaveLength(1);
    // Left as the test before left it, whichever of the two came last.
    expect((await save([])).statusCode).toBe(200);
  });

  describe('refusals change nothing', () => {
    const unchanged = async (send: () => Promise<{ statusCode: number; json: <T>() => T }>, status: number) => {
      const before = await tableCounts(db);
      const mappings = await db.selectFrom('aspect_mappings').selectAll().orderBy('id').execute();
      const res = await send();
      expect(res.statusCode).toBe(status);
      expect(await tableCounts(db)).toEqual(before);
      expect(await db.selectFrom('aspect_mappings').selectAll().orderBy('id').execute()).toEqual(mappings);
      return res.json<ErrorBody>();
    };

    it('refuses a round mapped to itself', async () => {
      const body = await unchanged(() => put(office, url(later, later), { pairs: [] }), 400);
      expect(body.error.message).toContain('不能将一个巡察轮次与其自身对应');
    });

    it('refuses an aspect of neither round, an earlier aspect given as a later one, and one given twice', async () => {
      const foreign = await unchanged(
        () =>
          put(office, url(later, w.roundId), { pairs: [{ earlierAspectId: laterAspects[0].id, laterAspectIds: [] }] }),
        400,
      );
      expect(foreign.error.message).toContain('不属于“十届市委第一轮巡察”');
      const wrongSide = await unchanged(
        () =>
          put(office, url(later, w.roundId), {
            pairs: [{ earlierAspectId: w.aspectIds[0], laterAspectIds: [laterAspects[0].id, w.aspectIds[1]] }],
          }),
        400,
      );
      expect(wrongSide.error.message).toContain('不属于“十届市委第二轮巡察”');
      await unchanged(
        () =>
          put(office, url(later, w.roundId), {
            pairs: [
              { earlierAspectId: w.aspectIds[0], laterAspectIds: [] },
              { earlierAspectId: w.aspectIds[0], laterAspectIds: [laterAspects[0].id] },
            ],
          }),
        400,
      );
    });

    it('refuses a round that does not exist, and a malformed body', async () => {
      await unchanged(() => put(office, url(later, 99999), { pairs: [] }), 404);
      await unchanged(() => put(office, url(99999, w.roundId), { pairs: [] }), 404);
      await unchanged(() => put(office, url(later, w.roundId), { pairs: [{ earlierAspectId: 'x' }] }), 400);
    });

    it('refuses every role but the office and the administrator (403), reading and writing', async () => {
      for (const username of ['unitadmina', 'leadera', 'unitadminb', 'deptb1', 'teama', 'supervisor']) {
        const client = await t.login(username);
        await unchanged(
          () =>
            put(client, url(later, w.roundId), { pairs: [{ earlierAspectId: w.aspectIds[0], laterAspectIds: [] }] }),
          403,
        );
        expect((await client.get(url(later, w.roundId))).statusCode).toBe(403);
      }
    });

    it('refuses a write into an archived round (409) but still shows its mapping', async () => {
      await db.updateTable('rounds').set({ archived_at: TEST_NOW.toISOString() }).where('id', '=', later).execute();
      try {
        await unchanged(() => put(office, url(later, w.roundId), { pairs: [] }), 409);
        expect((await office.get(url(later, w.roundId))).statusCode).toBe(200);
      } finally {
        await db.updateTable('rounds').set({ archived_at: null }).where('id', '=', later).execute();
      }
    });
  });
});
