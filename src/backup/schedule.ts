import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import { resolveAuditKey } from '../storage/audit-files.ts';
import { writeBackup } from './archive.ts';
import { type EvidenceFiles, evidenceFilesFor } from './evidence-files.ts';

const SCHEDULED_NAME = /^rectify-backup-(\d{8})-(\d{6})\.tar$/;
const LOCK_FILE = '.rectify-backup.lock';
/** A lock older than this was left by a process that died mid-backup. */
const STALE_LOCK_MS = 12 * 3600_000;
const STALE_PARTIAL_MS = 24 * 3600_000;

const two = (n: number) => String(n).padStart(2, '0');
/** The local day, as the file names carry it: an operator reads them in the office's time. */
const localDay = (d: Date) => `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}`;

export function scheduledBackupName(now: Date): string {
  return `rectify-backup-${localDay(now)}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}.tar`;
}

/** The scheduled backups in a folder, newest first (the names sort by time). */
export async function scheduledBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => SCHEDULED_NAME.test(n))
    .sort()
    .reverse();
}

export type ScheduledBackupOutcome =
  | { ran: false; reason: 'off' | 'before_hour' | 'done_today' | 'locked' }
  | { ran: true; file: string; bytes: number; removed: string[] };

/**
 * The daily backup, called by the scheduler on every tick: runs when RECTIFY_BACKUP_DIR is set, the local hour has
 * reached RECTIFY_BACKUP_HOUR and the folder holds no backup of today yet (so a server that was down at the hour
 * catches up, and a restart does not repeat it). A lock file in the folder keeps a second process, or a second server
 * sharing the folder, from writing the same backup at once. Then keeps the newest RECTIFY_BACKUP_KEEP.
 */
export async function runScheduledBackup(options: {
  db: Db;
  config: Config;
  now: Date;
  evidence?: EvidenceFiles;
}): Promise<ScheduledBackupOutcome> {
  const { config, now } = options;
  const dir = config.backupDir;
  if (!dir) return { ran: false, reason: 'off' };
  if (now.getHours() < config.backupHour) return { ran: false, reason: 'before_hour' };
  const today = localDay(now);
  if ((await scheduledBackups(dir)).some((n) => SCHEDULED_NAME.exec(n)?.[1] === today))
    return { ran: false, reason: 'done_today' };

  const lock = path.join(dir, LOCK_FILE);
  const held = await takeLock(lock, now);
  if (!held) return { ran: false, reason: 'locked' };
  try {
    // Checked again under the lock: another process may have finished today's while this one waited.
    if ((await scheduledBackups(dir)).some((n) => SCHEDULED_NAME.exec(n)?.[1] === today))
      return { ran: false, reason: 'done_today' };
    let auditKey: Buffer | null = null;
    try {
      auditKey = resolveAuditKey(config, { create: false });
    } catch {
      auditKey = null;
    }
    // On SQLite the server's one connection would be held for the whole read, stalling every request behind it; a
    // connection of the backup's own reads its snapshot beside the server's (WAL lets both go on).
    const own = config.databaseUrl ? null : openDatabase(config);
    const written = await writeBackup({
      db: own?.db ?? options.db,
      dialect: config.databaseUrl ? 'postgres' : 'sqlite',
      config,
      auditKey,
      evidence: options.evidence ?? evidenceFilesFor(config),
      includeEvidence: true,
      out: path.join(dir, scheduledBackupName(now)),
      now,
    }).finally(() => own?.close());
    const removed = await pruneBackups(dir, config.backupKeep, now);
    return { ran: true, file: written.file, bytes: written.bytes, removed };
  } finally {
    await rm(lock, { force: true });
  }
}

async function takeLock(lock: string, now: Date): Promise<boolean> {
  await mkdir(path.dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(`${process.pid} ${now.toISOString()}\n`);
      await handle.close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const info = await stat(lock).catch(() => null);
      if (info && now.getTime() - info.mtimeMs <= STALE_LOCK_MS) return false;
      await rm(lock, { force: true });
    }
  }
  return false;
}

/** Keeps the newest `keep` scheduled backups, and removes partial files a crash left behind a day ago or more. */
export async function pruneBackups(dir: string, keep: number, now: Date): Promise<string[]> {
  const removed: string[] = [];
  for (const name of (await scheduledBackups(dir)).slice(keep)) {
    await rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith('.partial') && !name.startsWith('.rectify-backup-')) continue;
    const info = await stat(path.join(dir, name)).catch(() => null);
    if (info && now.getTime() - info.mtimeMs > STALE_PARTIAL_MS) {
      await rm(path.join(dir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}
