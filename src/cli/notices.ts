import { parseArgs } from 'node:util';
import type { ParsedNotice } from '../notices/analyse.ts';
import { type LintFinding, lintNotice } from '../notices/lint.ts';
import { MAX_NOTICE_BYTES, NoticeInputError, parseNoticeText, readNoticeFile } from '../notices/parse.ts';
import { readBounded, STDIN_NAME, textOfStdin } from '../notices/read-pasted.ts';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Where `-` reads from (process.stdin unless a test gives its own). */
  stdin?: AsyncIterable<Uint8Array | string>;
}

const PARSE_USAGE = `用法 / usage: rectify parse FILE|- [--json]
  FILE 为 - 时读标准输入（文字、网页源代码或片段、PDF、.docx） / - reads standard input (text, a page's source or a fragment, PDF, .docx)
  读取通报或反馈意见（.txt UTF-8/GB18030、.docx、.pdf、保存的网页 .html/.htm、.doc/.wps 经 LibreOffice）并显示识别结果 / read a notice or feedback text and show what was recognised
  --json   输出一个 JSON 对象 / print one JSON object`;

const LINT_USAGE = `用法 / usage: rectify lint FILE|- [--json]
  FILE 为 - 时读标准输入 / - reads standard input
  检查通报：汇总数、日期顺序、公开期限、联系方式、整改结果、编号 / check totals, dates, public period, contacts, results, numbering
  --json   输出 {"findings":[…]} / print {"findings":[…]}
  退出码 / exit code: 0 无错误 no errors, 1 有错误 errors found, 2 无法读取 input could not be read`;

type Parsed = { file: string; json: boolean } | { exit: number };

function readArgs(args: string[], usage: string, io: CliIo): Parsed {
  let values: { json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.err(`参数错误 / bad arguments: ${(error as Error).message}`);
    io.err(usage);
    return { exit: 2 };
  }
  if (values.help) {
    io.out(usage);
    return { exit: 0 };
  }
  if (positionals.length !== 1) {
    io.err(positionals.length === 0 ? '缺少文件 / missing FILE' : '只能指定一个文件 / give exactly one FILE');
    io.err(usage);
    return { exit: 2 };
  }
  return { file: positionals[0], json: values.json === true };
}

/** The notice piped in when the FILE given is `-`: its text and its bytes (for the import's checksum). */
export async function readNoticeStdin(
  stdin: AsyncIterable<Uint8Array | string> = process.stdin,
): Promise<{ text: string; bytes: Buffer }> {
  const bytes = await readBounded(stdin, MAX_NOTICE_BYTES);
  return { text: await textOfStdin(bytes), bytes };
}

/** Reads the file (or standard input for `-`), turning every failure into a one-line message (no stack) and exit code 2. */
async function readOrReport(file: string, io: CliIo): Promise<string | null> {
  try {
    return file === '-' ? (await readNoticeStdin(io.stdin)).text : await readNoticeFile(file);
  } catch (error) {
    if (error instanceof NoticeInputError) io.err(error.message);
    else
      io.err(
        `无法读取 / cannot read ${file === '-' ? STDIN_NAME : file}: ${(error as Error)?.message ?? String(error)}`,
      );
    return null;
  }
}

/** `rectify parse FILE [--json]`: 0 when read, 2 when the file cannot be read as a notice. */
export async function parseCommand(args: string[], io: CliIo): Promise<number> {
  const a = readArgs(args, PARSE_USAGE, io);
  if ('exit' in a) return a.exit;
  const text = await readOrReport(a.file, io);
  if (text === null) return 2;
  let notice: ParsedNotice;
  try {
    notice = parseNoticeText(text);
  } catch (error) {
    io.err(`解析失败 / parsing failed: ${(error as Error)?.message ?? String(error)}`);
    return 2;
  }
  if (a.json) io.out(JSON.stringify(notice, null, 2));
  else io.out(summary(notice));
  return 0;
}

/** `rectify lint FILE [--json]`: 1 when any error is found, 0 otherwise, 2 when the file cannot be read. */
export async function lintCommand(args: string[], io: CliIo): Promise<number> {
  const a = readArgs(args, LINT_USAGE, io);
  if ('exit' in a) return a.exit;
  const text = await readOrReport(a.file, io);
  if (text === null) return 2;
  let findings: LintFinding[];
  try {
    findings = lintNotice(text);
  } catch (error) {
    io.err(`检查失败 / lint failed: ${(error as Error)?.message ?? String(error)}`);
    return 2;
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (a.json) {
    io.out(JSON.stringify({ findings }, null, 2));
  } else {
    for (const f of findings) {
      const where = f.line === null ? '' : `${a.file}:${f.line} `;
      io.out(`${f.severity === 'error' ? '错误 error' : '警告 warning'} ${where}[${f.code}] ${f.message}`);
      if (f.excerpt) io.out(`    > ${f.excerpt}`);
    }
    const warnings = findings.length - errors;
    io.out(
      findings.length === 0
        ? '未发现问题 / no findings'
        : `${errors} 个错误，${warnings} 个警告 / ${errors} error(s), ${warnings} warning(s)`,
    );
  }
  return errors > 0 ? 1 : 0;
}

const or = (v: string | number | null | undefined, dash = '—') => (v === null || v === undefined ? dash : String(v));

export function summary(n: ParsedNotice): string {
  const out: string[] = [];
  const i = n.inspection;
  const t = n.stated_totals;
  const c = n.contacts;
  out.push(`标题 / title: ${or(n.title)}`);
  out.push(`发文单位 / issuer: ${or(n.issuer)}    日期 / date: ${or(n.issued_on)}`);
  out.push(`巡察组 / team: ${or(i.team)}    轮次 / round: ${or(i.round)}`);
  out.push(`巡察期间 / inspection: ${or(i.from)} ~ ${or(i.to)}    反馈 / feedback: ${or(i.feedback_on)}`);
  out.push(
    `公开期限 / public period: ${n.publication_period ? `${or(n.publication_period.from)} ~ ${or(n.publication_period.to)}` : '—'}`,
  );
  out.push(
    `联系方式 / contacts: 电话 phone ${c.phone.join(', ') || '—'}; 邮箱 e-mail ${c.email.join(', ') || '—'}; 地址 postal ${or(c.postal)}; 邮编 postcode ${or(c.postcode)}`,
  );
  out.push(
    `汇总 / stated totals: 方面 aspects ${or(t.aspects)}, 具体问题 problems ${or(t.problems)}, 细化问题 refined ${or(t.refined_problems)}, 完成 completed ${or(t.completed)}, 阶段性完成 partial ${or(t.partially_completed)}, 资金 funds ${t.funds_recovered_yuan === null ? '—' : `${t.funds_recovered_yuan} 元`}, 截至 as of ${or(t.as_of)}`,
  );
  const items = n.sections.flatMap((s) => s.items);
  const count = (s: string | null) => items.filter((x) => x.status === s).length;
  out.push(
    `整改事项 / items: ${items.length} (完成 ${count('完成')}, 阶段性完成 ${count('阶段性完成')}, 未完成 ${count('未完成')}, 未标明 unlabelled ${count(null)}) in ${n.sections.length} section(s)`,
  );
  for (const s of n.sections) {
    out.push(`  ${s.heading ?? '（无标题 / no heading）'}`);
    for (const it of s.items) {
      out.push(
        `    ${or(it.number, '?')}. ${or(it.title, '（无标题 / untitled）')}  [${or(it.status, '未标明 / no result')}]  ${it.measure_count} 项措施 measures`,
      );
    }
  }
  out.push(`下一步打算 / next steps: ${n.has_next_steps_section ? '有 yes' : '无 no'}`);
  if (n.warnings.length > 0) {
    out.push('提示 / warnings:');
    for (const w of n.warnings) out.push(`  - ${w}`);
  }
  return out.join('\n');
}
