import type { CloseStage, MeasureKind, ResultLabel, WarningLevel, WorkflowState } from '../../api/types.ts';

/** GET /api/items/:id — the item with everything hanging off it. */
export interface ItemDetail {
  id: number;
  number: string | null;
  title: string;
  description: string | null;
  suggestion: string | null;
  target: string | null;
  kind: MeasureKind;
  deadline: string | null;
  state: WorkflowState;
  closeStage: CloseStage | null;
  result: ResultLabel;
  closedOn: string | null;
  overdue: boolean;
  wasLate: boolean;
  warning: WarningLevel;
  withheld: boolean;
  withheldReason: string | null;
  flagged: boolean;
  reopenedCount: number;
  responsibleLeader: string | null;
  leadDepartmentId: number | null;
  leadDepartment: string | null;
  version: number;
  updatedAt: string;
  inspection: { id: number; unitId: number; unit: string; team: string; round: string; feedbackOn: string | null };
  aspect: { id: number; name: string } | null;
  problem: { id: number; title: string; number: string | null } | null;
  measures: Measure[];
  progress: ProgressEntry[];
  evidence: Evidence[];
  outcomes: Outcome[];
  reviews: CloseReview[];
}

export interface Measure {
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
  warning: WarningLevel;
  version: number;
}

export interface ProgressEntry {
  id: number;
  measureId: number | null;
  entryOn: string;
  content: string;
  author: string | null;
  createdAt: string;
}

export interface Evidence {
  id: number;
  measureId: number | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  effectiveOn: string;
  note: string | null;
  uploader: string | null;
  uploadedAt: string;
}

export type OutcomeKind = 'rule_made' | 'rule_revised' | 'accountability' | 'funds_recovered' | 'loss_recovered';
export type AccountabilityKind = 'reminder_talk' | 'criticism' | 'admonishment' | 'discipline';

export interface Outcome {
  id: number;
  kind: OutcomeKind;
  title: string;
  accountabilityKind: AccountabilityKind | null;
  peopleCount: number | null;
  amountYuan: number | null;
  occurredOn: string | null;
}

export interface CloseReview {
  id: number;
  event: string;
  actor: string | null;
  note: string | null;
  createdAt: string;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface Unit {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  kind: string;
}

export interface EvidenceLimits {
  maxBytes: number;
  types: string[];
}
