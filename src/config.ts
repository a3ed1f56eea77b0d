import { getHashes } from 'node:crypto';
import path from 'node:path';

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
  lockoutAttempts: number;
  lockoutMinutes: number;
  maxUploadBytes: number;
  /** Integrity hash of the audit chain: SM3 where the platform's OpenSSL has it. */
  auditHash: 'sha256' | 'sm3';
  warnDays: { green: number; yellow: number };
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

  const config: Config = {
    host,
    port,
    dataDir,
    databaseUrl,
    adminPassword,
    reportMonths: intVar(env, 'RECTIFY_REPORT_MONTHS', 2, 1, 12, problems),
    sessionHours: intVar(env, 'RECTIFY_SESSION_HOURS', 8, 1, 24 * 30, problems),
    lockoutAttempts: intVar(env, 'RECTIFY_LOCKOUT_ATTEMPTS', 5, 1, 100, problems),
    lockoutMinutes: intVar(env, 'RECTIFY_LOCKOUT_MINUTES', 15, 1, 24 * 60, problems),
    maxUploadBytes: intVar(env, 'RECTIFY_MAX_UPLOAD_MB', 50, 1, 2048, problems) * 1024 * 1024,
    auditHash,
    warnDays: {
      green: intVar(env, 'RECTIFY_WARN_GREEN_DAYS', 20, 1, 365, problems),
      yellow: intVar(env, 'RECTIFY_WARN_YELLOW_DAYS', 10, 1, 365, problems),
    },
  };
  if (config.warnDays.yellow > config.warnDays.green) {
    problems.push('RECTIFY_WARN_YELLOW_DAYS must not exceed RECTIFY_WARN_GREEN_DAYS');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
