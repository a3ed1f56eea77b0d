import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CloseStage } from '../domain/workflow.ts';
import type { ReadScope } from '../policies/policies.ts';
import { type ItemsQuery, lastReviewEvent, scopedItems } from './items.repository.ts';

/** One thing waiting: what it is, where it is, the page that acts on it, and since when it waits. */
export interface TodoEntry {
  id: number;
  title: string;
  unit: string;
  link: string;
  since: string;
  /** Issue 15: a 转办's due date, and whether it is past (shown red). */
  dueOn?: string | null;
  overdue?: boolean;
}

export interface TodoGroup {
  count: number;
  entries: TodoEntry[];
}

async function itemGroup(q: ItemsQuery, limit: number): Promise<TodoGroup> {
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    limit === 0
      ? []
      : q
          .innerJoin('units as u', 'u.id', 'i.unit_id')
          .select(['i.id', 'i.title', 'u.name as unit', 'i.updated_at'])
          .orderBy('i.updated_at')
          .orderBy('i.id')
          .limit(limit)
          .execute(),
  ]);
  return {
    count: Number(count.n),
    entries: rows.map((r) => ({ id: r.id, title: r.title, unit: r.unit, link: `/items/${r.id}`, since: r.updated_at })),
  };
}

/**
 * Close-out requests at a stage in the scope, leaving out those the actor may not review (their own request, or one
 * they approved), as the workflow refuses them; oldest first, since they have waited longest.
 */
export async function closeRequestsWaiting(
  db: Db,
  {
    scope,
    stage,
    actorId,
    today,
    limit,
  }: { scope: ReadScope; stage: CloseStage; actorId: number; today: string; limit: number },
): Promise<TodoGroup> {
  let q = (await scopedItems(db, scope, { states: ['close_requested'], archived: 'exclude' }, today))
    .where('i.close_stage', '=', stage)
    .where((eb) => eb.or([eb('i.close_requested_by', 'is', null), eb('i.close_requested_by', '!=', actorId)]));
  if (stage === 'office_review') {
    q = q.where((eb) => eb.or([eb('i.close_approved_by', 'is', null), eb('i.close_approved_by', '!=', actorId)]));
  }
  return itemGroup(q, limit);
}

/**
 * Items in the scope with a 延期申请 waiting at a step (the unit leader's, then the office's for 挂牌督办), leaving out
 * the actor's own request, which the rules refuse them to decide. An item has at most one open request.
 */
export async function extensionsWaiting(
  db: Db,
  {
    scope,
    step,
    actorId,
    today,
    limit,
  }: { scope: ReadScope; step: 'unit' | 'office'; actorId: number; today: string; limit: number },
): Promise<TodoGroup> {
  const q = (await scopedItems(db, scope, { archived: 'exclude' }, today)).where((eb) =>
    eb.exists(
      eb
        .selectFrom('deadline_extensions as x')
        .select('x.id')
        .whereRef('x.item_id', '=', 'i.id')
        .where('x.status', '=', step === 'unit' ? 'unit_review' : 'office_review')
        .where('x.requested_by', '!=', actorId),
    ),
  );
  return itemGroup(q, limit);
}

/** Items in the scope whose close-out was returned and not yet put forward again (已退回). */
export async function returnedItems(
  db: Db,
  { scope, today, limit }: { scope: ReadScope; today: string; limit: number },
): Promise<TodoGroup> {
  const q = (await scopedItems(db, scope, { states: ['in_progress'], archived: 'exclude' }, today)).where(
    sql<boolean>`${lastReviewEvent} = 'return'`,
  );
  return itemGroup(q, limit);
}

const pathRange = (prefix: string) => ({ from: prefix, below: `${prefix.slice(0, -1)}0` });

/** 督办 orders to units under `unitPath` in the given statuses, oldest due first. */
export async function ordersWaiting(
  db: Db,
  { unitPath, statuses, limit }: { unitPath: string; statuses: string[]; limit: number },
): Promise<TodoGroup> {
  const { from, below } = pathRange(unitPath);
  const q = db
    .selectFrom('supervision_orders as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .where('u.path', '>=', from)
    .where('u.path', '<', below)
    .where('o.status', 'in', statuses);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    limit === 0
      ? []
      : q
          .select(['o.id', 'o.title', 'o.item_id', 'o.updated_at', 'u.name as unit'])
          .orderBy('o.due_on')
          .orderBy('o.id')
          .limit(limit)
          .execute(),
  ]);
  return {
    count: Number(count.n),
    entries: rows.map((r) => ({
      id: r.id,
      title: r.title,
      unit: r.unit,
      link: r.item_id === null ? '/supervision' : `/items/${r.item_id}`,
      since: r.updated_at,
    })),
  };
}

/** Public comments not yet answered on the published (not withdrawn) notices of units under `unitPath`. */
export async function commentsWaiting(
  db: Db,
  { unitPath, limit }: { unitPath: string; limit: number },
): Promise<TodoGroup> {
  const { from, below } = pathRange(unitPath);
  const q = db
    .selectFrom('public_comments as c')
    .innerJoin('publications as p', 'p.id', 'c.publication_id')
    .innerJoin('inspections as n', 'n.id', 'p.inspection_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .where('u.path', '>=', from)
    .where('u.path', '<', below)
    .where('p.status', '!=', 'withdrawn')
    .where('c.status', '=', 'new');
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    limit === 0
      ? []
      : q
          .select(['c.id', 'c.content', 'c.created_at', 'u.name as unit'])
          .orderBy('c.created_at')
          .orderBy('c.id')
          .limit(limit)
          .execute(),
  ]);
  return {
    count: Number(count.n),
    entries: rows.map((r) => ({
      id: r.id,
      title: r.content.length > 60 ? `${r.content.slice(0, 60)}…` : r.content,
      unit: r.unit,
      link: '/publications',
      since: r.created_at,
    })),
  };
}

/**
 * Issue 15: public comments passed to a department (转办) under `departmentPath`, not yet handled, earliest due first;
 * each entry carries its due date and whether it is past it (the page shows it red).
 */
export async function commentsTransferred(
  db: Db,
  { departmentPath, today, limit }: { departmentPath: string; today: string; limit: number },
): Promise<TodoGroup> {
  const { from, below } = pathRange(departmentPath);
  const q = db
    .selectFrom('public_comments as c')
    .innerJoin('units as d', 'd.id', 'c.transfer_department_id')
    .where('d.path', '>=', from)
    .where('d.path', '<', below)
    .where('c.status', '!=', 'handled');
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    limit === 0
      ? []
      : q
          .select(['c.id', 'c.content', 'c.transfer_due_on', 'c.transferred_at', 'd.name as unit'])
          .orderBy('c.transfer_due_on')
          .orderBy('c.id')
          .limit(limit)
          .execute(),
  ]);
  return {
    count: Number(count.n),
    entries: rows.map((r) => ({
      id: r.id,
      title: r.content.length > 60 ? `${r.content.slice(0, 60)}…` : r.content,
      unit: r.unit,
      link: `/comments/${r.id}`,
      since: r.transferred_at ?? '',
      dueOn: r.transfer_due_on,
      overdue: r.transfer_due_on !== null && r.transfer_due_on < today,
    })),
  };
}

/**
 * Issue 15: notices submitted for the leader's approval in units under `unitPath`, leaving out those the actor
 * submitted (the rules refuse them to approve their own); oldest submitted first. Each opens the publications page on
 * its inspection.
 */
export async function noticesWaiting(
  db: Db,
  { unitPath, actorId, limit }: { unitPath: string; actorId: number; limit: number },
): Promise<TodoGroup> {
  const { from, below } = pathRange(unitPath);
  const q = db
    .selectFrom('publication_versions as v')
    .innerJoin('inspections as n', 'n.id', 'v.inspection_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .where('u.path', '>=', from)
    .where('u.path', '<', below)
    .where('v.state', '=', 'submitted')
    .where((eb) => eb.or([eb('v.submitted_by', 'is', null), eb('v.submitted_by', '!=', actorId)]));
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    limit === 0
      ? []
      : q
          .select(['v.id', 'v.title', 'v.inspection_id', 'v.submitted_at', 'u.name as unit'])
          .orderBy('v.submitted_at')
          .orderBy('v.id')
          .limit(limit)
          .execute(),
  ]);
  return {
    count: Number(count.n),
    entries: rows.map((r) => ({
      id: r.id,
      title: r.title,
      unit: r.unit,
      link: `/publications?inspection=${r.inspection_id}`,
      since: r.submitted_at ?? '',
    })),
  };
}
