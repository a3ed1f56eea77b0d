import type { Db } from '../db/database.ts';

/** What a workflow message needs of its subject: words for the text, the page it links to, the accounts to choose from. */
export interface MessageSubjectScope {
  title: string;
  unitName: string;
  link: string;
  unitLeaders: number[];
  unitAdmins: number[];
  office: number[];
  /** An order's due date, for its words. */
  dueOn?: string;
  /** Issue 15: the active accounts of the department a comment was passed to. */
  department?: number[];
}

/** The account when it is still active (a requester who left is not written to); null otherwise. */
export async function activeAccount(db: Db, id: number | null): Promise<number | null> {
  if (id === null) return null;
  const row = await db.selectFrom('users').where('id', '=', id).where('active', '=', 1).select('id').executeTakeFirst();
  return row?.id ?? null;
}

/** An item's unit (leaders, administrators) and the office of the committee running its round, as the reminders have it. */
/**
 * The accounts a message about a unit may go to, in one query (it runs inside every workflow event's transaction): the
 * unit's active leaders and administrators, and the active office accounts of the committee that oversees it.
 */
async function peopleOf(
  db: Db,
  unitId: number,
  officeUnitId: number | null,
): Promise<Pick<MessageSubjectScope, 'unitLeaders' | 'unitAdmins' | 'office'>> {
  const rows = await db
    .selectFrom('users')
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([
        eb.and([eb('unit_id', '=', unitId), eb('role', 'in', ['unit_leader', 'unit_admin'])]),
        ...(officeUnitId === null ? [] : [eb.and([eb('unit_id', '=', officeUnitId), eb('role', '=', 'office')])]),
      ]),
    )
    .orderBy('id')
    .select(['id', 'role', 'unit_id'])
    .execute();
  const of = (role: string, unit: number | null) =>
    rows.filter((r) => r.role === role && r.unit_id === unit).map((r) => r.id);
  return {
    unitLeaders: of('unit_leader', unitId),
    unitAdmins: of('unit_admin', unitId),
    office: of('office', officeUnitId),
  };
}

export async function itemMessageScope(db: Db, itemId: number): Promise<MessageSubjectScope> {
  const r = await db
    .selectFrom('items as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .where('i.id', '=', itemId)
    .select(['i.title', 'i.unit_id', 'u.name as unitName', 'r.committee_unit_id'])
    .executeTakeFirstOrThrow();
  return {
    title: r.title,
    unitName: r.unitName,
    link: `/items/${itemId}`,
    ...(await peopleOf(db, r.unit_id, r.committee_unit_id)),
  };
}

/** An order's unit, and the office that issued it (the issuer's unit's office accounts). */
export async function orderMessageScope(db: Db, orderId: number): Promise<MessageSubjectScope> {
  const r = await db
    .selectFrom('supervision_orders as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .innerJoin('users as issuer', 'issuer.id', 'o.issued_by')
    .where('o.id', '=', orderId)
    .select(['o.title', 'o.unit_id', 'o.item_id', 'o.due_on', 'u.name as unitName', 'issuer.unit_id as officeUnitId'])
    .executeTakeFirstOrThrow();
  return {
    title: r.title,
    unitName: r.unitName,
    link: r.item_id !== null ? `/items/${r.item_id}` : '/supervision',
    dueOn: r.due_on,
    ...(await peopleOf(db, r.unit_id, r.officeUnitId)),
  };
}

/** A public comment's notice and the unit it speaks to. */
export async function commentMessageScope(
  db: Db,
  commentId: number,
  transferred = false,
): Promise<MessageSubjectScope> {
  const r = await db
    .selectFrom('public_comments as c')
    .innerJoin('publications as p', 'p.id', 'c.publication_id')
    .innerJoin('inspections as n', 'n.id', 'p.inspection_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .innerJoin('rounds as r', 'r.id', 'n.round_id')
    .where('c.id', '=', commentId)
    .select(['p.title', 'n.unit_id', 'u.name as unitName', 'r.committee_unit_id', 'c.transfer_department_id'])
    .executeTakeFirstOrThrow();
  // Issue 15: a 转办 goes to the department's accounts and links to the comment's own page.
  const department =
    transferred && r.transfer_department_id !== null
      ? (
          await db
            .selectFrom('users')
            .select('id')
            .where('active', '=', 1)
            .where('role', '=', 'department')
            .where('unit_id', '=', r.transfer_department_id)
            .orderBy('id')
            .execute()
        ).map((u) => u.id)
      : undefined;
  return {
    title: r.title,
    unitName: r.unitName,
    link: transferred ? `/comments/${commentId}` : '/publications',
    ...(await peopleOf(db, r.unit_id, r.committee_unit_id)),
    ...(department ? { department } : {}),
  };
}

/** Issue 15: a notice on its way (by its version) or published (by its publication), and the unit it belongs to. */
export async function publicationMessageScope(
  db: Db,
  of: { versionId: number } | { publicationId: number },
): Promise<MessageSubjectScope> {
  const base =
    'versionId' in of
      ? db.selectFrom('publication_versions as p').where('p.id', '=', of.versionId)
      : db.selectFrom('publications as p').where('p.id', '=', of.publicationId);
  const r = await base
    .innerJoin('inspections as n', 'n.id', 'p.inspection_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .innerJoin('rounds as r', 'r.id', 'n.round_id')
    .select(['p.title', 'n.unit_id', 'u.name as unitName', 'r.committee_unit_id'])
    .executeTakeFirstOrThrow();
  return {
    title: r.title,
    unitName: r.unitName,
    link: '/publications',
    ...(await peopleOf(db, r.unit_id, r.committee_unit_id)),
  };
}

/**
 * Deadline reminders of a closed item are done with: whatever of them is still unread (the item's own, its measures',
 * all linked to the item's page) is marked read at the close, so the bell stops counting them.
 */
export async function resolveItemReminders(db: Db, itemId: number, at: string): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('link', '=', `/items/${itemId}`)
    .where('read_at', 'is', null)
    .where('kind', 'like', 'reminder.%')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
