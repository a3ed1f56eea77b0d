import type { ResultLabel, WorkflowState } from '../../api/types.ts';

/** An item as GET /api/rounds/:id/common-problems and the inspection's recurrence lists return it. */
export interface RecurrenceItem {
  id: number;
  number: string | null;
  title: string;
  unitId: number;
  unit: string;
  inspectionId: number;
  roundId: number;
  round: string;
  aspectId: number | null;
  aspect: string | null;
  state: WorkflowState;
  result: ResultLabel;
  deadline: string | null;
  closedOn: string | null;
}

export interface UnitStanding {
  unitId: number;
  unit: string;
  open: number;
  closed: number;
  overdue: number;
}

export interface CommonProblem {
  key: string;
  label: string;
  aspectId: number | null;
  aspect: string | null;
  unitCount: number;
  itemCount: number;
  units: UnitStanding[];
  members: (RecurrenceItem & { overdue: boolean })[];
}

export interface Repeat {
  item: RecurrenceItem;
  earlier: { item: RecurrenceItem; similarity: number }[];
}

export type CarriedItem = RecurrenceItem & { overdue: boolean; carriedAt: string };
