import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword } from '../commands/passwords.ts';
import { type Config, loadConfig } from '../config.ts';
import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '../domain/roles.ts';
import type { Actor } from '../policies/policies.ts';
import { type InspectionInput, insertInspection, insertProblem } from '../repositories/inspections.repository.ts';
import {
  insertEvidence,
  insertMeasure,
  insertOutcome,
  insertProgress,
  type MeasureInput,
  type OutcomeInput,
} from '../repositories/item-parts.repository.ts';
import { insertItem } from '../repositories/items.repository.ts';
import { insertRound, insertTeam, listRounds } from '../repositories/rounds.repository.ts';
import { insertUnit, type Unit } from '../repositories/units.repository.ts';
import { insertUser } from '../repositories/users.repository.ts';

export const TEST_PASSWORD = 'Test-pass-1';
let passwordHash: Promise<string> | null = null;

/** Rate limits and the session cap are off unless a test asks: a test sends in one frozen minute what people send in hours. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    RECTIFY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rectify-test-')),
    RECTIFY_RATE_LIMIT_SESSION: '0',
    RECTIFY_RATE_LIMIT_ADDRESS: '0',
    // Under a frozen clock a file's many sign-ins of one account start in the same instant, and the cap would end
    // whichever it pleased; the cap's own test sets it.
    RECTIFY_MAX_SESSIONS: '100',
    RECTIFY_AUDIT_KEY: TEST_AUDIT_KEY_HEX,
    ...overrides,
  });
}

/** The audit chain's key in every test, so events written through a repository and through the app verify together. */
export const TEST_AUDIT_KEY_HEX = 'a1'.repeat(32);

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
  users: Record<WorldUser, TestUser>;
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

export interface TestUser {
  id: number;
  username: string;
  actor: Actor;
}

// Every builder stamps its rows with TEST_NOW, the moment the commands under test run at.

type ItemRow = Parameters<typeof insertItem>[1];

/** An item where the test puts it; anything it does not state is as a new 限期整改 item has it: open, unowned, undated. */
export function buildItem(
  db: Db,
  row: Partial<ItemRow> & Pick<ItemRow, 'inspection_id' | 'unit_id' | 'round_id'>,
): Promise<number> {
  return insertItem(db, {
    aspect_id: null,
    problem_id: null,
    number: null,
    title: '测试整改事项',
    description: null,
    suggestion: null,
    target: null,
    kind: 'deadline',
    deadline: null,
    lead_department_id: null,
    responsible_leader: null,
    state: 'not_started',
    result: 'not_completed',
    closed_on: null,
    close_stage: null,
    close_requested_by: null,
    close_approved_by: null,
    withheld_reason: null,
    ...row,
  });
}

/** A regular inspection dated as the world's are (inspected 3月10日–5月10日, feedback on 7月1日) unless stated. */
export function buildInspection(
  db: Db,
  input: Partial<InspectionInput> & Pick<InspectionInput, 'roundId' | 'teamId' | 'unitId'>,
): Promise<number> {
  const defaults = {
    kind: 'regular',
    from: '2026-03-10',
    to: '2026-05-10',
    feedbackOn: '2026-07-01',
    concentratedUntil: '2026-10-01',
    reportDueOn: '2026-09-01',
  } as const;
  return insertInspection(db, { ...defaults, ...input }, TEST_NOW);
}

/** A 限期整改 measure, first on its item, with no owner and no deadline unless stated. */
export function buildMeasure(
  db: Db,
  itemId: number,
  { sortOrder = 1, ...measure }: Partial<MeasureInput> & { content: string; sortOrder?: number },
): Promise<number> {
  const defaults = {
    kind: 'deadline',
    responsibleLeader: null,
    departmentId: null,
    responsiblePersonId: null,
    responsiblePersonName: null,
    deadline: null,
  } as const;
  return insertMeasure(db, itemId, sortOrder, { ...defaults, ...measure }, TEST_NOW);
}

type ProgressRow = Parameters<typeof insertProgress>[1];

/** A progress entry on the item as a whole, written by no account, unless stated. */
export function buildProgress(
  db: Db,
  entry: Partial<ProgressRow> & Pick<ProgressRow, 'itemId' | 'entryOn' | 'content'>,
): Promise<number> {
  return insertProgress(db, { measureId: null, authorId: null, ...entry }, TEST_NOW);
}

/** An outcome of the given kind with no title, people, amount or date unless stated, recorded by no account. */
export function buildOutcome(
  db: Db,
  itemId: number,
  outcome: Partial<OutcomeInput> & Pick<OutcomeInput, 'kind'>,
): Promise<number> {
  const defaults = { title: '', accountabilityKind: null, peopleCount: null, amountYuan: null, occurredOn: null };
  return insertOutcome(db, itemId, { ...defaults, ...outcome }, null, TEST_NOW);
}

function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

/** An account that signs in with TEST_PASSWORD; its display name is its username unless stated. */
export async function buildUser(
  db: Db,
  {
    username,
    displayName = username,
    role,
    unit,
    teamId = null,
  }: { username: string; displayName?: string; role: Role; unit: Unit; teamId?: number | null },
): Promise<TestUser> {
  const account = { username, displayName, passwordHash: await testPasswordHash(), role, unitId: unit.id, teamId };
  // Tests move the clock by months; a test about expiry or a forced change sets those on its own account.
  const id = await insertUser(db, { ...account, mustChangePassword: false, passwordExpires: false }, TEST_NOW);
  return { id, username, actor: { id, role, unitId: unit.id, unitPath: unit.path, teamId } };
}

async function buildWorldUnits(trx: Db) {
  const unit = (parent: Unit | null, name: string, code: string, kind: Parameters<typeof insertUnit>[1]['kind']) =>
    insertUnit(trx, { parentId: parent?.id ?? null, name, code, kind }, TEST_NOW);
  const committee = await unit(null, '中共测试市委', 'T', 'committee');
  const unitA = await unit(committee, '测试市交通运输局', 'T-A', 'unit');
  const unitB = await unit(committee, '测试市卫生健康委员会', 'T-B', 'unit');
  const deptA1 = await unit(unitA, '办公室', 'T-A-1', 'department');
  const deptA2 = await unit(unitA, '财务科', 'T-A-2', 'department');
  const deptB1 = await unit(unitB, '医政科', 'T-B-1', 'department');
  return { committee, unitA, unitB, deptA1, deptA2, deptB1 };
}

type WorldUnits = Awaited<ReturnType<typeof buildWorldUnits>>;

async function buildWorldRound(trx: Db, committee: Unit) {
  const roundId = await insertRound(
    trx,
    {
      committeeUnitId: committee.id,
      name: '十届市委第一轮巡察',
      startsOn: '2026-03-01',
      endsOn: '2026-05-30',
      aspects: ['党的领导方面', '全面从严治党方面', '干部队伍建设方面'],
    },
    TEST_NOW,
  );
  const aspectIds = (await listRounds(trx)).find((r) => r.id === roundId)?.aspects.map((a) => a.id) ?? [];
  const teamA = await insertTeam(trx, { roundId, name: '市委第一巡察组', leaderName: '王组长' }, TEST_NOW);
  const teamB = await insertTeam(trx, { roundId, name: '市委第二巡察组', leaderName: '李组长' }, TEST_NOW);
  return { roundId, aspectIds, teamA, teamB };
}

/** One account per role: the committee's, team A's, and each unit's and department's own. */
async function buildWorldUsers(trx: Db, units: WorldUnits, teamA: number): Promise<World['users']> {
  const { committee, unitA, unitB, deptA1, deptA2, deptB1 } = units;
  const accounts: [WorldUser, Role, Unit, number | null][] = [
    ['admin', 'admin', committee, null],
    ['office', 'office', committee, null],
    ['office2', 'office', committee, null],
    ['teamA', 'team', committee, teamA],
    ['supervisor', 'supervisor', committee, null],
    ['unitAdminA', 'unit_admin', unitA, null],
    ['leaderA', 'unit_leader', unitA, null],
    ['deptA1', 'department', deptA1, null],
    ['deptA2', 'department', deptA2, null],
    ['unitAdminB', 'unit_admin', unitB, null],
    ['leaderB', 'unit_leader', unitB, null],
    ['deptB1', 'department', deptB1, null],
  ];
  const users = {} as World['users'];
  for (const [key, role, unit, teamId] of accounts) {
    users[key] = await buildUser(trx, { username: key.toLowerCase(), displayName: key, role, unit, teamId });
  }
  return users;
}

/** A small committee with two inspected units, their departments, and one user per role and unit. */
export async function buildWorld(db: Db, options: { feedbackOn?: string } = {}): Promise<World> {
  await testPasswordHash();
  const feedbackOn = options.feedbackOn ?? '2026-07-01';
  return db.transaction().execute(async (trx) => {
    const units = await buildWorldUnits(trx);
    const round = await buildWorldRound(trx, units.committee);
    const { roundId, aspectIds } = round;
    const inspectionA = await buildInspection(trx, {
      roundId,
      teamId: round.teamA,
      unitId: units.unitA.id,
      feedbackOn,
    });
    const inspectionB = await buildInspection(trx, {
      roundId,
      teamId: round.teamB,
      unitId: units.unitB.id,
      feedbackOn,
    });
    const problemA = await insertProblem(
      trx,
      {
        inspectionId: inspectionA,
        aspectId: aspectIds[0],
        number: '1',
        title: '落实主体责任有差距',
        description: null,
      },
      TEST_NOW,
    );
    // The world's items differ only in where they are, who owns their one measure, and when it is due.
    const item = async (inspectionId: number, unit: Unit, dept: Unit, title: string, deadline: string) => {
      const id = await buildItem(trx, {
        inspection_id: inspectionId,
        unit_id: unit.id,
        round_id: roundId,
        aspect_id: aspectIds[0],
        problem_id: inspectionId === inspectionA ? problemA : null,
        title,
        deadline,
        lead_department_id: dept.id,
        responsible_leader: '张副局长',
      });
      await buildMeasure(trx, id, {
        content: `${title}：制定整改措施`,
        responsibleLeader: '张副局长',
        departmentId: dept.id,
        responsiblePersonName: '赵科长',
        deadline,
      });
      return id;
    };
    const itemA1 = await item(inspectionA, units.unitA, units.deptA1, '财务审批不规范', '2026-09-30');
    const itemA2 = await item(inspectionA, units.unitA, units.deptA2, '公务用车管理不严', '2026-08-31');
    const itemB1 = await item(inspectionB, units.unitB, units.deptB1, '医疗设备采购程序不规范', '2026-09-30');
    const users = await buildWorldUsers(trx, units, round.teamA);
    return { ...units, ...round, inspectionA, inspectionB, problemA, itemA1, itemA2, itemB1, feedbackOn, users };
  });
}

/** Attaches an evidence row without going through the file store, for tests about the workflow only. */
export async function addEvidenceRow(db: Db, itemId: number, uploadedBy: number, measureId: number | null = null) {
  return insertEvidence(
    db,
    {
      itemId,
      measureId,
      fileName: 'proof.pdf',
      contentType: 'application/pdf',
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
      effectiveOn: '2026-08-01',
      note: null,
      uploadedBy,
    },
    TEST_NOW,
  );
}

/**
 * A public comment on a published notice of the inspection, linked to no item (the notice's row is written directly:
 * tests about comments alone need no publishing workflow). Returns the comment's id.
 */
export async function buildPublicComment(db: Db, inspectionId: number, content: string, publishedBy: number) {
  const at = TEST_NOW.toISOString();
  const day = at.slice(0, 10);
  const publication = await db
    .insertInto('publications')
    .values({
      inspection_id: inspectionId,
      title: '关于巡察整改进展情况的通报',
      body_html: '<p>通报</p>',
      body_text: '通报',
      public_from: day,
      public_to: day,
      contacts_json: '{}',
      status: 'published',
      published_by: publishedBy,
      published_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const comment = await db
    .insertInto('public_comments')
    .values({ publication_id: publication.id, content, name: null, contact: null, address_hash: 'x', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return comment.id;
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
    'deadline_history',
    'ledger_imports',
    'ledger_import_changes',
    'aspect_mappings',
    'report_submissions',
    'problem_clues',
    'satisfaction_answers',
    'comment_remarks',
    'publication_versions',
  ] as const;
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      // A refusal is audited (issue 11) but changes nothing, which is what these counts are for.
      .$if(t === 'audit_events', (q) => q.where('action', '!=', 'access.refused'))
      .executeTakeFirstOrThrow();
    counts[t] = Number(r.n);
  }
  return counts;
}

/** What a unit writes for its notice, whole (a draft is replaced whole), dated around TEST_NOW; the linter passes it. */
export function noticeWriting(issuer: string) {
  return {
    issuer,
    issuedOn: '2026-08-15',
    asOf: '2026-08-15',
    organising: '党组成立整改工作领导小组，召开专题会议3次。',
    nextSteps: '持续推进阶段性完成事项。',
    publicFrom: '2026-08-16',
    publicTo: '2026-08-30',
    contacts: {
      phone: ['0731-6660000'],
      email: ['zgb@ceshi.example.cn'],
      postal: '测试市江滨路1号',
      postcode: '410000',
    },
  };
}
