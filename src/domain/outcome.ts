/** What rectification achieved beyond the item itself (建章立制, 问责, 清退/追缴资金, 挽回损失). */
export const OUTCOME_KINDS = [
  'rule_made',
  'rule_revised',
  'accountability',
  'funds_recovered',
  'loss_recovered',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OUTCOME_KIND_ZH: Record<OutcomeKind, string> = {
  rule_made: '建立制度',
  rule_revised: '修订制度',
  accountability: '问责',
  funds_recovered: '追缴资金',
  loss_recovered: '挽回损失',
};

export const ACCOUNTABILITY_KINDS = ['reminder_talk', 'criticism', 'admonishment', 'discipline'] as const;
export type AccountabilityKind = (typeof ACCOUNTABILITY_KINDS)[number];

export const ACCOUNTABILITY_KIND_ZH: Record<AccountabilityKind, string> = {
  reminder_talk: '提醒谈话',
  criticism: '批评教育',
  admonishment: '诫勉',
  discipline: '纪律处分',
};
