import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importLedger, type LedgerImportProgress, previewLedgerImport } from '../commands/ledger-import.commands.ts';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { parseMappingJson } from '../ledger-io/import/mapping.ts';
import type { ImportError, LedgerSummary } from '../ledger-io/import/planner.ts';
import { CliError, cliContext, type Io, openMigrated } from './context.ts';

const USAGE =
  'Usage: rectify ledger import FILE --inspection ID [--dry-run] [--json] [--map FILE.json] [--as USERNAME]';

function where(e: ImportError): string {
  const parts = [e.sheet ? `工作表“${e.sheet}”` : '', e.row ? `第 ${e.row} 行` : '', e.column ?? ''].filter(Boolean);
  return parts.length > 0 ? `${parts.join(' ')}：` : '';
}

const HEADINGS = {
  dryRun: '预检，未写入 / dry run, nothing written',
  imported: '已导入 / imported',
  refused: '未导入，未写入任何内容 / not imported, nothing written',
};

function printSummary(io: Io, s: LedgerSummary, outcome: keyof typeof HEADINGS) {
  io.out(
    `${HEADINGS[outcome]}: ` +
      `方面 ${s.aspects} aspects · 反馈问题 ${s.problems} problems · 整改事项 ${s.items} items · 整改措施 ${s.measures} measures`,
  );
  if (s.errors.length > 0) {
    io.out(`\n问题 / problems (${s.errors.length}):`);
    for (const e of s.errors) io.out(`  ${where(e)}${e.message}`);
  }
  if (s.unmatched.departments.length > 0) {
    io.out(`\n未匹配的责任部门 / unmatched departments: ${s.unmatched.departments.join('、')}`);
  }
  if (s.unmatched.people.length > 0) io.out(`未匹配的责任人 / unmatched people: ${s.unmatched.people.join('、')}`);
  if (s.unmatched.departments.length + s.unmatched.people.length > 0) {
    io.out(
      '请用 --map 映射文件指明它们：{"departments":{"原名":"部门编码或名称"},"people":{"原名":"用户名，或 null 只保留姓名"}}',
    );
  }
}

export async function ledgerImportCommand(args: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !values.inspection) throw new CliError(USAGE);
  const inspectionId = Number(values.inspection);
  if (!Number.isInteger(inspectionId) || inspectionId < 1)
    throw new CliError(`--inspection 应为正整数 / must be an id\n${USAGE}`);
  const filePath = positionals[0];
  const found = await stat(filePath).catch(() => null);
  if (!found?.isFile()) throw new CliError(`找不到文件 / no such file: ${filePath}`);
  let mapping = {};
  if (values.map) {
    const text = await readFile(values.map, 'utf8').catch(() => {
      throw new CliError(`找不到映射文件 / no such mapping file: ${values.map}`);
    });
    try {
      mapping = parseMappingJson(text);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  }

  const config = loadConfig();
  const handle = await openMigrated(config);
  try {
    const ctx = await cliContext(handle, config, values.as);
    const input = {
      filePath,
      fileName: path.basename(filePath),
      mapping,
      onProgress: (p: LedgerImportProgress) =>
        io.err(
          `${p.phase === 'check' ? '检查中 / checking' : '写入中 / writing'}: ${p.sheet} ${p.rows} 行 rows, ${p.items} 项 items`,
        ),
    };
    const dryRun = values['dry-run'];
    const summary = dryRun
      ? await previewLedgerImport(ctx, inspectionId, input)
      : await importLedger(ctx, inspectionId, input);
    if (values.json) {
      const { aspects, problems, items, measures, errors, unmatched, aspectSuggestions } = summary;
      io.out(JSON.stringify({ aspects, problems, items, measures, errors, unmatched, aspectSuggestions }, null, 2));
    } else printSummary(io, summary, dryRun ? 'dryRun' : 'imported');
    const refused = summary.errors.length + summary.unmatched.people.length + summary.unmatched.departments.length;
    return refused > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = error.details as Partial<Pick<LedgerSummary, 'errors' | 'unmatched'>> | undefined;
    const refused: LedgerSummary = {
      aspects: 0,
      problems: 0,
      items: 0,
      measures: 0,
      errors: details?.errors ?? [{ sheet: '', row: null, column: null, message: error.message }],
      unmatched: details?.unmatched ?? { people: [], departments: [] },
      aspectSuggestions: [],
    };
    if (values.json) io.out(JSON.stringify(refused, null, 2));
    else if (details?.errors) printSummary(io, refused, 'refused');
    io.err(error.message);
    return 1;
  } finally {
    await handle.close();
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      inspection: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      map: { type: 'string' },
      as: { type: 'string', default: 'admin' },
    },
  });
}
