import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { listProblems } from '../../../repositories/inspections.repository.ts';
import { createTestApp, expectRefusals, type Refusal, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { Created, ErrorBody } from '../../schemas.ts';
import type { sessionBody } from '../auth/auth.schema.ts';
import type { itemDetail, ledgerPage } from '../items/items.schema.ts';
import type { roundList } from '../rounds/rounds.schema.ts';
import type { unitSchema, unitTree } from '../units/units.schema.ts';
import type { inspectionDetail, inspectionList } from './inspections.schema.ts';

type InspectionDetail = Static<typeof inspectionDetail>;
type LedgerPage = Static<typeof ledgerPage>;

describe.each(testDialects())('rounds, teams, inspections and feedback on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('sets up a round with its own aspect list, a team, a unit and an inspection; the report falls due 2 months after feedback', async () => {
    const round = await office.post('/api/rounds', {
      committeeUnitId: w.committee.id,
      name: '十届市委第二轮巡察',
      startsOn: '2026-09-01',
      endsOn: '2026-11-30',
      aspects: ['政治监督方面', '作风建设方面'],
    });
    expect(round.statusCode).toBe(201);
    const roundId = round.json<Created>().id;
    expect((await office.post(`/api/rounds/${roundId}/aspects`, { name: '巡察整改方面' })).statusCode).toBe(201);
    const rounds = (await office.get('/api/rounds')).json<Static<typeof roundList>>().rounds;
    expect(rounds.find((r) => r.id === roundId)?.aspects.map((a) => a.name)).toEqual([
      '政治监督方面',
      '作风建设方面',
      '巡察整改方面',
    ]);
    const team = await office.post('/api/teams', { roundId, name: '市委第三巡察组', leaderName: '陈组长' });
    expect(team.statusCode).toBe(201);
    const unit = await admin.post('/api/units', {
      parentId: w.committee.id,
      name: '测试市教育局',
      code: 'T-C',
      kind: 'unit',
    });
    expect(unit.statusCode).toBe(201);
    const newUnit = unit.json<Static<typeof unitSchema>>();
    expect(newUnit.path).toBe(`${w.committee.path}${newUnit.id}/`);
    const created = await office.post('/api/inspections', {
      roundId,
      teamId: team.json<Created>().id,
      unitId: newUnit.id,
      kind: 'special',
      from: '2026-09-05',
      to: '2026-10-20',
      feedbackOn: '2026-12-31',
    });
    expect(created.statusCode).toBe(201);
    const inspectionId = created.json<Created>().id;
    const detail = (await office.get(`/api/inspections/${inspectionId}`)).json<InspectionDetail>();
    expect(detail.inspection).toMatchObject({
      kind: 'special',
      reportDueOn: '2027-02-28',
      unitName: '测试市教育局',
      teamName: '市委第三巡察组',
    });

    const patched = await office.patch(`/api/inspections/${inspectionId}`, {
      version: detail.inspection.version,
      feedbackOn: '2026-11-10',
    });
    expect(patched.statusCode).toBe(204);
    expect((await office.get(`/api/inspections/${inspectionId}`)).json<InspectionDetail>().inspection.reportDueOn).toBe(
      '2027-01-10',
    ); // The page states the default beside the field, so the list says how many months it is.
    expect((await office.get('/api/inspections')).json<Static<typeof inspectionList>>().reportMonths).toBe(
      t.config.reportMonths,
    );
  });

  it('enters feedback as problem → item and logs the unit’s work', async () => {
    const problem = await office.post(`/api/inspections/${w.inspectionA}/problems`, {
      aspectId: w.aspectIds[1],
      number: '2',
      title: '执行中央八项规定精神不严格',
    });
    expect(problem.statusCode).toBe(201);
    // A problem entered later is listed after those already there, as the feedback numbers them.
    expect((await listProblems(handle.db, w.inspectionA)).map((p) => p.title).at(-1)).toBe(
      '执行中央八项规定精神不严格',
    );
    const teamA = await t.login('teama');
    const item = await teamA.post('/api/items', {
      inspectionId: w.inspectionA,
      problemId: problem.json<Created>().id,
      title: '违规发放津补贴',
      kind: 'immediate',
    });
    expect(item.statusCode).toBe(201);
    const detail = (await teamA.get(`/api/items/${item.json<Created>().id}`)).json<Static<typeof itemDetail>>();
    expect(detail.aspect?.id).toBe(w.aspectIds[1]);
    const unitAdminA = await t.login('unitadmina');
    const log = await unitAdminA.post(`/api/inspections/${w.inspectionA}/work-log`, {
      kind: 'leading_group',
      heldOn: '2026-07-03',
      title: '成立整改工作领导小组',
    });
    expect(log.statusCode).toBe(201);
    expect((await unitAdminA.get(`/api/inspections/${w.inspectionA}`)).json<InspectionDetail>().workLog[0].title).toBe(
      '成立整改工作领导小组',
    );
    expect((await teamA.post(`/api/inspections/${w.inspectionB}/problems`, { title: 'x' })).statusCode).toBe(404);
  });

  it('corrects a problem’s aspect and its items follow; a stale or foreign edit is refused', async () => {
    const detail = (await office.get(`/api/inspections/${w.inspectionA}`)).json<InspectionDetail>();
    const problem = detail.problems.find((p) => p.id === w.problemA) ?? expect.unreachable('problem A listed');
    const teamA = await t.login('teama');
    expect(
      (
        await teamA.patch(`/api/problems/${w.problemA}`, {
          version: problem.version,
          aspectId: w.aspectIds[2],
          title: '履行主体责任有差距',
        })
      ).statusCode,
    ).toBe(204);
    const items = (await office.get(`/api/items?problemId=${w.problemA}`)).json<LedgerPage>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.aspectId === w.aspectIds[2])).toBe(true);
    const stale = await teamA.patch(`/api/problems/${w.problemA}`, { version: problem.version, title: '再改' });
    expect(stale.json<ErrorBody>().error.code).toBe('stale_version');
    const leaderA = await t.login('leadera');
    expect(
      (await leaderA.patch(`/api/problems/${w.problemA}`, { version: problem.version + 1, title: 'x' })).statusCode,
    ).toBe(403);
  });

  it('refuses bad organisation input and changes nothing', async () => {
    const unitAdminA = await t.login('unitadmina');
    const before = await tableCounts(handle.db);
    const base = {
      roundId: w.roundId,
      teamId: w.teamA,
      unitId: w.unitB.id,
      kind: 'regular',
      from: '2026-03-01',
      to: '2026-04-01',
    };
    const cases: Refusal[] = [
      ['to before from', () => office.post('/api/inspections', { ...base, to: '2026-02-01' }), 400, 'date_order'],
      [
        'feedback not after the inspection',
        () => office.post('/api/inspections', { ...base, feedbackOn: '2026-04-01' }),
        400,
        'date_order',
      ],
      ['impossible date', () => office.post('/api/inspections', { ...base, from: '2026-02-30' }), 400, 'validation'],
      ['unknown kind', () => office.post('/api/inspections', { ...base, kind: 'surprise' }), 400, 'validation'],
      ['unknown team', () => office.post('/api/inspections', { ...base, teamId: 99999 }), 404, 'not_found'],
      [
        'a department is not inspected',
        () => office.post('/api/inspections', { ...base, unitId: w.deptA1.id }),
        400,
        'not_inspectable',
      ],
      ['unit admin cannot create inspections', () => unitAdminA.post('/api/inspections', base), 403, 'forbidden'],
      [
        'duplicate unit code',
        () => admin.post('/api/units', { parentId: w.committee.id, name: '重复', code: 'T-A', kind: 'unit' }),
        409,
        'duplicate_code',
      ],
      [
        'office cannot create units',
        () => office.post('/api/units', { parentId: w.committee.id, name: '新单位', code: 'T-Z', kind: 'unit' }),
        403,
        'forbidden',
      ],
      [
        'weak password',
        () =>
          admin.post('/api/users', {
            username: 'newuser',
            displayName: '新用户',
            password: 'abc',
            role: 'department',
            unitId: w.deptA1.id,
          }),
        400,
        'weak_password',
      ],
      [
        'duplicate username',
        () =>
          admin.post('/api/users', {
            username: 'office',
            displayName: '重名',
            password: 'Strong-pass-1',
            role: 'office',
            unitId: w.committee.id,
          }),
        409,
        'duplicate_username',
      ],
      [
        'team user without a team',
        () =>
          admin.post('/api/users', {
            username: 'teamless',
            displayName: '无组',
            password: 'Strong-pass-1',
            role: 'team',
            unitId: w.committee.id,
          }),
        400,
        'team_required',
      ],
      [
        'duplicate aspect',
        () => office.post(`/api/rounds/${w.roundId}/aspects`, { name: '党的领导方面' }),
        409,
        'duplicate_aspect',
      ],
      [
        'round ending before it starts',
        () =>
          office.post('/api/rounds', {
            committeeUnitId: w.committee.id,
            name: 'x',
            startsOn: '2026-05-01',
            endsOn: '2026-04-01',
          }),
        400,
        'date_order',
      ],
    ];
    await expectRefusals(cases, expect);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('renames a unit at the version read, and only the administrator may', async () => {
    const units = (await admin.get('/api/units')).json<Static<typeof unitTree>>().units;
    const unitB = units.find((u) => u.id === w.unitB.id) ?? expect.unreachable('unit B listed');
    expect((await office.patch(`/api/units/${unitB.id}`, { version: unitB.version, name: '改名' })).statusCode).toBe(
      403,
    );
    expect(
      (await admin.patch(`/api/units/${unitB.id}`, { version: unitB.version, name: '测试市卫生健康委' })).statusCode,
    ).toBe(204);
    expect(
      (await admin.patch(`/api/units/${unitB.id}`, { version: unitB.version, name: '再改' })).json<ErrorBody>().error
        .code,
    ).toBe('stale_version');
    expect((await office.get(`/api/items?unitId=${unitB.id}`)).json<LedgerPage>().items[0].unit).toBe(
      '测试市卫生健康委',
    );
  });

  it('creates a user who can then sign in', async () => {
    const res = await admin.post('/api/users', {
      username: 'zhang.san',
      displayName: '张三',
      password: 'Strong-pass-1',
      role: 'department',
      unitId: w.deptA2.id,
    });
    expect(res.statusCode).toBe(201);
    const client = await t.login('zhang.san', 'Strong-pass-1');
    expect((await client.get('/api/auth/session')).json<Static<typeof sessionBody>>().user).toMatchObject({
      role: 'department',
      unitName: '财务科',
    });
  });
});
