import type { Db } from '../db/database.ts';
import type { ChannelChoices, SmsContentType, SmsHook, SmsMethod } from '../domain/channels.ts';

/** A unit's robots and SMS hook as stored, secrets included: for the sender only, never for a response. */
export interface UnitChannels {
  unitId: number;
  dingtalkUrl: string | null;
  dingtalkSecret: string | null;
  wecomUrl: string | null;
  sms: (SmsHook & { secret: string | null }) | null;
  updatedAt: string | null;
}

type Row = {
  unit_id: number;
  dingtalk_url: string | null;
  dingtalk_secret: string | null;
  wecom_url: string | null;
  sms_url: string | null;
  sms_method: string | null;
  sms_content_type: string | null;
  sms_body: string | null;
  sms_secret: string | null;
  updated_at: string;
};

const toUnitChannels = (r: Row): UnitChannels => ({
  unitId: r.unit_id,
  dingtalkUrl: r.dingtalk_url,
  dingtalkSecret: r.dingtalk_secret,
  wecomUrl: r.wecom_url,
  sms: r.sms_url
    ? {
        url: r.sms_url,
        method: (r.sms_method ?? 'POST') as SmsMethod,
        contentType: (r.sms_content_type ?? 'json') as SmsContentType,
        body: r.sms_body ?? '',
        secret: r.sms_secret,
      }
    : null,
  updatedAt: r.updated_at,
});

const none = (unitId: number): UnitChannels => ({
  unitId,
  dingtalkUrl: null,
  dingtalkSecret: null,
  wecomUrl: null,
  sms: null,
  updatedAt: null,
});

export async function getUnitChannels(db: Db, unitId: number): Promise<UnitChannels> {
  const r = await db.selectFrom('unit_channels').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  return r ? toUnitChannels(r) : none(unitId);
}

export async function unitChannelsOf(db: Db, unitIds: number[]): Promise<Map<number, UnitChannels>> {
  const out = new Map<number, UnitChannels>();
  if (unitIds.length === 0) return out;
  for (const r of await db.selectFrom('unit_channels').selectAll().where('unit_id', 'in', unitIds).execute()) {
    out.set(r.unit_id, toUnitChannels(r));
  }
  return out;
}

/** The stored columns a settings change writes: undefined keeps a column, null clears it. */
export interface UnitChannelsPatch {
  dingtalkUrl?: string | null;
  dingtalkSecret?: string | null;
  wecomUrl?: string | null;
  smsUrl?: string | null;
  smsMethod?: SmsMethod | null;
  smsContentType?: SmsContentType | null;
  smsBody?: string | null;
  smsSecret?: string | null;
}

export async function saveUnitChannels(
  trx: Db,
  unitId: number,
  patch: UnitChannelsPatch,
  by: number,
  at: string,
): Promise<void> {
  const columns = {
    dingtalk_url: patch.dingtalkUrl,
    dingtalk_secret: patch.dingtalkSecret,
    wecom_url: patch.wecomUrl,
    sms_url: patch.smsUrl,
    sms_method: patch.smsMethod,
    sms_content_type: patch.smsContentType,
    sms_body: patch.smsBody,
    sms_secret: patch.smsSecret,
  };
  const set = Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
  const exists = await trx
    .selectFrom('unit_channels')
    .select('unit_id')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  if (exists) {
    await trx
      .updateTable('unit_channels')
      .set({ ...set, updated_at: at, updated_by: by })
      .where('unit_id', '=', unitId)
      .execute();
  } else {
    await trx
      .insertInto('unit_channels')
      .values({ unit_id: unitId, ...set, updated_at: at, updated_by: by })
      .execute();
  }
}

/** An account's own contact details and channel choices, with its unit's path to find the robots that reach it. */
export interface Reachable {
  id: number;
  unitId: number;
  unitPath: string;
  email: string | null;
  phone: string | null;
  choices: ChannelChoices;
  version: number;
}

export async function reachableUsers(db: Db, userIds: number[], activeOnly = true): Promise<Reachable[]> {
  if (userIds.length === 0) return [];
  let q = db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .where('u.id', 'in', userIds)
    .select([
      'u.id',
      'u.unit_id',
      'un.path',
      'u.email',
      'u.phone',
      'u.notify_email',
      'u.notify_dingtalk',
      'u.notify_wecom',
      'u.notify_webhook',
      'u.notify_sms',
      'u.version',
    ]);
  if (activeOnly) q = q.where('u.active', '=', 1);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    unitPath: r.path,
    email: r.email,
    phone: r.phone,
    choices: {
      email: r.notify_email === 1,
      dingtalk: r.notify_dingtalk === 1,
      wecom: r.notify_wecom === 1,
      webhook: r.notify_webhook === 1,
      sms: r.notify_sms === 1,
    },
    version: r.version,
  }));
}

/** The contact columns an account change writes: undefined keeps, null clears. */
export interface ContactPatch {
  email?: string | null;
  phone?: string | null;
  choices?: Partial<ChannelChoices>;
}

export function contactColumns(patch: ContactPatch) {
  const c = patch.choices ?? {};
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
  const columns = {
    email: patch.email,
    phone: patch.phone,
    notify_email: flag(c.email),
    notify_dingtalk: flag(c.dingtalk),
    notify_wecom: flag(c.wecom),
    notify_webhook: flag(c.webhook),
    notify_sms: flag(c.sms),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as Partial<typeof columns>;
}
