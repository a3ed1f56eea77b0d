import { randomBytes, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Config } from '../config.ts';
import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import {
  CHALLENGE_MINUTES,
  formatRecoveryCode,
  isTotpCode,
  normaliseRecoveryCode,
  RECOVERY_ALPHABET_SIZE,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
  TOTP_DRIFT_STEPS,
  TOTP_ISSUER,
  TOTP_PERIOD_SECONDS,
} from '../domain/two-factor.ts';
import { appError } from '../errors.ts';
import { apiTokensRefused, twoFactorRequired } from '../policies/policies.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  claimTotpStep,
  clearTwoFactor,
  countRecoveryCodesLeft,
  countSignInFailure,
  deleteStaleChallenges,
  enableTwoFactor,
  findChallengeUser,
  getTwoFactorState,
  insertChallenge,
  replaceRecoveryCodes,
  setPendingSecret,
  signInStanding,
  spendChallenge,
  spendRecoveryCode,
} from '../repositories/two-factor.repository.ts';
import { findCredentials, getPasswordHash, getUser } from '../repositories/users.repository.ts';
import { change } from './context.ts';
import { directoryPasswordMatches } from './directory-accounts.ts';
import { verifyPassword } from './passwords.ts';
import { type SignedIn, type SignInOrigin, secretHash, startSession } from './session-start.ts';

/** Recovery codes carry ~50 bits each; keyed by the user so equal codes of two users never share a hash. */
const recoveryCodeHash = (userId: number, code: string) => secretHash(`${userId}:${normaliseRecoveryCode(code)}`);

type TotpCheck = { ok: true; step: number } | { ok: false; reused: boolean };

/**
 * Checks a 6-digit code against the secret at the injected moment (not the wall clock), one step either side, and
 * refuses a code whose step is not after the last one accepted.
 */
async function checkTotp(secret: string, code: string, now: Date, lastStep: number | null): Promise<TotpCheck> {
  const token = code.replace(/\s/g, '');
  if (!isTotpCode(token)) return { ok: false, reused: false };
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_PERIOD_SECONDS * TOTP_DRIFT_STEPS,
  });
  // The functional API types its answer for TOTP and HOTP alike; only a TOTP answer has the time step.
  if (!result.valid || !('timeStep' in result)) return { ok: false, reused: false };
  if (lastStep !== null && result.timeStep <= lastStep) return { ok: false, reused: true };
  return { ok: true, step: result.timeStep };
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    formatRecoveryCode(Array.from({ length: RECOVERY_CODE_LENGTH }, () => randomInt(RECOVERY_ALPHABET_SIZE))),
  );
}

async function issueRecoveryCodes(trx: Db, userId: number, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(
    trx,
    userId,
    codes.map((c) => recoveryCodeHash(userId, c)),
    now,
  );
  return codes;
}

// ---- sign-in: the password earns a challenge; the challenge and a code earn the session.

export async function hasTwoFactor(db: Db, userId: number): Promise<boolean> {
  return (await getTwoFactorState(db, userId)).enabledAt !== null;
}

/** Answered instead of a session when the password was right and the account has two-factor on. */
export async function beginSecondFactor(db: Db, userId: number, now: Date) {
  const challenge = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString();
  await deleteStaleChallenges(db, now.toISOString());
  await db
    .transaction()
    .execute((trx) =>
      insertChallenge(trx, { idHash: secretHash(challenge), userId, createdAt: now.toISOString(), expiresAt }),
    );
  return { secondFactorRequired: true as const, challenge, expiresAt };
}

/**
 * The second step of signing in: a TOTP code or a recovery code for a live challenge. A wrong code counts against the
 * same failure budget as a wrong password; the failed-sign-in count is not reset by the right password alone, or knowing
 * the password would buy unlimited guesses at the code.
 */
export async function completeSecondFactor(
  db: Db,
  config: Config,
  answer: { challenge: string; code: string; origin: SignInOrigin },
  now: Date,
): Promise<SignedIn> {
  const { challenge, code, origin } = answer;
  const nowIso = now.toISOString();
  const challengeHash = secretHash(challenge);
  const userId = await findChallengeUser(db, challengeHash, nowIso);
  if (userId === undefined) throw appError('challenge_expired');
  const standing = await signInStanding(db, userId);
  if (!standing.active) throw appError('challenge_expired');
  if (standing.lockedUntil && standing.lockedUntil > nowIso) {
    throw appError('account_locked', { lockedUntil: standing.lockedUntil }, { lockedUntil: standing.lockedUntil });
  }
  const state = await getTwoFactorState(db, userId);
  if (!state.secret || !state.enabledAt) throw appError('challenge_expired');

  let spend: (trx: Db) => Promise<boolean>;
  const recovery = !isTotpCode(code);
  if (recovery) {
    const hash = recoveryCodeHash(userId, code);
    spend = (trx) => spendRecoveryCode(trx, userId, hash, now);
  } else {
    const check = await checkTotp(state.secret, code, now, state.lastStep);
    if (!check.ok)
      return refuseCode(db, config, userId, now, check.reused ? 'second_factor_used' : 'second_factor_wrong');
    const { step } = check;
    spend = (trx) => claimTotpStep(trx, userId, step);
  }

  let codeRefused = false;
  try {
    const account = await findCredentials(db, userId);
    if (!account) throw appError('challenge_expired');
    return await startSession(db, config, origin, account, now, async (trx) => {
      // Both spends are conditional updates: of two requests racing with one challenge or one code, one wins.
      if (!(await spendChallenge(trx, challengeHash, nowIso))) throw appError('challenge_expired');
      if (!(await spend(trx))) {
        codeRefused = true;
        throw appError(recovery ? 'second_factor_wrong' : 'second_factor_used');
      }
      if (recovery) {
        await recordAudit(
          trx,
          { actorId: userId, action: 'auth.recovery_code_used', entity: 'user', entityId: userId },
          now,
        );
      }
    });
  } catch (error) {
    // An unknown or spent recovery code, or a TOTP step taken meanwhile, is a failed attempt like any wrong code.
    if (codeRefused)
      return refuseCode(db, config, userId, now, recovery ? 'second_factor_wrong' : 'second_factor_used');
    throw error;
  }
}

async function refuseCode(
  db: Db,
  config: Config,
  userId: number,
  now: Date,
  key: 'second_factor_used' | 'second_factor_wrong',
): Promise<never> {
  const lockedUntil = new Date(now.getTime() + config.lockoutMinutes * 60_000).toISOString();
  await db.transaction().execute(async (trx) => {
    const { locked } = await countSignInFailure(trx, userId, config.lockoutAttempts, lockedUntil);
    await recordAudit(
      trx,
      {
        actorId: userId,
        action: locked ? 'auth.lockout' : 'auth.second_factor_failed',
        entity: 'user',
        entityId: userId,
      },
      now,
    );
  });
  throw appError(key);
}

// ---- enrolment and management, from a signed-in browser session.

export async function twoFactorStatus(ctx: CommandContext) {
  const state = await getTwoFactorState(ctx.db, ctx.actor.id);
  const required = twoFactorRequired(ctx.actor.role, ctx.config.requireTwoFactor);
  const enabled = state.enabledAt !== null;
  return {
    enabled,
    enabledAt: state.enabledAt,
    required,
    enrolmentRequired: required && !enabled,
    apiTokensRefused: apiTokensRefused(ctx.actor.role, ctx.config.requireTwoFactor),
    recoveryCodesLeft: enabled ? await countRecoveryCodesLeft(ctx.db, ctx.actor.id) : 0,
  };
}

/**
 * A fresh secret awaiting its first code. The secret is shown now, for typing by hand, and never again once confirmed;
 * the QR code is drawn here, so the secret never leaves for an outside service.
 */
export async function beginEnrolment(ctx: CommandContext) {
  const user = await getUser(ctx.db, ctx.actor.id);
  const secret = generateSecret();
  const stored = await change(ctx, async (u) => {
    if (!(await setPendingSecret(u.trx, ctx.actor.id, secret))) return false;
    await u.audit({ action: 'auth.two_factor_enrolment_started', entity: 'user', entityId: ctx.actor.id });
    return true;
  });
  if (!stored) throw appError('two_factor_already_enabled');
  const uri = generateURI({ issuer: TOTP_ISSUER, label: user.username, secret, period: TOTP_PERIOD_SECONDS });
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  return { secret, uri, qrDataUrl };
}

/** The first code proves the app holds the secret; two-factor is then on and the recovery codes are shown once. */
export async function confirmEnrolment(ctx: CommandContext, code: string) {
  const state = await getTwoFactorState(ctx.db, ctx.actor.id);
  if (state.enabledAt) throw appError('two_factor_already_enabled');
  if (!state.secret) throw appError('two_factor_not_started');
  const check = await checkTotp(state.secret, code, ctx.now(), state.lastStep);
  if (!check.ok) throw appError(check.reused ? 'two_factor_code_used' : 'two_factor_code_wrong');
  const recoveryCodes = await change(ctx, async (u) => {
    if (!(await enableTwoFactor(u.trx, ctx.actor.id, check.step, ctx.now())))
      throw appError('two_factor_already_enabled');
    const codes = await issueRecoveryCodes(u.trx, ctx.actor.id, ctx.now());
    await u.audit({ action: 'auth.two_factor_enabled', entity: 'user', entityId: ctx.actor.id });
    return codes;
  });
  return { recoveryCodes };
}

/** Checks a current code for a change to two-factor itself, spending its step so it cannot be replayed. */
async function proveCode(ctx: CommandContext, trx: Db, code: string): Promise<void> {
  const state = await getTwoFactorState(trx, ctx.actor.id);
  if (!state.secret || !state.enabledAt) throw appError('two_factor_not_enabled');
  const check = await checkTotp(state.secret, code, ctx.now(), state.lastStep);
  if (!check.ok) throw appError(check.reused ? 'two_factor_code_used' : 'two_factor_code_wrong');
  if (!(await claimTotpStep(trx, ctx.actor.id, check.step))) throw appError('two_factor_code_used');
}

export async function regenerateRecoveryCodes(ctx: CommandContext, code: string) {
  const recoveryCodes = await change(ctx, async (u) => {
    await proveCode(ctx, u.trx, code);
    const codes = await issueRecoveryCodes(u.trx, ctx.actor.id, ctx.now());
    await u.audit({ action: 'auth.recovery_codes_regenerated', entity: 'user', entityId: ctx.actor.id });
    return codes;
  });
  return { recoveryCodes };
}

/** Turning two-factor off asks for both factors, and is refused for a role that must keep it. */
export async function disableTwoFactor(ctx: CommandContext, password: string, code: string) {
  if (twoFactorRequired(ctx.actor.role, ctx.config.requireTwoFactor)) throw appError('two_factor_required_for_role');
  const matches =
    (await directoryPasswordMatches(ctx.db, ctx.config, ctx.actor.id, password)) ??
    (await verifyPassword((await getPasswordHash(ctx.db, ctx.actor.id)).passwordHash, password));
  if (!matches) {
    throw appError('wrong_password', { fields: [{ field: 'password' }] });
  }
  await change(ctx, async (u) => {
    await proveCode(ctx, u.trx, code);
    await clearTwoFactor(u.trx, ctx.actor.id);
    await u.audit({ action: 'auth.two_factor_disabled', entity: 'user', entityId: ctx.actor.id });
  });
}
