import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { prepareInspectionExport } from '../ledger-io/export/export.ts';
import { writeFileAtomically } from '../ledger-io/export/file-output.ts';
import { auditCliFile } from './audit.ts';
import { CliError, cliContext, type Io, openMigrated } from './context.ts';

const USAGE = `用法 / usage: rectify ledger export --inspection ID --out FILE.xlsx [--as USERNAME]
  按惯用版式导出整改台账 / write the ledger in the customary Excel layout
  --as   以该账号的权限导出（默认 admin）/ export with this account's access (default admin)`;

export interface CliArgs {
  inspection: number;
  out: string;
  as: string;
}

/** Parses `--inspection ID --out FILE [--as USERNAME]`, shared by the ledger export and the binder. */
export function parseExportArgs(args: string[], usage: string, extension: string): CliArgs {
  let values: { inspection?: string; out?: string; as?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { inspection: { type: 'string' }, out: { type: 'string' }, as: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`参数错误 / bad arguments: ${(error as Error).message}\n${usage}`);
  }
  const inspection = Number(values.inspection);
  if (!values.inspection || !Number.isInteger(inspection) || inspection < 1)
    throw new CliError(`请用 --inspection 指定巡察编号 / give the inspection id with --inspection\n${usage}`);
  if (!values.out) throw new CliError(`请用 --out 指定输出文件 / give the output file with --out\n${usage}`);
  if (!values.out.toLowerCase().endsWith(extension))
    throw new CliError(`输出文件应以 ${extension} 结尾 / the output file must end in ${extension}`);
  return { inspection, out: values.out, as: values.as ?? 'admin' };
}

/** Turns refusals (no such inspection, not yours to read) into a one-line message and exit code 1. */
export function asCliError(error: unknown): unknown {
  return error instanceof AppError ? new CliError(error.message, 1) : error;
}

/** `rectify ledger export --inspection ID --out FILE.xlsx [--as USERNAME]` */
export async function ledgerExportCommand(args: string[], io: Io): Promise<number> {
  const a = parseExportArgs(args, USAGE, '.xlsx');
  const config = loadConfig();
  const handle = await openMigrated(config);
  try {
    const ctx = await cliContext(handle, config, a.as);
    const prepared = await prepareInspectionExport(ctx, a.inspection);
    const { rows } = await writeFileAtomically(a.out, prepared.write).catch(async (error: unknown) => {
      await auditCliFile(ctx, 'ledger.export', a.inspection, { file: a.out }, 'failure');
      throw error;
    });
    await auditCliFile(ctx, 'ledger.export', a.inspection, { file: a.out, rows }, 'success');
    io.out(`已导出整改台账 ${rows} 行 / wrote ${rows} ledger rows to ${a.out}`);
    return 0;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await handle.close();
  }
}
