import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importNotice, previewNoticeImport } from '../commands/notice-import.commands.ts';
import { loadConfig } from '../config.ts';
import { RESULT_LABEL_ZH } from '../domain/result.ts';
import { WORKFLOW_STATE_ZH } from '../domain/workflow.ts';
import { AppError } from '../errors.ts';
import type { ImportPlan } from '../notices/import/plan.ts';
import { sha256Hex } from '../notices/import/source.ts';
import { NoticeInputError, parseNoticeText, readNoticeFile } from '../notices/parse.ts';
import { CliError, cliContext, type Io, openMigrated } from './context.ts';
import { readNoticeStdin } from './notices.ts';

const USAGE = `用法 / usage: rectify notice import FILE|- --unit ID --round ID [--team ID] [--from D --to D --feedback-on D] [--confirm] [--json] [--as USER]
  把已公开的整改进展通报（.txt/.docx/.pdf/.html/.doc/.wps）导入台账：一次巡察及其问题、事项、措施 / read a published notice into the ledger
  FILE 为 - 时读标准输入（文字、网页源代码或片段、PDF、.docx） / - reads standard input
  不加 --confirm 只显示导入预览，不写入 / without --confirm only the preview is shown and nothing is written
  --team ID            巡察组（默认按通报中的组名匹配） / the team (default: the one the notice names)
  --from/--to D        巡察起止日期 YYYY-MM-DD（默认取自通报） / inspection period (default: from the notice)
  --feedback-on D      反馈日期（默认取自通报） / feedback date (default: from the notice)
  --confirm            写入台账 / write to the ledger
  --json               输出 JSON / print JSON
  --as USER            以该账号操作（默认 admin） / act as this account (default admin)
  退出码 / exit code: 0 成功 ok, 1 无法导入 the plan has errors, 2 参数或文件错误 bad arguments or unreadable file`;

function positiveId(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)
    throw new CliError(`--${name} 应为正整数 / --${name} must be a positive integer\n${USAGE}`);
  return Number(raw);
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        unit: { type: 'string' },
        round: { type: 'string' },
        team: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'feedback-on': { type: 'string' },
        confirm: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`参数错误 / bad arguments: ${(error as Error).message}\n${USAGE}`);
  }
}

/** `rectify notice import FILE …`: a preview unless --confirm; 1 when the notice cannot be imported, 2 on bad input. */
export async function noticeImportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new CliError(
      `${positionals.length === 0 ? '缺少文件 / missing FILE' : '只能指定一个文件 / give exactly one FILE'}\n${USAGE}`,
    );
  }
  const unitId = positiveId('unit', values.unit);
  const roundId = positiveId('round', values.round);
  if (unitId === undefined || roundId === undefined) {
    throw new CliError(`须指定 --unit 与 --round / --unit and --round are required\n${USAGE}`);
  }
  const file = positionals[0];
  let text: string;
  let sha256: string;
  try {
    if (file === '-') {
      const piped = await readNoticeStdin(io.stdin);
      text = piped.text;
      sha256 = sha256Hex(piped.bytes);
    } else {
      text = await readNoticeFile(file);
      sha256 = sha256Hex(await readFile(file));
    }
  } catch (error) {
    if (error instanceof NoticeInputError) throw new CliError(error.message, 2);
    throw new CliError(`无法读取 / cannot read ${file}: ${(error as Error).message}`, 2);
  }
  const notice = parseNoticeText(text);

  const config = loadConfig();
  const handle = await openMigrated(config);
  try {
    const ctx = await cliContext(handle, config, values.as);
    const plan = await previewNoticeImport(ctx, notice, {
      unitId,
      roundId,
      teamId: positiveId('team', values.team),
      from: values.from,
      to: values.to,
      feedbackOn: values['feedback-on'],
    });
    if (!values.confirm || plan.errors.length > 0) {
      io.out(values.json ? JSON.stringify(plan, null, 2) : describePlan(plan));
      if (plan.errors.length > 0) return 1;
      if (!values.json)
        io.out('预览，未写入；确认无误后加 --confirm 导入 / preview only, nothing written; add --confirm to import');
      return 0;
    }
    const done = await importNotice(ctx, plan, { fileName: file === '-' ? 'stdin' : path.basename(file), sha256 });
    if (values.json) io.out(JSON.stringify(done, null, 2));
    else
      io.out(
        `已导入，巡察编号 ${done.inspectionId}：${done.counts.problems} 个问题，${done.counts.items} 个事项，${done.counts.measures} 条措施 / imported as inspection ${done.inspectionId}`,
      );
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      const exit = error.code === 'import_invalid' || error.code === 'already_imported' ? 1 : 2;
      throw new CliError(error.message, exit);
    }
    throw error;
  } finally {
    await handle.close();
  }
}

const or = (v: string | number | null | undefined) => (v === null || v === undefined ? '—' : String(v));

export function describePlan(plan: ImportPlan): string {
  const i = plan.inspection;
  const c = plan.counts;
  const out: string[] = [];
  out.push(`通报 / notice: ${or(plan.source.title)}（${or(plan.source.issuer)}，${or(plan.source.issuedOn)}）`);
  out.push(
    `巡察 / inspection: 单位 unit ${i.unitId}, 轮次 round ${i.roundId}, 巡察组 team ${or(i.teamId)}（通报 ${or(plan.source.team)}）, ${or(i.from)} ~ ${or(i.to)}, 反馈 feedback ${or(i.feedbackOn)}`,
  );
  out.push(
    `将写入 / to write: ${c.problems} 个问题 problems, ${c.items} 个事项 items (完成 ${c.completed}, 阶段性完成 ${c.partiallyCompleted}, 未完成 ${c.notCompleted}, 未标明 unlabelled ${c.unlabelled}), ${c.measures} 条措施 measures`,
  );
  for (const p of plan.problems) {
    out.push(`  ${p.title ?? '（无所属问题 / no problem）'}  → 方面 aspect: ${p.aspectName ?? '—'}`);
    for (const it of p.items) {
      out.push(
        `    ${or(it.number)}. ${it.title}  [${RESULT_LABEL_ZH[it.result]}，${WORKFLOW_STATE_ZH[it.state]} ${it.state}]  ${it.measures.length} 条措施`,
      );
    }
  }
  if (plan.warnings.length > 0) {
    out.push('提示 / warnings:');
    for (const w of plan.warnings) out.push(`  - ${w}`);
  }
  if (plan.errors.length > 0) {
    out.push('错误，无法导入 / errors, cannot import:');
    for (const e of plan.errors) out.push(`  - ${e}`);
  }
  return out.join('\n');
}
