import { id, isoDate } from '../../schemas.ts';

/** The ledger filters a statistic can be narrowed by; the reader's access scope always applies on top. */
export const statsQuerySchema = {
  type: 'object',
  properties: { unitId: id, roundId: id, inspectionId: id, departmentId: id },
  additionalProperties: false,
} as const;

export const trendQuery = {
  type: 'object',
  required: ['roundId'],
  properties: { roundId: id, unitId: id, inspectionId: id },
  additionalProperties: false,
} as const;

const count = { type: 'integer', minimum: 0 } as const;

export const warningsResponse = {
  type: 'object',
  properties: {
    today: isoDate,
    thresholds: { type: 'object', properties: { green: count, yellow: count } },
    counts: {
      type: 'object',
      properties: { open: count, red: count, yellow: count, green: count, later: count, noDeadline: count },
    },
  },
} as const;

export const trendResponse = {
  type: 'object',
  properties: {
    today: isoDate,
    from: { type: ['string', 'null'] },
    points: {
      type: 'array',
      items: { type: 'object', properties: { date: isoDate, overdue: count } },
    },
  },
} as const;

export interface StatsQuery {
  unitId?: number;
  roundId?: number;
  inspectionId?: number;
  departmentId?: number;
}

export interface TrendQuery {
  roundId: number;
  unitId?: number;
  inspectionId?: number;
}
