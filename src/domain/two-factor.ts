/**
 * Two-factor sign-in (TOTP, RFC 6238) and personal API tokens: the vocabulary, shared by the server and the enrolment
 * page. Who must enrol and who may hold a token are rules of `src/policies/policies.ts`.
 */

/** RFC 6238's usual parameters, which every authenticator app reads: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side of now is accepted, for a phone whose clock drifts. */
export const TOTP_DRIFT_STEPS = 1;
export const TOTP_ISSUER = 'Rectify';

/** The sign-in challenge between the password and the code lives this long and is used once. */
export const CHALLENGE_MINUTES = 5;

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: a recovery code is often typed from paper. 10 characters of 31 ≈ 49.5 bits. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_LENGTH = 10;

export const RECOVERY_ALPHABET_SIZE = RECOVERY_ALPHABET.length;

/** A recovery code as printed, from random indices below RECOVERY_ALPHABET_SIZE (no modulo bias): `abcde-fghjk`. */
export function formatRecoveryCode(indices: readonly number[]): string {
  const chars = indices.slice(0, RECOVERY_CODE_LENGTH).map((i) => RECOVERY_ALPHABET[i]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What the user typed, as stored: lower case, without spaces or dashes. */
export const normaliseRecoveryCode = (typed: string) => typed.toLowerCase().replace(/[\s-]/g, '');

export const isTotpCode = (typed: string) => /^\d{6}$/.test(typed.replace(/\s/g, ''));

/** The base32 secret in groups of four, for typing into an app by hand. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** A personal API token: `rct_` and 43 base64url characters (32 random bytes). */
export const API_TOKEN_PREFIX = 'rct_';
/** What lists show of a token: its first characters, enough to tell tokens apart, too few to use. */
export const API_TOKEN_DISPLAY_LENGTH = API_TOKEN_PREFIX.length + 6;
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;
