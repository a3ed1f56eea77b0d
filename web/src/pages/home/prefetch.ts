import type { QueryClient } from '@tanstack/react-query';
import type { WorkflowState } from '../../../../src/domain/workflow.ts';
import type { SessionUser } from '../../api/queries/auth.ts';
import { type LedgerQuery, prefetchLedger } from '../../api/queries/items.ts';
import { warningStatsQuery } from '../../api/queries/stats.ts';
import { todosQuery } from '../../api/queries/todos.ts';

/** 责任部门's task list as its home first shows it (all colours): open items, most urgent first. */
export const DEPARTMENT_OPEN: WorkflowState[] = ['not_started', 'in_progress', 'close_requested'];
export const DEPARTMENT_LIST_SIZE = 50;
export const departmentTasks: LedgerQuery = { state: DEPARTMENT_OPEN, sort: 'deadline', limit: DEPARTMENT_LIST_SIZE };

/** The 待办 entries each home shows first (TodoSection). */
export const TODOS_SHOWN = 5;

/**
 * Asks for what the signed-in user's home shows first, as the app starts (main.tsx), so the answers are in while the
 * page's code still loads instead of being asked for once it has rendered. The keys are the pages' own, so the pages
 * find them in the cache; a page that asks for something else simply asks for it itself.
 */
export function prefetchHome(queryClient: QueryClient, user: SessionUser) {
  void queryClient.prefetchQuery(todosQuery(TODOS_SHOWN));
  if (user.role === 'department') {
    void queryClient.prefetchQuery(warningStatsQuery());
    void prefetchLedger(queryClient, departmentTasks);
  }
}
