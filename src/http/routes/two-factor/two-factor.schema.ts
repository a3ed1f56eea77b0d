import { Type } from 'typebox';
import { nullable, text } from '../../schemas.ts';

const totpCode = Type.String({ pattern: '^\\s*\\d{3}\\s?\\d{3}\\s*$', description: 'the 6 digits the app shows' });

/** What POST /api/auth/login answers instead of a session when the account has two-factor sign-in on. */
export const secondFactorChallenge = Type.Object({
  secondFactorRequired: Type.Literal(true),
  challenge: Type.String({ description: 'opaque, single use; send it back with the code' }),
  expiresAt: Type.String(),
});

export const secondFactorBody = Type.Object(
  {
    challenge: text(128),
    code: Type.String({ minLength: 6, maxLength: 32, description: 'a 6-digit TOTP code or a recovery code' }),
  },
  { additionalProperties: false },
);

export const twoFactorStatusBody = Type.Object({
  enabled: Type.Boolean(),
  enabledAt: nullable(Type.String()),
  /** The role must have it (RECTIFY_REQUIRE_2FA); it cannot be turned off. */
  required: Type.Boolean(),
  /** Required and not yet set up: until then the session reaches only this page, the session and sign-out. */
  enrolmentRequired: Type.Boolean(),
  /** The role may hold no personal API token while two-factor sign-in is required (a token would go round it). */
  apiTokensRefused: Type.Boolean(),
  recoveryCodesLeft: Type.Integer(),
});

export const enrolmentBody = Type.Object({
  secret: Type.String({ description: 'base32; shown during enrolment only, never again' }),
  uri: Type.String({ description: 'otpauth://totp/… for authenticator apps' }),
  qrDataUrl: Type.String({ description: 'the URI as a PNG QR code, data:image/png;base64,…' }),
});

export const codeBody = Type.Object({ code: totpCode }, { additionalProperties: false });

export const recoveryCodesBody = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'shown once; only their hashes are kept' }),
});

export const disableBody = Type.Object({ password: text(256), code: totpCode }, { additionalProperties: false });
