import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Grade } from '../domain/evaluation.ts';
import type { ItemCounts } from '../domain/totals.ts';
import type { ReadScope } from '../policies/policies.ts';
import { type ItemFilter, scopedItems } from './items.repository.ts';

export type { ItemCounts };

function countColumns(today: string) {
  const n = (cond: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;
  return [
    sql<number>`count(*)`.as('items'),
    n(sql`i.state = 'not_started'`).as('not_started'),
    n(sql`i.state = 'in_progress'`).as('in_progress'),
    n(sql`i.state = 'close_requested'`).as('close_requested'),
    n(sql`i.state = 'closed'`).as('closed'),
    n(sql`i.result = 'completed'`).as('completed'),
    n(sql`i.result = 'partially_completed'`).as('partially_completed'),
    n(sql`i.result = 'not_completed'`).as('not_completed'),
    n(sql`i.state <> 'closed' and i.deadline < ${today}`).as('overdue'),
    n(sql`i.state = 'closed' and i.closed_on > i.deadline`).as('closed_late'),
    n(sql`i.withheld = 1`).as('withheld'),
    n(sql`i.flagged = 1`).as('flagged'),
  ] as const;
}

type CountRow = {
  items: number | string;
  not_started: number | string;
  in_progress: number | string;
  close_requested: number | string;
  closed: number | string;
  completed: number | string;
  partially_completed: number | string;
  not_completed: number | string;
  overdue: number | string;
  closed_late: number | string;
  withheld: number | string;
  flagged: number | string;
};

const toCounts = (r: CountRow): ItemCounts => ({
  items: Number(r.items),
  notStarted: Number(r.not_started),
  inProgress: Number(r.in_progress),
  closeRequested: Number(r.close_requested),
  closed: Number(r.closed),
  completed: Number(r.completed),
  partiallyCompleted: Number(r.partially_completed),
  notCompleted: Number(r.not_completed),
  overdue: Number(r.overdue),
  closedLate: Number(r.closed_late),
  withheld: Number(r.withheld),
  flagged: Number(r.flagged),
});

export interface Totals {
  counts: ItemCounts;
  byAspect: { aspectId: number | null; aspect: string | null; counts: ItemCounts }[];
  byDepartment: { departmentId: number | null; department: string | null; counts: ItemCounts }[];
  outcomes: {
    rules: number;
    accountabilityActions: number;
    accountabilityPeople: number;
    fundsRecoveredYuan: number;
    lossesRecoveredYuan: number;
  };
}

/**
 * What rectification achieved, summed over outcome rows aliased `o`: the same sums for the dashboard's totals and the
 * round summary's rows (money in fen).
 */
export const outcomeSums = [
  sql<number>`coalesce(sum(case when o.kind = 'rule_made' then 1 else 0 end), 0)`.as('rules_made'),
  sql<number>`coalesce(sum(case when o.kind = 'rule_revised' then 1 else 0 end), 0)`.as('rules_revised'),
  sql<number>`coalesce(sum(case when o.kind = 'accountability' then 1 else 0 end), 0)`.as('acc_actions'),
  sql<number>`coalesce(sum(case when o.kind = 'accountability' then o.people_count else 0 end), 0)`.as('acc_people'),
  sql<number>`coalesce(sum(case when o.kind = 'funds_recovered' then o.amount_fen else 0 end), 0)`.as('funds'),
  sql<number>`coalesce(sum(case when o.kind = 'loss_recovered' then o.amount_fen else 0 end), 0)`.as('losses'),
];

/** A unit's (or any filtered set's) dashboard: one pass per grouping over the scoped ledger. */
export async function ledgerTotals(db: Db, scope: ReadScope, filter: ItemFilter, today: string): Promise<Totals> {
  const base = await scopedItems(db, scope, filter, today);
  const [all, byAspect, byDepartment, outcomes] = await Promise.all([
    base.select(countColumns(today)).executeTakeFirstOrThrow(),
    base
      .leftJoin('aspects as a', 'a.id', 'i.aspect_id')
      .select(['i.aspect_id', 'a.name as aspect_name', 'a.sort_order as aspect_order', ...countColumns(today)])
      .groupBy(['i.aspect_id', 'a.name', 'a.sort_order'])
      .orderBy('a.sort_order')
      .execute(),
    base
      .leftJoin('units as d', 'd.id', 'i.lead_department_id')
      .select(['i.lead_department_id', 'd.name as department_name', ...countColumns(today)])
      .groupBy(['i.lead_department_id', 'd.name'])
      .orderBy('d.name')
      .execute(),
    db
      .selectFrom('outcomes as o')
      .where('o.item_id', 'in', base.select('i.id'))
      .select(outcomeSums)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    counts: toCounts(all),
    byAspect: byAspect.map((r) => ({ aspectId: r.aspect_id, aspect: r.aspect_name, counts: toCounts(r) })),
    byDepartment: byDepartment.map((r) => ({
      departmentId: r.lead_department_id,
      department: r.department_name,
      counts: toCounts(r),
    })),
    outcomes: {
      rules: Number(outcomes.rules_made) + Number(outcomes.rules_revised),
      accountabilityActions: Number(outcomes.acc_actions),
      accountabilityPeople: Number(outcomes.acc_people),
      fundsRecoveredYuan: Number(outcomes.funds) / 100,
      lossesRecoveredYuan: Number(outcomes.losses) / 100,
    },
  };
}

/** A round across its units: one grouped pass over the round's ledger rows, then the units' names. */
export async function roundOverview(
  db: Db,
  scope: ReadScope,
  roundId: number,
  today: string,
): Promise<{ unitId: number; unit: string; counts: ItemCounts; grade: Grade | null }[]> {
  const rows = await (await scopedItems(db, scope, { roundId }, today))
    .select(['i.unit_id', ...countColumns(today)])
    .groupBy('i.unit_id')
    .execute();
  const names = new Map<number, string>();
  const ids = rows.map((r) => r.unit_id);
  for (let i = 0; i < ids.length; i += 5000) {
    const units = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute();
    for (const u of units) names.set(u.id, u.name);
  }
  // The office's rectification evaluation (整改评估) of each unit in this round, the latest when there are several.
  const grades = new Map<number, Grade>();
  const evaluated = await db
    .selectFrom('evaluations as e')
    .innerJoin('inspections as ins', 'ins.id', 'e.inspection_id')
    .select(['ins.unit_id', 'e.grade'])
    .where('ins.round_id', '=', roundId)
    .orderBy('e.id')
    .execute();
  // The evaluation command writes only gradeOf()'s values into this text column.
  for (const e of evaluated) grades.set(e.unit_id, e.grade as Grade);
  return rows.map((r) => ({
    unitId: r.unit_id,
    unit: names.get(r.unit_id) ?? '',
    counts: toCounts(r),
    grade: grades.get(r.unit_id) ?? null,
  }));
}
