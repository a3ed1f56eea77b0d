import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the package exports it as a const enum, which verbatimModuleSyntax cannot import.
const ARGON2ID = 2;

import { isStrongPassword } from '../domain/password.ts';
import { appError } from '../errors.ts';

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** Refuses a password the domain's rule calls weak, naming the field for the form. */
export function assertPasswordStrength(password: string): void {
  if (!isStrongPassword(password)) {
    throw appError('weak_password', { fields: [{ field: 'password', message: 'too weak' }] });
  }
}
