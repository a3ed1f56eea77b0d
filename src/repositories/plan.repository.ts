import type { Db } from '../db/database.ts';
import type { MeasureKind } from '../domain/measure.ts';
import type { ResultLabel } from '../domain/result.ts';
import type { WorkflowState } from '../domain/workflow.ts';
import { type Measure, toMeasure } from './item-parts.repository.ts';
import type { SnapshotItem } from './ledger-snapshot.repository.ts';

/** One measure as the plan editor shows it: with its version, so each row can be saved on its own. */
export type PlanMeasure = Measure & { departmentPath: string | null };

/** An item as the plan editor shows it: the ledger's item fields, its lead department's path and its version. */
export type PlanItem = Pick<
  SnapshotItem,
  | 'id'
  | 'aspectId'
  | 'problemId'
  | 'number'
  | 'title'
  | 'description'
  | 'suggestion'
  | 'target'
  | 'kind'
  | 'deadline'
  | 'leadDepartmentId'
  | 'leadDepartment'
  | 'responsibleLeader'
  | 'state'
  | 'result'
  | 'sortOrder'
> & { leadDepartmentPath: string | null; version: number; measures: PlanMeasure[] };

/** An inspection's items with their measures in two queries, whatever their number. */
export async function listPlanItems(db: Db, inspectionId: number): Promise<PlanItem[]> {
  const [items, measures] = await Promise.all([
    db
      .selectFrom('items as i')
      .leftJoin('units as d', 'd.id', 'i.lead_department_id')
      .selectAll('i')
      .select(['d.name as lead_department_name', 'd.path as lead_department_path'])
      .where('i.inspection_id', '=', inspectionId)
      .orderBy('i.sort_order')
      .orderBy('i.id')
      .execute(),
    db
      .selectFrom('measures as m')
      .innerJoin('items as i', 'i.id', 'm.item_id')
      .leftJoin('units as d', 'd.id', 'm.department_id')
      .leftJoin('users as pu', 'pu.id', 'm.responsible_person_id')
      .selectAll('m')
      .select(['d.name as department_name', 'd.path as department_path', 'pu.display_name as person_display_name'])
      .where('i.inspection_id', '=', inspectionId)
      .orderBy('m.item_id')
      .orderBy('m.sort_order')
      .orderBy('m.id')
      .execute(),
  ]);
  const measuresOf = new Map<number, PlanMeasure[]>();
  for (const m of measures) {
    const list = measuresOf.get(m.item_id) ?? [];
    list.push({ ...toMeasure(m), departmentPath: m.department_path });
    measuresOf.set(m.item_id, list);
  }
  return items.map((r) => ({
    id: r.id,
    aspectId: r.aspect_id,
    problemId: r.problem_id,
    number: r.number,
    title: r.title,
    description: r.description,
    suggestion: r.suggestion,
    target: r.target,
    kind: r.kind as MeasureKind,
    deadline: r.deadline,
    leadDepartmentId: r.lead_department_id,
    leadDepartment: r.lead_department_name,
    leadDepartmentPath: r.lead_department_path,
    responsibleLeader: r.responsible_leader,
    state: r.state as WorkflowState,
    result: r.result as ResultLabel,
    sortOrder: r.sort_order,
    version: r.version,
    measures: measuresOf.get(r.id) ?? [],
  }));
}

/** People with an account in a unit's subtree: who a measure can be assigned to. */
export async function listPeopleOfUnit(db: Db, unitPath: string) {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'un.name as unit_name', 'un.path as unit_path'])
    .where('un.path', 'like', `${unitPath}%`)
    .where('u.active', '=', 1)
    .orderBy('un.path')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitPath: r.unit_path,
  }));
}

/** What a bulk edit needs to know of each measure before it decides: its version and where its item lies. */
export async function loadMeasureScopes(db: Db, measureIds: number[]) {
  if (measureIds.length === 0) return [];
  const rows = await db
    .selectFrom('measures as m')
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .innerJoin('inspections as ins', 'ins.id', 'i.inspection_id')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .selectAll('m')
    .select([
      'i.inspection_id',
      'i.lead_department_id',
      'ins.team_id',
      'ins.feedback_on',
      'u.path as unit_path',
      'r.archived_at as round_archived_at',
    ])
    .where('m.id', 'in', measureIds)
    .execute();
  return rows;
}

/** Paths of the departments a set of items answer to (lead and measure departments), by item. */
export async function departmentPathsOfItems(db: Db, itemIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (itemIds.length === 0) return out;
  const [leads, measures] = await Promise.all([
    db
      .selectFrom('items as i')
      .innerJoin('units as d', 'd.id', 'i.lead_department_id')
      .select(['i.id as item_id', 'd.path'])
      .where('i.id', 'in', itemIds)
      .execute(),
    db
      .selectFrom('measures as m')
      .innerJoin('units as d', 'd.id', 'm.department_id')
      .select(['m.item_id', 'd.path'])
      .where('m.item_id', 'in', itemIds)
      .execute(),
  ]);
  for (const r of [...leads, ...measures]) {
    const list = out.get(r.item_id) ?? [];
    if (!list.includes(r.path)) list.push(r.path);
    out.set(r.item_id, list);
  }
  return out;
}

/** What adding measures to several items needs to know of each item before it decides. */
export async function loadItemScopes(db: Db, itemIds: number[]) {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('items as i')
    .innerJoin('inspections as ins', 'ins.id', 'i.inspection_id')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .select([
      'i.id',
      'i.inspection_id',
      'i.state',
      'ins.team_id',
      'ins.feedback_on',
      'u.path as unit_path',
      'r.archived_at as round_archived_at',
    ])
    .where('i.id', 'in', itemIds)
    .execute();
}
