import type { WorkflowState } from '../../api/types.ts';

export type OrderStatus = 'open' | 'answered' | 'returned' | 'closed';
export type Grade = 'good' | 'fairly_good' | 'average' | 'poor';

export interface SupervisionOrder {
  id: number;
  batch: string;
  unitId: number;
  unit: string;
  itemId: number | null;
  itemTitle: string | null;
  title: string;
  content: string;
  dueOn: string;
  status: OrderStatus;
  issuedByName: string;
  issuedOn: string;
  answer: string | null;
  answeredByName: string | null;
  answeredOn: string | null;
  returnReason: string | null;
  closedOn: string | null;
  overdue: boolean;
  version: number;
}

export interface Lookback {
  id: number;
  itemId: number;
  itemTitle: string;
  itemNumber: string | null;
  itemState: WorkflowState;
  closedOn: string | null;
  unitId: number;
  unit: string;
  dueOn: string;
  status: 'scheduled' | 'held' | 'rebound';
  finding: string | null;
  recordedByName: string | null;
  recordedOn: string | null;
  overdue: boolean;
  version: number;
}

export interface ChecklistEntry {
  key: string;
  label: string;
  points: number;
  guide: string;
}

export interface Checklist {
  total: number;
  entries: ChecklistEntry[];
  bands: { grade: Grade; min: number }[];
}

export interface ScoredEntry {
  key: string;
  label: string;
  points: number;
  deduction: number;
  note: string | null;
}

export interface Evaluation {
  id: number;
  inspectionId: number;
  roundId: number;
  unitId: number;
  unit: string;
  entries: ScoredEntry[];
  note: string | null;
  score: number;
  grade: Grade;
  evaluatedByName: string;
  evaluatedOn: string;
  version: number;
}

/** Who may issue, close and return orders, schedule look-backs and score: the office and the administrator. */
export const SUPERVISES = ['office', 'admin'];
/** Who answers an order for the unit. */
export const ANSWERS = ['unit_admin', 'unit_leader'];
