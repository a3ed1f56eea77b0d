import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import type { EvidenceBackend } from '../storage/evidence-backend.ts';
import { type MigrateReport, migrateStore } from '../storage/evidence-migrate.ts';
import { evidenceBackendFor, keyringOf } from '../storage/evidence-store.ts';
import { CliError, type Io } from './context.ts';

export const STORAGE_USAGE = `用法 / usage:
  rectify storage migrate --to s3
      把数据目录中的全部佐证材料原样复制到 S3 存储桶（加密文件仍为密文），逐个校验；可中断后重跑
      / copy every evidence file from the data folder to the S3 bucket as stored (encrypted files stay encrypted),
        checking each copy; resumable: a rerun checks what is already there and copies the rest
      需要 RECTIFY_S3_ENDPOINT、RECTIFY_S3_BUCKET 等；完成后设置 RECTIFY_STORAGE=s3 并重启服务
      / needs RECTIFY_S3_ENDPOINT, RECTIFY_S3_BUCKET …; afterwards set RECTIFY_STORAGE=s3 and restart the server
      切换前再运行一次，补上迁移期间新上传的文件 / run it once more just before switching, for files uploaded meanwhile
      数据目录中的文件保留不动，确认无误后可自行删除 / the files in the data folder stay until you remove them
  rectify storage migrate --to local
      反向：从 S3 存储桶复制回数据目录，完成后设置 RECTIFY_STORAGE=local
      / the way back: from the bucket to the data folder; afterwards set RECTIFY_STORAGE=local`;

/** A line every this many files, so a long run shows it is alive without a line per file. */
const PROGRESS_EVERY = 100;

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

function printSummary(report: MigrateReport, io: Io) {
  const files = report.copied + report.present + report.repaired.length + report.failed.length;
  io.out(
    `${files} 个文件：复制 ${report.copied}，已存在 ${report.present}，修复 ${report.repaired.length}，失败 ${report.failed.length}` +
      ` / ${files} files: copied ${report.copied}, already there ${report.present}, repaired ${report.repaired.length},` +
      ` failed ${report.failed.length} (${mb(report.bytes)} MB copied)`,
  );
}

async function usable(backend: EvidenceBackend, role: string): Promise<void> {
  await backend.ping().catch((error: unknown) => {
    throw new CliError(`${role} / ${role === 'source' ? '源存储' : '目标存储'}: ${(error as Error).message}`);
  });
}

/** `rectify storage migrate --to s3|local` */
export async function storageCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'migrate') {
    io.err(STORAGE_USAGE);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { to: { type: 'string' } }, strict: true });
  const to = values.to;
  if (to !== 's3' && to !== 'local') {
    io.err(STORAGE_USAGE);
    return 2;
  }
  const config = loadConfig();
  if (!config.s3)
    throw new CliError(
      'S3 storage is not configured: set RECTIFY_S3_ENDPOINT, RECTIFY_S3_BUCKET (and the access keys) / 未配置 S3 存储',
    );
  const from = to === 's3' ? 'local' : 's3';
  const source = await evidenceBackendFor(config, from);
  const target = await evidenceBackendFor(config, to);
  await usable(source, 'source');
  await usable(target, 'target');
  const keyring = keyringOf(config);
  io.out(
    `从 ${source.describe()} 复制到 ${target.describe()} / copying from ${source.describe()} to ${target.describe()}`,
  );
  let seen = 0;
  const report = await migrateStore(source, target, {
    keys: keyring ? [keyring.current, ...keyring.older] : config.evidenceOldKeys,
    afterFile: (sha256, outcome, so) => {
      seen += 1;
      if (outcome === 'failed') io.err(`  ${sha256}: ${so.failed[so.failed.length - 1].reason}`);
      if (outcome === 'repaired') io.err(`  ${sha256}: ${so.repaired[so.repaired.length - 1].reason}; copied again`);
      if (seen % PROGRESS_EVERY === 0) io.out(`  … ${seen} files, ${mb(so.bytes)} MB copied`);
    },
  });
  printSummary(report, io);
  if (report.failed.length > 0) {
    io.err(
      `有 ${report.failed.length} 个文件未通过校验，见上；修正后重跑 / ${report.failed.length} files failed their check (above); fix them and run again`,
    );
    return 1;
  }
  if (config.storage !== to)
    io.out(
      `完成。现在设置 RECTIFY_STORAGE=${to} 并重启服务 / done: now set RECTIFY_STORAGE=${to} and restart the server`,
    );
  return 0;
}
