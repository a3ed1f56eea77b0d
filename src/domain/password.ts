/** 等保 asks for complex passwords: at least 8 characters mixing three of upper, lower, digits, symbols. */
export const PASSWORD_RULE = { minLength: 8, minClasses: 3 } as const;

const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];

export function isStrongPassword(password: string): boolean {
  const classes = CHARACTER_CLASSES.filter((r) => r.test(password)).length;
  return password.length >= PASSWORD_RULE.minLength && classes >= PASSWORD_RULE.minClasses;
}

/**
 * A random password that meets the rule, without look-alike characters, for reading out over the phone: the accounts
 * page's reset and new account, and the directory import's new accounts. Web Crypto, present in browsers and Node alike.
 */
export function generatePassword(length = 12): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=?!'];
  const all = sets.join('');
  const random = new Uint32Array(length * 2);
  globalThis.crypto.getRandomValues(random);
  const chars = sets.map((set, i) => set[random[i] % set.length]);
  for (let i = chars.length; i < length; i++) chars.push(all[random[i] % all.length]);
  // Shuffle so the guaranteed kinds are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random[length + i] % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
