import { Readable } from 'node:stream';
import { hashPassword } from '../commands/passwords.ts';
import { prepareDraft, stepPublicationVersion } from '../commands/publication-versions.commands.ts';
import { createSupervisionOrders } from '../commands/supervision.commands.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { NewItem } from '../db/schema.ts';
import { addDays, addMonths, todayInChina } from '../domain/dates.ts';
import type { WorkLogKind } from '../domain/inspection.ts';
import { EMPTY_WRITING } from '../domain/notice-writing.ts';
import type { Role } from '../domain/roles.ts';
import type { SatisfactionAnswer } from '../domain/satisfaction.ts';
import type { UnitKind } from '../domain/units.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { insertClue, patchClue } from '../repositories/clues.repository.ts';
import { markDemoWorld } from '../repositories/demo.repository.ts';
import { insertInspection, insertProblem, insertWorkLog } from '../repositories/inspections.repository.ts';
import {
  insertCloseReview,
  insertEvidence,
  insertMeasure,
  insertOutcome,
  insertProgress,
} from '../repositories/item-parts.repository.ts';
import { insertItem } from '../repositories/items.repository.ts';
import { insertNoticeDraft } from '../repositories/notice-drafts.repository.ts';
import { insertReportSubmission } from '../repositories/report-submissions.repository.ts';
import { insertRound, insertTeam, listRounds } from '../repositories/rounds.repository.ts';
import { insertSatisfactionAnswer, publishedNoticeIds } from '../repositories/satisfaction.repository.ts';
import { findUnitByCode, insertUnit, type Unit } from '../repositories/units.repository.ts';
import { insertUser } from '../repositories/users.repository.ts';
import type { EvidenceStore, StoredFile } from '../storage/evidence-store.ts';
import { type DemoContent, type DemoItem, type DemoUnit, demoContent } from './content.ts';
import { EARLIER_ROUND, seedEarlierInspection, seedEarlierRound } from './earlier-round.ts';

export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoSummary {
  /** Every unit the demo made: the committee, the inspected units and their departments. */
  units: number;
  inspectedUnits: number;
  departments: number;
  users: { username: string; role: Role; unit: string }[];
  inspections: number;
  items: number;
  /** Of `items`, those in the archived earlier round: the default lists (ledger, totals) leave them out. */
  archivedItems: number;
}

/** Login names from unit codes: 'JL-JTJ' → 'jtj', 'JL-JTJ-BGS' → 'jtj.bgs'. */
function loginOf(code: string, prefix: string) {
  return code
    .replace(new RegExp(`^${prefix}-`), '')
    .toLowerCase()
    .replace(/-/g, '.');
}

/**
 * The workflow state of the n-th demo item, spread so every state appears in every unit:
 * mostly in progress, a fifth closed, some waiting for the leader or the office, a few not started.
 */
function demoState(n: number) {
  const pattern = [
    'in_progress',
    'closed',
    'in_progress',
    'unit_review',
    'not_started',
    'closed',
    'office_review',
    'in_progress',
    'closed_partial',
    'in_progress',
  ] as const;
  return pattern[n % pattern.length];
}

/** A tiny real PDF, so that demo evidence opens in a viewer. */
function demoPdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '').slice(0, 60) || 'Evidence';
  const body = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return !(await db.selectFrom('units').select('id').limit(1).executeTakeFirst());
}

/** What every step of the seeding writes with, and what the summary counts, inside the one transaction. */
interface Seeding {
  trx: Db;
  now: Date;
  today: string;
  content: DemoContent;
  /** DEMO_PASSWORD's hash, for every account but the admin's. */
  demoHash: string;
  /** One stored PDF that every item's evidence row points at. */
  sharedPdf: StoredFile;
  users: DemoSummary['users'];
  units: number;
  departments: number;
  inspections: number;
  /** Items so far across all units: it picks each item's state, so every state appears in every unit. */
  items: number;
}

/**
 * Builds a fictional city with one round, its teams, a dozen inspected units with departments and users
 * for every role, and items in every workflow state, dated around `today` so that some are overdue.
 * All in one transaction; the admin account gets `adminPassword`.
 */
export async function seedDemo(
  db: Db,
  options: { adminPassword: string; evidence: EvidenceStore; today?: string; content?: DemoContent },
): Promise<DemoSummary> {
  const content = options.content ?? demoContent;
  const today = options.today ?? todayInChina();
  const now = new Date();
  const [adminHash, demoHash] = await Promise.all([hashPassword(options.adminPassword), hashPassword(DEMO_PASSWORD)]);
  const sharedPdf = await options.evidence.save(
    'evidence.pdf',
    Readable.from([demoPdf('Rectification evidence (demo)')]),
    10 * 1024 * 1024,
  );

  const summary = await db.transaction().execute(async (trx) => {
    const s: Seeding = {
      trx,
      now,
      today,
      content,
      demoHash,
      sharedPdf,
      users: [],
      units: 0,
      departments: 0,
      inspections: 0,
      items: 0,
    };
    const committee = await seedCommittee(s, adminHash);
    let archivedItems = 0;
    // Issue 15: an archived earlier round whose aspects the live round renamed (repeats across rounds).
    const earlier = content === demoContent ? await seedEarlierRound(trx, committee.unit.id, today, now) : null;
    const round = await seedRound(s, committee.unit);
    for (const [u, demoUnit] of content.units.entries()) {
      await seedInspectedUnit(s, { committee, round, demoUnit, unitIndex: u });
    }
    if (earlier) {
      const unit = await findUnitByCode(trx, EARLIER_ROUND.unitCode);
      if (unit) {
        const seeded = await seedEarlierInspection(trx, earlier, unit.id, committee.adminId, now);
        s.inspections++;
        s.items += seeded.items;
        archivedItems += seeded.items;
      }
    }
    // Marked in the same transaction, so `rectify demo --remove` always knows the whole demo world.
    await markDemoWorld(trx, { committeeId: committee.unit.id, adminId: committee.adminId });
    const counts = { units: s.units, users: s.users.length, inspections: s.inspections, items: s.items };
    const audit = { actorId: committee.adminId, action: 'demo.seed', entity: 'system', entityId: null, after: counts };
    await recordAudit(trx, audit, now);
    return {
      units: s.units,
      inspectedUnits: content.units.length,
      departments: s.departments,
      users: s.users,
      inspections: s.inspections,
      items: s.items,
      archivedItems,
    };
  });
  await publishDemoNotice(db, today);
  await sendDemoOrder(db, today);
  await answerDemoQuestionnaire(db, today);
  return summary;
}

/**
 * What a database without the demo starts with: the committee at the root of the unit tree and the built-in `admin`
 * (系统管理员) with `adminPassword`, so that the administrator can sign in and build the real organisation.
 */
export async function seedInstallation(db: Db, options: { adminPassword: string }): Promise<void> {
  const now = new Date();
  const passwordHash = await hashPassword(options.adminPassword);
  await db.transaction().execute(async (trx) => {
    const committee = await insertUnit(
      trx,
      { parentId: null, name: '巡察委员会', code: 'ROOT', kind: 'committee' },
      now,
    );
    const base = { displayName: '系统管理员', role: 'admin' as const, unitId: committee.id, teamId: null };
    const adminId = await insertUser(trx, { username: 'admin', passwordHash, ...base }, now);
    const audit = { actorId: adminId, action: 'system.install', entity: 'system', entityId: null, after: {} };
    await recordAudit(trx, audit, now);
  });
}

async function addUser(
  s: Seeding,
  account: {
    username: string;
    displayName: string;
    role: Role;
    unitId: number;
    unitName: string;
    teamId?: number | null;
  },
  passwordHash = s.demoHash,
): Promise<number> {
  const { username, displayName, role, unitId, unitName, teamId = null } = account;
  // The demo's published password and the admin's from RECTIFY_ADMIN_PASSWORD neither expire nor must be changed.
  const id = await insertUser(
    s.trx,
    { username, displayName, passwordHash, role, unitId, teamId, passwordExpires: false },
    s.now,
  );
  s.users.push({ username, role, unit: unitName });
  return id;
}

async function addUnit(
  s: Seeding,
  parentId: number | null,
  { name, code, kind, sortOrder = 0 }: { name: string; code: string; kind: UnitKind; sortOrder?: number },
): Promise<Unit> {
  s.units++;
  if (kind === 'department') s.departments++;
  return insertUnit(s.trx, { parentId, name, code, kind, sortOrder }, s.now);
}

interface DemoCommittee {
  unit: Unit;
  adminId: number;
  officeIds: number[];
}

/** The top of the organisation tree: the committee, its inspection office and supervisors, and their accounts. */
async function seedCommittee(s: Seeding, adminHash: string): Promise<DemoCommittee> {
  const c = s.content;
  const committee = await addUnit(s, null, { name: c.committee, code: c.committeeCode, kind: 'committee' });
  const office = await addUnit(s, committee.id, {
    name: c.office,
    code: `${c.committeeCode}-XCB`,
    kind: 'inspection_office',
  });
  const supervision = await addUnit(s, committee.id, {
    name: c.supervisorOffice,
    code: `${c.committeeCode}-JJZ`,
    kind: 'supervision',
    sortOrder: 1,
  });
  const atCommittee = { unitId: committee.id, unitName: committee.name };
  const adminId = await addUser(
    s,
    { username: 'admin', displayName: '系统管理员', role: 'admin', ...atCommittee },
    adminHash,
  );
  // 三员分立: the security administrator and the auditor sit beside the system administrator.
  await addUser(s, { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', ...atCommittee });
  await addUser(s, { username: 'auditor', displayName: '安全审计员', role: 'auditor', ...atCommittee });
  // The office works on the whole committee's tree, so its accounts sit at the committee.
  const officeIds: number[] = [];
  for (const [i, name] of c.officeStaff.entries()) {
    const account = { username: `office${i + 1}`, displayName: name, role: 'office' as const };
    officeIds.push(await addUser(s, { ...account, unitId: committee.id, unitName: office.name }));
  }
  for (const [i, name] of c.supervisorStaff.entries()) {
    const account = { username: `supervisor${i + 1}`, displayName: name, role: 'supervisor' as const };
    await addUser(s, { ...account, unitId: committee.id, unitName: supervision.name });
  }
  return { unit: committee, adminId, officeIds };
}

interface DemoRound {
  roundId: number;
  aspectIds: number[];
  teamIds: number[];
}

/** The round, a little over five months ago, with its aspects and its teams, each led by a team account. */
async function seedRound(s: Seeding, committee: Unit): Promise<DemoRound> {
  const c = s.content;
  const startsOn = addDays(s.today, -160);
  const roundId = await insertRound(
    s.trx,
    { committeeUnitId: committee.id, name: c.round.name, startsOn, endsOn: addDays(startsOn, 75), aspects: c.aspects },
    s.now,
  );
  const round = (await listRounds(s.trx)).find((r) => r.id === roundId);
  const aspectIds = round?.aspects.map((a) => a.id) ?? [];
  const teamIds: number[] = [];
  for (const [i, team] of c.teams.entries()) {
    const teamId = await insertTeam(s.trx, { roundId, name: team.name, leaderName: team.leader }, s.now);
    teamIds.push(teamId);
    const account = { username: `team${i + 1}`, displayName: team.leader, role: 'team' as const, teamId };
    await addUser(s, { ...account, unitId: committee.id, unitName: team.name });
  }
  return { roundId, aspectIds, teamIds };
}

/** One inspected unit in the round, and where it stands. */
interface InspectedUnit {
  committee: DemoCommittee;
  round: DemoRound;
  demoUnit: DemoUnit;
  /** Its place among the content's units: it staggers the feedback dates and the items' states. */
  unitIndex: number;
}

async function seedInspectedUnit(s: Seeding, where: InspectedUnit): Promise<void> {
  const people = await seedUnitPeople(s, where);
  const inspection = await seedInspection(s, where, people);
  // Items are numbered through the whole inspection, not per problem.
  let itemNumber = 0;
  for (const [p, problem] of where.demoUnit.problems.entries()) {
    const aspectId = where.round.aspectIds[problem.aspectIndex] ?? null;
    const problemId = await insertProblem(
      s.trx,
      {
        inspectionId: inspection.id,
        aspectId,
        number: String(p + 1),
        title: problem.title,
        description: null,
        sortOrder: p + 1,
      },
      s.now,
    );
    for (const item of problem.items) {
      itemNumber++;
      await seedItem(s, { ...where, people, inspection, aspectId, problemId }, item, itemNumber);
    }
  }
}

/** A unit's own accounts and departments. */
interface UnitPeople {
  unit: Unit;
  adminId: number;
  leaderId: number;
  /** Parallel to the demo unit's departments: each department and its first staff member's account. */
  deptIds: number[];
  deptUserIds: number[];
}

/** The unit under the committee, its administrator and leader, and each department with one account. */
async function seedUnitPeople(s: Seeding, { committee, demoUnit, unitIndex }: InspectedUnit): Promise<UnitPeople> {
  const { committeeCode } = s.content;
  const unit = await addUnit(s, committee.unit.id, {
    name: demoUnit.name,
    code: demoUnit.code,
    kind: 'unit',
    sortOrder: unitIndex + 2,
  });
  const login = loginOf(demoUnit.code, committeeCode);
  const atUnit = { unitId: unit.id, unitName: unit.name };
  const adminId = await addUser(s, {
    username: `${login}.admin`,
    displayName: demoUnit.adminStaff,
    role: 'unit_admin',
    ...atUnit,
  });
  const leaderId = await addUser(s, {
    username: `${login}.leader`,
    displayName: demoUnit.firstResponsible,
    role: 'unit_leader',
    ...atUnit,
  });
  const deptIds: number[] = [];
  const deptUserIds: number[] = [];
  for (const [d, dept] of demoUnit.departments.entries()) {
    const deptRow = await addUnit(s, unit.id, { name: dept.name, code: dept.code, kind: 'department', sortOrder: d });
    deptIds.push(deptRow.id);
    const account = { username: loginOf(dept.code, committeeCode), displayName: dept.staff[0] ?? dept.name };
    deptUserIds.push(await addUser(s, { ...account, role: 'department', unitId: deptRow.id, unitName: deptRow.name }));
  }
  return { unit, adminId, leaderId, deptIds, deptUserIds };
}

/** The entries every unit's work log opens with: days after the feedback, and what was done. */
const WORK_LOG: { kind: WorkLogKind; daysAfterFeedback: number; title: (u: DemoUnit) => string }[] = [
  {
    kind: 'leading_group',
    daysAfterFeedback: 2,
    title: (u) => `成立${u.shortName}巡察整改工作领导小组，${u.firstResponsible}任组长`,
  },
  { kind: 'deployment_meeting', daysAfterFeedback: 3, title: () => '召开巡察反馈问题整改部署会' },
  {
    kind: 'study_session',
    daysAfterFeedback: 10,
    title: () => '党组理论学习中心组专题学习习近平总书记关于巡视工作的重要论述',
  },
  { kind: 'progress_meeting', daysAfterFeedback: 40, title: () => '召开整改工作推进会，逐项对账' },
];

/**
 * The unit's inspection and its feedback, with the work log that followed. Feedback dates are staggered: the earliest
 * units are past their concentrated period, the latest just inside it.
 */
async function seedInspection(
  s: Seeding,
  { round, demoUnit, unitIndex }: InspectedUnit,
  people: UnitPeople,
): Promise<{ id: number; feedbackOn: string }> {
  const feedbackOn = addDays(s.today, -110 + unitIndex * 6);
  const to = addDays(feedbackOn, -20);
  const from = addDays(to, -45);
  const id = await insertInspection(
    s.trx,
    {
      roundId: round.roundId,
      teamId: round.teamIds[demoUnit.teamIndex % round.teamIds.length],
      unitId: people.unit.id,
      kind: demoUnit.inspectionKind,
      from,
      to,
      feedbackOn,
      concentratedUntil: addMonths(feedbackOn, 3),
      reportDueOn: addMonths(feedbackOn, 2),
    },
    s.now,
  );
  s.inspections++;
  // Issue 15 (报送): three units have submitted their 整改情况报告 a few days before it fell due, so the office's list
  // shows both kinds; the first unit (the one a visitor signs in as) has not, and its home offers the button.
  const reportDueOn = addMonths(feedbackOn, 2);
  if (unitIndex >= 1 && unitIndex <= 3 && reportDueOn < s.today) {
    await insertReportSubmission(
      s.trx,
      {
        inspectionId: id,
        submittedOn: addDays(reportDueOn, -3),
        docNumber: `${demoUnit.shortName}〔${reportDueOn.slice(0, 4)}〕${10 + unitIndex}号`,
        fileName: `${demoUnit.shortName}关于巡察整改情况的报告.pdf`,
        contentType: s.sharedPdf.contentType,
        sizeBytes: s.sharedPdf.sizeBytes,
        sha256: s.sharedPdf.sha256,
        note: null,
        recordedBy: people.adminId,
      },
      null,
      s.now,
    );
  }
  for (const entry of WORK_LOG) {
    const heldOn = addDays(feedbackOn, entry.daysAfterFeedback);
    const log = { inspectionId: id, kind: entry.kind, heldOn, title: entry.title(demoUnit), note: null };
    await insertWorkLog(s.trx, { ...log, createdBy: people.adminId }, s.now);
  }
  return { id, feedbackOn };
}

/** Where an item goes: its unit, inspection and problem. */
interface ItemPlace extends InspectedUnit {
  people: UnitPeople;
  inspection: { id: number; feedbackOn: string };
  aspectId: number | null;
  problemId: number;
}

type DemoState = ReturnType<typeof demoState>;

/** An item's state and dates, decided from its place in the city before anything is written. */
interface ItemFacts {
  state: DemoState;
  /** Closed, fully or partly. */
  closed: boolean;
  /** Waiting for the unit's leader or the office to approve its close-out. */
  inReview: boolean;
  deadline: string | null;
  closedOn: string | null;
  leadDept: number;
  leadUser: number;
}

/** `ordinal` is the item's 1-based place among all the city's items. */
function itemFacts(s: Seeding, place: ItemPlace, item: DemoItem, ordinal: number): ItemFacts {
  const state = demoState(ordinal - 1 + place.unitIndex);
  const { feedbackOn } = place.inspection;
  const deadline =
    item.kind === 'ongoing'
      ? null
      : addMonths(feedbackOn, Math.max(item.deadlineMonths, item.kind === 'immediate' ? 0 : 1));
  const closed = state === 'closed' || state === 'closed_partial';
  // Closed items met their deadline, or missed it by a few days, or (deadline still ahead) closed a few days ago.
  const closedOn = closed
    ? deadline && deadline < s.today
      ? addDays(deadline, ordinal % 3 === 0 ? 6 : -5)
      : addDays(s.today, -3)
    : null;
  const { deptIds, deptUserIds } = place.people;
  return {
    state,
    closed,
    inReview: state === 'unit_review' || state === 'office_review',
    deadline,
    closedOn,
    leadDept: deptIds[item.leadDepartmentIndex] ?? deptIds[0],
    leadUser: deptUserIds[item.leadDepartmentIndex] ?? deptUserIds[0],
  };
}

/** The ledger row of an item in its demo state: the workflow's state, close stage and sign-offs, and its result. */
function itemRow(place: ItemPlace, item: DemoItem, itemNumber: number, ordinal: number, f: ItemFacts): NewItem {
  const { demoUnit, people } = place;
  const { state, closed, inReview } = f;
  const createdAt = `${addDays(place.inspection.feedbackOn, 5)}T02:00:00.000Z`;
  return {
    inspection_id: place.inspection.id,
    unit_id: people.unit.id,
    round_id: place.round.roundId,
    aspect_id: place.aspectId,
    problem_id: place.problemId,
    number: String(itemNumber),
    title: item.title,
    description: item.description,
    suggestion: null,
    target: null,
    kind: item.kind,
    deadline: f.deadline,
    lead_department_id: f.leadDept,
    responsible_leader:
      demoUnit.deputyLeaders[itemNumber % demoUnit.deputyLeaders.length]?.name ?? demoUnit.firstResponsible,
    state: state === 'closed_partial' ? 'closed' : inReview ? 'close_requested' : state,
    close_stage: inReview ? state : null,
    close_requested_by: closed || inReview ? f.leadUser : null,
    close_approved_by: closed || state === 'office_review' ? people.leaderId : null,
    result:
      state === 'closed'
        ? 'completed'
        : state === 'closed_partial' || (item.kind === 'ongoing' && state === 'in_progress')
          ? 'partially_completed'
          : 'not_completed',
    closed_on: f.closedOn,
    withheld: item.withheld ? 1 : 0,
    withheld_reason: item.withheld ?? null,
    flagged: ordinal % 17 === 0 ? 1 : 0,
    sort_order: itemNumber,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

/**
 * A measure's 责任人 as units write them: mostly the department's clerk with an account (stored as the account alone),
 * every third one a written name — a colleague without an account, or the measure's deputy head with the post added
 * (陈玉兰（分管副局长）) — so the demo shows both kinds printed the same everywhere.
 */
function demoResponsible(
  demoUnit: DemoUnit,
  departmentIndex: number,
  ordinal: number,
  { accountId, deputy }: { accountId: number; deputy: DemoUnit['deputyLeaders'][number] | undefined },
): { responsiblePersonId: number | null; responsiblePersonName: string | null } {
  if (ordinal % 3 !== 2) return { responsiblePersonId: accountId, responsiblePersonName: null };
  const colleague = demoUnit.departments[departmentIndex]?.staff[1];
  if (colleague) return { responsiblePersonId: null, responsiblePersonName: colleague };
  // The deputy who leads the measure (its 责任领导) answers for it in person.
  if (!deputy) return { responsiblePersonId: accountId, responsiblePersonName: null };
  const post = deputy.title.split('、').at(-1) ?? deputy.title;
  return {
    responsiblePersonId: null,
    responsiblePersonName: `${deputy.name}（${post.startsWith('副') ? '分管' : ''}${post}）`,
  };
}

/** One item in its demo state, with its measures, progress, close-out and outcome. */
async function seedItem(s: Seeding, place: ItemPlace, item: DemoItem, itemNumber: number): Promise<void> {
  s.items++;
  const f = itemFacts(s, place, item, s.items);
  const itemId = await insertItem(s.trx, itemRow(place, item, itemNumber, s.items, f));
  const { deptIds, deptUserIds, leaderId } = place.people;
  const leaders = place.demoUnit.deputyLeaders;
  for (const [m, measure] of item.measures.entries()) {
    await insertMeasure(
      s.trx,
      itemId,
      m + 1,
      {
        content: measure.content,
        kind: item.kind,
        responsibleLeader: leaders[m % leaders.length]?.name ?? null,
        departmentId: deptIds[measure.departmentIndex] ?? f.leadDept,
        ...demoResponsible(place.demoUnit, measure.departmentIndex, s.items + m, {
          accountId: deptUserIds[measure.departmentIndex] ?? f.leadUser,
          deputy: leaders[m % leaders.length],
        }),
        deadline: f.deadline,
        completedOn: f.closed ? f.closedOn : null,
      },
      s.now,
    );
  }
  if (f.state !== 'not_started') await seedProgress(s, itemId, item, place.inspection.feedbackOn, f.leadUser);
  if (f.closed || f.inReview)
    await seedCloseOut(s, itemId, item, f, { leaderId, officeId: place.committee.officeIds[0] });
  if (item.clue) await seedClue(s, place, itemId, item.clue);
  if (item.outcome) {
    await insertOutcome(
      s.trx,
      itemId,
      {
        kind: item.outcome.kind,
        title: item.outcome.title,
        accountabilityKind: item.outcome.accountabilityKind ?? null,
        peopleCount: item.outcome.peopleCount ?? null,
        amountYuan: item.outcome.amountYuan ?? null,
        occurredOn: addDays(place.inspection.feedbackOn, 30),
      },
      f.leadUser,
      s.now,
    );
  }
}

/**
 * Issue 15 (问题线索): the item marked by the office as a clue on the feedback day and handed to the 纪委监委 some days
 * later (never after today), with its receiving body and handling deadline; accepted (受理) a week after that, if past.
 */
async function seedClue(s: Seeding, place: ItemPlace, itemId: number, clue: NonNullable<DemoItem['clue']>) {
  const feedbackOn = place.inspection.feedbackOn;
  const officeId = place.committee.officeIds[0] as number;
  const id = await insertClue(
    s.trx,
    {
      roundId: place.round.roundId,
      inspectionId: place.inspection.id,
      unitId: place.people.unit.id,
      problemId: null,
      itemId,
      description: clue.description,
      markedBy: officeId,
      markedOn: [feedbackOn, s.today].sort()[0] as string,
    },
    s.now,
  );
  const handedOverOn = [addDays(feedbackOn, clue.handedOverAfterDays), s.today].sort()[0] as string;
  const acceptedOn = addDays(handedOverOn, 7);
  await patchClue(
    s.trx,
    id,
    1,
    {
      state: acceptedOn <= s.today ? 'accepted' : 'handed_over',
      handed_over_on: handedOverOn,
      receiving_body: clue.receivingBody,
      handling_deadline: addDays(handedOverOn, clue.deadlineDays),
      accepted_on: acceptedOn <= s.today ? acceptedOn : null,
    },
    s.now,
  );
}

/** The item's progress entries, every 18 days from 12 days after the feedback, as far as `today`. */
async function seedProgress(s: Seeding, itemId: number, item: DemoItem, feedbackOn: string, authorId: number) {
  for (const [k, content] of item.progress.entries()) {
    const entryOn = addDays(feedbackOn, 12 + k * 18);
    if (entryOn > s.today) break;
    await insertProgress(s.trx, { itemId, measureId: null, entryOn, content, authorId }, s.now);
  }
}

/** Evidence and the close-out sign-offs as far as the item's state has come: requested, approved, confirmed. */
async function seedCloseOut(
  s: Seeding,
  itemId: number,
  item: DemoItem,
  f: ItemFacts,
  signers: { leaderId: number; officeId: number },
) {
  await insertEvidence(
    s.trx,
    {
      itemId,
      measureId: null,
      fileName: `${item.title.slice(0, 20)}佐证材料.pdf`,
      contentType: 'application/pdf',
      sizeBytes: s.sharedPdf.sizeBytes,
      sha256: s.sharedPdf.sha256,
      effectiveOn: f.closedOn ?? addDays(s.today, -2),
      note: null,
      uploadedBy: f.leadUser,
    },
    s.now,
  );
  const review = (event: 'request_close' | 'approve' | 'confirm', actorId: number, note: string) =>
    insertCloseReview(s.trx, { itemId, event, actorId, note }, s.now);
  await review('request_close', f.leadUser, '已按整改措施逐项落实，佐证材料齐全，申请销号。');
  if (f.closed || f.state === 'office_review') await review('approve', signers.leaderId, '经审核，同意销号。');
  if (f.closed) await review('confirm', signers.officeId, '经巡察办核查，予以销号。');
}

/**
 * The first unit writes its notice and publishes it, as its administrator would, through the same command: the portal
 * then has one notice inside its public period around `today`.
 */
async function publishDemoNotice(db: Db, today: string): Promise<void> {
  const now = new Date();
  const admin = await db
    .selectFrom('inspections as i')
    .innerJoin('users as us', 'us.unit_id', 'i.unit_id')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id as inspection_id', 'us.id', 'us.unit_id', 'u.path'])
    .where('us.role', '=', 'unit_admin')
    .orderBy('i.id')
    .executeTakeFirstOrThrow();
  const issuedOn = addDays(today, -4);
  const period = { publicFrom: addDays(today, -3), publicTo: addDays(today, 11) };
  await insertNoticeDraft(
    db,
    admin.inspection_id,
    'notice',
    {
      ...EMPTY_WRITING,
      issuedOn,
      asOf: issuedOn,
      ...period,
      organising:
        '收到巡察反馈意见后，党组第一时间召开专题会议，成立整改工作领导小组，制定整改方案，逐项明确责任领导、责任部门和完成时限。',
      nextSteps: '对阶段性完成的事项持续跟踪推进，建立长效机制，巩固整改成果。',
      contacts: {
        phone: ['0735-8123456'],
        email: ['zgb@jianglan.example.cn'],
        postal: '江澜市滨江路18号',
        postcode: '423000',
      },
    },
    now,
  );
  const ctx = {
    db,
    config: loadConfig({}),
    now: () => new Date(`${today}T02:00:00Z`),
    actor: { id: admin.id, role: 'unit_admin' as const, unitId: admin.unit_id, unitPath: admin.path, teamId: null },
  };
  // Issue 15: through the workflow, as the unit would: its administrator drafts and submits, its leader approves.
  const draft = await prepareDraft(ctx, admin.inspection_id, period);
  const submitted = await stepPublicationVersion(ctx, draft.id, 'submit', { version: draft.version });
  const leader = await db
    .selectFrom('users')
    .select(['id', 'unit_id'])
    .where('unit_id', '=', admin.unit_id)
    .where('role', '=', 'unit_leader')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const leaderCtx = { ...ctx, actor: { ...ctx.actor, id: leader.id, role: 'unit_leader' as const } };
  await stepPublicationVersion(leaderCtx, draft.id, 'approve', { version: submitted.version });
}

/**
 * Issue 15 (督办 as documents): the office has sent one numbered order to the second unit about one of its open items,
 * through the same command, so the 督办 tab shows a 文号 and a 通知书 to print. The first unit (the one a visitor signs in
 * as) is left without one, so its tasks stay as they were.
 */
async function sendDemoOrder(db: Db, today: string): Promise<void> {
  const office = await db
    .selectFrom('users as us')
    .innerJoin('units as u', 'u.id', 'us.unit_id')
    .select(['us.id', 'us.unit_id', 'u.path'])
    .where('us.role', '=', 'office')
    .orderBy('us.id')
    .executeTakeFirst();
  const item = await db
    .selectFrom('items as i')
    .innerJoin('inspections as ins', 'ins.id', 'i.inspection_id')
    .select(['i.id', 'i.unit_id'])
    .where('i.state', 'in', ['in_progress', 'not_started'])
    .orderBy('ins.id')
    .orderBy('i.id')
    .execute();
  const units = [...new Set(item.map((i) => i.unit_id))];
  const target = item.find((i) => i.unit_id === units[1]);
  if (!office || !target) return;
  const ctx = {
    db,
    config: loadConfig({}),
    now: () => new Date(`${today}T02:00:00Z`),
    actor: { id: office.id, role: 'office' as const, unitId: office.unit_id, unitPath: office.path, teamId: null },
  };
  await createSupervisionOrders(ctx, {
    targets: [{ unitId: target.unit_id, itemId: target.id }],
    title: '关于加快推进整改进度的督办',
    content:
      '经核查，该问题整改进度滞后于整改方案确定的时限。请对照整改方案，明确责任人和完成时限，按期报送办理情况及佐证材料。',
    dueOn: addDays(today, 15),
    flagItems: false,
  });
}

/**
 * Issue 15, point 4: a few answers to the published notice's 群众满意度测评 over the last days, so the evaluation shows a
 * satisfaction result (the demo's addresses are stand-in hashes).
 */
async function answerDemoQuestionnaire(db: Db, today: string): Promise<void> {
  const answers: { answer: SatisfactionAnswer; remark: string | null }[] = [
    { answer: { overall: 'satisfied', effect: 'satisfied', openness: 'satisfied', change: 'satisfied' }, remark: null },
    {
      answer: { overall: 'satisfied', effect: 'basic', openness: 'satisfied', change: 'basic' },
      remark: '公车管理有明显改进',
    },
    { answer: { overall: 'basic', effect: 'basic', openness: 'basic', change: 'basic' }, remark: null },
    {
      answer: { overall: 'dissatisfied', effect: 'basic', openness: 'basic', change: 'dissatisfied' },
      remark: '希望公开更多整改佐证材料',
    },
  ];
  for (const publicationId of await publishedNoticeIds(db)) {
    for (const [n, a] of answers.entries()) {
      const answeredOn = addDays(today, -(n + 1));
      await insertSatisfactionAnswer(db, {
        publicationId,
        ...a,
        addressHash: `demo-${n + 1}`,
        answeredOn,
        at: `${answeredOn}T02:00:00.000Z`,
      });
    }
  }
}
