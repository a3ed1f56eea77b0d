import type { Db } from '../db/database.ts';
import type { CommentStatus } from '../domain/publication.ts';
import { AppError } from '../errors.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

// ---- public comments (意见建议)

export interface PublicComment {
  id: number;
  publicationId: number;
  content: string;
  name: string | null;
  contact: string | null;
  status: CommentStatus;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: number | null;
  answeredByName: string | null;
  handledAt: string | null;
  handledBy: number | null;
  createdAt: string;
  version: number;
  /** 转办: the department, its path (who may draft), the due date and note. */
  transferDepartmentId: number | null;
  transferDepartmentName: string | null;
  transferDepartmentPath: string | null;
  transferDueOn: string | null;
  transferNote: string | null;
  transferredAt: string | null;
  itemId: number | null;
  itemTitle: string | null;
  itemNumber: string | null;
}

function selectComments(db: Db) {
  return db
    .selectFrom('public_comments as c')
    .leftJoin('users as a', 'a.id', 'c.answered_by')
    .leftJoin('units as d', 'd.id', 'c.transfer_department_id')
    .leftJoin('items as it', 'it.id', 'c.item_id')
    .select([
      'c.transfer_department_id',
      'd.name as transfer_department_name',
      'd.path as transfer_department_path',
      'c.transfer_due_on',
      'c.transfer_note',
      'c.transferred_at',
      'c.item_id',
      'it.title as item_title',
      'it.number as item_number',
      'c.id',
      'c.publication_id',
      'c.content',
      'c.name',
      'c.contact',
      'c.status',
      'c.answer',
      'c.answered_at',
      'c.answered_by',
      'a.display_name as answered_by_name',
      'c.handled_at',
      'c.handled_by',
      'c.created_at',
      'c.version',
    ]);
}

type CommentRow = Awaited<ReturnType<ReturnType<typeof selectComments>['executeTakeFirstOrThrow']>>;

const toComment = (r: CommentRow): PublicComment => ({
  id: r.id,
  publicationId: r.publication_id,
  content: r.content,
  name: r.name,
  contact: r.contact,
  status: r.status as CommentStatus,
  answer: r.answer,
  answeredAt: r.answered_at,
  answeredBy: r.answered_by,
  answeredByName: r.answered_by_name,
  handledAt: r.handled_at,
  handledBy: r.handled_by,
  createdAt: r.created_at,
  version: r.version,
  transferDepartmentId: r.transfer_department_id,
  transferDepartmentName: r.transfer_department_name,
  transferDepartmentPath: r.transfer_department_path,
  transferDueOn: r.transfer_due_on,
  transferNote: r.transfer_note,
  transferredAt: r.transferred_at,
  itemId: r.item_id,
  itemTitle: r.item_title,
  itemNumber: r.item_number,
});

const COMMENT_LIST_LIMIT = 2000;

/**
 * Open ones first, then newest first, at most 2,000. One indexed read per status (publication, status, created_at)
 * rather than one sort over every comment of the notice.
 */
export async function listComments(db: Db, publicationId: number): Promise<PublicComment[]> {
  const out: PublicComment[] = [];
  for (const status of ['new', 'answered', 'handled'] as const) {
    const rows = await selectComments(db)
      .where('c.publication_id', '=', publicationId)
      .where('c.status', '=', status)
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(COMMENT_LIST_LIMIT - out.length)
      .execute();
    out.push(...rows.map(toComment));
    if (out.length >= COMMENT_LIST_LIMIT) break;
  }
  return out;
}

export async function findComment(db: Db, id: number): Promise<PublicComment | undefined> {
  const row = await selectComments(db).where('c.id', '=', id).executeTakeFirst();
  return row && toComment(row);
}

export async function getComment(db: Db, id: number): Promise<PublicComment> {
  const row = await selectComments(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('comment', id);
  return toComment(row);
}

export async function insertComment(
  trx: Db,
  c: {
    publicationId: number;
    content: string;
    name: string | null;
    contact: string | null;
    addressHash: string;
    receiptHash?: string | null;
    at: string;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('public_comments')
    .values({
      publication_id: c.publicationId,
      content: c.content,
      name: c.name,
      contact: c.contact,
      address_hash: c.addressHash,
      receipt_hash: c.receiptHash ?? null,
      created_at: c.at,
      updated_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** When the comments one address sent in the window were stored, oldest first. */
/**
 * Takes the address's lock row for the rest of the transaction: an upsert locks the row on PostgreSQL, so a concurrent
 * comment from the same address waits here until this one commits, and then counts it (SQLite runs one transaction at
 * a time anyway).
 */
export async function lockCommentAddress(trx: Db, addressHash: string, at: string): Promise<void> {
  await trx
    .insertInto('comment_address_locks')
    .values({ address_hash: addressHash, last_at: at })
    .onConflict((oc) => oc.column('address_hash').doUpdateSet({ last_at: at }))
    .execute();
}

export async function recentCommentTimes(db: Db, addressHash: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('public_comments')
    .select('created_at')
    .where('address_hash', '=', addressHash)
    .where('created_at', '>', since)
    .orderBy('created_at')
    .limit(1000)
    .execute();
  return rows.map((r) => r.created_at);
}

export interface CommentChanges {
  status?: CommentStatus;
  answer?: string;
  answeredAt?: string;
  answeredBy?: number;
  handledAt?: string;
  handledBy?: number;
  transferDepartmentId?: number;
  transferDueOn?: string;
  transferNote?: string | null;
  transferredAt?: string;
  transferredBy?: number;
  itemId?: number | null;
}

export async function updateComment(trx: Db, id: number, version: number, changes: CommentChanges, now: Date) {
  const columns = columnsOf<VersionedPatch<'public_comments'>, CommentChanges>(changes, {
    status: 'status',
    answer: 'answer',
    answeredAt: 'answered_at',
    answeredBy: 'answered_by',
    handledAt: 'handled_at',
    handledBy: 'handled_by',
    transferDepartmentId: 'transfer_department_id',
    transferDueOn: 'transfer_due_on',
    transferNote: 'transfer_note',
    transferredAt: 'transferred_at',
    transferredBy: 'transferred_by',
    itemId: 'item_id',
  });
  await updateVersioned(trx, 'public_comments', id, version, columns, now);
}

// ---- issue 15: receipts, their lookups, remarks, items

/** The comment a receipt names, with what the portal shows of its notice; undefined when none. */
export async function findCommentByReceipt(db: Db, receiptHash: string) {
  const row = await db
    .selectFrom('public_comments as c')
    .innerJoin('publications as p', 'p.id', 'c.publication_id')
    .innerJoin('inspections as n', 'n.id', 'p.inspection_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .select(['c.id', 'p.id as publication_id', 'p.title', 'u.name as unit_name', 'p.status as publication_status'])
    .where('c.receipt_hash', '=', receiptHash)
    .executeTakeFirst();
  return row && { row, comment: await getComment(db, row.id) };
}

/** Records a miss, and forgets every miss (of any address) older than `forgetBefore`: the table holds one window. */
export async function recordLookupMiss(db: Db, addressHash: string, at: string, forgetBefore: string): Promise<void> {
  await db.deleteFrom('receipt_lookup_misses').where('at', '<', forgetBefore).execute();
  await db.insertInto('receipt_lookup_misses').values({ address_hash: addressHash, at }).execute();
}

/** When the misses of one address in the window happened, oldest first (at most `limit`). */
export async function recentLookupMisses(db: Db, addressHash: string, since: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('receipt_lookup_misses')
    .select('at')
    .where('address_hash', '=', addressHash)
    .where('at', '>', since)
    .orderBy('at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}

export interface CommentRemark {
  id: number;
  commentId: number;
  authorId: number;
  authorName: string;
  authorRole: string;
  body: string;
  createdAt: string;
}

export async function listRemarks(db: Db, commentId: number): Promise<CommentRemark[]> {
  const rows = await db
    .selectFrom('comment_remarks as r')
    .innerJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.id', 'r.comment_id', 'r.author_id', 'u.display_name', 'u.role', 'r.body', 'r.created_at'])
    .where('r.comment_id', '=', commentId)
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    commentId: r.comment_id,
    authorId: r.author_id,
    authorName: r.display_name,
    authorRole: r.role,
    body: r.body,
    createdAt: r.created_at,
  }));
}

export async function insertRemark(
  trx: Db,
  r: { commentId: number; authorId: number; body: string; at: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('comment_remarks')
    .values({ comment_id: r.commentId, author_id: r.authorId, body: r.body, created_at: r.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The comments linked to an item, newest first. */
export async function listCommentsOfItem(db: Db, itemId: number): Promise<PublicComment[]> {
  const rows = await selectComments(db)
    .where('c.item_id', '=', itemId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(200)
    .execute();
  return rows.map(toComment);
}

/** The publication's inspection and unit, for checking a 转办's department and a linked item. */
export async function commentPlace(db: Db, commentId: number) {
  return db
    .selectFrom('public_comments as c')
    .innerJoin('publications as p', 'p.id', 'c.publication_id')
    .innerJoin('inspections as n', 'n.id', 'p.inspection_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .select(['p.id as publication_id', 'p.title', 'n.id as inspection_id', 'u.id as unit_id', 'u.path as unit_path'])
    .where('c.id', '=', commentId)
    .executeTakeFirstOrThrow();
}

/** The unit's departments (units of kind department under it), by name. */
export async function departmentsUnder(db: Db, unitPath: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'path'])
    .where('kind', '=', 'department')
    .where('path', 'like', `${unitPath}%`)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Is there an SMS hook on this unit or one above it (the nearest one sends, as the reminders do)? */
export async function nearestSmsHookUnit(db: Db, unitPath: string): Promise<number | null> {
  const ids = unitPath.split('/').filter(Boolean).map(Number);
  if (ids.length === 0) return null;
  const rows = await db
    .selectFrom('unit_channels')
    .select('unit_id')
    .where('unit_id', 'in', ids)
    .where('sms_url', 'is not', null)
    .execute();
  const set = new Set(rows.map((r) => r.unit_id));
  return ids.reverse().find((id) => set.has(id)) ?? null;
}

/** The item's inspection, to refuse linking an item of another inspection. */
export async function itemInspection(db: Db, itemId: number) {
  return db.selectFrom('items').select(['id', 'inspection_id']).where('id', '=', itemId).executeTakeFirst();
}

/** The inspection's items, to choose one to link a comment to. */
export async function itemsOfInspection(db: Db, inspectionId: number) {
  return db
    .selectFrom('items')
    .select(['id', 'number', 'title'])
    .where('inspection_id', '=', inspectionId)
    .orderBy('sort_order')
    .orderBy('id')
    .limit(2000)
    .execute();
}
