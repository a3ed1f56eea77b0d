import { defineMessages } from '../i18n/index.tsx';

export const statusMessages = defineMessages({
  not_started: ['未启动', 'Not started'],
  in_progress: ['整改中', 'In progress'],
  close_requested: ['申请销号', 'Close-out requested'],
  closed: ['已销号', 'Closed'],
  returned: ['已退回', 'Returned'],
  unit_review: ['待单位审核', 'Awaiting unit review'],
  office_review: ['待巡察办确认', 'Awaiting office confirmation'],
  completed: ['完成', 'Completed'],
  partially_completed: ['阶段性完成', 'Partially completed'],
  not_completed: ['未完成', 'Not completed'],
  immediate: ['立行立改', 'Immediate'],
  deadline: ['限期整改', 'By a deadline'],
  ongoing: ['长期坚持', 'Ongoing'],
  overdue: ['逾期', 'Overdue'],
  closedLate: ['逾期完成', 'Closed late'],
  // Issue 13: lateness stays on record after an extension; 原定时限 and the number of extensions beside a deadline.
  wasLateOpen: ['曾逾期', 'Was late'],
  extended: ['延{n}', '+{n}'],
  extendedTip: ['原定时限 {original}，已延期 {n} 次', 'Originally due {original}; extended {n} time(s)'],
  flagged: ['挂牌督办', 'Flagged'],
  withheld: ['不宜公开', 'Not for publication'],
  warnGreen: ['20 天内到期', 'Due within 20 days'],
  warnYellow: ['10 天内到期', 'Due within 10 days'],
  warnRed: ['已逾期', 'Overdue'],
  daysLeft: ['剩 {n} 天', '{n} days left'],
  daysOver: ['逾期 {n} 天', '{n} days late'],
});

export const saveMessages = defineMessages({
  staleTitle: ['保存未成功：记录已被他人修改', 'Not saved: someone else changed this record'],
  reloadData: ['刷新数据', 'Reload the data'],
});

/** The 责任人 field (PersonPicker): an account of the unit or a name as written. */
export const personMessages = defineMessages({
  placeholder: ['选择账号或填写姓名', 'Choose an account or type a name'],
  writeName: ['填写“{name}”（无账号）', 'Use “{name}” (no account)'],
  written: ['{name}（关联账号：{account}）', '{name} (account: {account})'],
  accounts: ['本单位账号', 'Accounts of the unit'],
  names: ['填写的姓名', 'Written names'],
});
