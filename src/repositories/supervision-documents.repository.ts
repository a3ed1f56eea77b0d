import { sql } from 'kysely';
import { type Db, isPostgres } from '../db/database.ts';

// Issue 15 (督办 as documents): document numbers, the files of the units' answers, the facts a 督办通知书 prints, and the
// items a 回头看 for a whole unit or round reaches.

/**
 * Takes the next number in a scope (year:2026, round:7) inside the caller's transaction. The upsert holds the counter's
 * row until the transaction ends, so two sendings at once on PostgreSQL take consecutive numbers (the second waits for
 * the first to commit, then counts on from it); a sending that rolls back gives its number back with it. SQLite's
 * writers are serialised by the database lock.
 */
export async function nextDocumentNumber(trx: Db, scope: string): Promise<number> {
  const row = await trx
    .insertInto('document_counters')
    .values({ scope, last_number: 1 })
    .onConflict((oc) => oc.column('scope').doUpdateSet({ last_number: sql<number>`document_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}

/** The number an order was sent under, written with the order in its sending transaction. */
export async function setOrderNumber(
  trx: Db,
  id: number,
  number: { scope: string; seq: number; docNumber: string },
): Promise<void> {
  await trx
    .updateTable('supervision_orders')
    .set({ number_scope: number.scope, number_seq: number.seq, doc_number: number.docNumber })
    .where('id', '=', id)
    .execute();
}

/**
 * The round an order belongs to, for numbering per round: its item's round, else the latest live round that inspected
 * the unit; null when there is none.
 */
export async function roundOfOrder(
  db: Db,
  unitId: number,
  itemId: number | null,
): Promise<{ id: number; name: string } | null> {
  if (itemId !== null) {
    const row = await db
      .selectFrom('items as i')
      .innerJoin('rounds as r', 'r.id', 'i.round_id')
      .select(['r.id', 'r.name'])
      .where('i.id', '=', itemId)
      .executeTakeFirst();
    return row ?? null;
  }
  const row = await db
    .selectFrom('inspections as ins')
    .innerJoin('rounds as r', 'r.id', 'ins.round_id')
    .select(['r.id', 'r.name'])
    .where('ins.unit_id', '=', unitId)
    .where('r.archived_at', 'is', null)
    .orderBy('r.id', 'desc')
    .executeTakeFirst();
  return row ?? null;
}

// ---- the files of an answer

export interface OrderFile {
  id: number;
  orderId: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: number;
  uploadedAt: string;
}

function fileQuery(db: Db) {
  return db
    .selectFrom('supervision_order_files')
    .select(['id', 'order_id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'uploaded_by', 'uploaded_at']);
}

type FileRow = Awaited<ReturnType<ReturnType<typeof fileQuery>['executeTakeFirstOrThrow']>>;

const toFile = (r: FileRow): OrderFile => ({
  id: r.id,
  orderId: r.order_id,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
});

export async function listOrderFiles(db: Db, orderIds: number[]): Promise<OrderFile[]> {
  if (orderIds.length === 0) return [];
  const rows = await fileQuery(db).where('order_id', 'in', orderIds).orderBy('id').execute();
  return rows.map(toFile);
}

export async function findOrderFile(db: Db, id: number): Promise<OrderFile | undefined> {
  const row = await fileQuery(db).where('id', '=', id).executeTakeFirst();
  return row && toFile(row);
}

export async function countOrderFiles(db: Db, orderId: number): Promise<number> {
  const row = await db
    .selectFrom('supervision_order_files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrderFile(trx: Db, file: Omit<OrderFile, 'id'>): Promise<number> {
  const { id } = await trx
    .insertInto('supervision_order_files')
    .values({
      order_id: file.orderId,
      file_name: file.fileName,
      content_type: file.contentType,
      size_bytes: file.sizeBytes,
      sha256: file.sha256,
      uploaded_by: file.uploadedBy,
      uploaded_at: file.uploadedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function deleteOrderFile(trx: Db, id: number): Promise<void> {
  await trx.deleteFrom('supervision_order_files').where('id', '=', id).execute();
}

/** Holds the order's row for the rest of the transaction (PostgreSQL): a recall and an answer at once take turns. */
export async function lockOrder(trx: Db, id: number): Promise<void> {
  if (!isPostgres(trx)) return;
  await trx.selectFrom('supervision_orders').select('id').where('id', '=', id).forUpdate().execute();
}

// ---- the 通知书

/** The items the orders of one sending name for one unit (the 通知书 lists them), recalled ones left out. */
export async function itemsOfSending(
  db: Db,
  batch: string,
  unitId: number,
): Promise<{ number: string | null; title: string; deadline: string | null }[]> {
  return db
    .selectFrom('supervision_orders as o')
    .innerJoin('items as i', 'i.id', 'o.item_id')
    .select(['i.number', 'i.title', 'i.deadline'])
    .where('o.batch', '=', batch)
    .where('o.unit_id', '=', unitId)
    .where('o.status', '!=', 'recalled')
    .orderBy('i.sort_order')
    .orderBy('i.id')
    .execute();
}

// ---- 回头看 for a whole unit or round

/**
 * Holds the closed items of the scope for the rest of the transaction (PostgreSQL), so two schedulings at once take
 * turns: the second then reads, in a statement of its own, the look-backs the first committed, and skips those items.
 */
export async function lockClosedItems(trx: Db, scope: { unitId: number } | { roundId: number }): Promise<void> {
  if (!isPostgres(trx)) return;
  let q = trx.selectFrom('items').select('id').where('state', '=', 'closed');
  q = 'unitId' in scope ? q.where('unit_id', '=', scope.unitId) : q.where('round_id', '=', scope.roundId);
  await q.orderBy('id').forUpdate().execute();
}

/**
 * Closed items of a unit (or of a round) with no look-back pending, outside archived rounds, inside the subtree the
 * caller may supervise (`pathFrom`): the items one request schedules a look-back for.
 */
export async function closedItemsWithoutLookback(
  db: Db,
  scope: { unitId: number } | { roundId: number },
  subtree: string,
): Promise<{ id: number; closedOn: string }[]> {
  let q = db
    .selectFrom('items as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .select(['i.id', 'i.closed_on'])
    .where('i.state', '=', 'closed')
    .where('i.closed_on', 'is not', null)
    .where('r.archived_at', 'is', null)
    .where('u.path', '>=', subtree)
    .where('u.path', '<', `${subtree.slice(0, -1)}0`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('lookbacks as l')
            .select('l.id')
            .whereRef('l.item_id', '=', 'i.id')
            .where('l.status', '=', 'scheduled'),
        ),
      ),
    );
  q = 'unitId' in scope ? q.where('i.unit_id', '=', scope.unitId) : q.where('i.round_id', '=', scope.roundId);
  const rows = await q.orderBy('i.id').execute();
  return rows.map((r) => ({ id: r.id, closedOn: r.closed_on as string }));
}
