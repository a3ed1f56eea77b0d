/**
 * The customary columns of a 整改台账 as offices name them: the importer reads every name here, and the exchange page
 * shows the commonest so a clerk can check a sheet before sending it. One list, so the two cannot drift apart.
 */
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

/** The names offices give each column; the first is the one used in messages, the next ones the commonest. */
export const LEDGER_COLUMN_NAMES: Record<Field, readonly string[]> = {
  number: ['序号', '编号', '问题序号'],
  aspect: ['问题类别', '方面', '问题方面', '类别', '问题类型', '反馈问题类别', '所属方面'],
  problem: ['反馈问题', '存在问题', '巡察反馈问题', '反馈的问题', '主要问题', '巡察发现问题', '反馈意见'],
  item: [
    '具体问题',
    '问题表现',
    '细化问题',
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

/** The columns the exchange page lists, in the customary order, with how many of each column's names it shows. */
export const CUSTOMARY_COLUMNS: readonly (readonly [Field, number])[] = [
  ['number', 1],
  ['aspect', 2],
  ['problem', 2],
  ['item', 3],
  ['measure', 1],
  ['leader', 1],
  ['department', 2],
  ['person', 1],
  ['deadline', 2],
  ['progress', 2],
  ['state', 1],
  ['result', 1],
  ['evidence', 1],
  ['remark', 1],
];

/** A customary column as the exchange page shows it: its commonest names joined, 具体问题 / 问题表现 / 细化问题. */
export const customaryColumnLabels = (): string[] =>
  CUSTOMARY_COLUMNS.map(([field, shown]) => LEDGER_COLUMN_NAMES[field].slice(0, shown).join(' / '));
