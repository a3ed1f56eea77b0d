import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { isEmailAddress, isMobileNumber, robotMarkdown, smsText } from '../domain/channels.ts';
import type { DeliveryStatus } from '../domain/reminders.ts';
import { reachableUsers, type UnitChannels, unitChannelsOf } from './channels.repository.ts';

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

// ── The outbox of outward deliveries: e-mail, the signed webhook, the units' robots and SMS hooks ──

/**
 * The kinds of delivery. `recipient` says where each goes: an address for e-mail, the configured URL for the webhook,
 * `unit:<id>` for a unit's 钉钉 or 企业微信 robot, `unit:<id>:<mobile>` for an SMS through that unit's hook. A robot or
 * hook is looked up when the delivery is sent, so its token and secret live only in `unit_channels`.
 */
export type Channel = 'email' | 'webhook' | 'dingtalk' | 'wecom' | 'sms';

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

// ── Fan-out: one notification to the outward channels its recipients chose ──

/** What the server can reach outside the database: set by its configuration, not by the units. */
export interface OutwardReach {
  /** SMTP is configured. */
  email: boolean;
  /** The signed webhook's address, when one is configured with its secret. */
  webhookUrl: string | null;
  /** RECTIFY_PUBLIC_URL, so a robot's message links to the page; null links by path. */
  publicUrl: string | null;
}

/**
 * What the configuration lets the fan-out reach; `configured` overrides it with what a running sweep's channels really
 * have (tests give the sweep channels of their own). Commands that notify call it with `ctx.config` alone.
 */
/** The settings the outward channels read. */
export type OutwardConfig = Pick<Config, 'smtpUrl' | 'webhookUrl' | 'webhookSecret' | 'publicUrl'>;

export function outwardReach(config: OutwardConfig, configured?: { mail: boolean; webhook: boolean }): OutwardReach {
  const webhook = configured ? configured.webhook : !!(config.webhookUrl && config.webhookSecret);
  return {
    email: configured ? configured.mail : !!config.smtpUrl,
    webhookUrl: webhook ? config.webhookUrl : null,
    publicUrl: config.publicUrl,
  };
}

export interface OutwardNotice {
  userIds: number[];
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** The unit the notice is about, named in the webhook's JSON. */
  unitName: string;
  /** False when the webhook has already heard of this (the sweep tells its robot once per link and stage). */
  webhook?: boolean;
}

export const robotRecipient = (unitId: number) => `unit:${unitId}`;
export const smsRecipient = (unitId: number, phone: string) => `unit:${unitId}:${phone}`;
export function parseUnitRecipient(recipient: string): { unitId: number; phone: string | null } | null {
  const m = /^unit:(\d+)(?::(\d+))?$/.exec(recipient);
  return m ? { unitId: Number(m[1]), phone: m[2] ?? null } : null;
}

/** The ids on a unit's materialised path, nearest first: the unit, then its parents up to the root. */
const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number).reverse();

/**
 * Queues one notice's outward deliveries, in the caller's transaction, by what each recipient chose (in-app is the
 * caller's insertNotifications and always on):
 * - e-mail to each account that chose it and has a good address, when SMTP is configured;
 * - the 钉钉 and 企业微信 robot of each recipient's unit, the nearest unit up the tree that set one (a department's
 *   people reach their unit's group; the office may set one robot high up for everything beneath), once per robot
 *   however many of its people the notice names, if at least one of them chose it;
 * - an SMS through the same nearest unit's hook to each account that chose SMS and has a mobile number;
 * - the signed webhook once, when configured and either nobody is named (a unit-wide notice) or someone chose it.
 * Returns how many deliveries were queued.
 */
export async function fanOutDeliveries(
  db: Db,
  notice: OutwardNotice,
  at: string,
  reach: OutwardReach,
): Promise<number> {
  const people = await reachableUsers(db, notice.userIds);
  const ancestors = new Set(people.flatMap((p) => pathIds(p.unitPath)));
  const settings = await unitChannelsOf(db, [...ancestors]);
  const nearest = (path: string, has: (c: UnitChannels) => boolean) =>
    pathIds(path)
      .map((id) => settings.get(id))
      .find((c): c is UnitChannels => !!c && has(c));

  const rows: Parameters<typeof enqueueDeliveries>[1] = [];
  const robots = new Set<string>();
  const markdown = robotMarkdown(notice.title, notice.body, notice.link, reach.publicUrl);
  for (const p of people) {
    if (reach.email && p.choices.email && p.email && isEmailAddress(p.email)) {
      rows.push({ channel: 'email', recipient: p.email, subject: notice.title, payload: notice.body });
    }
    for (const channel of ['dingtalk', 'wecom'] as const) {
      if (!p.choices[channel]) continue;
      const robot = nearest(p.unitPath, (c) => !!(channel === 'dingtalk' ? c.dingtalkUrl : c.wecomUrl));
      const key = robot && `${channel}|${robot.unitId}`;
      if (!robot || !key || robots.has(key)) continue;
      robots.add(key);
      rows.push({ channel, recipient: robotRecipient(robot.unitId), subject: notice.title, payload: markdown });
    }
    if (p.choices.sms && p.phone && isMobileNumber(p.phone)) {
      const hook = nearest(p.unitPath, (c) => !!c.sms);
      if (hook) {
        rows.push({
          channel: 'sms',
          recipient: smsRecipient(hook.unitId, p.phone),
          subject: notice.title,
          payload: smsText(notice.title, notice.body),
        });
      }
    }
  }
  const webhookWanted = notice.userIds.length === 0 || people.some((p) => p.choices.webhook);
  if (reach.webhookUrl && notice.webhook !== false && webhookWanted) {
    const payload = JSON.stringify({
      type: notice.kind,
      title: notice.title,
      text: notice.body,
      link: notice.link,
      unit: notice.unitName,
      at,
    });
    rows.push({ channel: 'webhook', recipient: reach.webhookUrl, subject: notice.title, payload });
  }
  await enqueueDeliveries(db, rows, at);
  return rows.length;
}
