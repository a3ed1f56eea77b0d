import { describe, expect, it } from 'vitest';
import {
  formatRecoveryCode,
  groupSecret,
  isTotpCode,
  normaliseRecoveryCode,
  RECOVERY_ALPHABET_SIZE,
  RECOVERY_CODE_LENGTH,
} from './two-factor.ts';

describe('two-factor rules', () => {
  it('prints recovery codes without look-alike characters and reads them back however they are typed', () => {
    const every = Array.from({ length: RECOVERY_ALPHABET_SIZE }, (_, i) => i);
    const printed = [0, 10, 20, 21].map((start) =>
      formatRecoveryCode([...every, ...every].slice(start, start + RECOVERY_CODE_LENGTH)),
    );
    for (const code of printed) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    expect(new Set(printed.join('').replaceAll('-', '')).size).toBe(RECOVERY_ALPHABET_SIZE);
    expect(normaliseRecoveryCode(' ABCDE FGHJK ')).toBe('abcdefghjk');
    expect(normaliseRecoveryCode('abcde-fghjk')).toBe('abcdefghjk');
  });

  it('tells a 6-digit code from a recovery code and groups the secret in fours for typing', () => {
    expect(isTotpCode('123456')).toBe(true);
    expect(isTotpCode('123 456')).toBe(true);
    expect(isTotpCode('12345')).toBe(false);
    expect(isTotpCode('abcde-fghjk')).toBe(false);
    expect(groupSecret('ABCDEFGHIJKLMNOPQ')).toBe('ABCD EFGH IJKL MNOP Q');
    expect(groupSecret('ABCDEFGH')).toBe('ABCD EFGH');
  });
});
