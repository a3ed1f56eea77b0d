import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { knownMigrations, migrateToLatest, migrateUpTo } from '../db/migrate.ts';
import { checkpointSignatureValid } from '../domain/audit-chain.ts';
import { type ChainCheck, configureAuditChain, verifyAuditChain } from '../repositories/audit.repository.ts';
import {
  type BackupTable,
  migrationLevel,
  type Row,
  replaceAllRows,
  tablesWithRows,
} from '../repositories/backup.repository.ts';
import { AUDIT_CHECKPOINT_FILE, AUDIT_KEY_FILE, resolveAuditKey } from '../storage/audit-files.ts';
import { type BackupManifest, scanBackup } from './archive.ts';
import type { EvidenceFiles } from './evidence-files.ts';

/** A restore refused before anything was written, with the words for the operator. */
export class RestoreRefused extends Error {}

export interface RestoreResult {
  manifest: BackupManifest;
  rows: Record<string, number>;
  evidenceWritten: number;
  /** Evidence the manifest lists (a backup made without the files) that the store does not have. */
  evidenceMissing: string[];
  /** The checkpoint log that was in the data folder before a forced restore, moved aside; null when there was none. */
  checkpointsMovedTo: string | null;
  chain: ChainCheck | null;
}

/** The audit key the data folder or environment holds, without creating one (a new key could not verify the chain). */
function auditKeyOrRefuse(config: Config, manifest: BackupManifest): Buffer {
  let key: Buffer;
  try {
    key = resolveAuditKey(config, { create: false });
  } catch {
    throw new RestoreRefused(
      [
        `No audit key: ${path.join(config.dataDir, AUDIT_KEY_FILE)} is missing and RECTIFY_AUDIT_KEY is not set.`,
        'The audit chain in the backup is keyed; a backup never holds the key. Copy audit.key from the data folder the',
        'backup came from into this data folder (mode 0600), or set RECTIFY_AUDIT_KEY to the same key, then run the restore again.',
        `审计密钥缺失：请将原数据目录中的 audit.key 复制到 ${config.dataDir}（权限 0600），或设置 RECTIFY_AUDIT_KEY，然后重新恢复。`,
      ].join('\n'),
    );
  }
  const signed = manifest.auditHead.checkpoint;
  if (signed && !checkpointSignatureValid(key, signed))
    throw new RestoreRefused(
      'This audit key is not the one the backup’s audit chain was written under (the manifest’s signed head does not ' +
        'verify). Use the source’s audit.key or RECTIFY_AUDIT_KEY. / 审计密钥与备份不符，请使用原系统的密钥。',
    );
  return key;
}

/**
 * Restores a backup into this database and data folder. The whole file is checked first and nothing is written when
 * it fails; a database or data folder that already holds data is refused unless `force`. The rows go in in one
 * transaction (emptying ours first), parents before children; the evidence is written under its addresses as stored.
 */
export async function restoreBackup(options: {
  handle: DatabaseHandle;
  config: Config;
  evidence: EvidenceFiles;
  file: string;
  force: boolean;
}): Promise<RestoreResult> {
  const { handle, config } = options;
  const manifest = await scanBackup(options.file);

  const known = await knownMigrations(handle.dialect);
  if (!known.includes(manifest.migration))
    throw new RestoreRefused(
      `The backup is at migration ${manifest.migration}, which this version of Rectify does not have: it was written ` +
        'by a newer version. Restore it with that version or a later one. / 备份来自更新的版本，请用该版本或更新版本恢复。',
    );
  const level = await migrationLevel(handle.db, handle.dialect);
  if (level && level > manifest.migration)
    throw new RestoreRefused(
      `This database is already migrated past the backup (database at ${level}, backup at ${manifest.migration}). ` +
        'Restore into a new, unmigrated database (an empty PostgreSQL database, or a data folder without rectify.sqlite), ' +
        'or with the version that wrote the backup; the next start migrates the restored data. / 目标数据库版本高于备份，请恢复到新的空数据库。',
    );

  const occupied: string[] = [];
  if (level) {
    const tables = await tablesWithRows(handle.db);
    if (tables.length)
      occupied.push(`database rows in ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}`);
  }
  let storedFiles = 0;
  const stored = new Set<string>();
  for await (const file of options.evidence.list()) {
    storedFiles += 1;
    stored.add(file.sha256);
  }
  if (storedFiles) occupied.push(`${storedFiles} evidence file(s) in ${options.evidence.location}`);
  const checkpointLog = path.join(config.dataDir, AUDIT_CHECKPOINT_FILE);
  if (existsSync(checkpointLog)) occupied.push(`an audit checkpoint log (${checkpointLog})`);
  if (occupied.length && !options.force)
    throw new RestoreRefused(
      `The target is not empty: ${occupied.join('; ')}. A restore goes into an empty database and data folder; ` +
        'rerun with --force to replace what is there (the database is emptied and refilled in one transaction). ' +
        '/ 目标非空；如确需覆盖，请加 --force。',
    );

  const key = auditKeyOrRefuse(config, manifest);
  configureAuditChain({ algorithm: config.auditHash, key });

  if (level !== manifest.migration) await migrateUpTo(handle, manifest.migration);

  const expectedEvidence = new Map(manifest.evidence.files.map((f) => [f.sha256, f.entrySha256]));
  let evidenceWritten = 0;
  let checkpointBytes: Buffer | null = null;
  const rows = await replaceAllRows(handle.db, handle.dialect, {
    async *pages() {
      // The archive is read a second time here; every check runs again as it goes, and any failure rolls back.
      const queue: { table: BackupTable; rows: Row[] }[] = [];
      let units: Row[] = [];
      let wake: (() => void) | null = null;
      let finished = false;
      let failure: unknown = null;
      let abandoned = false;
      const push = (item: { table: BackupTable; rows: Row[] }) => {
        queue.push(item);
        wake?.();
      };
      const scanning = scanBackup(options.file, {
        tableRows: async (table, page) => {
          if (abandoned) throw new Error('restore abandoned');
          if (table === 'units') units.push(...page);
          else {
            push({ table, rows: page });
            // Back-pressure: let the inserts catch up before reading further.
            while (queue.length > 4) await new Promise<void>((resolve) => setImmediate(resolve));
          }
        },
        tableDone: async (table) => {
          if (table !== 'units') return;
          // A unit names its parent, whose path is a prefix of its own: shallower paths first.
          units.sort((a, b) => String(a.path).length - String(b.path).length || Number(a.id) - Number(b.id));
          for (let i = 0; i < units.length; i += 1000) push({ table, rows: units.slice(i, i + 1000) });
          units = [];
        },
        evidence: async (sha256, bytes) => {
          if (abandoned) throw new Error('restore abandoned');
          const expected = expectedEvidence.get(sha256);
          const hash = createHash('sha256');
          await options.evidence.write(
            sha256,
            (async function* () {
              for await (const chunk of bytes) {
                hash.update(chunk);
                yield chunk;
              }
              if (hash.digest('hex') !== expected)
                throw new Error(`evidence/${sha256} changed since it was verified; nothing was restored`);
            })(),
          );
          evidenceWritten += 1;
        },
        file: async (name, bytes) => {
          if (name === AUDIT_CHECKPOINT_FILE) checkpointBytes = bytes;
        },
      }).then(
        () => {
          finished = true;
          wake?.();
        },
        (error) => {
          failure = error;
          finished = true;
          wake?.();
        },
      );
      try {
        for (;;) {
          const next = queue.shift();
          if (next) {
            yield next;
            continue;
          }
          if (finished) break;
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
        }
        await scanning;
        if (failure) throw failure;
      } finally {
        // An insert that failed stops the reading too, so no evidence is written after the rollback.
        abandoned = true;
      }
    },
  });

  let checkpointsMovedTo: string | null = null;
  if (existsSync(checkpointLog)) {
    // The old log vouches for a trail the restore replaced; kept beside, not deleted, and not read by audit verify.
    checkpointsMovedTo = `${checkpointLog}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(checkpointLog, checkpointsMovedTo);
  }
  const checkpoints = checkpointBytes as Buffer | null;
  if (checkpoints) await writeFile(checkpointLog, checkpoints, { mode: 0o600 });

  await migrateToLatest(handle);
  const evidenceMissing = manifest.evidence.included
    ? []
    : manifest.evidence.files.filter((f) => !stored.has(f.sha256)).map((f) => f.sha256);
  const chain = manifest.auditHead.seq > 0 ? await verifyAuditChain(handle.db) : null;
  return { manifest, rows, evidenceWritten, evidenceMissing, checkpointsMovedTo, chain };
}
