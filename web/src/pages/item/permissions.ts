import type { CloseStage, WorkflowEvent, WorkflowState } from '../../../../src/domain/workflow.ts';
import type { Role } from '../../api/queries/auth.ts';

export type { WorkflowEvent };

/**
 * What the page offers a role. It mirrors src/policies/policies.ts for an item the user can already read (reading it
 * proves the unit or department match), so buttons only appear where they can work; the server still decides.
 */
export function permissionsOf(role: Role) {
  const recorder = role === 'department' || role === 'unit_admin';
  const planner = role === 'unit_admin' || role === 'office';
  return {
    recordProgress: recorder,
    addOutcome: recorder || planner,
    editPlan: planner,
  };
}

/** The workflow moves from this state (as domain/workflow.ts availableEvents) that this role takes. */
export function eventsFor(role: Role, state: WorkflowState, closeStage: CloseStage | null): WorkflowEvent[] {
  const recorder = role === 'department' || role === 'unit_admin';
  switch (state) {
    case 'not_started':
      return recorder ? ['start', 'request_close'] : [];
    case 'in_progress':
      return recorder ? ['request_close'] : [];
    case 'close_requested':
      if (role === 'unit_leader' && closeStage === 'unit_review') return ['approve', 'return'];
      if (role === 'office' && closeStage === 'office_review') return ['confirm', 'return'];
      if (role === 'unit_leader' || role === 'office') return ['return'];
      return [];
    case 'closed':
      return role === 'office' ? ['reopen'] : [];
  }
}
