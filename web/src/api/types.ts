/** Shapes the API returns that several pages share (see /api/openapi.json for all of them). */
export type Role = 'admin' | 'office' | 'team' | 'unit_admin' | 'unit_leader' | 'department' | 'supervisor';
export type WorkflowState = 'not_started' | 'in_progress' | 'close_requested' | 'closed';
export type CloseStage = 'unit_review' | 'office_review';
export type ResultLabel = 'completed' | 'partially_completed' | 'not_completed';
export type MeasureKind = 'immediate' | 'deadline' | 'ongoing';
export type WarningLevel = 'none' | 'green' | 'yellow' | 'red';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  unitName: string;
  teamId: number | null;
}

/** GET /api/users (administrator). */
export interface User extends SessionUser {
  active: boolean;
  lockedUntil: string | null;
  version: number;
}

export interface Session {
  csrfToken: string;
  expiresAt: string;
  user: SessionUser;
}

export interface Inspection {
  id: number;
  roundId: number;
  roundName: string;
  teamId: number;
  teamName: string;
  unitId: number;
  unitName: string;
  kind: string;
  from: string;
  to: string;
  feedbackOn: string | null;
  concentratedUntil: string | null;
  reportDueOn: string | null;
  version: number;
}

/** What every listing of an item carries: the ledger, the plan and the item page. */
export interface ItemBasics {
  id: number;
  number: string | null;
  title: string;
  kind: MeasureKind;
  deadline: string | null;
  leadDepartmentId: number | null;
  leadDepartment: string | null;
  responsibleLeader: string | null;
  state: WorkflowState;
  result: ResultLabel;
  version: number;
}

/** An item's standing as the ledger row and the item page show it. */
export interface ItemStanding extends ItemBasics {
  closeStage: CloseStage | null;
  closedOn: string | null;
  overdue: boolean;
  wasLate: boolean;
  warning: WarningLevel;
  withheld: boolean;
  flagged: boolean;
  reopenedCount: number;
  updatedAt: string;
}

export interface LedgerRow extends ItemStanding {
  unitId: number;
  unit: string;
  inspectionId: number;
  roundId: number;
  aspectId: number | null;
  aspect: string | null;
  problemId: number | null;
  problem: string | null;
}

export interface LedgerPage {
  items: LedgerRow[];
  total: number;
  nextCursor: string | null;
}

/** What a measure carries in the item page and in the plan alike. */
export interface MeasureBasics {
  id: number;
  sortOrder: number;
  content: string;
  kind: MeasureKind;
  responsibleLeader: string | null;
  departmentId: number | null;
  department: string | null;
  responsiblePersonId: number | null;
  responsiblePersonName: string | null;
  deadline: string | null;
  completedOn: string | null;
  version: number;
}

export type UnitKind = 'committee' | 'inspection_office' | 'unit' | 'department' | 'supervision';

/** GET /api/units. */
export interface Unit {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  code: string;
  kind: UnitKind;
  sortOrder: number;
  version: number;
}

export interface Aspect {
  id: number;
  roundId: number;
  name: string;
  sortOrder: number;
  version: number;
}

/** GET /api/rounds, each with its aspects. */
export interface Round {
  id: number;
  committeeUnitId: number;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  version: number;
  aspects: Aspect[];
}

/** GET /api/teams. */
export interface Team {
  id: number;
  roundId: number;
  name: string;
  leaderName: string | null;
  version: number;
}

/**
 * From GET /api/plan/inspections/:id, which the plan and the ledger import both read: the departments and people of the
 * inspected unit a measure may be given to, and what this user may change.
 */
export interface PlanChoices {
  departments: { id: number; name: string }[];
  people: { id: number; username: string; displayName: string; unitId: number; unitName: string }[];
  rights: { editFeedback: boolean; editPlan: boolean };
}
