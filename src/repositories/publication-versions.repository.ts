import type { Db } from '../db/database.ts';
import type { NoticeContacts } from '../domain/notice-writing.ts';
import { OPEN_VERSION_STATES, type VersionState } from '../domain/publication-workflow.ts';
import { AppError } from '../errors.ts';
import type { ReadScope } from '../policies/policies.ts';
import type { PublicationBody } from './publications.repository.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

/** One text of a publication on its way or kept (issue 15, point 1), with the names of who did each step. */
export interface PublicationVersion {
  id: number;
  inspectionId: number;
  publicationId: number | null;
  unitId: number;
  unitName: string;
  unitPath: string;
  teamId: number;
  number: number;
  state: VersionState;
  title: string;
  publicFrom: string;
  publicTo: string;
  contacts: NoticeContacts;
  needsOffice: boolean;
  preparedBy: number;
  preparedByName: string;
  preparedAt: string;
  submittedBy: number | null;
  submittedAt: string | null;
  leaderBy: number | null;
  leaderByName: string | null;
  leaderAt: string | null;
  officeBy: number | null;
  officeByName: string | null;
  officeAt: string | null;
  returnedBy: number | null;
  returnedByName: string | null;
  returnedAt: string | null;
  returnReason: string | null;
  publishedAt: string | null;
  version: number;
}

function selectVersions(db: Db) {
  return db
    .selectFrom('publication_versions as v')
    .innerJoin('inspections as i', 'i.id', 'v.inspection_id')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('users as pb', 'pb.id', 'v.prepared_by')
    .leftJoin('users as lb', 'lb.id', 'v.leader_by')
    .leftJoin('users as ob', 'ob.id', 'v.office_by')
    .leftJoin('users as rb', 'rb.id', 'v.returned_by')
    .select([
      'v.id',
      'v.inspection_id',
      'v.publication_id',
      'i.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'i.team_id',
      'v.number',
      'v.state',
      'v.title',
      'v.public_from',
      'v.public_to',
      'v.contacts_json',
      'v.needs_office',
      'v.prepared_by',
      'pb.display_name as prepared_by_name',
      'v.prepared_at',
      'v.submitted_by',
      'v.submitted_at',
      'v.leader_by',
      'lb.display_name as leader_by_name',
      'v.leader_at',
      'v.office_by',
      'ob.display_name as office_by_name',
      'v.office_at',
      'v.returned_by',
      'rb.display_name as returned_by_name',
      'v.returned_at',
      'v.return_reason',
      'v.published_at',
      'v.version',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectVersions>['executeTakeFirstOrThrow']>>;

const toVersion = (r: Row): PublicationVersion => ({
  id: r.id,
  inspectionId: r.inspection_id,
  publicationId: r.publication_id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  teamId: r.team_id,
  number: r.number,
  state: r.state as VersionState,
  title: r.title,
  publicFrom: r.public_from,
  publicTo: r.public_to,
  contacts: JSON.parse(r.contacts_json) as NoticeContacts,
  needsOffice: r.needs_office === 1,
  preparedBy: r.prepared_by,
  preparedByName: r.prepared_by_name,
  preparedAt: r.prepared_at,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  leaderBy: r.leader_by,
  leaderByName: r.leader_by_name,
  leaderAt: r.leader_at,
  officeBy: r.office_by,
  officeByName: r.office_by_name,
  officeAt: r.office_at,
  returnedBy: r.returned_by,
  returnedByName: r.returned_by_name,
  returnedAt: r.returned_at,
  returnReason: r.return_reason,
  publishedAt: r.published_at,
  version: r.version,
});

export async function findVersion(db: Db, id: number): Promise<PublicationVersion | null> {
  const row = await selectVersions(db).where('v.id', '=', id).executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function getVersion(db: Db, id: number): Promise<PublicationVersion> {
  const v = await findVersion(db, id);
  if (!v) throw AppError.notFound('publication_version', id);
  return v;
}

/** Every version of an inspection's notices, newest first (the internal history). */
export async function listInspectionVersions(db: Db, inspectionId: number): Promise<PublicationVersion[]> {
  const rows = await selectVersions(db)
    .where('v.inspection_id', '=', inspectionId)
    .orderBy('v.id', 'desc')
    .limit(200)
    .execute();
  return rows.map(toVersion);
}

/** The inspection's version on its way (draft, submitted, approved, returned), if any: at most one by a unique index. */
export async function findOpenVersion(db: Db, inspectionId: number): Promise<PublicationVersion | null> {
  const row = await selectVersions(db)
    .where('v.inspection_id', '=', inspectionId)
    .where('v.state', 'in', [...OPEN_VERSION_STATES])
    .executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** Versions on their way in a read scope, in the given states (the approvers' lists), oldest submitted first. */
export async function listOpenVersions(
  db: Db,
  scope: ReadScope,
  states: readonly VersionState[],
): Promise<PublicationVersion[]> {
  let q = selectVersions(db).where('v.state', 'in', [...states]);
  if (scope.kind === 'team') q = q.where('i.team_id', '=', scope.teamId);
  else q = q.where('u.path', 'like', `${scope.path}%`);
  const rows = await q.orderBy('v.submitted_at').orderBy('v.id').limit(500).execute();
  return rows.map(toVersion);
}

/** The inspection's publication a new version corrects: the newest not withdrawn. */
export async function currentPublicationOf(db: Db, inspectionId: number): Promise<{ id: number } | null> {
  const row = await db
    .selectFrom('publications')
    .select('id')
    .where('inspection_id', '=', inspectionId)
    .where('status', '=', 'published')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ?? null;
}

export async function nextVersionNumber(db: Db, publicationId: number | null): Promise<number> {
  if (publicationId === null) return 1;
  const row = await db
    .selectFrom('publication_versions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('publication_id', '=', publicationId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export interface VersionText {
  title: string;
  body: PublicationBody;
  publicFrom: string;
  publicTo: string;
  contacts: NoticeContacts;
}

export async function insertVersion(
  trx: Db,
  v: VersionText & { inspectionId: number; publicationId: number | null; number: number; preparedBy: number },
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const { id } = await trx
    .insertInto('publication_versions')
    .values({
      inspection_id: v.inspectionId,
      publication_id: v.publicationId,
      number: v.number,
      state: 'draft',
      title: v.title,
      body_html: v.body.html,
      body_text: v.body.text,
      public_from: v.publicFrom,
      public_to: v.publicTo,
      contacts_json: JSON.stringify(v.contacts),
      prepared_by: v.preparedBy,
      prepared_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface VersionChanges {
  state?: VersionState;
  title?: string;
  bodyHtml?: string;
  bodyText?: string;
  publicFrom?: string;
  publicTo?: string;
  contactsJson?: string;
  needsOffice?: number;
  preparedBy?: number;
  preparedAt?: string;
  submittedBy?: number | null;
  submittedAt?: string | null;
  leaderBy?: number | null;
  leaderAt?: string | null;
  officeBy?: number | null;
  officeAt?: string | null;
  returnedBy?: number | null;
  returnedAt?: string | null;
  returnReason?: string | null;
  publishedAt?: string | null;
  publicationId?: number | null;
  number?: number;
}

/** A versioned patch: a stale version (someone decided first) gets 409 and nothing changes. Returns the columns written. */
export async function patchVersion(trx: Db, id: number, version: number, changes: VersionChanges, now: Date) {
  const columns = columnsOf<VersionedPatch<'publication_versions'>, VersionChanges>(changes, {
    state: 'state',
    title: 'title',
    bodyHtml: 'body_html',
    bodyText: 'body_text',
    publicFrom: 'public_from',
    publicTo: 'public_to',
    contactsJson: 'contacts_json',
    needsOffice: 'needs_office',
    preparedBy: 'prepared_by',
    preparedAt: 'prepared_at',
    submittedBy: 'submitted_by',
    submittedAt: 'submitted_at',
    leaderBy: 'leader_by',
    leaderAt: 'leader_at',
    officeBy: 'office_by',
    officeAt: 'office_at',
    returnedBy: 'returned_by',
    returnedAt: 'returned_at',
    returnReason: 'return_reason',
    publishedAt: 'published_at',
    publicationId: 'publication_id',
    number: 'number',
  });
  await updateVersioned(trx, 'publication_versions', id, version, columns, now);
  return columns;
}

export async function getVersionBody(db: Db, id: number): Promise<PublicationBody> {
  const r = await db
    .selectFrom('publication_versions')
    .select(['body_html', 'body_text'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { html: r.body_html, text: r.body_text };
}

/** Marks the publication's previously shown version superseded (its text stays for the history). */
export async function supersedePublished(trx: Db, publicationId: number, now: Date): Promise<void> {
  await trx
    .updateTable('publication_versions')
    .set({ state: 'superseded', updated_at: now.toISOString() })
    .where('publication_id', '=', publicationId)
    .where('state', '=', 'published')
    .execute();
}

/** Puts a corrected text on the publication (same address): the portal shows it from now, marked 更正 on `on`. */
export async function applyCorrection(
  trx: Db,
  publicationId: number,
  text: VersionText & { number: number; correctedOn: string },
  now: Date,
): Promise<void> {
  await trx
    .updateTable('publications')
    .set({
      title: text.title,
      body_html: text.body.html,
      body_text: text.body.text,
      public_from: text.publicFrom,
      public_to: text.publicTo,
      contacts_json: JSON.stringify(text.contacts),
      shown_version: text.number,
      corrected_at: text.correctedOn,
      needs_correction: 0,
      correction_reason: null,
      updated_at: now.toISOString(),
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', publicationId)
    .execute();
}

/**
 * Marks the inspection's published notices as needing correction (an item was withheld after publishing), with the
 * reason; returns the ids marked. The shown text itself is not touched.
 */
export async function markNeedsCorrection(trx: Db, inspectionId: number, reason: string, now: Date): Promise<number[]> {
  const rows = await trx
    .updateTable('publications')
    .set({ needs_correction: 1, correction_reason: reason, updated_at: now.toISOString() })
    .where('inspection_id', '=', inspectionId)
    .where('status', '=', 'published')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The portal's history: the published and superseded versions of a publication, newest first. */
export async function listShownVersions(
  db: Db,
  publicationId: number,
): Promise<{ number: number; title: string; publishedAt: string | null; state: VersionState }[]> {
  const rows = await db
    .selectFrom('publication_versions')
    .select(['number', 'title', 'published_at', 'state'])
    .where('publication_id', '=', publicationId)
    .where('state', 'in', ['published', 'superseded'])
    .orderBy('number', 'desc')
    .execute();
  return rows.map((r) => ({
    number: r.number,
    title: r.title,
    publishedAt: r.published_at,
    state: r.state as VersionState,
  }));
}

/** One earlier (or the current) published text of a publication, by its number. */
export async function findShownVersion(
  db: Db,
  publicationId: number,
  number: number,
): Promise<{
  number: number;
  title: string;
  body: PublicationBody;
  publishedAt: string | null;
  state: VersionState;
} | null> {
  const r = await db
    .selectFrom('publication_versions')
    .select(['number', 'title', 'body_html', 'body_text', 'published_at', 'state'])
    .where('publication_id', '=', publicationId)
    .where('number', '=', number)
    .where('state', 'in', ['published', 'superseded'])
    .executeTakeFirst();
  return r
    ? {
        number: r.number,
        title: r.title,
        body: { html: r.body_html, text: r.body_text },
        publishedAt: r.published_at,
        state: r.state as VersionState,
      }
    : null;
}

/** Who put the publication's newest version forward (submitted it, else prepared it): the publisher to tell. */
export async function lastPublisherOf(db: Db, publicationId: number): Promise<number | null> {
  const r = await db
    .selectFrom('publication_versions')
    .select(['submitted_by', 'prepared_by'])
    .where('publication_id', '=', publicationId)
    .orderBy('number', 'desc')
    .executeTakeFirst();
  return r ? (r.submitted_by ?? r.prepared_by) : null;
}
