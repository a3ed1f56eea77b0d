import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { LookbackStatus, OrderStatus } from '../domain/supervision.ts';
import { AppError } from '../errors.ts';
import type { ReadScope } from '../policies/policies.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

export interface SupervisionOrder {
  id: number;
  batch: string;
  unitId: number;
  unit: string;
  unitPath: string;
  itemId: number | null;
  itemTitle: string | null;
  title: string;
  content: string;
  dueOn: string;
  status: OrderStatus;
  issuedBy: number;
  issuedByName: string;
  issuedOn: string;
  answer: string | null;
  answeredBy: number | null;
  answeredByName: string | null;
  answeredOn: string | null;
  returnReason: string | null;
  closedOn: string | null;
  /** Issue 15: the 文号 the order was sent under (null for orders sent before numbering), and its recall. */
  docNumber: string | null;
  recalledOn: string | null;
  recallReason: string | null;
  overdue: boolean;
  version: number;
}

/** A subtree as an index range (see pathPrefix in items.repository.ts): paths are digits and '/'. */
function pathRange(prefix: string) {
  return { from: prefix, below: `${prefix.slice(0, -1)}0` };
}

function orderQuery(db: Db) {
  return db
    .selectFrom('supervision_orders as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .innerJoin('users as ib', 'ib.id', 'o.issued_by')
    .leftJoin('users as ab', 'ab.id', 'o.answered_by')
    .leftJoin('items as i', 'i.id', 'o.item_id')
    .select([
      'o.id',
      'o.batch',
      'o.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'o.item_id',
      'i.title as item_title',
      'o.title',
      'o.content',
      'o.due_on',
      'o.status',
      'o.issued_by',
      'ib.display_name as issued_by_name',
      'o.issued_on',
      'o.answer',
      'o.answered_by',
      'ab.display_name as answered_by_name',
      'o.answered_on',
      'o.return_reason',
      'o.closed_on',
      'o.doc_number',
      'o.recalled_on',
      'o.recall_reason',
      'o.version',
    ]);
}

type OrderRow = Awaited<ReturnType<ReturnType<typeof orderQuery>['executeTakeFirstOrThrow']>>;

/** Overdue is derived, never stored: past its due date and not yet answered or closed. */
export function isOrderOverdue(status: OrderStatus, dueOn: string, today: string): boolean {
  return (status === 'open' || status === 'returned') && dueOn < today;
}

const toOrder = (r: OrderRow, today: string): SupervisionOrder => ({
  id: r.id,
  batch: r.batch,
  unitId: r.unit_id,
  unit: r.unit_name,
  unitPath: r.unit_path,
  itemId: r.item_id,
  itemTitle: r.item_title,
  title: r.title,
  content: r.content,
  dueOn: r.due_on,
  status: r.status as OrderStatus,
  issuedBy: r.issued_by,
  issuedByName: r.issued_by_name,
  issuedOn: r.issued_on,
  answer: r.answer,
  answeredBy: r.answered_by,
  answeredByName: r.answered_by_name,
  answeredOn: r.answered_on,
  returnReason: r.return_reason,
  closedOn: r.closed_on,
  docNumber: r.doc_number,
  recalledOn: r.recalled_on,
  recallReason: r.recall_reason,
  overdue: isOrderOverdue(r.status as OrderStatus, r.due_on, today),
  version: r.version,
});

export async function getOrder(db: Db, id: number, today: string): Promise<SupervisionOrder> {
  const row = await orderQuery(db).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('supervision_order', id);
  return toOrder(row, today);
}

export interface OrderFilter {
  status?: OrderStatus;
  overdue?: boolean;
  unitId?: number;
  itemId?: number;
  /** Issue 15: recalled orders are left out unless asked for (the office's lists). */
  withRecalled?: boolean;
}

export async function listOrders(
  db: Db,
  scope: ReadScope,
  filter: OrderFilter,
  today: string,
): Promise<SupervisionOrder[]> {
  let q = orderQuery(db);
  if (scope.kind === 'subtree') {
    const { from, below } = pathRange(scope.path);
    q = q.where('u.path', '>=', from).where('u.path', '<', below);
  }
  // Orders go to units; a department reads its unit's orders, but an order about one item only when the item is the
  // department's (it leads it or owns one of its measures), as in the ledger.
  if (scope.kind === 'department') {
    const { from, below } = pathRange(scope.path);
    q = q.where(sql<boolean>`${scope.path} like u.path || '%'`).where((eb) => {
      const ownDepartments = eb.selectFrom('units').select('id').where('path', '>=', from).where('path', '<', below);
      return eb.or([
        eb('o.item_id', 'is', null),
        eb('o.item_id', 'in', eb.selectFrom('items').select('id').where('lead_department_id', 'in', ownDepartments)),
        eb('o.item_id', 'in', eb.selectFrom('measures').select('item_id').where('department_id', 'in', ownDepartments)),
      ]);
    });
  }
  // A team reads the orders to units it inspected, but an order about one item only when the item is of its own
  // inspection, as in the ledger (issue 11: a team read another team's 不宜公开 item title here).
  if (scope.kind === 'team') {
    q = q
      .where('o.unit_id', 'in', (eb) =>
        eb.selectFrom('inspections').select('unit_id').where('team_id', '=', scope.teamId),
      )
      .where((eb) =>
        eb.or([
          eb('o.item_id', 'is', null),
          eb(
            'o.item_id',
            'in',
            eb
              .selectFrom('items')
              .select('id')
              .where(
                'inspection_id',
                'in',
                eb.selectFrom('inspections').select('id').where('team_id', '=', scope.teamId),
              ),
          ),
        ]),
      );
  }
  if (filter.status) q = q.where('o.status', '=', filter.status);
  else if (!filter.withRecalled) q = q.where('o.status', '!=', 'recalled');
  if (filter.status === 'recalled' && !filter.withRecalled) q = q.where('o.status', '!=', 'recalled');
  if (filter.unitId !== undefined) q = q.where('o.unit_id', '=', filter.unitId);
  if (filter.itemId !== undefined) q = q.where('o.item_id', '=', filter.itemId);
  if (filter.overdue === true) q = q.where('o.status', 'in', ['open', 'returned']).where('o.due_on', '<', today);
  const rows = await q.orderBy('o.due_on').orderBy('o.id').execute();
  return rows.map((r) => toOrder(r, today));
}

type NewOrder = Omit<Database['supervision_orders'], 'id' | 'version' | 'created_at' | 'updated_at'>;

/** An order as sent (or as it moves on): who it goes to, what it asks, by when, and its answer and close-out. */
export interface OrderFields {
  batch?: string;
  unitId?: number;
  itemId?: number | null;
  title?: string;
  content?: string;
  dueOn?: string;
  status?: OrderStatus;
  issuedBy?: number;
  issuedOn?: string;
  answer?: string | null;
  answeredBy?: number | null;
  answeredOn?: string | null;
  returnReason?: string | null;
  closedOn?: string | null;
  recalledOn?: string | null;
  recallReason?: string | null;
}

const ORDER_COLUMNS = {
  batch: 'batch',
  unitId: 'unit_id',
  itemId: 'item_id',
  title: 'title',
  content: 'content',
  dueOn: 'due_on',
  status: 'status',
  issuedBy: 'issued_by',
  issuedOn: 'issued_on',
  answer: 'answer',
  answeredBy: 'answered_by',
  answeredOn: 'answered_on',
  returnReason: 'return_reason',
  closedOn: 'closed_on',
  recalledOn: 'recalled_on',
  recallReason: 'recall_reason',
} as const satisfies Record<keyof OrderFields, keyof NewOrder>;

/** Inserts an order; the row written comes back for the audit event. */
export async function addOrder(
  trx: Db,
  order: Required<OrderFields>,
): Promise<{ id: number; row: VersionedPatch<'supervision_orders'> }> {
  const row = columnsOf<NewOrder, OrderFields>(order, ORDER_COLUMNS);
  const { id } = await trx.insertInto('supervision_orders').values(row).returning('id').executeTakeFirstOrThrow();
  return { id, row };
}

/** Moves an order on at the version read; the columns written come back for the audit event. */
export async function patchOrder(
  trx: Db,
  id: number,
  version: number,
  changes: OrderFields,
  now: Date,
): Promise<VersionedPatch<'supervision_orders'>> {
  const columns = columnsOf<VersionedPatch<'supervision_orders'>, OrderFields>(changes, ORDER_COLUMNS);
  await updateVersioned(trx, 'supervision_orders', id, version, columns, now);
  return columns;
}

// ---- look-backs (回头看)

export interface Lookback {
  id: number;
  itemId: number;
  itemTitle: string;
  itemNumber: string | null;
  itemState: string;
  closedOn: string | null;
  unitId: number;
  unit: string;
  unitPath: string;
  dueOn: string;
  status: LookbackStatus;
  finding: string | null;
  scheduledBy: number;
  recordedBy: number | null;
  recordedByName: string | null;
  recordedOn: string | null;
  overdue: boolean;
  version: number;
}

function lookbackQuery(db: Db) {
  return db
    .selectFrom('lookbacks as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .leftJoin('users as rb', 'rb.id', 'l.recorded_by')
    .select([
      'l.id',
      'l.item_id',
      'i.title as item_title',
      'i.number as item_number',
      'i.state as item_state',
      'i.closed_on',
      'i.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'l.due_on',
      'l.status',
      'l.finding',
      'l.scheduled_by',
      'l.recorded_by',
      'rb.display_name as recorded_by_name',
      'l.recorded_on',
      'l.version',
    ]);
}

type LookbackRow = Awaited<ReturnType<ReturnType<typeof lookbackQuery>['executeTakeFirstOrThrow']>>;

const toLookback = (r: LookbackRow, today: string): Lookback => ({
  id: r.id,
  itemId: r.item_id,
  itemTitle: r.item_title,
  itemNumber: r.item_number,
  itemState: r.item_state,
  closedOn: r.closed_on,
  unitId: r.unit_id,
  unit: r.unit_name,
  unitPath: r.unit_path,
  dueOn: r.due_on,
  status: r.status as LookbackStatus,
  finding: r.finding,
  scheduledBy: r.scheduled_by,
  recordedBy: r.recorded_by,
  recordedByName: r.recorded_by_name,
  recordedOn: r.recorded_on,
  overdue: r.status === 'scheduled' && r.due_on < today,
  version: r.version,
});

export async function getLookback(db: Db, id: number, today: string): Promise<Lookback> {
  const row = await lookbackQuery(db).where('l.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('lookback', id);
  return toLookback(row, today);
}

export async function findPendingLookback(db: Db, itemId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('lookbacks')
    .select('id')
    .where('item_id', '=', itemId)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return row?.id;
}

export async function listLookbacks(
  db: Db,
  scope: ReadScope,
  filter: { status?: LookbackStatus; dueBy?: string; itemId?: number },
  today: string,
): Promise<Lookback[]> {
  let q = lookbackQuery(db);
  if (scope.kind === 'subtree') {
    const { from, below } = pathRange(scope.path);
    q = q.where('u.path', '>=', from).where('u.path', '<', below);
  }
  if (scope.kind === 'team') {
    q = q.where('i.inspection_id', 'in', (eb) =>
      eb.selectFrom('inspections').select('id').where('team_id', '=', scope.teamId),
    );
  }
  // A department sees look-backs of the items it leads.
  if (scope.kind === 'department') {
    const { from, below } = pathRange(scope.path);
    q = q.where('i.lead_department_id', 'in', (eb) =>
      eb.selectFrom('units').select('id').where('path', '>=', from).where('path', '<', below),
    );
  }
  if (filter.status) q = q.where('l.status', '=', filter.status);
  if (filter.dueBy) q = q.where('l.due_on', '<=', filter.dueBy);
  if (filter.itemId !== undefined) q = q.where('l.item_id', '=', filter.itemId);
  const rows = await q.orderBy('l.due_on').orderBy('l.id').execute();
  return rows.map((r) => toLookback(r, today));
}

export async function insertLookback(
  trx: Db,
  lookback: { itemId: number; dueOn: string; scheduledBy: number },
): Promise<number> {
  const { id } = await trx
    .insertInto('lookbacks')
    .values({
      item_id: lookback.itemId,
      due_on: lookback.dueOn,
      scheduled_by: lookback.scheduledBy,
      status: 'scheduled',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface LookbackResult {
  status: LookbackStatus;
  finding: string | null;
  recordedBy: number;
  recordedOn: string;
}

/** Records a look-back's result at the version read; the columns written come back for the audit event. */
export async function patchLookback(
  trx: Db,
  id: number,
  version: number,
  result: LookbackResult,
  now: Date,
): Promise<VersionedPatch<'lookbacks'>> {
  const columns = columnsOf<VersionedPatch<'lookbacks'>, LookbackResult>(result, {
    status: 'status',
    finding: 'finding',
    recordedBy: 'recorded_by',
    recordedOn: 'recorded_on',
  });
  await updateVersioned(trx, 'lookbacks', id, version, columns, now);
  return columns;
}

// ---- evaluations (整改评估)

export interface Evaluation {
  id: number;
  inspectionId: number;
  roundId: number;
  unitId: number;
  unit: string;
  entries: unknown;
  note: string | null;
  score: number;
  grade: string;
  evaluatedBy: number;
  evaluatedByName: string;
  evaluatedOn: string;
  /** Issue 15: the checklist's own score; the satisfaction's score and answers and the weight applied (0: not counted). */
  checklistScore: number;
  satisfactionScore: number | null;
  satisfactionAnswers: number;
  satisfactionWeight: number;
  version: number;
}

function evaluationQuery(db: Db) {
  return db
    .selectFrom('evaluations as e')
    .innerJoin('inspections as ins', 'ins.id', 'e.inspection_id')
    .innerJoin('units as u', 'u.id', 'ins.unit_id')
    .innerJoin('users as eb', 'eb.id', 'e.evaluated_by')
    .select([
      'e.id',
      'e.inspection_id',
      'ins.round_id',
      'ins.unit_id',
      'u.name as unit_name',
      'e.entries_json',
      'e.note',
      'e.score',
      'e.grade',
      'e.evaluated_by',
      'eb.display_name as evaluated_by_name',
      'e.evaluated_on',
      'e.checklist_score',
      'e.satisfaction_score',
      'e.satisfaction_answers',
      'e.satisfaction_weight',
      'e.version',
    ]);
}

type EvaluationRow = Awaited<ReturnType<ReturnType<typeof evaluationQuery>['executeTakeFirstOrThrow']>>;

const toEvaluation = (r: EvaluationRow): Evaluation => ({
  id: r.id,
  inspectionId: r.inspection_id,
  roundId: r.round_id,
  unitId: r.unit_id,
  unit: r.unit_name,
  entries: JSON.parse(r.entries_json),
  note: r.note,
  score: Number(r.score),
  grade: r.grade,
  evaluatedBy: r.evaluated_by,
  evaluatedByName: r.evaluated_by_name,
  evaluatedOn: r.evaluated_on,
  checklistScore: Number(r.checklist_score ?? r.score),
  satisfactionScore: r.satisfaction_score === null ? null : Number(r.satisfaction_score),
  satisfactionAnswers: Number(r.satisfaction_answers),
  satisfactionWeight: Number(r.satisfaction_weight),
  version: r.version,
});

export async function findEvaluationOf(db: Db, inspectionId: number): Promise<Evaluation | undefined> {
  const row = await evaluationQuery(db).where('e.inspection_id', '=', inspectionId).executeTakeFirst();
  return row && toEvaluation(row);
}

export async function listEvaluations(
  db: Db,
  scope: ReadScope,
  filter: { roundId?: number; inspectionId?: number },
): Promise<Evaluation[]> {
  let q = evaluationQuery(db);
  if (scope.kind === 'team') q = q.where('ins.team_id', '=', scope.teamId);
  else {
    // A department reads its own unit's evaluation, as it reads the unit's inspection.
    const { from, below } = pathRange(scope.path);
    q =
      scope.kind === 'subtree'
        ? q.where('u.path', '>=', from).where('u.path', '<', below)
        : q.where(sql<boolean>`${scope.path} like u.path || '%'`);
  }
  if (filter.roundId !== undefined) q = q.where('ins.round_id', '=', filter.roundId);
  if (filter.inspectionId !== undefined) q = q.where('e.inspection_id', '=', filter.inspectionId);
  const rows = await q.orderBy('u.path').orderBy('e.id').execute();
  return rows.map(toEvaluation);
}

export interface EvaluationFields {
  entries: unknown[];
  note: string | null;
  score: number;
  grade: string;
  evaluatedBy: number;
  evaluatedOn: string;
  /** Issue 15: the parts of the final score; left out, the checklist's is the score and the satisfaction did not count. */
  checklistScore?: number;
  satisfactionScore?: number | null;
  satisfactionAnswers?: number;
  satisfactionWeight?: number;
}

const evaluationColumns = (e: EvaluationFields) => ({
  entries_json: JSON.stringify(e.entries),
  note: e.note,
  score: e.score,
  grade: e.grade,
  evaluated_by: e.evaluatedBy,
  evaluated_on: e.evaluatedOn,
  checklist_score: e.checklistScore ?? e.score,
  satisfaction_score: e.satisfactionScore ?? null,
  satisfaction_answers: e.satisfactionAnswers ?? 0,
  satisfaction_weight: e.satisfactionWeight ?? 0,
});

export async function insertEvaluation(trx: Db, inspectionId: number, evaluation: EvaluationFields): Promise<number> {
  const { id } = await trx
    .insertInto('evaluations')
    .values({ inspection_id: inspectionId, ...evaluationColumns(evaluation) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Corrects an evaluation in place at the version read. */
export function patchEvaluation(trx: Db, id: number, version: number, evaluation: EvaluationFields, now: Date) {
  return updateVersioned(trx, 'evaluations', id, version, evaluationColumns(evaluation), now);
}
