import { describe, expect, it } from 'vitest';
import type { OidcSettings } from '../config.ts';
import { personFromClaims } from './oidc.ts';

const settings: OidcSettings = {
  issuer: 'https://sso.example.gov.cn',
  clientId: 'rectify',
  clientSecret: 'secret',
  redirectUrl: 'https://xczg.example.gov.cn/api/auth/oidc/callback',
  scopes: 'openid profile',
  usernameClaim: 'preferred_username',
  roleClaim: 'groups',
  roleMap: [
    ['office', { role: 'office', unitCode: 'SW' }],
    ['unit-a', { role: 'unit_admin', unitCode: 'A' }],
  ],
  buttonLabel: '统一身份认证登录',
};

describe('reading the person from the claims', () => {
  it('grants the first value the map lists, from a list or a single value', () => {
    const claims = { sub: 's1', preferred_username: 'zhang.san', name: '张三', groups: ['unit-a', 'office'] };
    expect(personFromClaims(settings, claims)).toEqual({
      person: { subject: 's1', username: 'zhang.san', displayName: '张三', grant: { role: 'office', unitCode: 'SW' } },
    });
    expect(personFromClaims(settings, { ...claims, groups: 'unit-a' })).toMatchObject({
      person: { grant: { role: 'unit_admin', unitCode: 'A' } },
    });
  });

  it('names the person by the user name when the directory gives no name', () => {
    expect(personFromClaims(settings, { sub: 's1', preferred_username: 'li.si', groups: ['office'] })).toMatchObject({
      person: { displayName: 'li.si' },
    });
  });

  it.each([
    [{ sub: 's1', preferred_username: 'a', groups: ['other'] }, 'no_grant'],
    [{ sub: 's1', preferred_username: 'a' }, 'no_grant'],
    [{ sub: 's1', groups: ['office'] }, 'no_username'],
    [{ preferred_username: 'a', groups: ['office'] }, 'no_username'],
    [{ sub: 's1', preferred_username: 'x'.repeat(65), groups: ['office'] }, 'no_username'],
  ])('says why %j grants nothing', (claims, reason) => {
    expect(personFromClaims(settings, claims)).toMatchObject({ unmapped: reason });
  });
});
