import { PassThrough } from 'node:stream';
// Loaded when a workbook is made, not at start: exceljs is about 30 MB of every server process's memory.
import type ExcelJS from 'exceljs';
import { withoutControlCharacters } from '../../domain/file-names.ts';
import { RESULT_LABEL_ZH } from '../../domain/result.ts';
import { WORKFLOW_STATE_ZH } from '../../domain/workflow.ts';
import { cellHeight, overdueMark } from '../export/layout.ts';
import { A4_LANDSCAPE_ONE_PAGE_WIDE, CELL_BORDER, HEADER_STYLE } from '../spreadsheet.ts';
import { measureLines, outcomeLines, progressLines, sizeInKb } from './index-text.ts';
import type { BinderPlan } from './plan.ts';

export const INDEX_COLUMNS = [
  { header: '类型', width: 6 },
  { header: '序号', width: 6 },
  { header: '问题类别', width: 14 },
  { header: '反馈问题', width: 22 },
  { header: '具体问题', width: 30 },
  { header: '整改措施', width: 40 },
  { header: '整改进展', width: 36 },
  { header: '整改成效', width: 24 },
  { header: '整改状态', width: 10 },
  { header: '整改结果', width: 11 },
  { header: '是否逾期', width: 10 },
  { header: '文件名', width: 26 },
  { header: '所属措施', width: 24 },
  { header: '生效日期', width: 12 },
  { header: '大小（KB）', width: 11 },
  { header: '资料册中的位置', width: 40 },
  { header: 'SHA-256', width: 20 },
  { header: '说明', width: 20 },
] as const;

const body: Partial<ExcelJS.Style> = {
  font: { name: '宋体', size: 10 },
  alignment: { vertical: 'top', wrapText: true },
  border: CELL_BORDER,
};
const itemRow: Partial<ExcelJS.Style> = {
  ...body,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
};

/** The checksum is for machines comparing files: one unwrapped line, not counted when sizing the row. */
const SHA_COLUMN = INDEX_COLUMNS.findIndex((c) => c.header === 'SHA-256');
const checksum: Partial<ExcelJS.Style> = { ...body, alignment: { vertical: 'top', wrapText: false } };

export const MISSING_NOTE = '存储中缺失，未收入资料册';

/** 索引.xlsx: one row per item (shaded) followed by one row per evidence file, filterable by any column. */
export async function binderIndexXlsx(plan: BinderPlan, exportedOn: string): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('索引', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
    pageSetup: { ...A4_LANDSCAPE_ONE_PAGE_WIDE, printTitlesRow: '1:2' },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.columns = INDEX_COLUMNS.map((c) => ({ width: c.width }));
  const { inspection } = plan.snapshot;
  const title = sheet.addRow([`${inspection.unitName}巡察整改资料册索引（${exportedOn}）`]);
  title.height = 26;
  title.getCell(1).style = { font: { name: '黑体', size: 14, bold: true }, alignment: { vertical: 'middle' } };
  title.commit();
  const head = sheet.addRow(INDEX_COLUMNS.map((c) => c.header));
  for (let c = 1; c <= INDEX_COLUMNS.length; c++) head.getCell(c).style = HEADER_STYLE;
  head.commit();

  const add = (values: (string | number | null)[], style: Partial<ExcelJS.Style>) => {
    const row = sheet.addRow(values);
    // Neither Excel nor LibreOffice grows a row to fit wrapped text on opening; the height is set from the text.
    row.height = Math.max(...values.map((v, i) => (i === SHA_COLUMN ? 0 : cellHeight(v, INDEX_COLUMNS[i].width))));
    for (let c = 1; c <= INDEX_COLUMNS.length; c++) row.getCell(c).style = c - 1 === SHA_COLUMN ? checksum : style;
    row.commit();
  };
  for (const p of plan.items) {
    const { item } = p;
    const itemCells = [p.label, p.aspect, p.problem, item.title];
    const status = [WORKFLOW_STATE_ZH[item.state], RESULT_LABEL_ZH[item.result], overdueMark(item, exportedOn) || null];
    add(
      [
        '事项',
        ...itemCells,
        measureLines(item).join('\n') || null,
        progressLines(item).join('\n') || null,
        outcomeLines(item).join('\n') || null,
        ...status,
        `${p.files.length} 个文件`,
        null,
        null,
        null,
        p.folder,
        null,
        item.withheld ? '不宜公开' : null,
      ],
      itemRow,
    );
    for (const f of p.files) {
      add(
        [
          '文件',
          ...itemCells,
          null,
          null,
          null,
          ...status,
          withoutControlCharacters(f.evidence.fileName),
          f.measure,
          f.evidence.effectiveOn,
          sizeInKb(f.evidence.sizeBytes),
          f.missing ? null : f.path,
          f.evidence.sha256,
          [f.missing ? MISSING_NOTE : null, f.evidence.note].filter(Boolean).join('；') || null,
        ],
        body,
      );
    }
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
