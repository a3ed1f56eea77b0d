import { describe, expect, it } from 'vitest';
import { ROLES } from '../domain/roles.ts';
import { apiTokensRefused, twoFactorRequired } from './policies.ts';

describe('two-factor and API token rules', () => {
  it('requires two-factor of the three administrators and the office only when the deployment asks', () => {
    const required = ROLES.filter((r) => twoFactorRequired(r, true));
    expect(required).toEqual(['admin', 'security_admin', 'auditor', 'office']);
    expect(ROLES.filter((r) => twoFactorRequired(r, false))).toEqual([]);
    expect(ROLES.filter((r) => apiTokensRefused(r, true))).toEqual(['admin', 'security_admin', 'auditor']);
    expect(ROLES.filter((r) => apiTokensRefused(r, false))).toEqual([]);
  });
});
