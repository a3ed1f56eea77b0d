import type { ItemStanding, MeasureBasics, WarningLevel } from '../../api/types.ts';

/** GET /api/items/:id — the item with everything hanging off it. */
export interface ItemDetail extends ItemStanding {
  description: string | null;
  suggestion: string | null;
  target: string | null;
  withheldReason: string | null;
  inspection: { id: number; unitId: number; unit: string; team: string; round: string; feedbackOn: string | null };
  aspect: { id: number; name: string } | null;
  problem: { id: number; title: string; number: string | null } | null;
  measures: Measure[];
  progress: ProgressEntry[];
  evidence: Evidence[];
  outcomes: Outcome[];
  reviews: CloseReview[];
}

export interface Measure extends MeasureBasics {
  warning: WarningLevel;
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

export interface EvidenceLimits {
  maxBytes: number;
  types: string[];
}
