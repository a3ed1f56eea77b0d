import type { Writable } from 'node:stream';
import { type CommandContext, today } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { withoutControlCharacters } from '../../domain/file-names.ts';
import { MEASURE_KIND_ZH } from '../../domain/measure.ts';
import { appError } from '../../errors.ts';
import { authorizeInspection } from '../../policies/authorize.ts';
import { readScope } from '../../policies/policies.ts';
import type { ItemFilter } from '../../repositories/items.repository.ts';
import {
  ledgerOrder,
  loadLedgerHeader,
  loadSnapshotItems,
  scopedItemIdsByInspection,
} from '../../repositories/ledger-export.repository.ts';
import type { SnapshotItem } from '../../repositories/ledger-snapshot.repository.ts';
import { INSTRUCTIONS_SHEET_NAME, LEDGER_COLUMNS, LEDGER_SHEET_NAME } from './layout.ts';
import { type LedgerSheet, writeLedgerWorkbook } from './xlsx.ts';

/**
 * An export that has passed its checks: the name to offer, and the writer to run (once) when the response or file is open.
 */
export interface PreparedExport {
  fileName: string;
  inspections: number;
  write(output: Writable): Promise<{ rows: number }>;
}

/** More sheets than this is no longer a ledger anyone prints; the filter should be narrowed to a round or a unit. */
export const MAX_EXPORT_INSPECTIONS = 100;

/** Items are read this many at a time, so a 100,000-row ledger never sits in memory whole. */
const PAGE = 2000;

async function* pagedItems(db: Db, orderedIds: number[]): AsyncGenerator<SnapshotItem> {
  for (let i = 0; i < orderedIds.length; i += PAGE) yield* await loadSnapshotItems(db, orderedIds.slice(i, i + PAGE));
}

/** One inspection's sheet: its header now, its items (those given, in ledger order) read page by page while writing. */
async function sheetOf(
  db: Db,
  inspectionId: number,
  itemIds: number[],
  name: string,
  exportedOn: string,
): Promise<LedgerSheet> {
  const header = await loadLedgerHeader(db, inspectionId);
  const ordered = await ledgerOrder(db, header, itemIds);
  return {
    name,
    heading: {
      unit: header.inspection.unitName,
      team: header.inspection.teamName,
      feedbackOn: header.inspection.feedbackOn,
      exportedOn,
    },
    aspectNames: new Map(header.aspects.map((a) => [a.id, a.name])),
    problemTitles: new Map(header.problems.map((p) => [p.id, p.title])),
    items: pagedItems(db, ordered),
  };
}

/** Excel refuses sheet names over 31 characters or containing []:*?/\ and compares them case-insensitively. */
function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, ' ').trim() || LEDGER_SHEET_NAME;
  let name = clean.slice(0, 31);
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${clean.slice(0, 31 - `(${n})`.length)}(${n})`;
  taken.add(name.toLowerCase());
  return name;
}

function fileNameFor(unit: string | null, exportedOn: string): string {
  return withoutControlCharacters(`${unit ?? ''}整改台账${exportedOn.replaceAll('-', '')}.xlsx`).replace(
    /[\\/:*?"<>|]/g,
    '_',
  );
}

/** One inspection's ledger, as much of it as the actor may read (a department sees the items it answers for). */
export async function prepareInspectionExport(ctx: CommandContext, inspectionId: number): Promise<PreparedExport> {
  await authorizeInspection(ctx, inspectionId, 'read');
  const exportedOn = today(ctx);
  const ids =
    (await scopedItemIdsByInspection(ctx.db, readScope(ctx.actor), { inspectionId }, exportedOn)).get(inspectionId) ??
    [];
  const sheet = await sheetOf(ctx.db, inspectionId, ids, LEDGER_SHEET_NAME, exportedOn);
  return {
    fileName: fileNameFor(sheet.heading.unit, exportedOn),
    inspections: 1,
    write: (output) => writeLedgerWorkbook(output, [sheet], exportedOn),
  };
}

/**
 * The ledger page's current selection: one sheet per inspection, each in the full customary layout headed by its own unit,
 * so every sheet reads (and imports) as that unit's ledger. A single inspection's sheet keeps the plain name 整改台账.
 */
export async function prepareFilteredExport(ctx: CommandContext, filter: ItemFilter): Promise<PreparedExport> {
  const exportedOn = today(ctx);
  const groups = await scopedItemIdsByInspection(ctx.db, readScope(ctx.actor), filter, exportedOn);
  if (groups.size > MAX_EXPORT_INSPECTIONS) {
    const spread = { inspections: groups.size, max: MAX_EXPORT_INSPECTIONS };
    throw appError('export_too_wide', spread, spread);
  }
  const [only] = groups.size === 1 ? groups : [];
  const first = only ? await sheetOf(ctx.db, only[0], only[1], LEDGER_SHEET_NAME, exportedOn) : null;
  async function* sheets(): AsyncGenerator<LedgerSheet> {
    if (first) {
      yield first;
      return;
    }
    const taken = new Set<string>();
    for (const [inspectionId, itemIds] of groups) {
      const sheet = await sheetOf(ctx.db, inspectionId, itemIds, '', exportedOn);
      yield { ...sheet, name: uniqueSheetName(sheet.heading.unit, taken) };
    }
  }
  return {
    fileName: fileNameFor(first?.heading.unit ?? null, exportedOn),
    inspections: groups.size,
    write: (output) => {
      // An empty selection still gets a ledger with its title and header, so the download is never a broken file.
      if (groups.size === 0) return writeLedgerWorkbook(output, [emptySheet(exportedOn)], exportedOn);
      return writeLedgerWorkbook(output, sheets(), exportedOn);
    },
  };
}

function emptySheet(exportedOn: string): LedgerSheet {
  return {
    name: LEDGER_SHEET_NAME,
    heading: { unit: '', team: '', feedbackOn: null, exportedOn },
    aspectNames: new Map(),
    problemTitles: new Map(),
    items: [],
  };
}

/**
 * The import template (issue 14): the export's own layout, headed for the inspection and without rows, and a 填写说明
 * sheet saying how each column is read, with the round's aspects as the import matches them. Whoever may import into the
 * inspection may download it.
 */
export async function prepareLedgerTemplate(
  ctx: CommandContext,
  inspectionId: number,
  immediateDeadlineDays: number,
): Promise<PreparedExport> {
  await authorizeInspection(ctx, inspectionId, 'importLedger');
  const exportedOn = today(ctx);
  const sheet = await sheetOf(ctx.db, inspectionId, [], LEDGER_SHEET_NAME, exportedOn);
  const aspects = [...sheet.aspectNames.values()];
  const lines = [
    '整改台账导入模板 填写说明',
    `1. 在“${LEDGER_SHEET_NAME}”工作表的表头下逐行填写，每条整改措施一行；同一事项的多条措施可合并“序号”“具体问题”等单元格，或只在第一行填写。不要改动表头的列名，可以删去不用的列（“具体问题”“整改措施”须保留）。`,
    `2. 列：${LEDGER_COLUMNS.map((c) => c.header).join('、')}。`,
    `3. 问题类别填写本轮巡察的方面：${aspects.length > 0 ? aspects.join('；') : '（本轮尚未设置方面）'}。可写作“一、……方面存在的问题”，导入时会去掉编号和“方面存在的问题”“方面问题”“问题”等后缀再匹配；名称相近时，预览会提示“是否指……”，确认后再导入。`,
    '4. 序号：与台账中已有事项序号、标题相同或相近的行会更新该事项，不会重复新增；新事项接着本方面（或本次巡察）已有的最大序号编号。具体问题开头的“1.”“（一）”等编号会去掉。',
    `5. 措施类型填写${Object.values(MEASURE_KIND_ZH).join('、')}；整改时限填日期（如 2026-09-30），不得早于反馈日期。立行立改未填时限的，按反馈日期后 ${immediateDeadlineDays} 天计，到期未完成即为逾期。`,
    '6. 责任部门、责任人填写本单位的部门名称和人员姓名；找不到的名称会在预览中列出，由您选择对应的部门或账号。',
    '7. 上传后先看预览：每行标明“新增”“与已有事项相同”“将修改（原值 → 新值）”或“有错误（原因）”。确认无误后点击“确认导入”；预览之后台账如有变动，系统会拒绝并请您重新预览。',
    '8. 导入后一天内，有导入权限的管理员可以“撤销导入”：删除本次新增的事项、恢复被修改的字段；导入后又有改动的事项不会被覆盖，撤销将被拒绝。',
    `9. 本工作表（“${INSTRUCTIONS_SHEET_NAME}”）导入时不读取，可以保留。`,
  ];
  return {
    fileName: withoutControlCharacters(`${sheet.heading.unit}整改台账导入模板.xlsx`),
    inspections: 1,
    write: (output) => writeLedgerWorkbook(output, [sheet], exportedOn, [{ name: INSTRUCTIONS_SHEET_NAME, lines }]),
  };
}
