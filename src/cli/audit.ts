import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import type { CommandContext } from '../context.ts';
import { canReadAuditLog } from '../policies/policies.ts';
import { type AuditExportFormat, auditExportLines } from '../queries/audit-export.ts';
import {
  type ChainCheck,
  configureAuditChain,
  lastSeqBefore,
  recordAuditAlone,
  verifyAuditChain,
  verifyAuditExport,
} from '../repositories/audit.repository.ts';
import { defaultCheckpointFile, readAuditExport, readCheckpoints, resolveAuditKey } from '../storage/audit-files.ts';
import { anchorAuditHead } from './audit-anchor.ts';
import { CliError, cliContext, type Io, openMigrated } from './context.ts';

const USAGE = `用法 / usage:
  rectify audit verify [--checkpoints FILE]… [--export FILE.jsonl] [--json]
      重算审计链、编号与检查点 / recompute the keyed chain, its numbering, and compare every checkpoint
      (the log under the data folder, and each --checkpoints file, e.g. an off-site copy);
      --export: verify an exported copy on its own instead of the database (needs only the key)
  rectify audit anchor [--out FILE]
      写入签名检查点 / write a signed checkpoint of the head (appended to the data folder's log, or to FILE)
  rectify audit export --out FILE [--format jsonl|csv] [--archive] [--as USERNAME]
      导出全部审计记录以便异地保存 / write the whole trail with hashes, numbers and a checkpoint (audited);
      --archive: only the events older than RECTIFY_AUDIT_RETENTION_DAYS (≥180), for the archive; nothing is deleted`;

const PROBLEM_WORDS: Record<NonNullable<ChainCheck['problem']>, string> = {
  empty: '审计记录为空（已被清空）/ the trail is empty: it has been wiped',
  gap: '编号不连续（记录被删除或插入）/ a number is missing: events were deleted or inserted',
  hash: '记录内容或链接与其哈希不符 / an event does not match its hash',
  downgrade: '出现未加密钥的记录（链被按公开算法重算）/ an unkeyed event where the keyed chain runs: re-chained',
  head: '链头与最后一条记录不符（尾部被删除）/ the head does not point at the last event: the tail was cut',
  checkpoint: '记录与检查点不符 / an event differs from the checkpoint taken of it',
  truncated: '检查点之后的记录缺失（被截断）/ events a checkpoint vouched for are gone: the trail was truncated',
  checkpoint_signature: '检查点签名无效 / a checkpoint’s signature does not verify (forged, or another key)',
};

function describe(result: ChainCheck): string {
  if (result.intact)
    return `Audit chain intact / 审计链完整: ${result.checked} events (seq 1–${result.lastSeq}), keyed from seq ${
      result.keyedFromSeq ?? '—'
    }, ${result.checkpoints.count} checkpoint(s), last at seq ${result.checkpoints.lastSeq ?? '—'}`;
  return `Audit chain broken at seq ${result.brokenAtSeq} / 审计链在第 ${result.brokenAtSeq} 号处断开: ${
    PROBLEM_WORDS[result.problem ?? 'hash']
  } (${result.checked} verified before it)`;
}

function parse<T extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true }).values;
  } catch (error) {
    throw new CliError(`参数错误 / bad arguments: ${(error as Error).message}\n${USAGE}`);
  }
}

export async function auditCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') return verify(rest, io);
  if (sub === 'anchor') return anchor(rest, io);
  if (sub === 'export') return exportTrail(rest, io);
  io.err(USAGE);
  return 2;
}

async function verify(args: string[], io: Io): Promise<number> {
  const values = parse(args, {
    checkpoints: { type: 'string', multiple: true },
    export: { type: 'string' },
    json: { type: 'boolean' },
  });
  const config = loadConfig();
  const files = [defaultCheckpointFile(config), ...((values.checkpoints as string[] | undefined) ?? [])];
  const report = (result: ChainCheck) => {
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else if (result.intact) io.out(describe(result));
    else io.err(describe(result));
    return result.intact ? 0 : 1;
  };
  const exported = values.export as string | undefined;
  if (exported) {
    // An off-site copy is checked without any database: only the key is needed, and it is never made up here.
    let key: Buffer;
    try {
      key = resolveAuditKey(config, { create: false });
    } catch {
      throw new CliError(
        '找不到审计密钥 / no audit key: set RECTIFY_AUDIT_KEY or RECTIFY_DATA_DIR to where audit.key is',
        2,
      );
    }
    configureAuditChain({ algorithm: config.auditHash, key });
    const copy = await readAuditExport(exported).catch((error: Error) => {
      throw new CliError(`无法读取 / cannot read ${exported}: ${error.message}`, 2);
    });
    return report(await verifyAuditExport(copy.events, copy.checkpoint, files.flatMap(readCheckpoints)));
  }
  const handle = await openMigrated(config);
  try {
    return report(await verifyAuditChain(handle.db, files.flatMap(readCheckpoints)));
  } finally {
    await handle.close();
  }
}

async function anchor(args: string[], io: Io): Promise<number> {
  const values = parse(args, { out: { type: 'string' } });
  const config = loadConfig();
  const handle = await openMigrated(config);
  try {
    const file = (values.out as string | undefined) ?? defaultCheckpointFile(config);
    const checkpoint = await anchorAuditHead(handle.db, config, new Date(), file);
    io.out(`Checkpoint written / 已写入检查点: seq ${checkpoint.seq}, ${checkpoint.hash} → ${file}`);
    return 0;
  } finally {
    await handle.close();
  }
}

async function exportTrail(args: string[], io: Io): Promise<number> {
  const values = parse(args, {
    out: { type: 'string' },
    format: { type: 'string' },
    as: { type: 'string' },
    archive: { type: 'boolean' },
  });
  const out = values.out as string | undefined;
  if (!out) throw new CliError(`请用 --out 指定输出文件 / give the output file with --out\n${USAGE}`);
  const format = ((values.format as string | undefined) ??
    (out.endsWith('.csv') ? 'csv' : 'jsonl')) as AuditExportFormat;
  if (format !== 'jsonl' && format !== 'csv') throw new CliError(`--format must be jsonl or csv\n${USAGE}`);
  const config = loadConfig();
  const handle = await openMigrated(config);
  try {
    const ctx = await cliContext(handle, config, (values.as as string | undefined) ?? 'admin');
    if (!canReadAuditLog(ctx.actor))
      throw new CliError('该账号无权导出审计记录 / this account may not read the audit trail (try --as an auditor)', 1);
    // The retention period only decides what an archive export carries; no command deletes an event.
    const cutoff = new Date(ctx.now().getTime() - config.auditRetentionDays * 86_400_000).toISOString();
    const throughSeq = values.archive ? await lastSeqBefore(handle.db, cutoff) : undefined;
    const partial = `${out}.part`;
    let outcome: 'success' | 'failure' = 'failure';
    try {
      const lines = auditExportLines(handle.db, format, ctx.now(), { throughSeq });
      await pipeline(Readable.from(lines), createWriteStream(partial));
      await rename(partial, out);
      outcome = 'success';
    } finally {
      if (outcome === 'failure') await rm(partial, { force: true });
      await auditCliFile(
        ctx,
        'audit.export',
        null,
        { file: out, format, archiveThroughSeq: throughSeq ?? null },
        outcome,
      );
    }
    io.out(`已导出审计记录 / wrote the audit trail to ${out}`);
    return 0;
  } finally {
    await handle.close();
  }
}

/** The audit event of a file written by the command line (an export), with its outcome; the web's come from a hook. */
export function auditCliFile(
  ctx: CommandContext,
  action: string,
  entityId: number | null,
  details: Record<string, unknown>,
  outcome: 'success' | 'failure',
): Promise<void> {
  return recordAuditAlone(
    ctx.db,
    {
      actorId: ctx.actor.id,
      action,
      entity: 'file',
      entityId,
      after: details,
      outcome,
      sourceAddress: ctx.origin?.address ?? null,
      userAgent: ctx.origin?.userAgent ?? null,
      via: 'cli',
    },
    ctx.now(),
  );
}
