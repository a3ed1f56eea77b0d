/** Shapes of the statistics the home pages read (see /api/openapi.json: dashboard, stats, rounds). */
export interface ItemCounts {
  items: number;
  notStarted: number;
  inProgress: number;
  closeRequested: number;
  closed: number;
  completed: number;
  partiallyCompleted: number;
  notCompleted: number;
  overdue: number;
  closedLate: number;
  withheld: number;
  flagged: number;
}

/** GET /api/publications/summary: the reader's notices public today and the public's comments on their notices. */
export interface PublicationSummary {
  published: number;
  comments: { total: number; open: number; handled: number };
}

export interface Totals {
  counts: ItemCounts;
  byAspect: { aspectId: number | null; aspect: string | null; counts: ItemCounts }[];
  byDepartment: { departmentId: number | null; department: string | null; counts: ItemCounts }[];
}

import type { Grade } from '../supervision/types.ts';

export interface OverviewUnit {
  unitId: number;
  unit: string;
  counts: ItemCounts;
  risk: number;
  /** The office's rectification evaluation (整改评估), once the unit is scored. */
  grade: Grade | null;
}

export interface WarningStats {
  today: string;
  thresholds: { green: number; yellow: number };
  counts: { open: number; red: number; yellow: number; green: number; later: number; noDeadline: number };
}

export interface OverdueTrend {
  today: string;
  from: string | null;
  points: { date: string; overdue: number }[];
}

export interface Round {
  id: number;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
}

/** One bar of a completion chart: a unit, aspect or department with its counts. */
export interface CompletionBar {
  name: string;
  counts: ItemCounts;
}
