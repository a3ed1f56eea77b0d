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
}

function selectComments(db: Db) {
  return db
    .selectFrom('public_comments as c')
    .leftJoin('users as a', 'a.id', 'c.answered_by')
    .select([
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
  status: CommentStatus;
  answer?: string;
  answeredAt?: string;
  answeredBy?: number;
  handledAt?: string;
  handledBy?: number;
}

export async function updateComment(trx: Db, id: number, version: number, changes: CommentChanges, now: Date) {
  const columns = columnsOf<VersionedPatch<'public_comments'>, CommentChanges>(changes, {
    status: 'status',
    answer: 'answer',
    answeredAt: 'answered_at',
    answeredBy: 'answered_by',
    handledAt: 'handled_at',
    handledBy: 'handled_by',
  });
  await updateVersioned(trx, 'public_comments', id, version, columns, now);
}
