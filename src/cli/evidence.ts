import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { type EvidenceKey, parseEvidenceKey } from '../storage/evidence-crypto.ts';
import { type RekeyReport, rekeyStore } from '../storage/evidence-rekey.ts';
import { evidenceStoreFor } from '../storage/evidence-store.ts';
import { CliError, type Io } from './context.ts';

export const EVIDENCE_USAGE = `用法 / usage:
  rectify evidence encrypt
      把设置密钥前存入的佐证材料就地加密（使用 RECTIFY_EVIDENCE_KEY）
      / encrypt, in place, the evidence stored before RECTIFY_EVIDENCE_KEY was set
  rectify evidence rotate-key [--old KEY] [--new KEY]
      把全部佐证材料重新加密到新密钥；可中断后重跑 / re-encrypt every file under the new key; resumable
      --new 默认 RECTIFY_EVIDENCE_KEY，--old 默认 RECTIFY_EVIDENCE_KEY_OLD（逗号分隔）；不给旧密钥时只加密明文文件
      / --new defaults to RECTIFY_EVIDENCE_KEY, --old to RECTIFY_EVIDENCE_KEY_OLD (comma-separated); with no old key
        only files in the clear are encrypted
      密钥写在命令行会留在 shell 历史和进程列表中，宜用环境变量
      / keys on the command line stay in shell history and the process list: prefer the environment`;

function keyArg(raw: string, flag: string): EvidenceKey {
  const key = parseEvidenceKey(raw);
  if (!key) throw new CliError(`${flag} must be 32 bytes as 64 hex digits or base64 / ${flag} 应为 32 字节密钥`);
  return key;
}

function printReport(report: RekeyReport, io: Io, key: EvidenceKey): number {
  io.out(
    `加密 ${report.encrypted}，重新加密 ${report.reencrypted}，已是新密钥 ${report.current}，失败 ${report.failed.length}` +
      ` / encrypted ${report.encrypted}, re-encrypted ${report.reencrypted}, already current ${report.current},` +
      ` failed ${report.failed.length} (key ${key.idHex})`,
  );
  for (const f of report.failed) io.err(`  ${f.sha256}: ${f.reason}`);
  return report.failed.length > 0 ? 1 : 0;
}

/** `rectify evidence encrypt | rotate-key [--old KEY] [--new KEY]` */
export async function evidenceCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'encrypt' && sub !== 'rotate-key') {
    io.err(EVIDENCE_USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: sub === 'rotate-key' ? { old: { type: 'string' }, new: { type: 'string' } } : {},
    strict: true,
  });
  const config = loadConfig();
  const flags = values as { old?: string; new?: string };
  const target = flags.new !== undefined ? keyArg(flags.new, '--new') : config.evidenceKey;
  if (!target)
    throw new CliError(
      'RECTIFY_EVIDENCE_KEY is not set: it is the key the evidence is encrypted with / 未设置 RECTIFY_EVIDENCE_KEY',
    );
  const oldKeys =
    flags.old !== undefined
      ? flags.old.split(',').map((k) => keyArg(k.trim(), '--old'))
      : config.evidenceOldKeys.filter((k) => !k.id.equals(target.id));
  const store = await evidenceStoreFor(config);
  const report = await rekeyStore(store, { target, cipher: config.evidenceCipher, oldKeys });
  return printReport(report, io, target);
}
