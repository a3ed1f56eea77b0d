import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the package exports it as a const enum, which verbatimModuleSyntax cannot import.
const ARGON2ID = 2;

import { isStrongPassword } from '../domain/password.ts';
import { appError } from '../errors.ts';

/**
 * argon2 runs on libuv's thread pool (4 threads) and takes a core for ~40 ms: unbounded, 200 sign-ins at once would take
 * every core and every pool thread (file reads included) from everyone else. At most half the cores hash at once; the
 * rest wait their turn here, on the event loop, costing nothing.
 */
const HASH_SLOTS = Math.max(1, Math.floor(availableParallelism() / 2));
let hashing = 0;
const waiting: (() => void)[] = [];

async function inHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= HASH_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else hashing++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
    const next = waiting.shift();
    if (next) next();
    else hashing--;
  }
}

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return inHashSlot(() => hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 }));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return inHashSlot(() => verify(passwordHash, password).catch(() => false));
}

/**
 * A hash of a password nobody knows, with the same parameters as real ones: checked when there is no real hash to check
 * (an unknown, deactivated, locked or slowed account), so every refusal costs the same time.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$gy0/xcH3BA2o7yKBMhtbaA$KbE+sZayihVksJXTYYUz2vPahSptAE40CvjxgGpOPC0';

/** How many earlier passwords a new one may not repeat. */
export const PASSWORD_HISTORY = 5;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('../domain/common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/**
 * Refuses a password the domain's rule calls weak, one on the shipped list of common passwords, or one containing the
 * account's username; names the field for the form.
 */
export function assertPasswordStrength(password: string, username: string, field = 'password'): void {
  if (!isStrongPassword(password)) {
    throw appError('weak_password', { fields: [{ field, message: 'too weak' }] });
  }
  if (isCommonPassword(password)) {
    throw appError('common_password', { fields: [{ field, message: 'too common' }] });
  }
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    throw appError('password_contains_username', { fields: [{ field, message: 'contains the username' }] });
  }
}

/** Refuses a password matching one of the given hashes (the current one and the last few). */
export async function assertNotReused(password: string, hashes: string[], field = 'newPassword'): Promise<void> {
  for (const earlier of hashes) {
    if (await verifyPassword(earlier, password)) {
      throw appError('password_reused', { count: PASSWORD_HISTORY }, { fields: [{ field, message: 'used before' }] });
    }
  }
}
