import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import type { DeadlineChangeSource, ExtensionStatus } from '../domain/extensions.ts';
import { AppError, appError } from '../errors.ts';
import { updateVersioned } from './versioned.ts';

// Issue 13: extension requests (延期申请), the deadline history, and the plan's submission that starts them.

export interface Extension {
  id: number;
  itemId: number;
  status: ExtensionStatus;
  fromDeadline: string | null;
  toDeadline: string;
  reason: string;
  evidenceIds: number[];
  needsOffice: boolean;
  requestedBy: number;
  requestedByName: string | null;
  requestedAt: string;
  unitDecidedBy: number | null;
  unitDecidedByName: string | null;
  unitDecidedAt: string | null;
  officeDecidedBy: number | null;
  officeDecidedByName: string | null;
  officeDecidedAt: string | null;
  decisionNote: string | null;
  version: number;
}

function selectExtensions(db: Db) {
  return db
    .selectFrom('deadline_extensions as e')
    .leftJoin('users as r', 'r.id', 'e.requested_by')
    .leftJoin('users as u', 'u.id', 'e.unit_decided_by')
    .leftJoin('users as o', 'o.id', 'e.office_decided_by')
    .selectAll('e')
    .select(['r.display_name as requester_name', 'u.display_name as unit_name', 'o.display_name as office_name']);
}

type ExtensionSelection = Awaited<ReturnType<ReturnType<typeof selectExtensions>['executeTakeFirstOrThrow']>>;

function parseIds(json: string): number[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : [];
}

const toExtension = (r: ExtensionSelection): Extension => ({
  id: r.id,
  itemId: r.item_id,
  status: r.status as ExtensionStatus,
  fromDeadline: r.from_deadline,
  toDeadline: r.to_deadline,
  reason: r.reason,
  evidenceIds: parseIds(r.evidence_ids),
  needsOffice: r.needs_office === 1,
  requestedBy: r.requested_by,
  requestedByName: r.requester_name,
  requestedAt: r.requested_at,
  unitDecidedBy: r.unit_decided_by,
  unitDecidedByName: r.unit_name,
  unitDecidedAt: r.unit_decided_at,
  officeDecidedBy: r.office_decided_by,
  officeDecidedByName: r.office_name,
  officeDecidedAt: r.office_decided_at,
  decisionNote: r.decision_note,
  version: r.version,
});

export async function listExtensions(db: Db, itemId: number): Promise<Extension[]> {
  const rows = await selectExtensions(db).where('e.item_id', '=', itemId).orderBy('e.id').execute();
  return rows.map(toExtension);
}

export async function getExtension(db: Db, id: number): Promise<Extension> {
  const row = await selectExtensions(db).where('e.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('deadline_extension', id);
  return toExtension(row);
}

export async function hasOpenExtension(db: Db, itemId: number): Promise<boolean> {
  const row = await db
    .selectFrom('deadline_extensions')
    .select('id')
    .where('item_id', '=', itemId)
    .where('status', 'in', ['unit_review', 'office_review'])
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewExtension {
  itemId: number;
  fromDeadline: string | null;
  toDeadline: string;
  reason: string;
  evidenceIds: number[];
  needsOffice: boolean;
  requestedBy: number;
}

/**
 * A new request. One item has one open request at most: the check before it reads inside the transaction, and the
 * partial unique index (deadline_extensions_one_open) settles two sent at the same moment, the second refused as the
 * check would have.
 */
export async function insertExtension(trx: Db, e: NewExtension, now: Date): Promise<number> {
  const row = await trx
    .insertInto('deadline_extensions')
    .values({
      item_id: e.itemId,
      status: 'unit_review',
      from_deadline: e.fromDeadline,
      to_deadline: e.toDeadline,
      reason: e.reason,
      evidence_ids: JSON.stringify(e.evidenceIds),
      needs_office: e.needsOffice ? 1 : 0,
      requested_by: e.requestedBy,
      requested_at: now.toISOString(),
      unit_decided_by: null,
      unit_decided_at: null,
      office_decided_by: null,
      office_decided_at: null,
      decision_note: null,
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw appError('extension_already_open');
      throw error;
    });
  return row.id;
}

/** A decision at one step, written at the version the decider read; the columns written come back for the audit. */
export async function recordExtensionDecision(
  trx: Db,
  id: number,
  version: number,
  d: { step: 'unit' | 'office'; status: ExtensionStatus; actorId: number; note: string | null },
  now: Date,
) {
  const at = now.toISOString();
  const columns = {
    status: d.status,
    ...(d.step === 'unit' ? { unit_decided_by: d.actorId, unit_decided_at: at } : {}),
    ...(d.step === 'office' ? { office_decided_by: d.actorId, office_decided_at: at } : {}),
    ...(d.note !== null ? { decision_note: d.note } : {}),
  };
  await updateVersioned(trx, 'deadline_extensions', id, version, columns, now);
  return columns;
}

/** Of the evidence ids named, those that are not the item's own. */
export async function evidenceOutsideItem(db: Db, itemId: number, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const own = await db
    .selectFrom('evidence')
    .select('id')
    .where('item_id', '=', itemId)
    .where('id', 'in', ids)
    .execute();
  const found = new Set(own.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}

// ---- the deadline history

export interface DeadlineHistoryEntry {
  id: number;
  fromDeadline: string | null;
  toDeadline: string | null;
  source: DeadlineChangeSource;
  extensionId: number | null;
  changedBy: number | null;
  changedByName: string | null;
  changedOn: string;
}

export async function insertDeadlineChange(
  trx: Db,
  c: {
    itemId: number;
    from: string | null;
    to: string | null;
    source: DeadlineChangeSource;
    extensionId: number | null;
    changedBy: number;
    changedOn: string;
  },
  now: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('deadline_history')
    .values({
      item_id: c.itemId,
      from_deadline: c.from,
      to_deadline: c.to,
      source: c.source,
      extension_id: c.extensionId,
      changed_by: c.changedBy,
      changed_on: c.changedOn,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listDeadlineHistory(db: Db, itemId: number): Promise<DeadlineHistoryEntry[]> {
  const rows = await db
    .selectFrom('deadline_history as h')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .selectAll('h')
    .select('u.display_name')
    .where('h.item_id', '=', itemId)
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fromDeadline: r.from_deadline,
    toDeadline: r.to_deadline,
    source: r.source as DeadlineChangeSource,
    extensionId: r.extension_id,
    changedBy: r.changed_by,
    changedByName: r.display_name,
    changedOn: r.changed_on,
  }));
}

// ---- the plan's submission (报送整改方案)

export async function planSubmission(
  db: Db,
  inspectionId: number,
): Promise<{ submittedAt: string | null; submittedBy: number | null }> {
  const row = await db
    .selectFrom('inspections')
    .select(['plan_submitted_at', 'plan_submitted_by'])
    .where('id', '=', inspectionId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('inspection', inspectionId);
  return { submittedAt: row.plan_submitted_at, submittedBy: row.plan_submitted_by };
}

/** Marks the plan submitted once: the conditional update lets only the first of two racing submissions through. */
export async function markPlanSubmitted(trx: Db, inspectionId: number, actorId: number, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('inspections')
    .set({ plan_submitted_at: now.toISOString(), plan_submitted_by: actorId })
    .where('id', '=', inspectionId)
    .where('plan_submitted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
