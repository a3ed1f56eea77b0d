import { getHashes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { NUMBERING_PERIODS, numberingProblem, type OrderNumbering } from './domain/document-number.ts';
import { decodeKeyText } from './domain/key-text.ts';
import { ROLES, type Role } from './domain/roles.ts';
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
  /** Days after the feedback date a 立行立改 row of an imported ledger is due when it names no deadline of its own. */
  immediateDeadlineDays: number;
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
  /**
   * Issue 15: the weight of the public's satisfaction (群众满意度测评) in an evaluation's final score, 0 to 0.5:
   * final = checklist × (1 − w) + satisfaction × w. A locality's rule, fixed for the deployment like the report months.
   */
  satisfactionWeight: number;
  /**
   * Issue 15: whether the inspection office approves every notice (and correction) after the unit's leader before it is
   * published (RECTIFY_PUBLICATION_OFFICE_APPROVAL, default false: the leader's approval publishes).
   */
  publicationOfficeApproval: boolean;
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
  // Scheduled backups (issue 12): off while backupDir is null; once a day at or after backupHour (local), newest backupKeep kept.
  backupDir: string | null;
  backupKeep: number;
  backupHour: number;
  // Surviving faults and observability (issue 12).
  /** Connections in the PostgreSQL pool of each process (RECTIFY_DB_POOL_SIZE). */
  dbPoolSize: number;
  /** The bearer token /metrics asks for; null turns the route off (it answers 404). */
  metricsToken: string | null;
  /** The server log's level: info says what an operator needs; debug adds a line per request. */
  logLevel: LogLevel;
  // Every core (issue 12, cluster).
  /** Server processes `rectify serve` runs (node:cluster); 1 is a single process, as before. Default: the cores. */
  workers: number;
  // Evidence storage (issue 12).
  /** Where evidence is kept: the data folder (the embedded default) or an S3-compatible bucket. */
  storage: 'local' | 's3';
  /** The bucket's settings: set with RECTIFY_STORAGE=s3, or beside local storage for `rectify storage migrate --to s3`. */
  s3: S3Settings | null;
  // LDAP/AD sign-in (issue 13).
  /** The directory password sign-in asks for accounts it manages (and names it does not know); null: local accounts only. */
  ldap: LdapSettings | null;
  // Single sign-on through the office's 统一身份认证 platform (issue 13, OIDC).
  /** null: no OpenID Connect sign-in, the button is not shown. */
  oidc: OidcSettings | null;
  // 督办 as documents (issue 15).
  /**
   * How orders are numbered (RECTIFY_ORDER_NUMBER_PATTERN, _PREFIX, _PER): set once per deployment by the operators and
   * checked at start, not edited by the office, so a year's numbers cannot change style half-way through.
   */
  orderNumbering: OrderNumbering;
  /** The office printed as the issuer of a 督办通知书 (RECTIFY_ORDER_ISSUER). */
  orderIssuer: string;
  /** The LibreOffice command that turns a .docx into PDF (RECTIFY_SOFFICE); a missing one answers 503 soffice_missing. */
  sofficePath: string;
}

/** Where a directory account lands: a role and the code of a unit (units.code). */
export interface DirectoryGrant {
  role: Role;
  unitCode: string;
}

/** An OpenID Connect provider (RECTIFY_OIDC_*): the authorization code flow with PKCE, a confidential client. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registered at the provider; RECTIFY_OIDC_REDIRECT_URL, or RECTIFY_PUBLIC_URL + /api/auth/oidc/callback. */
  redirectUrl: string;
  scopes: string;
  usernameClaim: string;
  /** The claim whose value (a string or a list of strings) picks the grant. */
  roleClaim: string;
  /** Claim values → grant, in priority order: a person holding several values gets the first one listed. */
  roleMap: [string, DirectoryGrant][];
  buttonLabel: string;
}

/** An S3-compatible object store (MinIO, Ceph, the government clouds' object stores). */
export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  /** Both null: the SDK's own chain (AWS_* variables, an instance role). */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** Bucket in the path (http://host/bucket/key) rather than the host name: what MinIO and Ceph expect by default. */
  forcePathStyle: boolean;
}

/** An LDAP or Active Directory server that signs people in (RECTIFY_LDAP_*). */
export interface LdapSettings {
  /** ldap://host:389 or ldaps://host:636. */
  url: string;
  /** The service account that searches for the person signing in. */
  bindDn: string;
  bindPassword: string;
  /** Where people are searched for (subtree). */
  baseDn: string;
  /** The search filter, with {username} where the typed name goes (escaped per RFC 4515). */
  userFilter: string;
  /** Where groups are searched for by member, beside the memberOf attribute; null reads memberOf alone. */
  groupBaseDn: string | null;
  /** Group → role and unit, the first group in this order that the person belongs to deciding. */
  groupMap: LdapGroupMapping[];
  /** Upgrade an ldap:// connection with StartTLS before the service account's password is sent. */
  startTls: boolean;
  /** A CA certificate (PEM) the server's certificate must chain to; null trusts the system's CAs. */
  ca: Buffer | null;
  /** Milliseconds a connection or an operation may take before the directory counts as unreachable. */
  timeoutMs: number;
}

export interface LdapGroupMapping {
  groupDn: string;
  role: Role;
  /** The unit's code (units.code) the account belongs to. */
  unitCode: string;
}

export const LOG_LEVELS = ['info', 'debug', 'trace', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

/** A decimal such as 0.1, between min and max. */
function decimalVar(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw.trim())) {
    problems.push(`${name}="${raw}" must be a number between ${min} and ${max}`);
    return fallback;
  }
  const value = Number(raw.trim());
  if (value < min || value > max) {
    problems.push(`${name}=${value} must be between ${min} and ${max}`);
    return fallback;
  }
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

/** A guessable token would open the metrics (paths, counts, timings) to anyone: at least 16 characters. */
function metricsTokenVar(env: Env, problems: string[]): string | null {
  const raw = env.RECTIFY_METRICS_TOKEN?.trim();
  if (!raw) return null;
  if (raw.length < 16)
    problems.push('RECTIFY_METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 16`)');
  return raw;
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

/** RECTIFY_STORAGE and the RECTIFY_S3_* settings; incomplete S3 settings are refused whichever storage is chosen. */
function storageSettings(env: Env, problems: string[]): Pick<Config, 'storage' | 's3'> {
  const storage = oneOf(env, 'RECTIFY_STORAGE', ['local', 's3'] as const, problems);
  const value = (name: string) => env[name]?.trim() || null;
  const names = [
    'RECTIFY_S3_ENDPOINT',
    'RECTIFY_S3_BUCKET',
    'RECTIFY_S3_REGION',
    'RECTIFY_S3_ACCESS_KEY_ID',
    'RECTIFY_S3_SECRET_ACCESS_KEY',
    'RECTIFY_S3_FORCE_PATH_STYLE',
  ];
  if (storage === 'local' && names.every((n) => value(n) === null)) return { storage, s3: null };
  const before = problems.length;
  const endpoint = urlVar(env, 'RECTIFY_S3_ENDPOINT', ['http:', 'https:'], problems);
  if (!value('RECTIFY_S3_ENDPOINT'))
    problems.push('RECTIFY_S3_ENDPOINT is required for S3 storage (e.g. https://minio.example.gov.cn:9000)');
  const bucket = value('RECTIFY_S3_BUCKET');
  if (!bucket) problems.push('RECTIFY_S3_BUCKET is required for S3 storage');
  else if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    problems.push(
      `RECTIFY_S3_BUCKET="${bucket}" is not a bucket name (3–63 lower-case letters, digits, dots, hyphens)`,
    );
  const accessKeyId = value('RECTIFY_S3_ACCESS_KEY_ID');
  const secretAccessKey = value('RECTIFY_S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === null) !== (secretAccessKey === null))
    problems.push('RECTIFY_S3_ACCESS_KEY_ID and RECTIFY_S3_SECRET_ACCESS_KEY are set together, or neither');
  const forcePathStyle =
    value('RECTIFY_S3_FORCE_PATH_STYLE') === null || boolVar(env, 'RECTIFY_S3_FORCE_PATH_STYLE', problems);
  if (problems.length > before || !endpoint || !bucket) return { storage, s3: null };
  const s3: S3Settings = {
    endpoint,
    bucket,
    region: value('RECTIFY_S3_REGION') ?? 'us-east-1',
    accessKeyId,
    secretAccessKey,
    forcePathStyle,
  };
  // Logging or serialising the configuration never shows the secret (a copy made by spreading still holds it, and works).
  const redacted = () => ({ ...s3, secretAccessKey: secretAccessKey === null ? null : '(set)' });
  Object.defineProperty(s3, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(s3, inspect.custom, { value: redacted, enumerable: false });
  return { storage, s3 };
}

/** Roles a directory group may carry: a team member needs a team, which belongs to a round, not to a directory. */
const DIRECTORY_ROLES = ROLES.filter((r) => r !== 'team');

/**
 * RECTIFY_LDAP_GROUP_MAP: JSON, or the path of a JSON file, of `{"<group DN>": {"role": "…", "unit": "<unit code>"}}`.
 * An object keeps its keys' order, which is the order groups are tried in.
 */
function ldapGroupMap(raw: string, problems: string[]): LdapGroupMapping[] {
  let text = raw;
  if (!raw.startsWith('{')) {
    try {
      text = readFileSync(raw, 'utf8');
    } catch {
      problems.push(`RECTIFY_LDAP_GROUP_MAP: cannot read the file ${raw} (give JSON or the path of a JSON file)`);
      return [];
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problems.push('RECTIFY_LDAP_GROUP_MAP is not valid JSON');
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push('RECTIFY_LDAP_GROUP_MAP must be an object: {"<group DN>": {"role": "…", "unit": "<unit code>"}}');
    return [];
  }
  const mappings: LdapGroupMapping[] = [];
  for (const [groupDn, target] of Object.entries(parsed)) {
    const { role, unit } = (typeof target === 'object' && target !== null ? target : {}) as Record<string, unknown>;
    if (!/^[^=,]+=[^,]/.test(groupDn.trim())) problems.push(`RECTIFY_LDAP_GROUP_MAP: "${groupDn}" is not a DN`);
    if (typeof role !== 'string' || !(DIRECTORY_ROLES as readonly string[]).includes(role))
      problems.push(`RECTIFY_LDAP_GROUP_MAP: the role of "${groupDn}" must be one of ${DIRECTORY_ROLES.join(', ')}`);
    if (typeof unit !== 'string' || unit.trim() === '')
      problems.push(`RECTIFY_LDAP_GROUP_MAP: "${groupDn}" needs "unit", a unit's code`);
    if (typeof role === 'string' && typeof unit === 'string')
      mappings.push({ groupDn: groupDn.trim(), role: role as Role, unitCode: unit.trim() });
  }
  if (Object.keys(parsed).length === 0) problems.push('RECTIFY_LDAP_GROUP_MAP maps no group, so nobody could sign in');
  return mappings;
}

const LDAP_NAMES = [
  'RECTIFY_LDAP_URL',
  'RECTIFY_LDAP_BIND_DN',
  'RECTIFY_LDAP_BIND_PASSWORD',
  'RECTIFY_LDAP_BASE_DN',
  'RECTIFY_LDAP_USER_FILTER',
  'RECTIFY_LDAP_GROUP_BASE_DN',
  'RECTIFY_LDAP_GROUP_MAP',
  'RECTIFY_LDAP_STARTTLS',
  'RECTIFY_LDAP_CA_FILE',
  'RECTIFY_LDAP_TIMEOUT_SECONDS',
];

/** Works with Active Directory (sAMAccountName) and OpenLDAP (uid) alike. */
export const DEFAULT_LDAP_USER_FILTER = '(|(uid={username})(sAMAccountName={username}))';

/** Filters are balanced parentheses around attribute assertions; a typo here would refuse every sign-in at run time. */
function balancedFilter(filter: string): boolean {
  let depth = 0;
  for (const ch of filter.replace(/\\./g, '')) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0 && filter.startsWith('(') && filter.endsWith(')');
}

/** The RECTIFY_LDAP_* settings: all off while RECTIFY_LDAP_URL is unset, and then none of the others may be set. */
function ldapSettings(env: Env, problems: string[]): LdapSettings | null {
  const value = (name: string) => env[name]?.trim() || null;
  if (value('RECTIFY_LDAP_URL') === null) {
    const stray = LDAP_NAMES.filter((n) => value(n) !== null);
    if (stray.length > 0)
      problems.push(`${stray.join(', ')} set without RECTIFY_LDAP_URL, which turns LDAP sign-in on`);
    return null;
  }
  const before = problems.length;
  const url = urlVar(env, 'RECTIFY_LDAP_URL', ['ldap:', 'ldaps:'], problems);
  const required = (name: string, example: string) => {
    const v = value(name);
    if (v === null) problems.push(`${name} is required for LDAP sign-in (e.g. ${example})`);
    return v ?? '';
  };
  const bindDn = required('RECTIFY_LDAP_BIND_DN', 'cn=rectify,ou=services,dc=example,dc=gov,dc=cn');
  // The password is taken as written: a service account's password may begin or end with a space.
  const bindPassword = env.RECTIFY_LDAP_BIND_PASSWORD ?? '';
  if (bindPassword === '')
    problems.push('RECTIFY_LDAP_BIND_PASSWORD is required for LDAP sign-in (an empty one would bind anonymously)');
  const baseDn = required('RECTIFY_LDAP_BASE_DN', 'ou=people,dc=example,dc=gov,dc=cn');
  const userFilter = value('RECTIFY_LDAP_USER_FILTER') ?? DEFAULT_LDAP_USER_FILTER;
  if (!userFilter.includes('{username}'))
    problems.push('RECTIFY_LDAP_USER_FILTER must contain {username}, where the name typed at sign-in goes');
  else if (!balancedFilter(userFilter))
    problems.push(`RECTIFY_LDAP_USER_FILTER="${userFilter}" is not an LDAP filter (parentheses around each part)`);
  const mapRaw = required('RECTIFY_LDAP_GROUP_MAP', '/etc/rectify/ldap-groups.json');
  const groupMap = mapRaw ? ldapGroupMap(mapRaw, problems) : [];
  const startTls = boolVar(env, 'RECTIFY_LDAP_STARTTLS', problems);
  if (startTls && url?.startsWith('ldaps:'))
    problems.push('RECTIFY_LDAP_STARTTLS is for ldap:// URLs; ldaps:// is already encrypted');
  let ca: Buffer | null = null;
  const caFile = value('RECTIFY_LDAP_CA_FILE');
  if (caFile) {
    try {
      ca = readFileSync(caFile);
      if (!ca.toString('utf8').includes('-----BEGIN CERTIFICATE-----'))
        problems.push(`RECTIFY_LDAP_CA_FILE ${caFile} holds no PEM certificate`);
    } catch {
      problems.push(`RECTIFY_LDAP_CA_FILE: cannot read ${caFile}`);
    }
  }
  const timeoutMs = intVar(env, 'RECTIFY_LDAP_TIMEOUT_SECONDS', 5, 1, 120, problems) * 1000;
  if (problems.length > before || !url) return null;
  const settings: LdapSettings = {
    url,
    bindDn,
    bindPassword,
    baseDn,
    userFilter,
    groupBaseDn: value('RECTIFY_LDAP_GROUP_BASE_DN'),
    groupMap,
    startTls,
    ca,
    timeoutMs,
  };
  // Logging the configuration never shows the service account's password.
  const redacted = () => ({ ...settings, bindPassword: '(set)', ca: ca ? '(set)' : null });
  Object.defineProperty(settings, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(settings, inspect.custom, { value: redacted, enumerable: false });
  return settings;
}

const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The RECTIFY_OIDC_* settings, all or none. The issuer must be https://; plain http:// is accepted only on this
 * machine's loopback address (the tests' own provider), since a token exchange in clear would hand the client secret and
 * the person's tokens to anyone on the path.
 */
function oidcSettings(env: Env, publicUrl: string | null, problems: string[]): OidcSettings | null {
  const value = (name: string) => env[name]?.trim() || null;
  const issuerRaw = value('RECTIFY_OIDC_ISSUER');
  const named = Object.keys(env).filter((n) => n.startsWith('RECTIFY_OIDC_') && value(n) !== null);
  if (!issuerRaw) {
    if (named.length > 0) problems.push(`${named.join(', ')} set without RECTIFY_OIDC_ISSUER`);
    return null;
  }
  const before = problems.length;
  const issuer = urlVar(env, 'RECTIFY_OIDC_ISSUER', ['https:', 'http:'], problems);
  if (issuer && new URL(issuer).protocol === 'http:' && !LOOPBACK_HOSTS.has(new URL(issuer).hostname))
    problems.push('RECTIFY_OIDC_ISSUER must start with https:// (http:// only on 127.0.0.1 or localhost, for tests)');
  const clientId = value('RECTIFY_OIDC_CLIENT_ID');
  if (!clientId) problems.push('RECTIFY_OIDC_CLIENT_ID is required with RECTIFY_OIDC_ISSUER');
  const clientSecret = value('RECTIFY_OIDC_CLIENT_SECRET');
  if (!clientSecret) problems.push('RECTIFY_OIDC_CLIENT_SECRET is required with RECTIFY_OIDC_ISSUER');
  let redirectUrl = urlVar(env, 'RECTIFY_OIDC_REDIRECT_URL', ['https:', 'http:'], problems);
  if (!redirectUrl && !value('RECTIFY_OIDC_REDIRECT_URL')) {
    if (publicUrl) redirectUrl = new URL(OIDC_CALLBACK_PATH, publicUrl).toString();
    else problems.push('RECTIFY_OIDC_REDIRECT_URL (or RECTIFY_PUBLIC_URL to derive it from) is required');
  }
  if (redirectUrl && new URL(redirectUrl).pathname !== OIDC_CALLBACK_PATH)
    problems.push(`RECTIFY_OIDC_REDIRECT_URL must end in ${OIDC_CALLBACK_PATH}`);
  const roleMap = oidcRoleMap(value('RECTIFY_OIDC_ROLE_MAP'), problems);
  if (problems.length > before || !issuer || !clientId || !clientSecret || !redirectUrl) return null;
  const settings: OidcSettings = {
    issuer,
    clientId,
    clientSecret,
    redirectUrl,
    scopes: value('RECTIFY_OIDC_SCOPES') ?? 'openid profile',
    usernameClaim: value('RECTIFY_OIDC_USERNAME_CLAIM') ?? 'preferred_username',
    roleClaim: value('RECTIFY_OIDC_ROLE_CLAIM') ?? 'groups',
    roleMap,
    buttonLabel: value('RECTIFY_OIDC_BUTTON_LABEL') ?? '统一身份认证登录',
  };
  if (!settings.scopes.split(/\s+/).includes('openid')) problems.push('RECTIFY_OIDC_SCOPES must include openid');
  const redacted = () => ({ ...settings, clientSecret: '(set)' });
  Object.defineProperty(settings, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(settings, inspect.custom, { value: redacted, enumerable: false });
  return settings;
}

/** RECTIFY_OIDC_ROLE_MAP: {"claim value": {"role": "unit_admin", "unit": "<unit code>"}, …}, at least one entry. */
function oidcRoleMap(raw: string | null, problems: string[]): [string, DirectoryGrant][] {
  const example = '{"xczg-office": {"role": "office", "unit": "SW"}}';
  if (!raw) {
    problems.push(`RECTIFY_OIDC_ROLE_MAP is required with RECTIFY_OIDC_ISSUER, e.g. ${example}`);
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(`RECTIFY_OIDC_ROLE_MAP is not valid JSON; expected e.g. ${example}`);
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length === 0) {
    problems.push(`RECTIFY_OIDC_ROLE_MAP must be a JSON object with at least one entry, e.g. ${example}`);
    return [];
  }
  const grants: [string, DirectoryGrant][] = [];
  for (const [claimValue, grant] of Object.entries(parsed)) {
    const { role, unit } = (typeof grant === 'object' && grant !== null ? grant : {}) as Record<string, unknown>;
    if (typeof role !== 'string' || !(DIRECTORY_ROLES as readonly string[]).includes(role))
      problems.push(`RECTIFY_OIDC_ROLE_MAP["${claimValue}"].role must be one of ${DIRECTORY_ROLES.join(', ')}`);
    else if (typeof unit !== 'string' || unit.trim() === '')
      problems.push(`RECTIFY_OIDC_ROLE_MAP["${claimValue}"].unit must be a unit code`);
    else grants.push([claimValue, { role: role as Role, unitCode: unit.trim() }]);
  }
  return grants;
}

/** Issue 15: the 督办 number's pattern, prefix and period, refused at start when they could print a wrong number. */
function orderNumberingVar(env: Env, problems: string[]): OrderNumbering {
  const numbering: OrderNumbering = {
    pattern: env.RECTIFY_ORDER_NUMBER_PATTERN?.trim() || '〔{year}〕第{n}号',
    prefix: env.RECTIFY_ORDER_NUMBER_PREFIX?.trim() ?? '',
    per: oneOf(env, 'RECTIFY_ORDER_NUMBER_PER', NUMBERING_PERIODS, problems),
  };
  const problem = numberingProblem(numbering);
  if (problem) problems.push(`RECTIFY_ORDER_NUMBER_PATTERN="${numbering.pattern}": ${problem}`);
  return numbering;
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
    immediateDeadlineDays: intVar(env, 'RECTIFY_IMMEDIATE_DEADLINE_DAYS', 30, 1, 365, problems),
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
    satisfactionWeight: decimalVar(env, 'RECTIFY_SATISFACTION_WEIGHT', 0.1, 0, 0.5, problems),
    publicationOfficeApproval: boolVar(env, 'RECTIFY_PUBLICATION_OFFICE_APPROVAL', problems),
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
    backupDir: env.RECTIFY_BACKUP_DIR?.trim() ? path.resolve(env.RECTIFY_BACKUP_DIR.trim()) : null,
    backupKeep: intVar(env, 'RECTIFY_BACKUP_KEEP', 7, 1, 10_000, problems),
    backupHour: intVar(env, 'RECTIFY_BACKUP_HOUR', 2, 0, 23, problems),
    dbPoolSize: intVar(env, 'RECTIFY_DB_POOL_SIZE', 10, 1, 1000, problems),
    metricsToken: metricsTokenVar(env, problems),
    logLevel: oneOf(env, 'RECTIFY_LOG_LEVEL', LOG_LEVELS, problems),
    workers: intVar(env, 'RECTIFY_WORKERS', availableParallelism(), 1, 256, problems),
    ...storageSettings(env, problems),
    ldap: ldapSettings(env, problems),
    oidc: null,
    orderNumbering: orderNumberingVar(env, problems),
    orderIssuer: env.RECTIFY_ORDER_ISSUER?.trim() || '巡察工作领导小组办公室',
    sofficePath: env.RECTIFY_SOFFICE?.trim() || 'soffice',
  };
  config.oidc = oidcSettings(env, config.publicUrl, problems);
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
