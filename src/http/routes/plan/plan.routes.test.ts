import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { ledgerPage } from '../items/items.schema.ts';
import type { addedMeasuresResponses, bulkUpdatedResponses, planResponses } from './plan.schema.ts';

type Plan = Static<(typeof planResponses)[200]>;
type PlanMeasure = Plan['items'][number]['measures'][number];

describe.each(testDialects())('the plan API on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let unitAdmin: TestClient;

  const plan = async (client: TestClient, inspectionId = w.inspectionA) => {
    const res = await client.get(`/api/plan/inspections/${inspectionId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Plan>();
  };
  const measuresOf = (p: Plan) => p.items.flatMap((i) => i.measures);
  const versionsOf = (ms: PlanMeasure[]) => Object.fromEntries(ms.map((m) => [String(m.id), m.version]));

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    unitAdmin = await t.login('unitadmina');
    // A third measure, so the bulk edits span two items and more than one measure per item.
    const added = await unitAdmin.post(`/api/items/${w.itemA1}/measures`, {
      content: '修订财务审批制度',
      kind: 'deadline',
      deadline: '2026-10-31',
    });
    expect(added.statusCode, added.body).toBe(201);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('gives the feedback tree, the measures with versions, the unit’s departments and people, and the rights', async () => {
    const p = await plan(unitAdmin);
    expect(p.aspects.map((a) => a.name)).toEqual(['党的领导方面', '全面从严治党方面', '干部队伍建设方面']);
    expect(p.problems.map((x) => x.title)).toEqual(['落实主体责任有差距']);
    expect(p.items.map((i) => i.id).sort()).toEqual([w.itemA1, w.itemA2].sort());
    expect(measuresOf(p)).toHaveLength(3);
    expect(p.departments.map((d) => d.name).sort()).toEqual(['办公室', '财务科'].sort());
    expect(p.people.map((x) => x.displayName)).toContain('deptA1');
    expect(p.people.map((x) => x.displayName)).not.toContain('deptB1');
    // By account as well as by name: two people may share a name, never an account.
    expect(p.people.find((x) => x.id === w.users.deptA1.id)).toMatchObject({
      username: 'depta1',
      displayName: 'deptA1',
    });
    expect(p.rights).toEqual({ editFeedback: true, editPlan: true, importLedger: true, submitPlan: true });
    expect(p.planSubmittedAt).toBeNull();

    const leader = await plan(await t.login('leadera'));
    expect(leader.rights).toEqual({ editFeedback: false, editPlan: false, importLedger: false, submitPlan: true });
    const team = await plan(await t.login('teama'));
    expect(team.rights).toEqual({ editFeedback: true, editPlan: false, importLedger: false, submitPlan: false });
    const dept = await plan(await t.login('depta1'));
    expect(dept.items.map((i) => i.id)).toEqual([w.itemA1]);

    const other = await (await t.login('unitadminb')).get(`/api/plan/inspections/${w.inspectionA}`);
    expect(other.statusCode).toBe(404);
  });

  it('assigns many measures at once: one transaction, one audit event per measure, versions moved on', async () => {
    const ms = measuresOf(await plan(unitAdmin));
    const before = await tableCounts(handle.db);
    const person = (await plan(unitAdmin)).people.find((x) => x.displayName === 'deptA2');
    const res = await unitAdmin.post('/api/plan/measures/bulk', {
      measureIds: ms.map((m) => m.id),
      changes: {
        departmentId: w.deptA2.id,
        responsiblePersonId: person?.id,
        deadline: '2026-12-31',
        kind: 'ongoing',
        responsibleLeader: '李副局长',
      },
      versions: versionsOf(ms),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Static<(typeof bulkUpdatedResponses)[200]>>()).toEqual({ updated: 3 });
    const after = await tableCounts(handle.db);
    expect(after.audit_events).toBe(before.audit_events + 3);
    expect({ ...after, audit_events: 0 }).toEqual({ ...before, audit_events: 0 });

    for (const m of measuresOf(await plan(unitAdmin))) {
      expect(m).toMatchObject({
        departmentId: w.deptA2.id,
        department: '财务科',
        responsiblePersonId: person?.id,
        // The account alone is stored; its name is printed from the account (src/domain/people.ts).
        responsiblePersonName: null,
        responsiblePerson: 'deptA2',
        deadline: '2026-12-31',
        kind: 'ongoing',
        responsibleLeader: '李副局长',
        version: (ms.find((x) => x.id === m.id)?.version ?? 0) + 1,
      });
    }
    // The ledger reads the same rows: the department filter now finds both items.
    const ledger = await unitAdmin.get(`/api/items?inspectionId=${w.inspectionA}&departmentId=${w.deptA2.id}`);
    expect(ledger.json<Static<typeof ledgerPage>>().total).toBe(2);
  });

  it('refuses every bad request and changes nothing', async () => {
    const ms = measuresOf(await plan(unitAdmin));
    const ids = ms.map((m) => m.id);
    const versions = versionsOf(ms);
    const [otherMeasure] = measuresOf(await plan(await t.login('unitadminb'), w.inspectionB));
    const body = (changes: object, extra: object = {}) => ({ measureIds: ids, changes, versions, ...extra });
    const leader = await t.login('leadera');
    const team = await t.login('teama');
    const cases: [string, TestClient, object, number, string][] = [
      [
        'a stale version',
        unitAdmin,
        body({ deadline: '2027-01-31' }, { versions: { ...versions, [ids[1]]: versions[ids[1]] - 1 } }),
        409,
        'stale_version',
      ],
      ['a deadline before the feedback', unitAdmin, body({ deadline: '2026-06-30' }), 400, 'deadline_before_feedback'],
      ['a department of another unit', unitAdmin, body({ departmentId: w.deptB1.id }), 400, 'department_outside_unit'],
      ['the unit itself as department', unitAdmin, body({ departmentId: w.unitA.id }), 400, 'department_outside_unit'],
      [
        'a person of another unit',
        unitAdmin,
        body({ responsiblePersonId: w.users.deptB1.id }),
        400,
        'person_outside_unit',
      ],
      [
        'an unknown measure',
        unitAdmin,
        body({ kind: 'immediate' }, { measureIds: [...ids, 999999], versions: { ...versions, 999999: 1 } }),
        404,
        'not_found',
      ],
      [
        'a measure of another unit',
        unitAdmin,
        body(
          { kind: 'immediate' },
          { measureIds: [...ids, otherMeasure.id], versions: { ...versions, [otherMeasure.id]: otherMeasure.version } },
        ),
        404,
        'not_found',
      ],
      [
        'a missing version',
        unitAdmin,
        body({ kind: 'immediate' }, { versions: { [ids[0]]: versions[ids[0]] } }),
        400,
        'version_required',
      ],
      ['no change at all', unitAdmin, body({}), 400, 'validation'],
      ['an unknown kind', unitAdmin, body({ kind: 'someday' }), 400, 'validation'],
      ['a malformed date', unitAdmin, body({ deadline: '31/12/2026' }), 400, 'validation'],
      ['an unknown field', unitAdmin, body({ content: '改写' }), 400, 'validation'],
      ['no measures', unitAdmin, body({ kind: 'immediate' }, { measureIds: [] }), 400, 'validation'],
      ['the unit leader', leader, body({ kind: 'immediate' }), 403, 'forbidden'],
      ['the inspection team', team, body({ kind: 'immediate' }), 403, 'forbidden'],
    ];
    const counts = await tableCounts(handle.db);
    for (const [name, client, payload, status, code] of cases) {
      const res = await client.post('/api/plan/measures/bulk', payload);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json<ErrorBody>().error.code, name).toBe(code);
    }
    expect(await tableCounts(handle.db)).toEqual(counts);
    expect(measuresOf(await plan(unitAdmin))).toEqual(ms);
  });

  it('adds one measure to several items in one go, one audit event each', async () => {
    const before = await tableCounts(handle.db);
    const res = await unitAdmin.post('/api/plan/measures', {
      itemIds: [w.itemA1, w.itemA2],
      measure: {
        content: '举一反三，开展专项自查',
        kind: 'immediate',
        departmentId: w.deptA1.id,
        deadline: '2026-09-30',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { ids } = res.json<Static<(typeof addedMeasuresResponses)[201]>>();
    expect(ids).toHaveLength(2);
    const after = await tableCounts(handle.db);
    expect(after.measures).toBe(before.measures + 2);
    expect(after.audit_events).toBe(before.audit_events + 2);
    const added = measuresOf(await plan(unitAdmin)).filter((m) => ids.includes(m.id));
    expect(added.map((m) => m.itemId).sort()).toEqual([w.itemA1, w.itemA2].sort());
    expect(added.every((m) => m.kind === 'immediate' && m.department === '办公室' && m.deadline === '2026-09-30')).toBe(
      true,
    );
  });

  it('refuses a bad bulk add and inserts nothing', async () => {
    const leader = await t.login('leadera');
    const good = { content: '整改措施', kind: 'deadline' };
    const cases: [string, TestClient, object, number, string][] = [
      ['an item of another unit', unitAdmin, { itemIds: [w.itemA1, w.itemB1], measure: good }, 404, 'not_found'],
      ['an unknown item', unitAdmin, { itemIds: [w.itemA1, 999999], measure: good }, 404, 'not_found'],
      [
        'a deadline before the feedback',
        unitAdmin,
        { itemIds: [w.itemA1], measure: { ...good, deadline: '2026-01-01' } },
        400,
        'deadline_before_feedback',
      ],
      [
        'a department of another unit',
        unitAdmin,
        { itemIds: [w.itemA1], measure: { ...good, departmentId: w.deptB1.id } },
        400,
        'department_outside_unit',
      ],
      [
        'a person of another unit',
        unitAdmin,
        { itemIds: [w.itemA1], measure: { ...good, responsiblePersonId: w.users.deptB1.id } },
        400,
        'person_outside_unit',
      ],
      ['blank content', unitAdmin, { itemIds: [w.itemA1], measure: { content: '   ' } }, 400, 'validation'],
      ['no items', unitAdmin, { itemIds: [], measure: good }, 400, 'validation'],
      ['the unit leader', leader, { itemIds: [w.itemA1], measure: good }, 403, 'forbidden'],
    ];
    const counts = await tableCounts(handle.db);
    for (const [name, client, payload, status, code] of cases) {
      const res = await client.post('/api/plan/measures', payload);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json<ErrorBody>().error.code, name).toBe(code);
    }
    expect(await tableCounts(handle.db)).toEqual(counts);
  });
});
