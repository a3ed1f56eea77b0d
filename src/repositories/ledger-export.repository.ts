import type { Db } from '../db/database.ts';
import type { ReadScope } from '../policies/policies.ts';
import { type ItemFilter, scopedItems } from './items.repository.ts';

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
