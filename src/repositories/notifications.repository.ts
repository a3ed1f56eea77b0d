import type { Db } from '../db/database.ts';
import type { DeliveryStatus } from '../domain/reminders.ts';

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export async function insertNotifications(
  db: Db,
  rows: { userId: number; kind: string; title: string; body: string; link: string | null }[],
  at: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      rows.map((r) => ({
        user_id: r.userId,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        created_at: at,
        read_at: null,
      })),
    )
    .execute();
}

/** A person's notifications, newest first, in keyset pages (`before` is the last id of the previous page). */
export async function listNotifications(
  db: Db,
  userId: number,
  { limit, before, unreadOnly }: { limit: number; before?: number; unreadOnly?: boolean },
): Promise<Notification[]> {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (before !== undefined) q = q.where('id', '<', before);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(limit)
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findOwnNotification(db: Db, userId: number, id: number) {
  return db
    .selectFrom('notifications')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .select(['id', 'read_at'])
    .executeTakeFirst();
}

export async function markNotificationsRead(db: Db, userId: number, at: string, id?: number): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ── The outbox of e-mail and webhook deliveries ──

export type Channel = 'email' | 'webhook';

export interface Delivery {
  id: number;
  channel: Channel;
  recipient: string;
  subject: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const deliveryColumns = [
  'id',
  'channel',
  'recipient',
  'subject',
  'payload',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'created_at',
  'sent_at',
] as const;

type RawDelivery = {
  id: number;
  channel: string;
  recipient: string;
  subject: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
};

const toDelivery = (r: RawDelivery): Delivery => ({
  id: r.id,
  channel: r.channel as Channel,
  recipient: r.recipient,
  subject: r.subject,
  payload: r.payload,
  status: r.status as DeliveryStatus,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export async function enqueueDeliveries(
  db: Db,
  rows: { channel: Channel; recipient: string; subject: string; payload: string }[],
  at: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('deliveries')
    .values(rows.map((r) => ({ ...r, status: 'pending', attempts: 0, next_attempt_at: at, created_at: at })))
    .execute();
}

/**
 * Claims up to `limit` due deliveries for this sweep under a token until `until`. The claim is one UPDATE whose
 * condition is checked again on each row as it is written, so two processes never claim the same delivery; a claim
 * left by a process that died expires at `claimed_until` and the delivery is tried again.
 */
export async function claimDueDeliveries(
  db: Db,
  { now, until, token, limit }: { now: string; until: string; token: string; limit: number },
): Promise<Delivery[]> {
  const due = db
    .selectFrom('deliveries')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('id')
    .limit(limit)
    .select('id');
  await db
    .updateTable('deliveries')
    .set({ claim_token: token, claimed_until: until })
    .where('id', 'in', due)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .execute();
  const rows = await db
    .selectFrom('deliveries')
    .where('claim_token', '=', token)
    .where('status', '=', 'pending')
    .orderBy('id')
    .select(deliveryColumns)
    .execute();
  return rows.map(toDelivery);
}

export async function recordDeliverySent(db: Db, id: number, token: string, at: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set((eb) => ({
      status: 'sent',
      attempts: eb('attempts', '+', 1),
      sent_at: at,
      last_error: null,
      claim_token: null,
      claimed_until: null,
    }))
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .execute();
}

/** A failed attempt: tried again at `retryAt`, or given up (status failed) when that is null. */
export async function recordDeliveryFailure(
  db: Db,
  id: number,
  token: string,
  error: string,
  retryAt: string | null,
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set((eb) => ({
      status: retryAt === null ? 'failed' : 'pending',
      attempts: eb('attempts', '+', 1),
      next_attempt_at: retryAt ?? eb.ref('next_attempt_at'),
      last_error: error.slice(0, 500),
      claim_token: null,
      claimed_until: null,
    }))
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .execute();
}

export async function listDeliveries(
  db: Db,
  { status, limit, before }: { status?: DeliveryStatus; limit: number; before?: number },
): Promise<Delivery[]> {
  let q = db.selectFrom('deliveries');
  if (status) q = q.where('status', '=', status);
  if (before !== undefined) q = q.where('id', '<', before);
  return (await q.orderBy('id', 'desc').limit(limit).select(deliveryColumns).execute()).map(toDelivery);
}

export async function countDeliveries(db: Db): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .groupBy('status')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .execute();
  const counts: Record<DeliveryStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status as DeliveryStatus] = Number(r.n);
  return counts;
}
