import { describe, expect, it } from 'vitest';
import { isStrongPassword } from './password.ts';

describe('isStrongPassword', () => {
  it.each([
    ['Abcdefg1', true],
    ['abcdef1!', true],
    ['ABCDEF1!', true],
    ['Abc1!', false],
    ['abcdefgh', false],
    ['abcdefg1', false],
    ['Abcdefgh', false],
    ['密码密码Aa1!', true],
  ])('%s → %s', (password, strong) => {
    expect(isStrongPassword(password)).toBe(strong);
  });
});
