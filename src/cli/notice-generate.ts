import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { todayInChina } from '../domain/dates.ts';
import { DOCUMENT_KINDS, type DocumentKind, EMPTY_WRITING } from '../domain/notice-writing.ts';
import { AppError } from '../errors.ts';
import { buildDocument, OUTPUT_FORMATS, type OutputFormat, renderDocument } from '../notices/generate/index.ts';
import { lintNotice } from '../notices/lint.ts';
import { authorizeInspection } from '../policies/authorize.ts';
import { loadLedgerSnapshot } from '../repositories/ledger-snapshot.repository.ts';
import { findNoticeDraft } from '../repositories/notice-drafts.repository.ts';
import { auditCliFile } from './audit.ts';
import { CliError, cliContext, type Io, openMigrated } from './context.ts';

const USAGE = `用法 / usage: rectify notice --inspection ID --out FILE [--format docx|ofd|md|html|txt] [--kind notice|report|leader-report] [--public] [--as USER]
  从台账生成整改进展通报或内部报告 / write the public notice or an internal report from the ledger
  --inspection ID   巡察编号 / the inspection
  --out FILE        输出文件；文本格式可用 - 输出到标准输出 / output file; '-' prints a text format to stdout
  --format F        docx、ofd（GB/T 33190）、md、html 或 txt（默认按 --out 的扩展名） / default: from the extension of --out
  --kind K          notice 通报（默认）、report 整改情况报告、leader-report 主要负责人组织落实情况报告
  --public          公开版：不列不宜公开的事项，汇总数只计所列事项（仅通报） / public version: withheld items left out (notices only)
  --as USER         以该账号操作（默认 admin），须能查看该巡察 / act as this account (default admin); it must be able to read the inspection
  生成通报后检查其文本并列出问题；提示不影响退出码 / a generated notice is linted and the findings printed; they do not change the exit code
  退出码 / exit code: 0 已生成 written, 2 参数、巡察或输出文件错误 bad arguments, unknown inspection or unwritable output`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        inspection: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        kind: { type: 'string', default: 'notice' },
        public: { type: 'boolean', default: false },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`参数错误 / bad arguments: ${(error as Error).message}\n${USAGE}`);
  }
}

function formatOf(format: string | undefined, out: string): OutputFormat {
  const chosen = format ?? (out === '-' ? 'txt' : path.extname(out).slice(1).toLowerCase());
  if (!(OUTPUT_FORMATS as readonly string[]).includes(chosen)) {
    throw new CliError(
      format === undefined
        ? `无法从输出文件名判断格式，请用 --format 指定 docx、ofd、md、html 或 txt / cannot tell the format from "${out}"; give --format docx|ofd|md|html|txt`
        : `不支持的格式“${format}”，应为 docx、ofd、md、html 或 txt / unknown format "${format}": use docx, ofd, md, html or txt`,
    );
  }
  return chosen as OutputFormat;
}

/** `rectify notice --inspection ID --out FILE …`: writes the document, then lints a notice and prints what it found. */
export async function noticeGenerateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args);
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const rawId = values.inspection;
  if (rawId === undefined || !/^\d{1,9}$/.test(rawId) || Number(rawId) < 1) {
    throw new CliError(
      `须用 --inspection 指定巡察编号（正整数） / --inspection ID (a positive integer) is required\n${USAGE}`,
    );
  }
  if (values.out === undefined) throw new CliError(`须用 --out 指定输出文件 / --out FILE is required\n${USAGE}`);
  const out = values.out;
  const format = formatOf(values.format, out);
  if (out === '-' && (format === 'docx' || format === 'ofd')) {
    throw new CliError(
      `.${format} 不能输出到标准输出，请指定文件 / a .${format} cannot go to stdout: give a file with --out`,
    );
  }
  if (!(DOCUMENT_KINDS as readonly string[]).includes(values.kind)) {
    throw new CliError(
      `未知的文件种类“${values.kind}”，应为 notice、report 或 leader-report / unknown --kind "${values.kind}"`,
    );
  }
  const kind = values.kind as DocumentKind;
  if (values.public && kind !== 'notice') {
    throw new CliError('--public 只适用于通报 / --public applies to notices only; reports are internal');
  }
  const inspectionId = Number(rawId);

  const config = loadConfig();
  const handle = await openMigrated(config);
  let snapshot: Awaited<ReturnType<typeof loadLedgerSnapshot>>;
  let draft: Awaited<ReturnType<typeof findNoticeDraft>>;
  let today: string;
  let ctx: Awaited<ReturnType<typeof cliContext>>;
  try {
    ctx = await cliContext(handle, config, values.as);
    await authorizeInspection(ctx, inspectionId, 'read');
    // The whole ledger: buildDocument leaves withheld items out of the public version and says how many.
    snapshot = await loadLedgerSnapshot(ctx.db, inspectionId);
    draft = await findNoticeDraft(ctx.db, inspectionId, kind);
    today = todayInChina(ctx.now());
  } catch (error) {
    await handle.close();
    if (error instanceof AppError) throw new CliError(error.message, 2);
    throw error;
  }

  let doc: ReturnType<typeof buildDocument>;
  let bytes: Buffer;
  try {
    doc = buildDocument(snapshot, draft ?? EMPTY_WRITING, { kind, publicVersion: values.public, today });
    bytes = await renderDocument(doc, format);
    const details = { kind, format, public: values.public, out };
    if (out === '-') io.out(bytes.toString('utf8'));
    else {
      try {
        await writeFile(out, bytes);
      } catch (error) {
        // Nothing left the system, so there is nothing to audit.
        throw new CliError(`无法写入 / cannot write ${out}: ${(error as Error).message}`, 2);
      }
    }
    await auditCliFile(ctx, 'notice.generate', inspectionId, details, 'success');
  } finally {
    await handle.close();
  }
  if (out !== '-') io.out(`已生成 / written: ${out}（${doc.title}，${doc.totals.items} 个事项 items）`);
  if (!draft)
    io.err(
      '尚未保存该文稿的撰写部分（发文单位、工作情况、下一步打算等），仅按台账生成 / no draft saved for this document yet; generated from the ledger alone',
    );
  for (const w of doc.warnings) io.err(`提示 / note: ${w}`);
  if (kind === 'notice') {
    const text = (format === 'txt' ? bytes : await renderDocument(doc, 'txt')).toString('utf8');
    const findings = lintNotice(text);
    for (const f of findings)
      io.err(`${f.severity === 'error' ? '错误 / error' : '提示 / warning'} [${f.code}] ${f.message}`);
    if (findings.length > 0)
      io.err(
        '以上检查结果不影响生成，发布前请处理 / these findings do not stop the file; resolve them before publishing',
      );
  }
  return 0;
}
