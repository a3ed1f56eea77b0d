import { type CellValue, cellText, normalise } from './cells.ts';

/** What a ledger column holds. */
export type Field =
  | 'number'
  | 'aspect'
  | 'problem'
  | 'item'
  | 'measure'
  | 'kind'
  | 'leader'
  | 'department'
  | 'person'
  | 'deadline'
  | 'progress'
  | 'state'
  | 'result'
  | 'overdue'
  | 'evidence'
  | 'remark';

/** The names offices give each column; the first is the one used in messages. */
const ALIASES: Record<Field, string[]> = {
  number: ['序号', '编号', '问题序号'],
  aspect: ['问题类别', '方面', '问题方面', '类别', '问题类型', '反馈问题类别', '所属方面'],
  problem: ['反馈问题', '存在问题', '巡察反馈问题', '反馈的问题', '主要问题', '巡察发现问题', '反馈意见'],
  item: [
    '具体问题',
    '细化问题',
    '问题表现',
    '具体表现',
    '问题具体表现',
    '具体问题表现',
    '问题清单',
    '整改事项',
    '整改任务',
  ],
  measure: ['整改措施', '具体措施', '整改举措', '措施', '具体整改措施'],
  kind: ['措施类型', '整改类型', '整改方式'],
  leader: ['责任领导', '牵头领导', '分管领导', '责任校领导', '领导责任人'],
  department: ['责任部门', '责任单位', '牵头部门', '牵头单位', '责任科室', '责任处室'],
  person: ['责任人', '具体责任人', '经办人', '联系人'],
  deadline: ['整改时限', '完成时限', '完成时间', '整改期限', '时限', '整改时间'],
  progress: ['整改进展', '完成情况', '进展情况', '整改情况', '整改落实情况', '推进情况'],
  state: ['整改状态', '状态'],
  result: ['整改结果', '整改成效', '结果'],
  overdue: ['是否逾期'],
  evidence: ['佐证材料', '佐证资料', '证明材料'],
  remark: ['备注', '说明'],
};

export const FIELD_ZH: Record<Field, string> = Object.fromEntries(
  Object.entries(ALIASES).map(([field, names]) => [field, names[0]]),
) as Record<Field, string>;

const BY_NAME = new Map<string, Field>(
  Object.entries(ALIASES).flatMap(([field, names]) => names.map((n) => [n, field as Field] as const)),
);

/** A header cell's field: exact after normalising, else with a trailing note dropped ("整改时限（月底前）", "责任人*"). */
export function fieldOfHeader(value: CellValue): Field | undefined {
  const text = normalise(cellText(value)).replace(/[*＊:：]/g, '');
  if (!text) return undefined;
  const exact = BY_NAME.get(text);
  if (exact) return exact;
  const bare = text.replace(/[（(［[].*?[)）］\]]/g, '');
  return BY_NAME.get(bare);
}

/** Column index (0-based) of each recognised field. */
export type ColumnMap = Partial<Record<Field, number>>;

const CORE: Field[] = ['item', 'problem', 'measure'];

function recognise(cells: CellValue[]): { map: ColumnMap; recognised: number; nonEmpty: number } {
  const map: ColumnMap = {};
  let recognised = 0;
  let nonEmpty = 0;
  for (const [i, v] of cells.entries()) {
    if (cellText(v) === '') continue;
    nonEmpty++;
    const field = fieldOfHeader(v);
    if (field && map[field] === undefined) {
      map[field] = i;
      recognised++;
    }
  }
  return { map, recognised, nonEmpty };
}

/** Whether a row looks like a header: two or more known column names, one of them a problem, item or measure. */
export function headerOf(cells: CellValue[]): ColumnMap | undefined {
  const { map, recognised } = recognise(cells);
  if (recognised < 2 || !CORE.some((f) => map[f] !== undefined)) return undefined;
  return map;
}

/**
 * The second row of a two-row header ("整改责任" above 责任领导 | 责任部门 | 责任人): every filled cell is a column name.
 * Returns the combined map, or undefined when the row is data.
 */
export function withSubHeader(top: ColumnMap, cells: CellValue[]): ColumnMap | undefined {
  const { map, recognised, nonEmpty } = recognise(cells);
  if (recognised === 0 || recognised < nonEmpty) return undefined;
  const combined: ColumnMap = {};
  const taken = new Set(Object.values(map));
  for (const [field, index] of Object.entries(top) as [Field, number][]) {
    if (!taken.has(index) && map[field] === undefined) combined[field] = index;
  }
  return { ...combined, ...map };
}
