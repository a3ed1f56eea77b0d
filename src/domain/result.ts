import { domainError } from './errors.ts';
import type { WorkflowEvent, WorkflowState } from './workflow.ts';

/** 完成 / 阶段性完成 / 未完成: what the public notice says of an item, independent of the workflow state. */
export const RESULT_LABELS = ['completed', 'partially_completed', 'not_completed'] as const;
export type ResultLabel = (typeof RESULT_LABELS)[number];

export const RESULT_LABEL_ZH: Record<ResultLabel, string> = {
  completed: '完成',
  partially_completed: '阶段性完成',
  not_completed: '未完成',
};

/** 完成 needs a closed item; 未完成 an open one; 阶段性完成 (持续整改) fits either. */
export function assertResultFits(state: WorkflowState, result: ResultLabel): void {
  if (result === 'completed' && state !== 'closed') {
    throw domainError('completed_but_open');
  }
  if (result === 'not_completed' && state === 'closed') {
    throw domainError('not_completed_but_closed');
  }
}

/** The label after a workflow move: confirming closes as completed unless the unit chose 阶段性完成; reopening undoes it. */
export function resultAfter(event: WorkflowEvent, current: ResultLabel, requested?: ResultLabel | null): ResultLabel {
  if (event === 'confirm') return requested === 'partially_completed' ? 'partially_completed' : 'completed';
  if (event === 'reopen') return 'not_completed';
  return current;
}
