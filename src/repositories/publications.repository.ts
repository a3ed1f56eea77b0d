import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { NoticeContacts } from '../domain/notice-writing.ts';
import type { CommentStatus, Publication, StoredPublicationStatus } from '../domain/publication.ts';
import { AppError } from '../errors.ts';
import type { ReadScope } from '../policies/policies.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

export interface PublicationBody {
  html: string;
  text: string;
}

const NO_COUNTS = { new: 0, answered: 0, handled: 0 };

/** The publication columns alone: the portal and the comment intake need no counts. */
function selectPublicationsBare(db: Db) {
  return db
    .selectFrom('publications as p')
    .innerJoin('inspections as i', 'i.id', 'p.inspection_id')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select([
      'p.id',
      'p.inspection_id',
      'i.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'i.team_id',
      'p.title',
      'p.public_from',
      'p.public_to',
      'p.contacts_json',
      'p.status',
      'p.published_at',
      'p.published_by',
      'p.withdrawn_at',
      'p.withdrawn_by',
      'p.version',
      'p.needs_correction',
      'p.correction_reason',
      'p.corrected_at',
      'p.shown_version',
    ]);
}

function selectPublications(db: Db) {
  return selectPublicationsBare(db).select((eb) =>
    (['new', 'answered', 'handled'] as const).map((status) =>
      eb
        .selectFrom('public_comments as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.publication_id', '=', 'p.id')
        .where('c.status', '=', status)
        .as(`comments_${status}`),
    ),
  );
}

type PublicationRow = Awaited<ReturnType<ReturnType<typeof selectPublicationsBare>['executeTakeFirstOrThrow']>> &
  Partial<Record<`comments_${'new' | 'answered' | 'handled'}`, number | string | null>>;

const toPublication = (r: PublicationRow): Publication => ({
  id: r.id,
  inspectionId: r.inspection_id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  teamId: r.team_id,
  title: r.title,
  publicFrom: r.public_from,
  publicTo: r.public_to,
  contacts: JSON.parse(r.contacts_json) as NoticeContacts,
  status: r.status as StoredPublicationStatus,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  withdrawnAt: r.withdrawn_at,
  withdrawnBy: r.withdrawn_by,
  version: r.version,
  needsCorrection: r.needs_correction === 1,
  correctionReason: r.correction_reason,
  correctedAt: r.corrected_at,
  shownVersion: r.shown_version,
  comments:
    r.comments_new === undefined
      ? NO_COUNTS
      : {
          new: Number(r.comments_new ?? 0),
          answered: Number(r.comments_answered ?? 0),
          handled: Number(r.comments_handled ?? 0),
        },
});

/** Publications of the inspections a scope reads (like the inspection list), newest first. */
export async function listPublications(
  db: Db,
  scope: ReadScope,
  filter: { inspectionId?: number } = {},
): Promise<Publication[]> {
  let q = selectPublications(db);
  if (scope.kind === 'team') q = q.where('i.team_id', '=', scope.teamId);
  else if (scope.kind === 'subtree') q = q.where('u.path', 'like', `${scope.path}%`);
  else q = q.where(sql<boolean>`${scope.path} like u.path || '%'`);
  if (filter.inspectionId !== undefined) q = q.where('p.inspection_id', '=', filter.inspectionId);
  const rows = await q.orderBy('p.published_at', 'desc').orderBy('p.id', 'desc').limit(1000).execute();
  return rows.map(toPublication);
}

/**
 * What the portal may list: not withdrawn, period started. Whether an expired one is still shown is decided by the
 * domain rule over these rows, so the configured expiry applies at once.
 */
export async function listPortalPublications(db: Db, today: string): Promise<Publication[]> {
  const rows = await selectPublicationsBare(db)
    .where('p.status', '=', 'published')
    .where('p.public_from', '<=', today)
    .orderBy('p.public_from', 'desc')
    .orderBy('p.id', 'desc')
    .limit(1000)
    .execute();
  return rows.map(toPublication);
}

/** Without comment counts unless asked: the portal and the comment intake do not need them. */
export async function findPublication(
  db: Db,
  id: number,
  { counts = false }: { counts?: boolean } = {},
): Promise<Publication | null> {
  const row = await (counts ? selectPublications(db) : selectPublicationsBare(db))
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row ? toPublication(row) : null;
}

export async function getPublication(db: Db, id: number): Promise<Publication> {
  const p = await findPublication(db, id, { counts: true });
  if (!p) throw AppError.notFound('publication', id);
  return p;
}

export async function getPublicationBody(db: Db, id: number): Promise<PublicationBody> {
  const r = await db
    .selectFrom('publications')
    .select(['body_html', 'body_text'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { html: r.body_html, text: r.body_text };
}

export interface NewPublication {
  inspectionId: number;
  title: string;
  body: PublicationBody;
  publicFrom: string;
  publicTo: string;
  contacts: NoticeContacts;
  publishedBy: number;
  publishedAt: string;
}

export async function insertPublication(trx: Db, p: NewPublication): Promise<number> {
  const { id } = await trx
    .insertInto('publications')
    .values({
      inspection_id: p.inspectionId,
      title: p.title,
      body_html: p.body.html,
      body_text: p.body.text,
      public_from: p.publicFrom,
      public_to: p.publicTo,
      contacts_json: JSON.stringify(p.contacts),
      status: 'published',
      published_at: p.publishedAt,
      published_by: p.publishedBy,
      created_at: p.publishedAt,
      updated_at: p.publishedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function markWithdrawn(trx: Db, id: number, version: number, by: number, now: Date): Promise<void> {
  const withdrawn = { status: 'withdrawn', withdrawn_at: now.toISOString(), withdrawn_by: by };
  return updateVersioned(trx, 'publications', id, version, withdrawn, now);
}

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

export async function portalSecret(db: Db): Promise<string> {
  const r = await db.selectFrom('portal_key').select('secret').where('id', '=', 1).executeTakeFirstOrThrow();
  return r.secret;
}
