import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword } from '../commands/passwords.ts';
import { type Config, loadConfig } from '../config.ts';
import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { Actor, Role } from '../policies/policies.ts';
import { insertInspection, insertProblem } from '../repositories/inspections.repository.ts';
import { insertEvidence, insertMeasure } from '../repositories/item-parts.repository.ts';
import { insertItem } from '../repositories/items.repository.ts';
import { insertRound, insertTeam, listRounds } from '../repositories/rounds.repository.ts';
import { insertUnit, type Unit } from '../repositories/units.repository.ts';
import { insertUser } from '../repositories/users.repository.ts';

export const TEST_PASSWORD = 'Test-pass-1';
let passwordHash: Promise<string> | null = null;

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ RECTIFY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rectify-test-')), ...overrides });
}

/** The moment the command and API tests run at: 2026-08-15, 10:00 in China. */
export const TEST_NOW = new Date('2026-08-15T02:00:00Z');

/** A command context acting as one of the world's users at a fixed moment. */
export function worldContext(
  db: Db,
  world: World,
  user: WorldUser,
  { now = TEST_NOW, config = testConfig() }: { now?: Date; config?: Config } = {},
): CommandContext {
  return { db, actor: world.users[user].actor, config, now: () => now };
}

export interface World {
  committee: Unit;
  unitA: Unit;
  unitB: Unit;
  deptA1: Unit;
  deptA2: Unit;
  deptB1: Unit;
  roundId: number;
  aspectIds: number[];
  teamA: number;
  teamB: number;
  inspectionA: number;
  inspectionB: number;
  problemA: number;
  /** One open item per unit; itemA1's measure is assigned to deptA1, itemA2's to deptA2. */
  itemA1: number;
  itemA2: number;
  itemB1: number;
  feedbackOn: string;
  users: Record<WorldUser, { id: number; username: string; actor: Actor }>;
}

export type WorldUser =
  | 'admin'
  | 'office'
  | 'office2'
  | 'teamA'
  | 'supervisor'
  | 'unitAdminA'
  | 'leaderA'
  | 'deptA1'
  | 'deptA2'
  | 'unitAdminB'
  | 'leaderB'
  | 'deptB1';

/** A small committee with two inspected units, their departments, and one user per role and unit. */
export async function buildWorld(db: Db, options: { feedbackOn?: string } = {}): Promise<World> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const feedbackOn = options.feedbackOn ?? '2026-07-01';
  return db.transaction().execute(async (trx) => {
    const committee = await insertUnit(trx, { parentId: null, name: '中共测试市委', code: 'T', kind: 'committee' });
    const unitA = await insertUnit(trx, {
      parentId: committee.id,
      name: '测试市交通运输局',
      code: 'T-A',
      kind: 'unit',
    });
    const unitB = await insertUnit(trx, {
      parentId: committee.id,
      name: '测试市卫生健康委员会',
      code: 'T-B',
      kind: 'unit',
    });
    const deptA1 = await insertUnit(trx, { parentId: unitA.id, name: '办公室', code: 'T-A-1', kind: 'department' });
    const deptA2 = await insertUnit(trx, { parentId: unitA.id, name: '财务科', code: 'T-A-2', kind: 'department' });
    const deptB1 = await insertUnit(trx, { parentId: unitB.id, name: '医政科', code: 'T-B-1', kind: 'department' });
    const roundId = await insertRound(trx, {
      committeeUnitId: committee.id,
      name: '十届市委第一轮巡察',
      startsOn: '2026-03-01',
      endsOn: '2026-05-30',
      aspects: ['党的领导方面', '全面从严治党方面', '干部队伍建设方面'],
    });
    const aspectIds = (await listRounds(trx)).find((r) => r.id === roundId)?.aspects.map((a) => a.id) ?? [];
    const teamA = await insertTeam(trx, { roundId, name: '市委第一巡察组', leaderName: '王组长' });
    const teamB = await insertTeam(trx, { roundId, name: '市委第二巡察组', leaderName: '李组长' });
    const inspection = (teamId: number, unitId: number) =>
      insertInspection(trx, {
        roundId,
        teamId,
        unitId,
        kind: 'regular',
        from: '2026-03-10',
        to: '2026-05-10',
        feedbackOn,
        concentratedUntil: '2026-10-01',
        reportDueOn: '2026-09-01',
      });
    const inspectionA = await inspection(teamA, unitA.id);
    const inspectionB = await inspection(teamB, unitB.id);
    const problemA = await insertProblem(trx, {
      inspectionId: inspectionA,
      aspectId: aspectIds[0],
      number: '1',
      title: '落实主体责任有差距',
      description: null,
    });
    const item = async (inspectionId: number, unit: Unit, dept: Unit, title: string, deadline: string) => {
      const id = await insertItem(trx, {
        inspection_id: inspectionId,
        unit_id: unit.id,
        round_id: roundId,
        aspect_id: aspectIds[0],
        problem_id: inspectionId === inspectionA ? problemA : null,
        number: null,
        title,
        description: null,
        suggestion: null,
        target: null,
        kind: 'deadline',
        deadline,
        lead_department_id: dept.id,
        responsible_leader: '张副局长',
        state: 'not_started',
        result: 'not_completed',
        closed_on: null,
        close_stage: null,
        close_requested_by: null,
        close_approved_by: null,
        withheld_reason: null,
      });
      await insertMeasure(trx, id, 1, {
        content: `${title}：制定整改措施`,
        kind: 'deadline',
        responsibleLeader: '张副局长',
        departmentId: dept.id,
        responsiblePersonId: null,
        responsiblePersonName: '赵科长',
        deadline,
      });
      return id;
    };
    const itemA1 = await item(inspectionA, unitA, deptA1, '财务审批不规范', '2026-09-30');
    const itemA2 = await item(inspectionA, unitA, deptA2, '公务用车管理不严', '2026-08-31');
    const itemB1 = await item(inspectionB, unitB, deptB1, '医疗设备采购程序不规范', '2026-09-30');

    const users = {} as World['users'];
    const user = async (key: WorldUser, role: Role, unit: Unit, teamId: number | null = null) => {
      const username = key.toLowerCase();
      const id = await insertUser(trx, {
        username,
        displayName: key,
        passwordHash: hash,
        role,
        unitId: unit.id,
        teamId,
      });
      users[key] = { id, username, actor: { id, role, unitId: unit.id, unitPath: unit.path, teamId } };
    };
    await user('admin', 'admin', committee);
    await user('office', 'office', committee);
    await user('office2', 'office', committee);
    await user('teamA', 'team', committee, teamA);
    await user('supervisor', 'supervisor', committee);
    await user('unitAdminA', 'unit_admin', unitA);
    await user('leaderA', 'unit_leader', unitA);
    await user('deptA1', 'department', deptA1);
    await user('deptA2', 'department', deptA2);
    await user('unitAdminB', 'unit_admin', unitB);
    await user('leaderB', 'unit_leader', unitB);
    await user('deptB1', 'department', deptB1);
    return {
      committee,
      unitA,
      unitB,
      deptA1,
      deptA2,
      deptB1,
      roundId,
      aspectIds,
      teamA,
      teamB,
      inspectionA,
      inspectionB,
      problemA,
      itemA1,
      itemA2,
      itemB1,
      feedbackOn,
      users,
    };
  });
}

/** Attaches an evidence row without going through the file store, for tests about the workflow only. */
export async function addEvidenceRow(db: Db, itemId: number, uploadedBy: number) {
  return insertEvidence(db, {
    itemId,
    measureId: null,
    fileName: 'proof.pdf',
    contentType: 'application/pdf',
    sizeBytes: 10,
    sha256: 'a'.repeat(64),
    effectiveOn: '2026-08-01',
    note: null,
    uploadedBy,
  });
}

/** A snapshot of every table's row count, to prove a refused request changed nothing. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'units',
    'users',
    'rounds',
    'aspects',
    'teams',
    'inspections',
    'problems',
    'items',
    'measures',
    'progress_entries',
    'evidence',
    'outcomes',
    'close_reviews',
    'work_log',
    'audit_events',
    'notice_drafts',
    'saved_views',
    'carried_items',
    'supervision_orders',
    'lookbacks',
    'evaluations',
    'publications',
    'public_comments',
    'reminder_schedule',
    'notifications',
    'deliveries',
  ] as const;
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[t] = Number(r.n);
  }
  return counts;
}
