import { loadConfig } from '../config.ts';
import { prepareBinder } from '../ledger-io/binder/binder.ts';
import { writeFileAtomically } from '../ledger-io/export/file-output.ts';
import { evidenceStoreFor } from '../storage/evidence-store.ts';
import { auditCliFile } from './audit.ts';
import { cliContext, type Io, openMigrated } from './context.ts';
import { asCliError, parseExportArgs } from './ledger-export.ts';

const USAGE = `用法 / usage: rectify binder --inspection ID --out FILE.zip [--as USERNAME]
  生成整改资料册：按方面、问题分文件夹存放佐证材料，附索引（.xlsx、.docx）
  / write the evidence binder: a folder per aspect and item with its files, and an index (.xlsx, .docx)
  --as   以该账号的权限生成（默认 admin）/ build it with this account's access (default admin)`;

/** `rectify binder --inspection ID --out FILE.zip [--as USERNAME]` */
export async function binderCommand(args: string[], io: Io): Promise<number> {
  const a = parseExportArgs(args, USAGE, '.zip');
  const config = loadConfig();
  const handle = await openMigrated(config);
  try {
    const ctx = await cliContext(handle, config, a.as);
    const prepared = await prepareBinder(ctx, await evidenceStoreFor(config), a.inspection);
    const { files, bytes } = await writeFileAtomically(a.out, prepared.write).catch(async (error: unknown) => {
      await auditCliFile(ctx, 'binder.export', a.inspection, { file: a.out }, 'failure');
      throw error;
    });
    await auditCliFile(ctx, 'binder.export', a.inspection, { file: a.out, files, bytes }, 'success');
    const missing = prepared.plan.items.reduce((n, p) => n + p.files.filter((f) => f.missing).length, 0);
    io.out(
      `已生成整改资料册：${prepared.plan.items.length} 个问题，${files} 个文件，${(bytes / 1048576).toFixed(1)} MB / wrote ${a.out}`,
    );
    if (missing > 0)
      io.err(`有 ${missing} 个文件在存储中缺失，已在索引中注明 / ${missing} files are missing from the store`);
    return 0;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await handle.close();
  }
}
