/** The ledger files the import benchmarks read: generated in the export's customary layout, matching the test world. */
import ExcelJS from 'exceljs';
import { MEASURE_KIND_ZH } from '../src/domain/measure.ts';
import { RESULT_LABEL_ZH } from '../src/domain/result.ts';
import { WORKFLOW_STATE_ZH } from '../src/domain/workflow.ts';
import { LEDGER_COLUMNS } from '../src/ledger-io/export/layout.ts';

const ASPECTS = ['党的领导方面', '全面从严治党方面', '干部队伍建设方面'];
const STATES = (
  [
    ['not_started', 'not_completed'],
    ['in_progress', 'not_completed'],
    ['in_progress', 'partially_completed'],
    ['closed', 'completed'],
  ] as const
).map(([state, result]) => [WORKFLOW_STATE_ZH[state], RESULT_LABEL_ZH[result]]);

/** A ledger as the export writes it: two measure rows per item, the item's cells on its first row only. */
export async function writeLedger(file: string, rows: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('整改台账');
  ws.addRow(['测试市交通运输局巡察整改台账']).commit();
  ws.addRow(LEDGER_COLUMNS.map((c) => c.header)).commit();
  for (let r = 0, item = 1; r < rows; item++) {
    const problem = Math.floor(item / 20);
    const [state, result] = STATES[item % STATES.length];
    const month = 8 + (item % 5);
    ws.addRow([
      item,
      ASPECTS[problem % 3],
      `反馈问题第${problem}项：制度执行不到位`,
      `具体问题第${item}项：某某事项办理不规范，审批手续不完整`,
      `建立健全第${item}项制度，明确审批流程和责任分工`,
      MEASURE_KIND_ZH.deadline,
      '王局长',
      item % 2 ? '办公室' : '财务科',
      item % 2 ? 'depta1' : 'depta2',
      `2026年${month}月底`,
      item % 3 ? '' : '2026年7月20日，已完成制度起草',
      state,
      result,
      '否',
      '',
      '',
    ]).commit();
    r++;
    if (r >= rows) break;
    ws.addRow([
      null,
      null,
      null,
      null,
      `每季度开展第${item}项专项检查`,
      MEASURE_KIND_ZH.ongoing,
      '王局长',
      '办公室',
      'depta1',
    ]).commit();
    r++;
  }
  ws.commit();
  await wb.commit();
}
