import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS } from '../export/layout.ts';

/** Test fixtures: ledgers as units really send them, written with exceljs into a temp folder. */
/**
 * Writes the whole file before returning: exceljs's writeFile can resolve while the file is still being flushed, and on a
 * busy machine the import then read a truncated zip ("文件已损坏").
 */
async function writeWorkbook(wb: ExcelJS.Workbook, file: string) {
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

export const fixtureDir = () => mkdtempSync(path.join(tmpdir(), 'rectify-ledger-'));

/**
 * A customary ledger: title row, two-row header with columns in an unusual order, aspect and problem merged down,
 * numbered measures in one cell, every deadline form, a subtotal and a blank row, a formula, and a second sheet.
 */
export async function customaryLedger(dir: string, edit?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('交通局台账');
  ws.addRow(['江澜市交通运输局巡察反馈问题整改台账']);
  ws.mergeCells('A1:L1');
  ws.addRow([
    '序号',
    '问题方面',
    '存在问题',
    '问题表现',
    '整改措施',
    '完成时限',
    '整改责任',
    null,
    null,
    '完成情况',
    '整改结果',
    '备注',
  ]);
  ws.addRow([null, null, null, null, null, null, '责任领导', '责任单位', '责任人', null, null, null]);
  ws.mergeCells('G2:I2');
  ws.mergeCells('A2:A3');
  const rows: unknown[][] = [
    [
      1,
      '一、党的领导方面',
      '（一）落实主体责任有差距',
      '党组会议研究整改不及时',
      '1. 修订党组议事规则；2. 每季度专题研究整改工作。',
      new Date(Date.UTC(2026, 8, 30)),
      '王局长',
      '办公室',
      'depta1',
      '2026年7月20日，已修订议事规则。',
      '已完成',
      '',
    ],
    [
      2,
      null,
      null,
      '意识形态工作责任制落实不到位',
      '一是制定责任清单；二是开展专题培训；三是纳入年度考核',
      '2026年9月底',
      '王局长',
      '办公室',
      '赵科长',
      '正在推进',
      '整改中',
      '',
    ],
    [null, null, null, null, '每半年开展一次督查', '长期坚持', null, null, null, null, null, ''],
    ['小计', null, null, null, null, null, null, null, null, null, null, null],
    [],
    [
      3,
      '全面从严治党方面',
      '财务管理不规范',
      '公务接待超标准',
      '立即清退超标准费用',
      '立行立改',
      '李副局长',
      'T-A-2',
      'depta2',
      null,
      '基本完成',
      '已清退',
    ],
    [
      4,
      null,
      null,
      '差旅费报销审核不严',
      '（1）完善报销制度（2）开展专项检查',
      '2026.10.31',
      '李副局长',
      '财务科',
      '钱会计',
      null,
      null,
      '',
    ],
    [5, null, null, '预算执行进度慢', '加快预算执行', '2026/12/31', '李副局长', '财务科', '孙科员', null, '未完成', ''],
  ];
  for (const r of rows) ws.addRow(r);
  ws.mergeCells('B4:B6');
  ws.mergeCells('C4:C6');
  ws.mergeCells('B9:B11');
  ws.mergeCells('C9:C11');
  // The deadline of item 5 is a formula with its cached result, as Excel saves it.
  ws.getCell('F11').value = { formula: 'DATE(2026,12,31)', result: new Date(Date.UTC(2026, 11, 31)) };

  const second = wb.addWorksheet('补充问题');
  second.addRow(['序号', '具体问题', '整改措施', '责任部门', '整改时限', '整改状态', '问题类别']);
  second.addRow([1, '会议室使用登记不全', '建立登记台账', '办公室', '2026年12月', '未启动', '党的领导']);
  edit?.(wb);
  const file = path.join(dir, 'ledger.xlsx');
  await writeWorkbook(wb, file);
  return file;
}

/** What a dry run of customaryLedger finds while none of its names is mapped yet. */
export const CUSTOMARY_LEDGER_PREVIEW = {
  aspects: 2,
  problems: 1,
  items: 6,
  measures: 11,
  errors: [],
  unmatched: { people: ['赵科长', '钱会计', '孙科员'], departments: [] },
  aspectSuggestions: [],
};

/** The layout the Excel export writes: title, one header row, one row per measure, item cells only on its first row. */
export async function exportLayoutLedger(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('整改台账');
  ws.addRow(['测试市交通运输局整改台账']);
  ws.addRow(LEDGER_COLUMNS.map((c) => c.header));
  const rows: unknown[][] = [
    [
      '1',
      '党的领导方面',
      '落实主体责任有差距',
      '党组会议研究不及时',
      '修订议事规则',
      '限期整改',
      '王局长',
      '办公室',
      'depta1',
      '2026-09-30',
      '',
      '已销号',
      '完成',
      '否',
      '',
      '',
    ],
    [
      null,
      null,
      null,
      null,
      '每季度专题研究',
      '长期坚持',
      '王局长',
      '办公室',
      'depta1',
      '',
      '',
      null,
      null,
      null,
      null,
      null,
    ],
    [
      '2',
      '党的领导方面',
      '落实主体责任有差距',
      '学习制度执行不严',
      '建立学习台账',
      '立行立改',
      '张副局长',
      '财务科',
      'depta2',
      '',
      '2026-08-01 已建立台账',
      '申请销号',
      '未完成',
      '否',
      '',
      '',
    ],
    [
      '3',
      '干部队伍建设方面',
      '干部管理宽松',
      '干部档案不全',
      '补齐档案',
      '限期整改',
      '张副局长',
      '财务科',
      '',
      '2026-10-31',
      '',
      '整改中',
      '阶段性完成',
      '否',
      '',
      '',
    ],
  ];
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, 'export.xlsx');
  await writeWorkbook(wb, file);
  return file;
}

/** Node has no GB18030 encoder; invert its decoder over the two-byte range, which covers every character used here. */
export function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GB18030 code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

export const CSV_LEDGER = [
  '江澜市交通运输局整改台账,,,,,',
  '序号,问题类别,具体问题,整改措施,责任部门,整改时限',
  '1,党的领导方面,"党组会议研究整改不及时","1、修订议事规则。2、专题研究整改。",办公室,2026年9月底',
  ',,,"督促检查",办公室,长期坚持',
  '2,全面从严治党方面,公务接待超标准,清退费用,财务科,2026.10.31',
].join('\r\n');

export function writeFixture(dir: string, name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
