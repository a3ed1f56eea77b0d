import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/seed.ts';
import { delayAfter } from '../repositories/signin.repository.ts';
import { TEST_PASSWORD } from '../test/factories.ts';
import { assertPasswordStrength, isCommonPassword } from './passwords.ts';

describe('passwords', () => {
  it('ships the common passwords, Chinese favourites and keyboard walks included, compared case-insensitively', () => {
    for (const common of [
      '123456',
      'a123456',
      'Aa123456',
      'woaini1314',
      '5201314',
      'qq123456',
      '1qaz2wsx',
      '1QAZ@wsx',
      'Abc@123',
      'P@ssw0rd',
      'Admin@123',
      'qwertyuiop',
      'zaq12wsx',
    ])
      expect(isCommonPassword(common), common).toBe(true);
    // The passwords the tests and the demo sign in with stay usable.
    for (const fine of [TEST_PASSWORD, DEMO_PASSWORD, 'Second-door-8'])
      expect(isCommonPassword(fine), fine).toBe(false);
  });

  it('refuses weak, common and username-containing passwords with their own keys', () => {
    const keyOf = (password: string, username: string) => {
      try {
        assertPasswordStrength(password, username);
        return 'ok';
      } catch (e) {
        return (e as { key: string }).key;
      }
    };
    expect(keyOf('short', 'zhang')).toBe('weak_password');
    expect(keyOf('Aa123456', 'zhang')).toBe('common_password');
    expect(keyOf('ZHANG.wei-2026', 'zhang')).toBe('password_contains_username');
    expect(keyOf('Ab-cd-2026', 'ab')).toBe('ok');
    expect(keyOf(TEST_PASSWORD, 'office')).toBe('ok');
  });

  it('slows down by doubling after the free attempts, up to the cap', () => {
    const policy = { freeAttempts: 5, maxDelaySeconds: 300 };
    expect([1, 4, 5, 6, 7, 12, 13, 14, 40].map((n) => delayAfter(n, policy))).toEqual([
      0, 0, 1, 2, 4, 128, 256, 300, 300,
    ]);
  });
});
