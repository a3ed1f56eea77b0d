import { Type } from 'typebox';
import {
  EMAIL_MAX,
  OUTWARD_CHANNELS,
  ROBOT_URL_MAX,
  SECRET_MAX,
  SMS_CONTENT_TYPES,
  SMS_METHODS,
  SMS_TEMPLATE_MAX,
} from '../../../domain/channels.ts';
import { nullable, patchBody, stringEnum } from '../../schemas.ts';

const choices = Type.Object(
  Object.fromEntries(OUTWARD_CHANNELS.map((c) => [c, Type.Boolean()])) as Record<
    (typeof OUTWARD_CHANNELS)[number],
    ReturnType<typeof Type.Boolean>
  >,
);

/** The signed-in account's e-mail, mobile and channel choices; `available` says which channels can reach it now. */
export const ownContact = Type.Object({
  email: nullable(Type.String()),
  phone: nullable(Type.String()),
  channels: choices,
  available: choices,
  version: Type.Integer(),
});

// Lengths are checked again with the catalogue's words; the schema's bounds only keep absurd bodies out.
export const emailField = nullable(Type.String({ maxLength: EMAIL_MAX + 20 }));
export const phoneField = nullable(Type.String({ maxLength: 20 }));

export const patchOwnContactBody = patchBody({
  email: emailField,
  phone: phoneField,
  channels: Type.Partial(choices, { additionalProperties: false, minProperties: 1 }),
});

const smsHook = Type.Object(
  {
    url: Type.String({ maxLength: ROBOT_URL_MAX * 2 }),
    method: stringEnum(SMS_METHODS),
    contentType: stringEnum(SMS_CONTENT_TYPES),
    body: Type.String({ maxLength: SMS_TEMPLATE_MAX * 2 }),
  },
  { additionalProperties: false },
);

/** Addresses with their tokens cut to the last four characters, secrets only as set or not. */
export const unitChannels = Type.Object({
  unitId: Type.Integer(),
  dingtalk: Type.Object({ url: nullable(Type.String()), secretSet: Type.Boolean() }),
  wecom: Type.Object({ url: nullable(Type.String()) }),
  sms: nullable(
    Type.Object({
      url: Type.String(),
      method: stringEnum(SMS_METHODS),
      contentType: stringEnum(SMS_CONTENT_TYPES),
      body: Type.String(),
      secretSet: Type.Boolean(),
    }),
  ),
  updatedAt: nullable(Type.String()),
});

/** Left out: unchanged; null or empty: cleared. Tokens and secrets are only ever sent here, never read back. */
export const patchUnitChannelsBody = Type.Object(
  {
    dingtalkUrl: Type.Optional(nullable(Type.String({ maxLength: ROBOT_URL_MAX * 2 }))),
    dingtalkSecret: Type.Optional(nullable(Type.String({ maxLength: SECRET_MAX }))),
    wecomUrl: Type.Optional(nullable(Type.String({ maxLength: ROBOT_URL_MAX * 2 }))),
    sms: Type.Optional(nullable(smsHook)),
    smsSecret: Type.Optional(nullable(Type.String({ maxLength: SECRET_MAX }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
