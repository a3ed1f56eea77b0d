import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, DEFAULT_LDAP_USER_FILTER, type LdapSettings } from '../config.ts';
import { testConfig } from '../test/factories.ts';
import { freePort } from '../test/global-setup.ts';
import {
  directoryPassword,
  groupDn,
  personDn,
  slapdMissing,
  startTestDirectory,
  TEST_PEOPLE_LDIF,
  type TestDirectory,
  testLdapEnv,
} from '../test/slapd.ts';
import {
  authenticateWithLdap,
  DirectoryUnavailableError,
  escapeFilterValue,
  mapGroups,
  normalizeDn,
  userFilterFor,
} from './ldap.ts';

describe('LDAP filters and group mapping', () => {
  it('escapes every character RFC 4515 reserves, so a typed name stays one literal value', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b\0c')).toBe('a\\5cb\\00c');
    expect(escapeFilterValue('张三.zhang-san_1')).toBe('张三.zhang-san_1');
    expect(userFilterFor({ userFilter: DEFAULT_LDAP_USER_FILTER }, 'x*')).toBe('(|(uid=x\\2a)(sAMAccountName=x\\2a))');
  });

  it('compares DNs without regard to case or the spaces after commas; the first group in the map wins', () => {
    expect(normalizeDn('CN=Leaders, OU=Groups ,DC=example')).toBe('cn=leaders,ou=groups,dc=example');
    const map: LdapSettings['groupMap'] = [
      { groupDn: 'cn=leaders,dc=x', role: 'unit_leader', unitCode: 'A' },
      { groupDn: 'cn=staff,dc=x', role: 'department', unitCode: 'A-1' },
    ];
    expect(mapGroups(map, ['CN=Staff, DC=x', 'cn=Leaders,dc=X'])?.role).toBe('unit_leader');
    expect(mapGroups(map, ['cn=staff,dc=x'])?.unitCode).toBe('A-1');
    expect(mapGroups(map, ['cn=other,dc=x'])).toBeUndefined();
  });
});

describe.skipIf(slapdMissing !== null)('LDAP against a real OpenLDAP (slapd)', () => {
  let directory: TestDirectory;
  let settings: LdapSettings;
  const settingsWith = (overrides: Record<string, string>) =>
    testConfig(testLdapEnv(directory.url, overrides)).ldap as Config['ldap'] & {} satisfies LdapSettings;

  beforeAll(async () => {
    directory = await startTestDirectory(TEST_PEOPLE_LDIF);
    settings = settingsWith({});
  }, 30_000);
  afterAll(async () => {
    await directory?.close();
  });

  it('finds the person, checks the password by binding as them, and reads their groups and names', async () => {
    const answer = await authenticateWithLdap(settings, 'zhangsan', directoryPassword('zhangsan'));
    expect(answer).toEqual({
      kind: 'signed_in',
      person: {
        dn: personDn('zhangsan'),
        displayName: '张三（交通局）',
        email: 'zhangsan@example.gov.cn',
        groups: [groupDn('leaders-a')],
      },
    });
    // Without a displayName the common name serves; the directory matches the name whatever its case.
    const lisi = await authenticateWithLdap(settings, 'LiSi', directoryPassword('lisi'));
    expect(lisi).toMatchObject({ kind: 'signed_in', person: { displayName: '李四', email: null } });
  });

  it('refuses a wrong password, an unknown name, a disabled person and a name two entries share', async () => {
    expect(await authenticateWithLdap(settings, 'zhangsan', 'not-it')).toEqual({ kind: 'wrong_password' });
    expect(await authenticateWithLdap(settings, 'nobody', 'whatever')).toEqual({ kind: 'unknown_user' });
    expect(await authenticateWithLdap(settings, 'zhaoliu', directoryPassword('zhaoliu'))).toEqual({
      kind: 'unknown_user',
    });
    expect(await authenticateWithLdap(settings, 'dup', directoryPassword('dup'))).toEqual({ kind: 'unknown_user' });
  });

  it('never binds with an empty password (an anonymous bind the directory would accept)', async () => {
    expect(await authenticateWithLdap(settings, 'zhangsan', '')).toEqual({ kind: 'wrong_password' });
  });

  it('keeps a typed filter fragment literal: a wildcard or a closed parenthesis matches nobody', async () => {
    // Unescaped, (uid=zhang*) would find zhangsan alone and his password would sign "zhang*" in as him.
    for (const typed of ['zhang*', '*', '*)(uid=*', 'zhangsan)(uid=*', 'zhangsan\\29', '*)(|(uid=*']) {
      expect(await authenticateWithLdap(settings, typed, directoryPassword('zhangsan')), typed).toEqual({
        kind: 'unknown_user',
      });
    }
  });

  it('finds groups by member where memberOf does not list them (groupOfUniqueNames)', async () => {
    const answer = await authenticateWithLdap(settings, 'sunba', directoryPassword('sunba'));
    expect(answer.kind === 'signed_in' && answer.person.groups).toEqual([groupDn('office-staff')]);
    const memberOfOnly = settingsWith({ RECTIFY_LDAP_GROUP_BASE_DN: '' });
    const alone = await authenticateWithLdap(memberOfOnly, 'sunba', directoryPassword('sunba'));
    expect(alone.kind === 'signed_in' && alone.person.groups).toEqual([]);
  });

  it('counts the directory unavailable when the service account is refused, nothing listens, or nothing answers', async () => {
    const refusedService = { ...settings, bindPassword: 'wrong' };
    await expect(authenticateWithLdap(refusedService, 'zhangsan', 'x')).rejects.toBeInstanceOf(
      DirectoryUnavailableError,
    );
    const closed = { ...settings, url: `ldap://127.0.0.1:${await freePort()}` };
    await expect(authenticateWithLdap(closed, 'zhangsan', 'x')).rejects.toBeInstanceOf(DirectoryUnavailableError);
    // A server that takes the connection and says nothing (a hung directory, a black-holing firewall).
    const silent: Server = createServer(() => {});
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const hung = { ...settings, url: `ldap://127.0.0.1:${port}`, timeoutMs: 300 };
      await expect(authenticateWithLdap(hung, 'zhangsan', 'x')).rejects.toBeInstanceOf(DirectoryUnavailableError);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.close();
    }
  });

  it('refuses StartTLS against a server that does not offer it, rather than sending the password in the clear', async () => {
    const tls = { ...settings, startTls: true };
    await expect(authenticateWithLdap(tls, 'zhangsan', directoryPassword('zhangsan'))).rejects.toBeInstanceOf(
      DirectoryUnavailableError,
    );
  });
});

describe.skipIf(slapdMissing !== null)('LDAP over TLS against slapd (ldaps:// and StartTLS)', () => {
  let directory: TestDirectory;
  let plain: LdapSettings;
  let ca: Buffer;
  beforeAll(async () => {
    directory = await startTestDirectory(TEST_PEOPLE_LDIF, { tls: true });
    const caFile = directory.caFile ?? '';
    plain = testConfig(testLdapEnv(directory.url)).ldap as LdapSettings;
    ca = testConfig(testLdapEnv(directory.url, { RECTIFY_LDAP_CA_FILE: caFile })).ldap?.ca as Buffer;
  }, 60_000);
  afterAll(async () => {
    await directory?.close();
  });
  const zhangsan = (settings: LdapSettings) =>
    authenticateWithLdap(settings, 'zhangsan', directoryPassword('zhangsan')).then((a) => a.kind);

  it('signs in over ldaps:// and over StartTLS, checking the certificate against the configured CA', async () => {
    expect(await zhangsan({ ...plain, url: directory.ldapsUrl ?? '', ca })).toBe('signed_in');
    expect(await zhangsan({ ...plain, startTls: true, ca })).toBe('signed_in');
  });

  it('refuses a certificate the CA did not sign, or a name it was not issued for, before any password is sent', async () => {
    const causeOf = (settings: LdapSettings) =>
      zhangsan(settings).then(
        () => 'signed in',
        (error: unknown) => {
          expect(error).toBeInstanceOf(DirectoryUnavailableError);
          return ((error as Error).cause as NodeJS.ErrnoException).code;
        },
      );
    // The system's CAs do not know the test CA.
    const untrusted = [
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    ];
    expect(untrusted).toContain(await causeOf({ ...plain, url: directory.ldapsUrl ?? '' }));
    expect(untrusted).toContain(await causeOf({ ...plain, startTls: true }));
    // The certificate names 127.0.0.1 alone; the same server reached as 127.0.0.2 is not who it says.
    const elsewhere = (directory.ldapsUrl ?? '').replace('127.0.0.1', '127.0.0.2');
    expect(await causeOf({ ...plain, url: elsewhere, ca })).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});

if (slapdMissing) console.warn(slapdMissing);
