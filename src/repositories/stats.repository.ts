import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { addDays, daysBetween, type IsoDate } from '../domain/dates.ts';
import type { WarningThresholds } from '../domain/deadline.ts';
import type { ReadScope } from '../policies/policies.ts';
import { type ItemFilter, scopedItems } from './items.repository.ts';

export interface WarningCounts {
  /** Items not yet closed. */
  open: number;
  red: number;
  yellow: number;
  green: number;
  /** Open, with a deadline further away than the green threshold. */
  later: number;
  /** Open with no deadline (长期坚持 items). */
  noDeadline: number;
}

/**
 * The three-colour warning counted over the open items of a filtered ledger, with the same boundaries as
 * `warningLevel` in domain/deadline.ts: red before today, yellow up to today + yellow, green up to today + green.
 */
export async function warningCounts(
  db: Db,
  scope: ReadScope,
  filter: ItemFilter,
  today: IsoDate,
  thresholds: WarningThresholds,
): Promise<WarningCounts> {
  const yellowUntil = addDays(today, thresholds.yellow);
  const greenUntil = addDays(today, thresholds.green);
  const n = (cond: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;
  const row = await (await scopedItems(db, scope, filter, today))
    .where('i.state', '!=', 'closed')
    .select([
      sql<number>`count(*)`.as('open'),
      n(sql`i.deadline < ${today}`).as('red'),
      n(sql`i.deadline >= ${today} and i.deadline <= ${yellowUntil}`).as('yellow'),
      n(sql`i.deadline > ${yellowUntil} and i.deadline <= ${greenUntil}`).as('green'),
      n(sql`i.deadline > ${greenUntil}`).as('later'),
      n(sql`i.deadline is null`).as('no_deadline'),
    ])
    .executeTakeFirstOrThrow();
  return {
    open: Number(row.open),
    red: Number(row.red),
    yellow: Number(row.yellow),
    green: Number(row.green),
    later: Number(row.later),
    noDeadline: Number(row.no_deadline),
  };
}

/** Past this many points the trend steps by several weeks, so a long round still draws as one readable line. */
export const MAX_TREND_POINTS = 60;

/** Weekly dates from `from` to `today` (today always last), stepping by whole weeks to stay within MAX_TREND_POINTS. */
export function trendDates(from: IsoDate, today: IsoDate): IsoDate[] {
  if (from > today) return [today];
  const weeks = Math.floor(daysBetween(from, today) / 7);
  const step = Math.max(1, Math.ceil((weeks + 1) / (MAX_TREND_POINTS - 1)));
  const dates: IsoDate[] = [];
  for (let w = 0; w <= weeks; w += step) dates.push(addDays(from, w * 7));
  if (dates[dates.length - 1] !== today) dates.push(today);
  return dates;
}

export interface OverdueTrend {
  /** The earliest feedback date among the inspections the rows come from; null when none has been fed back. */
  from: IsoDate | null;
  points: { date: IsoDate; overdue: number }[];
}

/**
 * How many items were overdue on each week's date since feedback, derived from deadlines and closing dates
 * (nothing is stored): on date d an item was overdue when its deadline had passed and it was not closed by d.
 * One pass over the rows with a column per date.
 */
export async function overdueTrend(
  db: Db,
  scope: ReadScope,
  filter: ItemFilter,
  today: IsoDate,
): Promise<OverdueTrend> {
  const base = await scopedItems(db, scope, filter, today);
  const first = await db
    .selectFrom('inspections')
    .where('id', 'in', base.select('i.inspection_id'))
    .select((eb) => eb.fn.min('feedback_on').as('from'))
    .executeTakeFirst();
  const from = (first?.from as string | null | undefined) ?? null;
  if (from === null) return { from: null, points: [] };
  const dates = trendDates(from, today);
  const row = await base
    .select(
      dates.map((d, k) =>
        sql<number>`coalesce(sum(case when i.deadline < ${d} and (i.closed_on is null or i.closed_on > ${d}) then 1 else 0 end), 0)`.as(
          `p${k}`,
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  const values = row as Record<string, number | string>;
  return { from, points: dates.map((date, k) => ({ date, overdue: Number(values[`p${k}`]) })) };
}
