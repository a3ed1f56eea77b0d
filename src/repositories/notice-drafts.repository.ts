import type { Db } from '../db/database.ts';
import type { DocumentKind, NoticeContacts, NoticeWriting } from '../domain/notice-writing.ts';
import { updateVersioned } from './versioned.ts';

export interface NoticeDraft extends NoticeWriting {
  id: number;
  inspectionId: number;
  kind: DocumentKind;
  version: number;
  updatedAt: string;
}

export async function findNoticeDraft(db: Db, inspectionId: number, kind: DocumentKind): Promise<NoticeDraft | null> {
  const r = await db
    .selectFrom('notice_drafts')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    inspectionId: r.inspection_id,
    kind: r.kind as DocumentKind,
    issuer: r.issuer,
    issuedOn: r.issued_on,
    asOf: r.as_of,
    organising: r.organising,
    nextSteps: r.next_steps,
    publicFrom: r.public_from,
    publicTo: r.public_to,
    contacts: JSON.parse(r.contacts_json) as NoticeContacts,
    addressee: r.addressee,
    signatory: r.signatory,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

const draftColumns = (w: NoticeWriting) => ({
  issuer: w.issuer,
  issued_on: w.issuedOn,
  as_of: w.asOf,
  organising: w.organising,
  next_steps: w.nextSteps,
  public_from: w.publicFrom,
  public_to: w.publicTo,
  contacts_json: JSON.stringify(w.contacts),
  addressee: w.addressee,
  signatory: w.signatory,
});

export async function insertNoticeDraft(
  trx: Db,
  inspectionId: number,
  kind: DocumentKind,
  writing: NoticeWriting,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const { id } = await trx
    .insertInto('notice_drafts')
    .values({ inspection_id: inspectionId, kind, ...draftColumns(writing), created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function updateNoticeDraft(
  trx: Db,
  id: number,
  version: number,
  writing: NoticeWriting,
  now: Date,
): Promise<void> {
  return updateVersioned(trx, 'notice_drafts', id, version, draftColumns(writing), now);
}
