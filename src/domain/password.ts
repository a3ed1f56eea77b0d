/** 等保 asks for complex passwords: at least 8 characters mixing three of upper, lower, digits, symbols. */
export const PASSWORD_RULE = { minLength: 8, minClasses: 3 } as const;

const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];

export function isStrongPassword(password: string): boolean {
  const classes = CHARACTER_CLASSES.filter((r) => r.test(password)).length;
  return password.length >= PASSWORD_RULE.minLength && classes >= PASSWORD_RULE.minClasses;
}
