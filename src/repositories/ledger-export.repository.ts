import type { Db } from '../db/database.ts';
import type { ReadScope } from '../policies/policies.ts';
import { getInspection, type Inspection, listProblems, type Problem } from './inspections.repository.ts';
import { type ItemFilter, scopedItems } from './items.repository.ts';
import { itemRows, ledgerOrderComparator, type SnapshotItem, snapshotItems } from './ledger-snapshot.repository.ts';
import { type Aspect, getRound } from './rounds.repository.ts';

/**
 * The ids of the ledger items an actor may see under a filter, grouped by inspection (inspections in id order): what the
 * exports hand to the ledger snapshot, so an export never shows a row the ledger page would hide.
 */
export async function scopedItemIdsByInspection(
  db: Db,
  scope: ReadScope,
  filter: ItemFilter,
  today: string,
): Promise<Map<number, number[]>> {
  const rows = await (await scopedItems(db, scope, filter, today))
    .select(['i.id', 'i.inspection_id'])
    .orderBy('i.inspection_id')
    .orderBy('i.id')
    .execute();
  const byInspection = new Map<number, number[]>();
  for (const r of rows) {
    const ids = byInspection.get(r.inspection_id);
    if (ids) ids.push(r.id);
    else byInspection.set(r.inspection_id, [r.id]);
  }
  return byInspection;
}

/** An inspection's ledger header: what the snapshot carries besides its items. */
export interface LedgerHeader {
  inspection: Inspection;
  aspects: Aspect[];
  problems: Problem[];
}

export async function loadLedgerHeader(db: Db, inspectionId: number): Promise<LedgerHeader> {
  const inspection = await getInspection(db, inspectionId);
  const [round, problems] = await Promise.all([getRound(db, inspection.roundId), listProblems(db, inspectionId)]);
  return { inspection, aspects: round.aspects, problems };
}

/** Item ids in ledger order (aspect, problem, sort order, id), the order loadLedgerSnapshot gives its items. */
export async function ledgerOrder(db: Db, header: LedgerHeader, itemIds: number[]): Promise<number[]> {
  const wanted = new Set(itemIds);
  const rows = (
    await db
      .selectFrom('items')
      .select(['id', 'aspect_id', 'problem_id', 'sort_order'])
      .where('inspection_id', '=', header.inspection.id)
      .execute()
  ).filter((r) => wanted.has(r.id));
  rows.sort(ledgerOrderComparator(header.aspects, header.problems));
  return rows.map((r) => r.id);
}

/**
 * Whole ledger items (measures, progress, evidence, outcomes) for a page of ids, in the order given, shaped exactly as
 * the snapshot shapes them. The export reads a large inspection page by page with this, so 100,000 rows never sit in
 * memory at once; a page should stay within a few thousand ids (one bound-parameter list per query).
 */
export async function loadSnapshotItems(db: Db, ids: number[]): Promise<SnapshotItem[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await itemRows(db).where('i.id', 'in', ids).execute()).map((r) => [r.id, r]));
  return snapshotItems(
    db,
    ids.flatMap((id) => byId.get(id) ?? []),
  );
}
