import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { sm4Available } from './storage/evidence-crypto.ts';

describe('config', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: null,
      reportMonths: 2,
      satisfactionWeight: 0.1,
      immediateDeadlineDays: 30,
      adminPassword: null,
      auditHash: 'sha256',
      separationOfDuties: false,
      requireTwoFactor: false,
      trustProxy: false,
      publicUrl: null,
    });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      RECTIFY_DATA_DIR: '/srv/rectify',
      DATABASE_URL: 'postgres://u:p@db:5432/rectify',
      RECTIFY_ADMIN_PASSWORD: 'Long-enough-1',
      RECTIFY_REPORT_MONTHS: '3',
      RECTIFY_IMMEDIATE_DEADLINE_DAYS: '7',
      RECTIFY_MAX_UPLOAD_MB: '10',
      RECTIFY_PUBLIC_EXPIRY: 'withdraw',
      RECTIFY_COMMENTS_PER_HOUR: '3',
      RECTIFY_SMTP_URL: 'smtp://mail.example.gov:25',
      RECTIFY_MAIL_FROM: 'rectify@example.gov',
      RECTIFY_WEBHOOK_URL: 'https://robot.example.gov/hook',
      RECTIFY_WEBHOOK_SECRET: 's3cret',
      RECTIFY_SWEEP_SECONDS: '0',
      RECTIFY_SEPARATION_OF_DUTIES: 'true',
      RECTIFY_REQUIRE_2FA: '1',
      RECTIFY_TRUST_PROXY: '10.0.0.1, 10.0.0.0/8',
      RECTIFY_PUBLIC_URL: 'https://xczg.example.gov.cn',
      RECTIFY_RATE_LIMIT_SESSION: '0',
      RECTIFY_RATE_LIMIT_ADDRESS: '60',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/rectify',
      databaseUrl: 'postgres://u:p@db:5432/rectify',
      reportMonths: 3,
      immediateDeadlineDays: 7,
      maxUploadBytes: 10 * 1024 * 1024,
      publicExpiry: 'withdraw',
      commentsPerHour: 3,
      smtpUrl: 'smtp://mail.example.gov:25',
      mailFrom: 'rectify@example.gov',
      webhookUrl: 'https://robot.example.gov/hook',
      webhookSecret: 's3cret',
      sweepSeconds: 0,
      separationOfDuties: true,
      requireTwoFactor: true,
      trustProxy: ['10.0.0.1', '10.0.0.0/8'],
      publicUrl: 'https://xczg.example.gov.cn',
      rateLimit: { perSession: 0, perAddress: 60 },
    });
  });

  it('reads the sign-in policy, and refuses a lock that comes before the slowing down', () => {
    expect(loadConfig({})).toMatchObject({
      loginDelayAfter: 5,
      loginDelayMaxSeconds: 300,
      loginAddressAttempts: 30,
      lockoutAttempts: 20,
      lockoutMinutes: 15,
      passwordMaxAgeDays: 90,
      sessionIdleMinutes: 30,
      maxSessions: 3,
    });
    expect(
      loadConfig({
        RECTIFY_LOGIN_DELAY_AFTER: '3',
        RECTIFY_LOGIN_DELAY_MAX_SECONDS: '60',
        RECTIFY_LOGIN_ADDRESS_ATTEMPTS: '100',
        RECTIFY_LOCKOUT_ATTEMPTS: '10',
        RECTIFY_PASSWORD_MAX_AGE_DAYS: '0',
        RECTIFY_SESSION_IDLE_MINUTES: '15',
        RECTIFY_MAX_SESSIONS: '1',
      }),
    ).toMatchObject({
      loginDelayAfter: 3,
      loginDelayMaxSeconds: 60,
      loginAddressAttempts: 100,
      lockoutAttempts: 10,
      passwordMaxAgeDays: 0,
      sessionIdleMinutes: 15,
      maxSessions: 1,
    });
    expect(() => loadConfig({ RECTIFY_LOGIN_DELAY_AFTER: '20', RECTIFY_LOCKOUT_ATTEMPTS: '20' })).toThrow(
      /RECTIFY_LOGIN_DELAY_AFTER must be below RECTIFY_LOCKOUT_ATTEMPTS/,
    );
  });

  it('names every bad value at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        RECTIFY_ADMIN_PASSWORD: 'short',
        RECTIFY_REPORT_MONTHS: '0',
        RECTIFY_IMMEDIATE_DEADLINE_DAYS: '0',
        RECTIFY_AUDIT_HASH: 'md5',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'RECTIFY_ADMIN_PASSWORD',
      'RECTIFY_REPORT_MONTHS',
      'RECTIFY_IMMEDIATE_DEADLINE_DAYS',
      'RECTIFY_AUDIT_HASH',
    ])
      expect(problems).toContain(name);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ RECTIFY_WARN_GREEN_DAYS: '5', RECTIFY_WARN_YELLOW_DAYS: '10' }, 'RECTIFY_WARN_YELLOW_DAYS'],
    [{ RECTIFY_LOCKOUT_ATTEMPTS: '-1' }, 'RECTIFY_LOCKOUT_ATTEMPTS'],
    [{ RECTIFY_PUBLIC_EXPIRY: 'delete' }, 'RECTIFY_PUBLIC_EXPIRY'],
    [{ RECTIFY_SMTP_URL: 'http://mail' }, 'RECTIFY_SMTP_URL'],
    [{ RECTIFY_WEBHOOK_URL: 'ftp://robot' }, 'RECTIFY_WEBHOOK_URL'],
    [{ RECTIFY_WEBHOOK_URL: 'https://robot/hook' }, 'RECTIFY_WEBHOOK_SECRET'],
    [{ RECTIFY_COMMENTS_PER_HOUR: '0' }, 'RECTIFY_COMMENTS_PER_HOUR'],
    [{ RECTIFY_REQUIRE_2FA: 'yes' }, 'RECTIFY_REQUIRE_2FA'],
    [{ RECTIFY_TRUST_PROXY: 'the load balancer' }, 'RECTIFY_TRUST_PROXY'],
    [{ RECTIFY_PUBLIC_URL: 'ftp://xczg' }, 'RECTIFY_PUBLIC_URL'],
    [{ RECTIFY_RATE_LIMIT_SESSION: 'many' }, 'RECTIFY_RATE_LIMIT_SESSION'],
    [{ RECTIFY_DB_POOL_SIZE: '0' }, 'RECTIFY_DB_POOL_SIZE'],
    [{ RECTIFY_LOG_LEVEL: 'verbose' }, 'RECTIFY_LOG_LEVEL'],
    [{ RECTIFY_METRICS_TOKEN: 'short' }, 'RECTIFY_METRICS_TOKEN'],
  ])('refuses %j', (env, name) => {
    expect(() => loadConfig(env)).toThrowError(new RegExp(name));
  });
});

describe('config: faults and observability', () => {
  it('defaults to a pool of 10, info logging and no metrics; reads each', () => {
    expect(loadConfig({})).toMatchObject({ dbPoolSize: 10, logLevel: 'info', metricsToken: null });
    expect(
      loadConfig({
        RECTIFY_DB_POOL_SIZE: '25',
        RECTIFY_LOG_LEVEL: 'debug',
        RECTIFY_METRICS_TOKEN: ' 0123456789abcdef ',
      }),
    ).toMatchObject({ dbPoolSize: 25, logLevel: 'debug', metricsToken: '0123456789abcdef' });
  });
});

describe('config: evidence encryption', () => {
  const hex = 'ab'.repeat(32);

  it('leaves evidence in the clear by default and picks SM4 where OpenSSL has it', () => {
    const c = loadConfig({});
    expect(c.evidenceKey).toBeNull();
    expect(c.evidenceOldKeys).toEqual([]);
    expect(c.evidenceCipher).toBe(sm4Available() ? 'sm4' : 'aes-256-gcm');
  });

  it('reads the key as hex or base64, older keys of a rotation, and the cipher', () => {
    const c = loadConfig({
      RECTIFY_EVIDENCE_KEY: hex,
      RECTIFY_EVIDENCE_KEY_OLD: `${Buffer.alloc(32, 1).toString('base64')}, ${'cd'.repeat(32)}`,
      RECTIFY_EVIDENCE_CIPHER: 'aes-256-gcm',
    });
    expect(c.evidenceKey?.secret()).toEqual(Buffer.from(hex, 'hex'));
    expect(c.evidenceOldKeys.map((k) => k.secret())).toEqual([
      Buffer.alloc(32, 1),
      Buffer.from('cd'.repeat(32), 'hex'),
    ]);
    expect(c.evidenceCipher).toBe('aes-256-gcm');
  });

  it('never shows a key when the configuration is logged', () => {
    const c = loadConfig({ RECTIFY_EVIDENCE_KEY: hex });
    expect(JSON.stringify(c)).not.toContain(hex);
    expect(JSON.stringify(c)).not.toContain(Buffer.from(hex, 'hex').toString('base64'));
  });

  it.each([
    [{ RECTIFY_EVIDENCE_KEY: 'password123' }, /RECTIFY_EVIDENCE_KEY must be 32 bytes/],
    [{ RECTIFY_EVIDENCE_KEY: 'ab'.repeat(16) }, /RECTIFY_EVIDENCE_KEY must be 32 bytes/],
    [{ RECTIFY_EVIDENCE_KEY: hex, RECTIFY_EVIDENCE_KEY_OLD: 'x' }, /RECTIFY_EVIDENCE_KEY_OLD \(key 1\)/],
    [{ RECTIFY_EVIDENCE_KEY_OLD: hex }, /RECTIFY_EVIDENCE_KEY_OLD is set without RECTIFY_EVIDENCE_KEY/],
    [{ RECTIFY_EVIDENCE_CIPHER: 'des' }, /RECTIFY_EVIDENCE_CIPHER/],
  ])('refuses %j without quoting the value', (env, message) => {
    expect(() => loadConfig(env)).toThrowError(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).message).not.toContain('password123');
      expect((error as ConfigError).message).not.toContain('ab'.repeat(16));
    }
  });
});

describe('config: evidence storage', () => {
  const s3 = {
    RECTIFY_STORAGE: 's3',
    RECTIFY_S3_ENDPOINT: 'https://minio.example.gov.cn:9000',
    RECTIFY_S3_BUCKET: 'rectify-evidence',
  };

  it('keeps evidence in the data folder by default', () => {
    expect(loadConfig({})).toMatchObject({ storage: 'local', s3: null });
  });

  it('reads the S3 settings, path-style by default, the region defaulting to us-east-1', () => {
    expect(loadConfig(s3)).toMatchObject({
      storage: 's3',
      s3: {
        endpoint: 'https://minio.example.gov.cn:9000',
        bucket: 'rectify-evidence',
        region: 'us-east-1',
        accessKeyId: null,
        secretAccessKey: null,
        forcePathStyle: true,
      },
    });
    const full = loadConfig({
      ...s3,
      RECTIFY_S3_REGION: 'cn-north-1',
      RECTIFY_S3_ACCESS_KEY_ID: 'AKID',
      RECTIFY_S3_SECRET_ACCESS_KEY: 'secret-value',
      RECTIFY_S3_FORCE_PATH_STYLE: 'false',
    });
    expect(full.s3).toMatchObject({ region: 'cn-north-1', accessKeyId: 'AKID', forcePathStyle: false });
    expect(full.s3?.secretAccessKey).toBe('secret-value');
    expect(JSON.stringify(full)).not.toContain('secret-value');
    expect(inspect(full, { depth: 5 })).not.toContain('secret-value');
  });

  it('reads S3 settings beside local storage, for `rectify storage migrate --to s3`', () => {
    const { RECTIFY_STORAGE: _, ...settings } = s3;
    expect(loadConfig(settings)).toMatchObject({ storage: 'local', s3: { bucket: 'rectify-evidence' } });
  });

  it.each([
    [{ RECTIFY_STORAGE: 'nfs' }, /RECTIFY_STORAGE="nfs" must be one of local, s3/],
    [{ RECTIFY_STORAGE: 's3' }, /RECTIFY_S3_ENDPOINT is required[\s\S]*RECTIFY_S3_BUCKET is required/],
    [{ ...s3, RECTIFY_S3_BUCKET: '' }, /RECTIFY_S3_BUCKET is required/],
    [{ ...s3, RECTIFY_S3_ENDPOINT: '' }, /RECTIFY_S3_ENDPOINT is required/],
    [{ ...s3, RECTIFY_S3_ENDPOINT: 'minio:9000' }, /RECTIFY_S3_ENDPOINT must start with http:\/\/ or https:\/\//],
    [{ ...s3, RECTIFY_S3_BUCKET: 'Evidence_Bucket' }, /RECTIFY_S3_BUCKET="Evidence_Bucket" is not a bucket name/],
    [{ ...s3, RECTIFY_S3_ACCESS_KEY_ID: 'AKID' }, /set together, or neither/],
    [{ ...s3, RECTIFY_S3_FORCE_PATH_STYLE: 'maybe' }, /RECTIFY_S3_FORCE_PATH_STYLE="maybe" must be true or false/],
    [{ RECTIFY_S3_BUCKET: 'rectify-evidence' }, /RECTIFY_S3_ENDPOINT is required/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrowError(message);
  });

  it('never quotes the secret key in a refusal', () => {
    const env = { ...s3, RECTIFY_S3_SECRET_ACCESS_KEY: 'secret-value', RECTIFY_S3_BUCKET: 'x' };
    expect(() => loadConfig(env)).toThrowError(/not a bucket name/);
    expect(() => loadConfig(env)).not.toThrowError(/secret-value/);
  });
});

describe('config: LDAP sign-in', () => {
  const map = { 'cn=leaders,ou=groups,dc=example,dc=gov,dc=cn': { role: 'unit_leader', unit: 'A' } };
  const ldap = {
    RECTIFY_LDAP_URL: 'ldap://ldap.example.gov.cn',
    RECTIFY_LDAP_BIND_DN: 'cn=rectify,ou=services,dc=example,dc=gov,dc=cn',
    RECTIFY_LDAP_BIND_PASSWORD: 'service-secret',
    RECTIFY_LDAP_BASE_DN: 'ou=people,dc=example,dc=gov,dc=cn',
    RECTIFY_LDAP_GROUP_MAP: JSON.stringify(map),
  };
  const folder = mkdtempSync(path.join(tmpdir(), 'rectify-ldap-config-'));

  it('is off by default', () => {
    expect(loadConfig({}).ldap).toBeNull();
  });

  it('reads the settings, the filter defaulting to uid or sAMAccountName, the map in its order', () => {
    const c = loadConfig({
      ...ldap,
      RECTIFY_LDAP_GROUP_MAP: JSON.stringify({
        ...map,
        'cn=staff,ou=groups,dc=example,dc=gov,dc=cn': { role: 'department', unit: 'A-1' },
      }),
    });
    expect(c.ldap).toMatchObject({
      url: 'ldap://ldap.example.gov.cn',
      userFilter: '(|(uid={username})(sAMAccountName={username}))',
      groupBaseDn: null,
      startTls: false,
      ca: null,
      timeoutMs: 5000,
      groupMap: [
        { groupDn: 'cn=leaders,ou=groups,dc=example,dc=gov,dc=cn', role: 'unit_leader', unitCode: 'A' },
        { groupDn: 'cn=staff,ou=groups,dc=example,dc=gov,dc=cn', role: 'department', unitCode: 'A-1' },
      ],
    });
    expect(c.ldap?.bindPassword).toBe('service-secret');
    expect(JSON.stringify(c)).not.toContain('service-secret');
    expect(inspect(c, { depth: 5 })).not.toContain('service-secret');
  });

  it('reads the group map and the CA certificate from files, and StartTLS', () => {
    const mapFile = path.join(folder, 'groups.json');
    writeFileSync(mapFile, JSON.stringify(map));
    const caFile = path.join(folder, 'ca.pem');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const c = loadConfig({
      ...ldap,
      RECTIFY_LDAP_GROUP_MAP: mapFile,
      RECTIFY_LDAP_CA_FILE: caFile,
      RECTIFY_LDAP_STARTTLS: 'true',
      RECTIFY_LDAP_TIMEOUT_SECONDS: '10',
    });
    expect(c.ldap).toMatchObject({ startTls: true, timeoutMs: 10_000, groupMap: [{ unitCode: 'A' }] });
    expect(c.ldap?.ca?.toString()).toContain('BEGIN CERTIFICATE');
  });

  it.each([
    [{ RECTIFY_LDAP_BASE_DN: 'dc=x' }, /RECTIFY_LDAP_BASE_DN set without RECTIFY_LDAP_URL/],
    [
      { ...ldap, RECTIFY_LDAP_URL: 'https://ldap.example.gov.cn' },
      /RECTIFY_LDAP_URL must start with ldap:\/\/ or ldaps:\/\//,
    ],
    [{ ...ldap, RECTIFY_LDAP_BIND_DN: '' }, /RECTIFY_LDAP_BIND_DN is required/],
    [{ ...ldap, RECTIFY_LDAP_BIND_PASSWORD: '' }, /RECTIFY_LDAP_BIND_PASSWORD is required .*anonymously/],
    [{ ...ldap, RECTIFY_LDAP_BASE_DN: '' }, /RECTIFY_LDAP_BASE_DN is required/],
    [{ ...ldap, RECTIFY_LDAP_USER_FILTER: '(uid=admin)' }, /must contain \{username\}/],
    [{ ...ldap, RECTIFY_LDAP_USER_FILTER: '(uid={username}' }, /is not an LDAP filter/],
    [{ ...ldap, RECTIFY_LDAP_GROUP_MAP: '' }, /RECTIFY_LDAP_GROUP_MAP is required/],
    [{ ...ldap, RECTIFY_LDAP_GROUP_MAP: '{"cn=a,dc=x": ' }, /RECTIFY_LDAP_GROUP_MAP is not valid JSON/],
    [{ ...ldap, RECTIFY_LDAP_GROUP_MAP: '/nonexistent/groups.json' }, /cannot read the file \/nonexistent/],
    [{ ...ldap, RECTIFY_LDAP_GROUP_MAP: '{}' }, /maps no group/],
    [{ ...ldap, RECTIFY_LDAP_GROUP_MAP: '{"leaders": {"role": "office", "unit": "A"}}' }, /"leaders" is not a DN/],
    [
      { ...ldap, RECTIFY_LDAP_GROUP_MAP: '{"cn=a,dc=x": {"role": "boss", "unit": "A"}}' },
      /role of "cn=a,dc=x" must be one of/,
    ],
    [{ ...ldap, RECTIFY_LDAP_GROUP_MAP: '{"cn=a,dc=x": {"role": "team", "unit": "A"}}' }, /must be one of admin,/],
    [{ ...ldap, RECTIFY_LDAP_GROUP_MAP: '{"cn=a,dc=x": {"role": "office"}}' }, /"cn=a,dc=x" needs "unit"/],
    [
      { ...ldap, RECTIFY_LDAP_URL: 'ldaps://ldap.example.gov.cn', RECTIFY_LDAP_STARTTLS: 'true' },
      /ldaps:\/\/ is already encrypted/,
    ],
    [{ ...ldap, RECTIFY_LDAP_CA_FILE: '/nonexistent/ca.pem' }, /RECTIFY_LDAP_CA_FILE: cannot read/],
    [{ ...ldap, RECTIFY_LDAP_TIMEOUT_SECONDS: '0' }, /RECTIFY_LDAP_TIMEOUT_SECONDS=0 must be between 1 and 120/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrowError(message);
  });

  it('never quotes the service account’s password in a refusal', () => {
    expect(() => loadConfig({ ...ldap, RECTIFY_LDAP_BASE_DN: '' })).not.toThrowError(/service-secret/);
  });
});

describe('config: single sign-on (OpenID Connect)', () => {
  const oidc = {
    RECTIFY_OIDC_ISSUER: 'https://sso.example.gov.cn/oidc',
    RECTIFY_OIDC_CLIENT_ID: 'rectify',
    RECTIFY_OIDC_CLIENT_SECRET: 'client-secret-value',
    RECTIFY_OIDC_ROLE_MAP:
      '{"xczg-office": {"role": "office", "unit": "SW"}, "unit-1": {"role": "unit_admin", "unit": "U1"}}',
    RECTIFY_PUBLIC_URL: 'https://xczg.example.gov.cn',
  };

  it('is off by default', () => {
    expect(loadConfig({}).oidc).toBeNull();
  });

  it('reads the provider, derives the redirect from the public address, keeps the map in its order', () => {
    expect(loadConfig(oidc).oidc).toEqual({
      issuer: 'https://sso.example.gov.cn/oidc',
      clientId: 'rectify',
      clientSecret: 'client-secret-value',
      redirectUrl: 'https://xczg.example.gov.cn/api/auth/oidc/callback',
      scopes: 'openid profile',
      usernameClaim: 'preferred_username',
      roleClaim: 'groups',
      roleMap: [
        ['xczg-office', { role: 'office', unitCode: 'SW' }],
        ['unit-1', { role: 'unit_admin', unitCode: 'U1' }],
      ],
      buttonLabel: '统一身份认证登录',
    });
    const own = loadConfig({
      ...oidc,
      RECTIFY_OIDC_REDIRECT_URL: 'https://other.example.gov.cn/api/auth/oidc/callback',
      RECTIFY_OIDC_ROLE_CLAIM: 'rectify_roles',
      RECTIFY_OIDC_BUTTON_LABEL: '政务统一认证',
      RECTIFY_OIDC_SCOPES: 'openid profile groups',
    }).oidc;
    expect(own).toMatchObject({
      redirectUrl: 'https://other.example.gov.cn/api/auth/oidc/callback',
      roleClaim: 'rectify_roles',
      buttonLabel: '政务统一认证',
      scopes: 'openid profile groups',
    });
  });

  it('accepts http:// only on the loopback address (the tests’ own provider)', () => {
    expect(loadConfig({ ...oidc, RECTIFY_OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:4000',
    );
    expect(() => loadConfig({ ...oidc, RECTIFY_OIDC_ISSUER: 'http://sso.example.gov.cn' })).toThrowError(
      /RECTIFY_OIDC_ISSUER must start with https:\/\//,
    );
  });

  it.each([
    [{ RECTIFY_OIDC_CLIENT_ID: 'x' }, /RECTIFY_OIDC_CLIENT_ID set without RECTIFY_OIDC_ISSUER/],
    [{ ...oidc, RECTIFY_OIDC_CLIENT_SECRET: '' }, /RECTIFY_OIDC_CLIENT_SECRET is required/],
    [{ ...oidc, RECTIFY_PUBLIC_URL: '' }, /RECTIFY_OIDC_REDIRECT_URL \(or RECTIFY_PUBLIC_URL/],
    [{ ...oidc, RECTIFY_OIDC_REDIRECT_URL: 'https://x.gov.cn/callback' }, /must end in \/api\/auth\/oidc\/callback/],
    [{ ...oidc, RECTIFY_OIDC_ROLE_MAP: '' }, /RECTIFY_OIDC_ROLE_MAP is required/],
    [{ ...oidc, RECTIFY_OIDC_ROLE_MAP: '{office: 1}' }, /RECTIFY_OIDC_ROLE_MAP is not valid JSON/],
    [{ ...oidc, RECTIFY_OIDC_ROLE_MAP: '[]' }, /must be a JSON object with at least one entry/],
    [{ ...oidc, RECTIFY_OIDC_ROLE_MAP: '{"g": {"role": "boss", "unit": "SW"}}' }, /\["g"\]\.role must be one of/],
    [{ ...oidc, RECTIFY_OIDC_ROLE_MAP: '{"g": {"role": "team", "unit": "SW"}}' }, /\["g"\]\.role must be one of/],
    [{ ...oidc, RECTIFY_OIDC_ROLE_MAP: '{"g": {"role": "office"}}' }, /\["g"\]\.unit must be a unit code/],
    [{ ...oidc, RECTIFY_OIDC_SCOPES: 'profile' }, /RECTIFY_OIDC_SCOPES must include openid/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrowError(message);
  });

  it('never shows the client secret when the configuration is logged', () => {
    const settings = loadConfig(oidc).oidc;
    expect(JSON.stringify(settings)).not.toContain('client-secret-value');
    expect(inspect(settings)).not.toContain('client-secret-value');
    expect(() => loadConfig({ ...oidc, RECTIFY_OIDC_ROLE_MAP: '' })).not.toThrowError(/client-secret-value/);
  });

  it('reads the satisfaction weight as a decimal between 0 and 0.5 (issue 15)', () => {
    expect(loadConfig({ RECTIFY_SATISFACTION_WEIGHT: '0.25' }).satisfactionWeight).toBe(0.25);
    expect(loadConfig({ RECTIFY_SATISFACTION_WEIGHT: '0' }).satisfactionWeight).toBe(0);
    expect(loadConfig({ RECTIFY_SATISFACTION_WEIGHT: '0.5' }).satisfactionWeight).toBe(0.5);
    for (const bad of ['0.6', '1', '-0.1', 'ten', '0.1.2']) {
      expect(() => loadConfig({ RECTIFY_SATISFACTION_WEIGHT: bad }), bad).toThrow(/RECTIFY_SATISFACTION_WEIGHT/);
    }
  });
});

describe('config: 督办 numbers and the PDF (issue 15)', () => {
  it('numbers 〔year〕第n号 per year by default, issued by the office, converted by soffice on PATH', () => {
    const c = loadConfig({});
    expect(c.orderNumbering).toEqual({ pattern: '〔{year}〕第{n}号', prefix: '', per: 'year' });
    expect(c.orderIssuer).toBe('巡察工作领导小组办公室');
    expect(c.sofficePath).toBe('soffice');
  });

  it('takes a prefix, a pattern per round and a LibreOffice path', () => {
    const c = loadConfig({
      RECTIFY_ORDER_NUMBER_PREFIX: '市委巡察办督',
      RECTIFY_ORDER_NUMBER_PATTERN: '〔{year}〕{round}轮第{n}号',
      RECTIFY_ORDER_NUMBER_PER: 'round',
      RECTIFY_SOFFICE: '/opt/libreoffice/program/soffice',
    });
    expect(c.orderNumbering).toEqual({ pattern: '〔{year}〕{round}轮第{n}号', prefix: '市委巡察办督', per: 'round' });
    expect(c.sofficePath).toBe('/opt/libreoffice/program/soffice');
  });

  it.each([
    [{ RECTIFY_ORDER_NUMBER_PATTERN: '〔{year}〕第号' }, /\{n\} exactly once/],
    [{ RECTIFY_ORDER_NUMBER_PATTERN: '〔{year}〕第{num}号' }, /\{num\}/],
    [{ RECTIFY_ORDER_NUMBER_PATTERN: '第{n}号' }, /per year need \{year\}/],
    [{ RECTIFY_ORDER_NUMBER_PER: 'round' }, /per round need \{round\}/],
    [{ RECTIFY_ORDER_NUMBER_PER: 'month' }, /RECTIFY_ORDER_NUMBER_PER/],
    [{ RECTIFY_ORDER_NUMBER_PREFIX: '督{' }, /prefix/],
  ])('refuses %j', (env, words) => {
    expect(() => loadConfig(env)).toThrowError(words);
  });
});
