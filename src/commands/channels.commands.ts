import type { CommandContext } from '../context.ts';
import {
  type ChannelChoices,
  isEmailAddress,
  isMobileNumber,
  maskUrl,
  robotUrlProblem,
  type SmsContentType,
  type SmsMethod,
  smsHookProblem,
} from '../domain/channels.ts';
import { appError } from '../errors.ts';
import { authorizeUnit } from '../policies/authorize.ts';
import { contactColumns, getUnitChannels, saveUnitChannels } from '../repositories/channels.repository.ts';
import { patchUserContact } from '../repositories/users.repository.ts';
import { change } from './context.ts';

/** An address or a number as typed: trimmed, empty meaning none; refused with the field named when it is not one. */
export function checkedEmail(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const email = value.trim();
  if (email === '') return null;
  if (!isEmailAddress(email)) throw appError('invalid_email', { fields: [{ field: 'email' }] });
  return email;
}

export function checkedPhone(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const phone = value.replace(/[\s-]/g, '');
  if (phone === '') return null;
  if (!isMobileNumber(phone)) throw appError('invalid_phone', { fields: [{ field: 'phone' }] });
  return phone;
}

/** The account's own e-mail, mobile and channel choices, from the profile page. */
export async function updateOwnContact(
  ctx: CommandContext,
  version: number,
  input: { email?: string | null; phone?: string | null; channels?: Partial<ChannelChoices> },
) {
  const email = checkedEmail(input.email);
  const phone = checkedPhone(input.phone);
  const columns = contactColumns({ email, phone, choices: input.channels });
  await change(ctx, async ({ trx, audit }) => {
    await patchUserContact(trx, ctx.actor.id, version, columns, ctx.now());
    await audit({ action: 'user.contact', entity: 'user', entityId: ctx.actor.id, after: columns });
  });
}

export interface UnitChannelsInput {
  dingtalkUrl?: string | null;
  dingtalkSecret?: string | null;
  wecomUrl?: string | null;
  sms?: { url: string; method: SmsMethod; contentType: SmsContentType; body: string } | null;
  smsSecret?: string | null;
}

const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() ? v.trim() : null);

/**
 * A unit's robots and SMS hook. Each field left out stays as it is (the page never holds a token or a secret, so it
 * sends only what the office typed anew); null or empty clears it. Every field is checked before anything is written.
 */
export async function updateUnitChannels(ctx: CommandContext, unitId: number, input: UnitChannelsInput) {
  await authorizeUnit(ctx, unitId, 'configureChannels');
  const dingtalkUrl = blankToNull(input.dingtalkUrl);
  if (dingtalkUrl && robotUrlProblem(dingtalkUrl, 'access_token')) {
    throw appError(
      'robot_url_invalid',
      { robot: '钉钉', token: 'access_token' },
      { fields: [{ field: 'dingtalkUrl' }] },
    );
  }
  const wecomUrl = blankToNull(input.wecomUrl);
  if (wecomUrl && robotUrlProblem(wecomUrl, 'key')) {
    throw appError('robot_url_invalid', { robot: '企业微信', token: 'key' }, { fields: [{ field: 'wecomUrl' }] });
  }
  const sms = input.sms === undefined ? undefined : input.sms?.url.trim() ? input.sms : null;
  if (sms) {
    const problem = smsHookProblem({ ...sms, url: sms.url.trim() });
    if (problem) throw appError('sms_hook_invalid', { problem }, { fields: [{ field: 'sms' }], problem });
  }
  const patch = {
    dingtalkUrl,
    dingtalkSecret: blankToNull(input.dingtalkSecret),
    wecomUrl,
    smsUrl: sms === undefined ? undefined : (sms?.url.trim() ?? null),
    smsMethod: sms === undefined ? undefined : (sms?.method ?? null),
    smsContentType: sms === undefined ? undefined : (sms?.contentType ?? null),
    smsBody: sms === undefined ? undefined : (sms?.body ?? null),
    smsSecret: blankToNull(input.smsSecret),
  };
  await change(ctx, async ({ trx, audit }) => {
    const before = await getUnitChannels(trx, unitId);
    await saveUnitChannels(trx, unitId, patch, ctx.actor.id, ctx.now().toISOString());
    // The audit trail records which robot was set, never its token or secret.
    await audit({
      action: 'unit.channels',
      entity: 'unit',
      entityId: unitId,
      before: {
        dingtalkUrl: before.dingtalkUrl && maskUrl(before.dingtalkUrl),
        wecomUrl: before.wecomUrl && maskUrl(before.wecomUrl),
        smsUrl: before.sms && maskUrl(before.sms.url),
      },
      after: {
        dingtalkUrl: patch.dingtalkUrl && maskUrl(patch.dingtalkUrl),
        dingtalkSecretChanged: patch.dingtalkSecret !== undefined,
        wecomUrl: patch.wecomUrl && maskUrl(patch.wecomUrl),
        smsUrl: patch.smsUrl && maskUrl(patch.smsUrl),
        smsMethod: patch.smsMethod,
        smsSecretChanged: patch.smsSecret !== undefined,
      },
    });
  });
}
