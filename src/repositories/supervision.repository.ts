import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { ReadScope } from '../policies/policies.ts';

export const ORDER_STATUSES = ['open', 'answered', 'returned', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

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
  // Orders go to units; a department reads the orders of the unit it belongs to.
  if (scope.kind === 'department') q = q.where(sql<boolean>`${scope.path} like u.path || '%'`);
  if (scope.kind === 'team') {
    q = q.where('o.unit_id', 'in', (eb) =>
      eb.selectFrom('inspections').select('unit_id').where('team_id', '=', scope.teamId),
    );
  }
  if (filter.status) q = q.where('o.status', '=', filter.status);
  if (filter.unitId !== undefined) q = q.where('o.unit_id', '=', filter.unitId);
  if (filter.itemId !== undefined) q = q.where('o.item_id', '=', filter.itemId);
  if (filter.overdue === true) q = q.where('o.status', 'in', ['open', 'returned']).where('o.due_on', '<', today);
  const rows = await q.orderBy('o.due_on').orderBy('o.id').execute();
  return rows.map((r) => toOrder(r, today));
}

export type NewOrder = Omit<Database['supervision_orders'], 'id' | 'version' | 'created_at' | 'updated_at'> & {
  status: OrderStatus;
};

export async function insertOrder(trx: Db, values: NewOrder): Promise<number> {
  const { id } = await trx.insertInto('supervision_orders').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}
