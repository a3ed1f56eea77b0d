import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { NoticeContacts } from '../domain/notice-writing.ts';
import type { Publication, StoredPublicationStatus } from '../domain/publication.ts';
import { AppError } from '../errors.ts';
import type { ReadScope } from '../policies/policies.ts';
import { updateVersioned } from './versioned.ts';

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

export async function portalSecret(db: Db): Promise<string> {
  const r = await db.selectFrom('portal_key').select('secret').where('id', '=', 1).executeTakeFirstOrThrow();
  return r.secret;
}
