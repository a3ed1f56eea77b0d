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
  ])('refuses %j', (env, name) => {
    expect(() => loadConfig(env)).toThrowError(new RegExp(name));
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
