import { defineMessages } from '../../i18n/index.tsx';

export const todoMessages = defineMessages({
  title: ['待办', 'To do'],
  badge: ['待办，{n} 项', 'To do, {n} waiting'],
  waiting: ['共 {n} 项等待处理', '{n} waiting'],
  nothing: ['没有等待你处理的事项', 'Nothing is waiting for you'],
  more: ['查看全部 {n} 项', 'All {n}'],
  kind_close_to_approve: ['销号申请待审核', 'Close-outs to review'],
  kind_close_to_confirm: ['销号申请待确认', 'Close-outs to confirm'],
  kind_returned_to_redo: ['已退回，待重新整改', 'Returned, to redo'],
  kind_order_to_answer: ['督办事项待办理', 'Supervision orders to answer'],
  kind_answer_to_review: ['督办答复待审核', 'Supervision answers to review'],
  kind_comment_to_handle: ['群众意见待处理', 'Public comments to handle'],
  kind_extension_to_decide: ['延期申请待审批', 'Extension requests to decide'],
  kind_comment_transferred: ['转办的群众意见待答复', 'Public comments passed to you'],
  dueOn: ['{date} 前答复', 'answer by {date}'],
  overdue: ['已逾期（{date}）', 'overdue ({date})'],
  kind_notice_to_approve: ['待审批的公告', 'Notices to approve'],
});
