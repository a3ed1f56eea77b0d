import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DATA_FOLDER_POLICY, scanBackup, writeBackup } from '../backup/archive.ts';
import { evidenceFilesFor } from '../backup/evidence-files.ts';
import { RestoreRefused, restoreBackup } from '../backup/restore.ts';
import { BackupProblem } from '../backup/tar.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { resolveAuditKey } from '../storage/audit-files.ts';
import { CliError, type Io } from './context.ts';

export const BACKUP_USAGE = `用法 / usage:
  rectify backup --out FILE [--no-evidence]
      在线备份（一致快照）/ an online, consistent backup: the database read in one snapshot (SQLite or PostgreSQL,
      written in a neutral form, so it restores into either), the evidence files as stored, the audit checkpoints,
      and a manifest of checksums, row counts and the audit chain's head.
      --no-evidence: list the evidence files (address and size) instead of copying them
  rectify backup verify FILE [--json]
      校验备份 / check every entry against the manifest; a damaged file is refused naming the entry and the check
  rectify restore FILE [--force]
      恢复到空数据库与空数据目录 / restore into an empty database and data folder (--force: replace what is there);
      the whole file is checked first and nothing is written if it fails

  Not in a backup: the audit key (data folder audit.key or RECTIFY_AUDIT_KEY) and the evidence key
  (RECTIFY_EVIDENCE_KEY). Keep them apart from the backups; a restore needs the audit key, and encrypted evidence
  needs the evidence key. 备份不含审计密钥与证据加密密钥，请另行妥善保管。

  The data folder, and what a backup does with each part:
${DATA_FOLDER_POLICY.map((line) => `    ${line}`).join('\n')}`;

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliError(`参数错误 / bad arguments: ${(error as Error).message}\n${BACKUP_USAGE}`);
  }
}

function existingFile(file: string): string {
  if (!existsSync(file)) throw new CliError(`No such file / 文件不存在: ${file}`);
  return file;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function backupCommand(args: string[], io: Io): Promise<number> {
  if (args[0] === 'verify') return verify(args.slice(1), io);
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    'no-evidence': { type: 'boolean' },
    'with-evidence': { type: 'boolean' },
  });
  if (!values.out || positionals.length) throw new CliError(BACKUP_USAGE);
  if (values['no-evidence'] && values['with-evidence'])
    throw new CliError('--no-evidence and --with-evidence contradict each other');
  const config = loadConfig();
  const handle = openDatabase(config);
  let auditKey: Buffer | null = null;
  try {
    auditKey = resolveAuditKey(config, { create: false });
  } catch {
    io.err('No audit key at hand: the backup’s audit head is recorded unsigned / 未找到审计密钥，备份中的链头未签名');
  }
  try {
    const started = Date.now();
    const result = await writeBackup({
      db: handle.db,
      dialect: handle.dialect,
      config,
      auditKey,
      evidence: evidenceFilesFor(config),
      includeEvidence: !values['no-evidence'],
      out: values.out,
      now: new Date(),
    });
    const m = result.manifest;
    const rows = Object.values(m.tables).reduce((sum, t) => sum + t.rows, 0);
    io.out(
      `Backup written / 备份完成: ${result.file} (${mb(result.bytes)}, ${((Date.now() - started) / 1000).toFixed(1)} s): ` +
        `${rows} rows in ${Object.keys(m.tables).length} tables, ${m.evidence.files.length} evidence file(s) ` +
        `${m.evidence.included ? 'copied' : 'listed only'}, audit head seq ${m.auditHead.seq}, migration ${m.migration}`,
    );
    io.out('The audit key and the evidence key are not in the backup: keep them apart / 备份不含密钥，请另行保管');
    return 0;
  } catch (error) {
    if (!(error instanceof BackupProblem)) throw error;
    io.err(`No backup written / 未写入备份: ${error.message}`);
    return 1;
  } finally {
    await handle.close();
  }
}

async function verify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new CliError(BACKUP_USAGE);
  try {
    const m = await scanBackup(existingFile(positionals[0]));
    const rows = Object.values(m.tables).reduce((sum, t) => sum + t.rows, 0);
    if (values.json)
      io.out(
        JSON.stringify({ ok: true, createdAt: m.createdAt, migration: m.migration, rows, auditHead: m.auditHead }),
      );
    else
      io.out(
        `Backup intact / 备份完整: written ${m.createdAt} from ${m.sourceDialect} at ${m.migration}; ${rows} rows, ` +
          `${m.evidence.files.length} evidence file(s) ${m.evidence.included ? 'included' : 'listed'}, audit head seq ${m.auditHead.seq}`,
      );
    return 0;
  } catch (error) {
    if (!(error instanceof BackupProblem)) throw error;
    if (values.json)
      io.out(JSON.stringify({ ok: false, part: error.part, check: error.check, message: error.message }));
    io.err(`Backup refused / 备份校验失败 [${error.check}] ${error.message}`);
    return 1;
  }
}

export async function restoreCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { force: { type: 'boolean' } });
  if (positionals.length !== 1) throw new CliError(BACKUP_USAGE);
  const config = loadConfig();
  const handle = openDatabase(config);
  try {
    const started = Date.now();
    const result = await restoreBackup({
      handle,
      config,
      evidence: evidenceFilesFor(config),
      file: existingFile(positionals[0]),
      force: Boolean(values.force),
    });
    const rows = Object.values(result.rows).reduce((sum, n) => sum + n, 0);
    io.out(
      `Restored / 已恢复: ${rows} rows and ${result.evidenceWritten} evidence file(s) from the backup of ` +
        `${result.manifest.createdAt} (${result.manifest.sourceDialect} → ${handle.dialect}: ${handle.location}) in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (result.checkpointsMovedTo)
      io.out(`The previous audit checkpoint log was moved aside to ${result.checkpointsMovedTo}`);
    if (result.evidenceMissing.length)
      io.err(
        `${result.evidenceMissing.length} evidence file(s) the backup lists are not in the store (the backup was made ` +
          `without them): copy them into ${evidenceFilesFor(config).location}; first: ${result.evidenceMissing[0]}`,
      );
    if (result.chain && !result.chain.intact) {
      io.err(`Audit chain check after the restore failed at seq ${result.chain.brokenAtSeq} (${result.chain.problem})`);
      return 1;
    }
    if (result.chain) io.out(`Audit chain intact / 审计链完整: ${result.chain.checked} events`);
    return 0;
  } catch (error) {
    if (error instanceof BackupProblem) {
      io.err(`Backup refused, nothing restored / 备份校验失败，未写入任何数据 [${error.check}] ${error.message}`);
      return 1;
    }
    if (error instanceof RestoreRefused) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}
