import { getHashes } from 'node:crypto';
import path from 'node:path';
import { decodeKeyText } from './domain/key-text.ts';
import { type EvidenceCipher, type EvidenceKey, parseEvidenceKey, sm4Available } from './storage/evidence-crypto.ts';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** null means the embedded SQLite file under dataDir. */
  databaseUrl: string | null;
  adminPassword: string | null;
  /** Months from feedback to the rectification report; the inspection rules say 2, some localities 1 or 3. */
  reportMonths: number;
  sessionHours: number;
  /** Failed sign-ins that hard-lock an account (and alert the security administrator); slowed long before that. */
  lockoutAttempts: number;
  /** How long a hard lock lasts; failures older than this with none since are forgotten. */
  lockoutMinutes: number;
  // Sign-in hardening (issue 11).
  /** Failed sign-ins on one account before each further attempt waits 1 s, 2 s, 4 s … */
  loginDelayAfter: number;
  /** The longest wait between two checked attempts on one account or from one address. */
  loginDelayMaxSeconds: number;
  /** Failed sign-ins from one source address before its attempts wait (answered 429 with Retry-After). */
  loginAddressAttempts: number;
  /** Days a password lasts before the next session must change it; 0 = never. */
  passwordMaxAgeDays: number;
  /** Minutes without a request that end a session, beside the absolute sessionHours. */
  sessionIdleMinutes: number;
  /** Sessions one account keeps at once; a new sign-in ends the oldest. */
  maxSessions: number;
  maxUploadBytes: number;
  /** Integrity hash of the audit chain: SM3 where the platform's OpenSSL has it. */
  auditHash: 'sha256' | 'sm3';
  warnDays: { green: number; yellow: number };
  /** What happens to a published notice when its public period ends: withdrawn from the portal, or kept as archived. */
  publicExpiry: 'withdraw' | 'archive';
  /** Public comments one address may send in an hour. */
  commentsPerHour: number;
  /** Outgoing mail for reminders (smtp://user:pass@host:port); null sends none. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The chat robot's webhook for reminders, signed with HMAC-SHA256 of the body under the secret; null sends none. */
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** How often the reminder sweep runs in the server, in seconds; 0 turns it off (e.g. a second read-only process). */
  sweepSeconds: number;
  /**
   * 三员分立 in force: the system administrator loses the business data and the audit trail it reads in the embedded trial.
   * Every real deployment sets it (docs/SECURITY.md).
   */
  separationOfDuties: boolean;
  /** Two-factor sign-in required for the three administrators and the inspection office. */
  requireTwoFactor: boolean;
  /**
   * Which proxies to believe about the caller's address and scheme (X-Forwarded-For, X-Forwarded-Proto): false (none,
   * the default: the server faces browsers itself), true (any), a hop count, or a comma-separated list of addresses.
   */
  trustProxy: boolean | number | string[];
  /** The address users reach the system at; an https:// one turns on Secure cookies and HSTS whatever the proxy says. */
  publicUrl: string | null;
  /** Requests a minute one session may send, and one address without a session; 0 turns the limit off. */
  rateLimit: { perSession: number; perAddress: number };
  /** Evidence encryption at rest (RECTIFY_EVIDENCE_KEY); null stores evidence in the clear, as the embedded trial does. */
  evidenceKey: EvidenceKey | null;
  /** Keys of a rotation in progress (RECTIFY_EVIDENCE_KEY_OLD, comma-separated): files under them still read, none written. */
  evidenceOldKeys: EvidenceKey[];
  /** The cipher new evidence files are written with: SM4 where the platform's OpenSSL has it, AES-256-GCM otherwise. */
  evidenceCipher: EvidenceCipher;
  /**
   * The key of the audit chain's HMAC (RECTIFY_AUDIT_KEY, hex or base64, at least 32 bytes); null means the key file
   * generated once under dataDir (audit.key). Kept outside the database so whoever can write the tables cannot re-chain them.
   */
  auditKey: Buffer | null;
  /** Days an audit event is kept before an archive export may carry it off; never fewer than 180 (等保三级). */
  auditRetentionDays: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration / 配置错误:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    problems.push(`${name}="${raw}" must be a whole number between ${min} and ${max}`);
    return fallback;
  }
  const value = Number(raw);
  if (value < min || value > max) problems.push(`${name}=${value} must be between ${min} and ${max}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], problems: string[]): T {
  const raw = env[name]?.trim();
  if (!raw) return allowed[0];
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name}="${raw}" must be one of ${allowed.join(', ')}`);
  return allowed[0];
}

function boolVar(env: Env, name: string, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return false;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${name}="${env[name]}" must be true or false`);
  return false;
}

function trustProxyVar(env: Env, problems: string[]): Config['trustProxy'] {
  const raw = env.RECTIFY_TRUST_PROXY?.trim();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const addresses = raw.split(',').map((a) => a.trim());
  if (addresses.every((a) => /^[\d.:a-fA-F]+(\/\d{1,3})?$/.test(a))) return addresses;
  problems.push(`RECTIFY_TRUST_PROXY="${raw}" must be true, false, a hop count or a comma-separated list of addresses`);
  return false;
}

/** A secret of at least 32 bytes, written as hex (64+ digits) or base64. */
function keyVar(env: Env, name: string, problems: string[]): Buffer | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  const key = decodeKeyText(raw);
  if (!key) {
    problems.push(`${name} must be hex or base64`);
    return null;
  }
  if (key.length < 32) {
    problems.push(`${name} must hold at least 32 bytes (64 hex digits or 44 base64 characters)`);
    return null;
  }
  return key;
}

function urlVar(env: Env, name: string, protocols: string[], problems: string[]): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (protocols.includes(url.protocol)) return raw;
    problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  } catch {
    problems.push(`${name} is not a valid URL`);
  }
  return null;
}

const KEY_FORMAT = '32 bytes written as 64 hex digits or in base64 (e.g. `openssl rand -hex 32`)';

/** The evidence keys and cipher; the problems never quote a key, only its name. */
function evidenceKeys(
  env: Env,
  problems: string[],
): Pick<Config, 'evidenceKey' | 'evidenceOldKeys' | 'evidenceCipher'> {
  const raw = env.RECTIFY_EVIDENCE_KEY?.trim();
  let evidenceKey: EvidenceKey | null = null;
  if (raw) {
    evidenceKey = parseEvidenceKey(raw);
    if (!evidenceKey) problems.push(`RECTIFY_EVIDENCE_KEY must be ${KEY_FORMAT}`);
  }
  const evidenceOldKeys: EvidenceKey[] = [];
  const oldRaw = env.RECTIFY_EVIDENCE_KEY_OLD?.trim();
  if (oldRaw) {
    const parts = oldRaw
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    parts.forEach((part, i) => {
      const key = parseEvidenceKey(part);
      if (key) evidenceOldKeys.push(key);
      else problems.push(`RECTIFY_EVIDENCE_KEY_OLD (key ${i + 1}) must be ${KEY_FORMAT}`);
    });
    if (!raw)
      problems.push('RECTIFY_EVIDENCE_KEY_OLD is set without RECTIFY_EVIDENCE_KEY, the key a rotation moves to');
  }
  const cipherRaw = env.RECTIFY_EVIDENCE_CIPHER?.trim().toLowerCase();
  let evidenceCipher: EvidenceCipher = sm4Available() ? 'sm4' : 'aes-256-gcm';
  if (cipherRaw === 'aes-256-gcm') evidenceCipher = 'aes-256-gcm';
  else if (cipherRaw === 'sm4') {
    if (sm4Available()) evidenceCipher = 'sm4';
    else problems.push('RECTIFY_EVIDENCE_CIPHER=sm4 but this platform’s OpenSSL has no SM4/SM3; use aes-256-gcm');
  } else if (cipherRaw) problems.push(`RECTIFY_EVIDENCE_CIPHER="${cipherRaw}" must be sm4 or aes-256-gcm`);
  return { evidenceKey, evidenceOldKeys, evidenceCipher };
}

/** Reads and validates the environment once at start; every bad value is reported together. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const host = env.HOST?.trim() || '127.0.0.1';
  const port = intVar(env, 'PORT', 3000, 0, 65535, problems);
  const dataDir = path.resolve(env.RECTIFY_DATA_DIR?.trim() || 'data');

  let databaseUrl: string | null = env.DATABASE_URL?.trim() || null;
  if (databaseUrl) {
    try {
      const url = new URL(databaseUrl);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        problems.push(`DATABASE_URL must start with postgres:// (got ${url.protocol}//); leave it unset for SQLite`);
      }
    } catch {
      problems.push('DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)');
      databaseUrl = null;
    }
  }

  const adminPassword = env.RECTIFY_ADMIN_PASSWORD ?? null;
  if (adminPassword !== null && adminPassword.length < 8) {
    problems.push('RECTIFY_ADMIN_PASSWORD must be at least 8 characters');
  }

  const auditHashRaw = (env.RECTIFY_AUDIT_HASH?.trim() || 'sha256').toLowerCase();
  let auditHash: Config['auditHash'] = 'sha256';
  if (auditHashRaw === 'sm3') {
    if (getHashes().includes('sm3')) auditHash = 'sm3';
    else problems.push('RECTIFY_AUDIT_HASH=sm3 but this platform’s OpenSSL has no SM3; use sha256');
  } else if (auditHashRaw !== 'sha256') {
    problems.push(`RECTIFY_AUDIT_HASH="${auditHashRaw}" must be sha256 or sm3`);
  }

  const evidence = evidenceKeys(env, problems);

  const config: Config = {
    host,
    port,
    dataDir,
    databaseUrl,
    adminPassword,
    reportMonths: intVar(env, 'RECTIFY_REPORT_MONTHS', 2, 1, 12, problems),
    sessionHours: intVar(env, 'RECTIFY_SESSION_HOURS', 8, 1, 24 * 30, problems),
    lockoutAttempts: intVar(env, 'RECTIFY_LOCKOUT_ATTEMPTS', 20, 2, 1000, problems),
    lockoutMinutes: intVar(env, 'RECTIFY_LOCKOUT_MINUTES', 15, 1, 24 * 60, problems),
    loginDelayAfter: intVar(env, 'RECTIFY_LOGIN_DELAY_AFTER', 5, 1, 100, problems),
    loginDelayMaxSeconds: intVar(env, 'RECTIFY_LOGIN_DELAY_MAX_SECONDS', 300, 1, 24 * 3600, problems),
    loginAddressAttempts: intVar(env, 'RECTIFY_LOGIN_ADDRESS_ATTEMPTS', 30, 1, 10_000, problems),
    passwordMaxAgeDays: intVar(env, 'RECTIFY_PASSWORD_MAX_AGE_DAYS', 90, 0, 3650, problems),
    sessionIdleMinutes: intVar(env, 'RECTIFY_SESSION_IDLE_MINUTES', 30, 1, 24 * 60, problems),
    maxSessions: intVar(env, 'RECTIFY_MAX_SESSIONS', 3, 1, 100, problems),
    maxUploadBytes: intVar(env, 'RECTIFY_MAX_UPLOAD_MB', 50, 1, 2048, problems) * 1024 * 1024,
    auditHash,
    warnDays: {
      green: intVar(env, 'RECTIFY_WARN_GREEN_DAYS', 20, 1, 365, problems),
      yellow: intVar(env, 'RECTIFY_WARN_YELLOW_DAYS', 10, 1, 365, problems),
    },
    publicExpiry: oneOf(env, 'RECTIFY_PUBLIC_EXPIRY', ['archive', 'withdraw'] as const, problems),
    commentsPerHour: intVar(env, 'RECTIFY_COMMENTS_PER_HOUR', 5, 1, 1000, problems),
    smtpUrl: urlVar(env, 'RECTIFY_SMTP_URL', ['smtp:', 'smtps:'], problems),
    mailFrom: env.RECTIFY_MAIL_FROM?.trim() || 'rectify@localhost',
    webhookUrl: urlVar(env, 'RECTIFY_WEBHOOK_URL', ['http:', 'https:'], problems),
    webhookSecret: env.RECTIFY_WEBHOOK_SECRET?.trim() || null,
    sweepSeconds: intVar(env, 'RECTIFY_SWEEP_SECONDS', 60, 0, 24 * 3600, problems),
    separationOfDuties: boolVar(env, 'RECTIFY_SEPARATION_OF_DUTIES', problems),
    requireTwoFactor: boolVar(env, 'RECTIFY_REQUIRE_2FA', problems),
    trustProxy: trustProxyVar(env, problems),
    publicUrl: urlVar(env, 'RECTIFY_PUBLIC_URL', ['http:', 'https:'], problems),
    rateLimit: {
      perSession: intVar(env, 'RECTIFY_RATE_LIMIT_SESSION', 1200, 0, 1_000_000, problems),
      perAddress: intVar(env, 'RECTIFY_RATE_LIMIT_ADDRESS', 300, 0, 1_000_000, problems),
    },
    ...evidence,
    auditKey: keyVar(env, 'RECTIFY_AUDIT_KEY', problems),
    auditRetentionDays: intVar(env, 'RECTIFY_AUDIT_RETENTION_DAYS', 180, 180, 36500, problems),
  };
  if (config.warnDays.yellow > config.warnDays.green) {
    problems.push('RECTIFY_WARN_YELLOW_DAYS must not exceed RECTIFY_WARN_GREEN_DAYS');
  }
  if (config.loginDelayAfter >= config.lockoutAttempts) {
    problems.push(
      'RECTIFY_LOGIN_DELAY_AFTER must be below RECTIFY_LOCKOUT_ATTEMPTS (slow guessing down before locking)',
    );
  }
  if (config.webhookUrl && !config.webhookSecret) {
    problems.push('RECTIFY_WEBHOOK_URL needs RECTIFY_WEBHOOK_SECRET to sign what it sends');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
