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
  unitPath: string;
  kind: string;
  from: string;
  to: string;
  feedbackOn: string | null;
  concentratedUntil: string | null;
  reportDueOn: string | null;
  version: number;
}

export interface LedgerRow {
  id: number;
  number: string | null;
  title: string;
  unitId: number;
  unit: string;
  inspectionId: number;
  roundId: number;
  aspectId: number | null;
  aspect: string | null;
  problemId: number | null;
  problem: string | null;
  kind: MeasureKind;
  deadline: string | null;
  leadDepartmentId: number | null;
  leadDepartment: string | null;
  responsibleLeader: string | null;
  state: WorkflowState;
  closeStage: CloseStage | null;
  result: ResultLabel;
  closedOn: string | null;
  overdue: boolean;
  wasLate: boolean;
  warning: WarningLevel;
  withheld: boolean;
  flagged: boolean;
  reopenedCount: number;
  version: number;
  updatedAt: string;
}

export interface LedgerPage {
  items: LedgerRow[];
  total: number;
  nextCursor: string | null;
}
