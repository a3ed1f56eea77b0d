import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ResultLabel } from '../domain/result.ts';
import type { WorkflowState } from '../domain/workflow.ts';
import type { ReadScope } from '../policies/policies.ts';
import type { Inspection } from './inspections.repository.ts';
import { type ItemFilter, scopedItems } from './items.repository.ts';

/** An item as the recurrence views show it: enough to recognise it and see how it stands. */
export interface RecurrenceItem {
  id: number;
  number: string | null;
  title: string;
  unitId: number;
  unit: string;
  inspectionId: number;
  roundId: number;
  round: string;
  aspectId: number | null;
  aspect: string | null;
  state: WorkflowState;
  result: ResultLabel;
  deadline: string | null;
  closedOn: string | null;
}

const itemColumns = [
  'i.id',
  'i.number',
  'i.title',
  'i.unit_id',
  'u.name as unit',
  'i.inspection_id',
  'i.round_id',
  'r.name as round',
  'i.aspect_id',
  'a.name as aspect',
  'i.state',
  'i.result',
  'i.deadline',
  'i.closed_on',
] as const;

/** The items the actor may read (the ledger's scope and a filter), with what the recurrence views show of them. */
async function readableItems(db: Db, scope: ReadScope, filter: ItemFilter, today: string) {
  return (await scopedItems(db, scope, filter, today))
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .leftJoin('aspects as a', 'a.id', 'i.aspect_id')
    .select(itemColumns);
}

type ItemRowOut = Awaited<ReturnType<Awaited<ReturnType<typeof readableItems>>['execute']>>[number];

const toItem = (row: ItemRowOut): RecurrenceItem => ({
  id: row.id,
  number: row.number,
  title: row.title,
  unitId: row.unit_id,
  unit: row.unit,
  inspectionId: row.inspection_id,
  roundId: row.round_id,
  round: row.round,
  aspectId: row.aspect_id,
  aspect: row.aspect,
  state: row.state as WorkflowState,
  result: row.result as ResultLabel,
  deadline: row.deadline,
  closedOn: row.closed_on,
});

/** The unit's inspections that began before this one (the same start date: created earlier). */
export async function earlierInspectionIds(db: Db, inspection: Pick<Inspection, 'id' | 'unitId' | 'from'>) {
  const rows = await db
    .selectFrom('inspections')
    .select('id')
    .where('unit_id', '=', inspection.unitId)
    .where((eb) =>
      eb.or([
        eb('from_on', '<', inspection.from),
        eb.and([eb('from_on', '=', inspection.from), eb('id', '<', inspection.id)]),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Items still open in those inspections: not closed, or closed without being completed (阶段性完成, 未完成). */
export async function openItemIdsOf(db: Db, inspectionIds: number[]): Promise<number[]> {
  if (inspectionIds.length === 0) return [];
  const rows = await db
    .selectFrom('items')
    .select('id')
    .where('inspection_id', 'in', inspectionIds)
    .where((eb) => eb.or([eb('state', '!=', 'closed'), eb('result', '!=', 'completed')]))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function carriedItemIds(db: Db, inspectionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('carried_items')
    .select('item_id')
    .where('inspection_id', '=', inspectionId)
    .execute();
  return rows.map((r) => r.item_id);
}

/** Links items to the inspection they are carried into; links already there are left as they are. */
export async function insertCarriedItems(trx: Db, inspectionId: number, itemIds: number[], carriedAt: string) {
  const CHUNK = 500;
  for (let k = 0; k < itemIds.length; k += CHUNK) {
    await trx
      .insertInto('carried_items')
      .values(
        itemIds
          .slice(k, k + CHUNK)
          .map((itemId) => ({ inspection_id: inspectionId, item_id: itemId, carried_at: carriedAt })),
      )
      .onConflict((oc) => oc.columns(['inspection_id', 'item_id']).doNothing())
      .execute();
  }
}

export interface CarriedItem extends RecurrenceItem {
  carriedAt: string;
}

/** The items carried into an inspection that the actor may read: the ledger's scope, as for any list of items. */
export async function listCarriedItems(
  db: Db,
  scope: ReadScope,
  inspectionId: number,
  today: string,
): Promise<CarriedItem[]> {
  const rows = await (await readableItems(db, scope, {}, today))
    .innerJoin('carried_items as c', 'c.item_id', 'i.id')
    .select('c.carried_at')
    .where('c.inspection_id', '=', inspectionId)
    .orderBy('i.round_id')
    .orderBy('i.sort_order')
    .orderBy('i.id')
    .execute();
  return rows.map((row) => ({ ...toItem(row), carriedAt: row.carried_at }));
}

/** The items of these inspections that the actor may read. */
export async function itemsOfInspections(
  db: Db,
  scope: ReadScope,
  inspectionIds: number[],
  today: string,
): Promise<RecurrenceItem[]> {
  if (inspectionIds.length === 0) return [];
  const rows = await (await readableItems(db, scope, {}, today))
    .where('i.inspection_id', 'in', inspectionIds)
    .orderBy('i.sort_order')
    .orderBy('i.id')
    .execute();
  return rows.map(toItem);
}

/** A round's items the actor may read, for grouping into common problems. */
export async function roundItems(db: Db, scope: ReadScope, roundId: number, today: string): Promise<RecurrenceItem[]> {
  const rows = await (await readableItems(db, scope, { roundId }, today)).orderBy(sql`i.id`).execute();
  return rows.map(toItem);
}
