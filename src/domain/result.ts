import { DomainError } from './errors.ts';
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
    throw new DomainError(
      'result_state_mismatch',
      '未销号的事项不能标为“完成” / an item that is not closed cannot be labelled completed',
    );
  }
  if (result === 'not_completed' && state === 'closed') {
    throw new DomainError(
      'result_state_mismatch',
      '已销号的事项不能标为“未完成” / a closed item cannot be labelled not completed',
    );
  }
}

/** The label after a workflow move: confirming closes as completed unless the unit chose 阶段性完成; reopening undoes it. */
export function resultAfter(event: WorkflowEvent, current: ResultLabel, requested?: ResultLabel | null): ResultLabel {
  if (event === 'confirm') return requested === 'partially_completed' ? 'partially_completed' : 'completed';
  if (event === 'reopen') return 'not_completed';
  return current;
}
