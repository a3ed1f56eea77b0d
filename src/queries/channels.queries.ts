import type { CommandContext } from '../context.ts';
import { maskUrl } from '../domain/channels.ts';
import { authorizeUnit } from '../policies/authorize.ts';
import { getUnitChannels, reachableUsers, unitChannelsOf } from '../repositories/channels.repository.ts';

/**
 * A unit's robots and SMS hook as the settings page sees them: addresses with their tokens cut to the last four
 * characters, secrets only as "set", so a browser (or a screenshot of it) never holds what signs a robot's messages.
 */
export async function getUnitChannelsView(ctx: CommandContext, unitId: number) {
  await authorizeUnit(ctx, unitId, 'configureChannels');
  const c = await getUnitChannels(ctx.db, unitId);
  return {
    unitId,
    dingtalk: { url: c.dingtalkUrl && maskUrl(c.dingtalkUrl), secretSet: !!c.dingtalkSecret },
    wecom: { url: c.wecomUrl && maskUrl(c.wecomUrl) },
    sms: c.sms
      ? {
          url: maskUrl(c.sms.url),
          method: c.sms.method,
          contentType: c.sms.contentType,
          body: c.sms.body,
          secretSet: !!c.sms.secret,
        }
      : null,
    updatedAt: c.updatedAt,
  };
}

/**
 * The signed-in account's contact details and channel choices, with which channels can reach it at all: e-mail and
 * the webhook by the server's configuration, the robots and SMS by whether its unit (or one above) set them.
 */
export async function getOwnContact(ctx: CommandContext) {
  const [me] = await reachableUsers(ctx.db, [ctx.actor.id], false);
  if (!me) throw new Error('the signed-in account is gone');
  const ancestors = me.unitPath.split('/').filter(Boolean).map(Number);
  const units = [...(await unitChannelsOf(ctx.db, ancestors)).values()];
  return {
    email: me.email,
    phone: me.phone,
    channels: me.choices,
    available: {
      email: !!ctx.config.smtpUrl,
      dingtalk: units.some((u) => !!u.dingtalkUrl),
      wecom: units.some((u) => !!u.wecomUrl),
      webhook: !!(ctx.config.webhookUrl && ctx.config.webhookSecret),
      sms: units.some((u) => !!u.sms),
    },
    version: me.version,
  };
}
