import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { addMonths, type IsoDate } from '../domain/dates.ts';
import type { LadderCandidates, Stage, SubjectKind } from '../domain/reminders.ts';

export interface ReminderSubject {
  kind: SubjectKind;
  id: number;
  deadline: IsoDate;
}

/**
 * The subjects of reminders. A measure with a deadline that is not completed, in an item that is not closed, is reminded
 * on its own; an open item is reminded by itself only when none of its measures carries an open deadline (otherwise the
 * same people would be told twice about one date). An inspection's report is reminded while it has open items and has not
 * been recorded as submitted (报送, issue 15), against report_due_on (or feedback + the configured months).
 */
function openMeasures(db: Db) {
  return db
    .selectFrom('measures as m')
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .where('m.deadline', 'is not', null)
    .where('m.completed_on', 'is', null)
    .where('i.state', '!=', 'closed')
    .where('i.round_id', 'not in', archivedRounds(db));
}

/**
 * Issue 12: an archived round is reminded of nothing (it is finished, and read-only: nobody could act on a reminder).
 * Its schedule rows fall out as gone; unarchived, its open subjects come back as fresh ones.
 */
const archivedRounds = (db: Db) => db.selectFrom('rounds').select('id').where('archived_at', 'is not', null);

function openItems(db: Db) {
  return db
    .selectFrom('items as i')
    .where('i.deadline', 'is not', null)
    .where('i.state', '!=', 'closed')
    .where('i.round_id', 'not in', archivedRounds(db))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('measures as m')
            .whereRef('m.item_id', '=', 'i.id')
            .where('m.deadline', 'is not', null)
            .where('m.completed_on', 'is', null)
            .select('m.id'),
        ),
      ),
    );
}

export interface ScheduleDrift {
  /** Open subjects without a schedule row. */
  fresh: ReminderSubject[];
  /** Schedule rows whose subject's deadline has moved. */
  moved: { scheduleId: number; oldDeadline: IsoDate; subject: ReminderSubject }[];
  /** Schedule rows whose subject is no longer open (closed, completed, deleted, deadline removed). */
  gone: number[];
}

/**
 * Where the schedule and the ledger disagree. The comparison runs in SQL against the schedule's unique index, so a quiet
 * sweep over a large ledger reads only the differences rather than every open subject.
 */
export async function scheduleDrift(db: Db, reportMonths: number): Promise<ScheduleDrift> {
  const drift: ScheduleDrift = { fresh: [], moved: [], gone: [] };
  const note = (kind: SubjectKind, id: number, deadline: string, scheduleId: number | null, old: string | null) => {
    const subject = { kind, id, deadline };
    if (scheduleId === null) drift.fresh.push(subject);
    else drift.moved.push({ scheduleId, oldDeadline: old as string, subject });
  };
  const measures = await openMeasures(db)
    .leftJoin('reminder_schedule as s', (j) =>
      j.onRef('s.subject_id', '=', 'm.id').on('s.subject_kind', '=', 'measure'),
    )
    .where((eb) => eb.or([eb('s.id', 'is', null), eb('s.deadline', '!=', eb.ref('m.deadline'))]))
    .select(['m.id', 'm.deadline', 's.id as scheduleId', 's.deadline as scheduled'])
    .execute();
  for (const r of measures) note('measure', r.id, r.deadline as string, r.scheduleId, r.scheduled);
  const items = await openItems(db)
    .leftJoin('reminder_schedule as s', (j) => j.onRef('s.subject_id', '=', 'i.id').on('s.subject_kind', '=', 'item'))
    .where((eb) => eb.or([eb('s.id', 'is', null), eb('s.deadline', '!=', eb.ref('i.deadline'))]))
    .select(['i.id', 'i.deadline', 's.id as scheduleId', 's.deadline as scheduled'])
    .execute();
  for (const r of items) note('item', r.id, r.deadline as string, r.scheduleId, r.scheduled);

  const goneMeasures = await db
    .selectFrom('reminder_schedule as s')
    .where('s.subject_kind', '=', 'measure')
    .where(({ not, exists }) => not(exists(openMeasures(db).where(sql<boolean>`m.id = s.subject_id`).select('m.id'))))
    .select('s.id')
    .execute();
  const goneItems = await db
    .selectFrom('reminder_schedule as s')
    .where('s.subject_kind', '=', 'item')
    .where(({ not, exists }) => not(exists(openItems(db).where(sql<boolean>`i.id = s.subject_id`).select('i.id'))))
    .select('s.id')
    .execute();
  drift.gone.push(...goneMeasures.map((r) => r.id), ...goneItems.map((r) => r.id));

  // Inspections are few, and a report's deadline may be derived from the feedback date, so they are compared here.
  const inspections = await db
    .selectFrom('inspections as n')
    .where('n.round_id', 'not in', archivedRounds(db))
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('items as i')
          .whereRef('i.inspection_id', '=', 'n.id')
          .where('i.state', '!=', 'closed')
          .select('i.id'),
      ),
    )
    // Issue 15 (报送): once the report is recorded as submitted, its reminders stop (its schedule row falls out as gone).
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('report_submissions as rs')
            .whereRef('rs.inspection_id', '=', 'n.id')
            .where('rs.superseded_at', 'is', null)
            .select('rs.id'),
        ),
      ),
    )
    .select(['n.id', 'n.report_due_on', 'n.feedback_on'])
    .execute();
  const reports = new Map(
    (
      await db
        .selectFrom('reminder_schedule')
        .where('subject_kind', '=', 'report')
        .select(['id', 'subject_id', 'deadline'])
        .execute()
    ).map((r) => [r.subject_id, r]),
  );
  for (const n of inspections) {
    const due = n.report_due_on ?? (n.feedback_on ? addMonths(n.feedback_on, reportMonths) : null);
    const row = reports.get(n.id);
    reports.delete(n.id);
    if (!due) {
      if (row) drift.gone.push(row.id);
    } else if (!row || row.deadline !== due) note('report', n.id, due, row?.id ?? null, row?.deadline ?? null);
  }
  drift.gone.push(...[...reports.values()].map((r) => r.id));
  return drift;
}

export interface ScheduleRow {
  id: number;
  kind: SubjectKind;
  subjectId: number;
  deadline: IsoDate;
  lastStage: Stage;
  nextOn: IsoDate | null;
}

const scheduleColumns = ['id', 'subject_kind', 'subject_id', 'deadline', 'last_stage', 'next_on'] as const;
type RawSchedule = {
  id: number;
  subject_kind: string;
  subject_id: number;
  deadline: string;
  last_stage: number;
  next_on: string | null;
};
const toSchedule = (r: RawSchedule): ScheduleRow => ({
  id: r.id,
  kind: r.subject_kind as SubjectKind,
  subjectId: r.subject_id,
  deadline: r.deadline,
  lastStage: r.last_stage as Stage,
  nextOn: r.next_on,
});

/** The schedule of one subject, for the item page and tests. */
export async function findSchedule(db: Db, kind: SubjectKind, subjectId: number): Promise<ScheduleRow | null> {
  const row = await db
    .selectFrom('reminder_schedule')
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .select(scheduleColumns)
    .executeTakeFirst();
  return row ? toSchedule(row) : null;
}

/** Adds schedule rows; a row another process added meanwhile is left as it is. */
export async function insertScheduleRows(
  db: Db,
  rows: { kind: SubjectKind; subjectId: number; deadline: IsoDate; nextOn: IsoDate | null }[],
  at: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('reminder_schedule')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          subject_kind: r.kind,
          subject_id: r.subjectId,
          deadline: r.deadline,
          last_stage: 0,
          next_on: r.nextOn,
          updated_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['subject_kind', 'subject_id']).doNothing())
      .execute();
  }
}

/** A moved deadline starts the ladder again; guarded by the old deadline so a concurrent re-arm is harmless. */
export async function rearmSchedule(
  db: Db,
  row: { id: number; oldDeadline: IsoDate; deadline: IsoDate; nextOn: IsoDate | null },
  at: string,
): Promise<void> {
  await db
    .updateTable('reminder_schedule')
    .set({ deadline: row.deadline, last_stage: 0, next_on: row.nextOn, updated_at: at })
    .where('id', '=', row.id)
    .where('deadline', '=', row.oldDeadline)
    .execute();
}

export async function deleteScheduleRows(db: Db, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .deleteFrom('reminder_schedule')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

export async function dueSchedule(db: Db, today: IsoDate): Promise<ScheduleRow[]> {
  return (
    await db
      .selectFrom('reminder_schedule')
      .where('next_on', 'is not', null)
      .where('next_on', '<=', today)
      .orderBy('next_on')
      .orderBy('id')
      .select(scheduleColumns)
      .execute()
  ).map(toSchedule);
}

/**
 * Claims a stage of a schedule row: the one write that makes a reminder go out once. It succeeds only while the row
 * still has this deadline and an earlier stage; a second process doing the same waits for the first's transaction
 * (PostgreSQL row lock, SQLite's single writer), then finds the stage taken and updates nothing.
 */
export async function claimStage(
  trx: Db,
  row: { id: number; deadline: IsoDate; stage: Stage; nextOn: IsoDate | null },
  at: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('reminder_schedule')
    .set({ last_stage: row.stage, next_on: row.nextOn, updated_at: at })
    .where('id', '=', row.id)
    .where('deadline', '=', row.deadline)
    .where('last_stage', '<', row.stage)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface SubjectDetails {
  title: string;
  /** The measure's own words, for a measure's reminder. */
  measure: string | null;
  unitId: number;
  unitName: string;
  link: string;
  candidates: LadderCandidates;
}

/** The active accounts of a role in a unit, by id: those a message or a reminder may be written to. */
async function activeUsers(db: Db, unitId: number | null, role: string): Promise<number[]> {
  if (unitId === null) return [];
  const rows = await db
    .selectFrom('users')
    .where('unit_id', '=', unitId)
    .where('role', '=', role)
    .where('active', '=', 1)
    .orderBy('id')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

/** What a reminder says about its subject and the accounts the ladder may choose from; null when the subject is gone. */
export async function subjectDetails(db: Db, kind: SubjectKind, subjectId: number): Promise<SubjectDetails | null> {
  let base: {
    title: string;
    unitId: number;
    inspectionId: number;
    itemId: number | null;
    departmentId: number | null;
    personId: number | null;
    measure: string | null;
  };
  if (kind === 'measure') {
    const r = await db
      .selectFrom('measures as m')
      .innerJoin('items as i', 'i.id', 'm.item_id')
      .where('m.id', '=', subjectId)
      .select([
        'i.id as itemId',
        'i.title',
        'i.unit_id',
        'i.inspection_id',
        'm.department_id',
        'm.responsible_person_id',
        'm.content',
      ])
      .executeTakeFirst();
    if (!r) return null;
    base = {
      title: r.title,
      unitId: r.unit_id,
      inspectionId: r.inspection_id,
      itemId: r.itemId,
      departmentId: r.department_id,
      personId: r.responsible_person_id,
      measure: r.content,
    };
  } else if (kind === 'item') {
    const r = await db
      .selectFrom('items')
      .where('id', '=', subjectId)
      .select(['id', 'title', 'unit_id', 'inspection_id', 'lead_department_id'])
      .executeTakeFirst();
    if (!r) return null;
    base = {
      title: r.title,
      unitId: r.unit_id,
      inspectionId: r.inspection_id,
      itemId: r.id,
      departmentId: r.lead_department_id,
      personId: null,
      measure: null,
    };
  } else {
    const r = await db
      .selectFrom('inspections')
      .where('id', '=', subjectId)
      .select(['id', 'unit_id'])
      .executeTakeFirst();
    if (!r) return null;
    base = {
      title: '',
      unitId: r.unit_id,
      inspectionId: r.id,
      itemId: null,
      departmentId: null,
      personId: null,
      measure: null,
    };
  }
  const context = await db
    .selectFrom('inspections as n')
    .innerJoin('rounds as r', 'r.id', 'n.round_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .where('n.id', '=', base.inspectionId)
    .select(['r.committee_unit_id', 'r.name as roundName', 'u.name as unitName'])
    .executeTakeFirstOrThrow();
  const person =
    base.personId === null
      ? undefined
      : await db
          .selectFrom('users')
          .where('id', '=', base.personId)
          .where('active', '=', 1)
          .select('id')
          .executeTakeFirst();
  return {
    title: kind === 'report' ? `${context.roundName}整改情况报告` : base.title,
    measure: base.measure,
    unitId: base.unitId,
    unitName: context.unitName,
    link: base.itemId !== null ? `/items/${base.itemId}` : `/ledger?inspectionId=${base.inspectionId}`,
    candidates: {
      responsiblePerson: person?.id ?? null,
      departmentUsers: await activeUsers(db, base.departmentId, 'department'),
      unitLeaders: await activeUsers(db, base.unitId, 'unit_leader'),
      unitAdmins: await activeUsers(db, base.unitId, 'unit_admin'),
      office: await activeUsers(db, context.committee_unit_id, 'office'),
    },
  };
}

/** E-mail addresses of the accounts that have one. */
export async function userEmails(db: Db, userIds: number[]): Promise<{ id: number; email: string }[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .where('id', 'in', userIds)
    .where('email', 'is not', null)
    .where('email', '!=', '')
    // Issue 13: an account that turned e-mail off gets none, whoever asks for its address to send to.
    .where('notify_email', '=', 1)
    .select(['id', 'email'])
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email as string }));
}
