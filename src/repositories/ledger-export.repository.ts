import type { Db } from '../db/database.ts';
import type { ResultLabel } from '../domain/result.ts';
import type { CloseStage, WorkflowState } from '../domain/workflow.ts';
import type { ReadScope } from '../policies/policies.ts';
import { getInspection, type Inspection, listProblems, type Problem } from './inspections.repository.ts';
import type { AccountabilityKind, OutcomeKind } from './item-parts.repository.ts';
import { type ItemFilter, type MeasureKind, scopedItems } from './items.repository.ts';
import type { SnapshotItem } from './ledger-snapshot.repository.ts';
import { type Aspect, getRound } from './rounds.repository.ts';

/**
 * The ids of the ledger items an actor may see under a filter, grouped by inspection (inspections in id order): what the
 * exports hand to the ledger snapshot, so an export never shows a row the ledger page would hide.
 */
export async function scopedItemIdsByInspection(
  db: Db,
  scope: ReadScope,
  filter: ItemFilter,
  today: string,
): Promise<Map<number, number[]>> {
  const rows = await (await scopedItems(db, scope, filter, today))
    .select(['i.id', 'i.inspection_id'])
    .orderBy('i.inspection_id')
    .orderBy('i.id')
    .execute();
  const byInspection = new Map<number, number[]>();
  for (const r of rows) {
    const ids = byInspection.get(r.inspection_id);
    if (ids) ids.push(r.id);
    else byInspection.set(r.inspection_id, [r.id]);
  }
  return byInspection;
}

/** An inspection's ledger header: what the snapshot carries besides its items. */
export interface LedgerHeader {
  inspection: Inspection;
  aspects: Aspect[];
  problems: Problem[];
}

export async function loadLedgerHeader(db: Db, inspectionId: number): Promise<LedgerHeader> {
  const inspection = await getInspection(db, inspectionId);
  const [round, problems] = await Promise.all([getRound(db, inspection.roundId), listProblems(db, inspectionId)]);
  return { inspection, aspects: round.aspects, problems };
}

/** Item ids in ledger order (aspect, problem, sort order, id), the order loadLedgerSnapshot gives its items. */
export async function ledgerOrder(db: Db, header: LedgerHeader, itemIds: number[]): Promise<number[]> {
  const wanted = new Set(itemIds);
  const rows = (
    await db
      .selectFrom('items')
      .select(['id', 'aspect_id', 'problem_id', 'sort_order'])
      .where('inspection_id', '=', header.inspection.id)
      .execute()
  ).filter((r) => wanted.has(r.id));
  const aspectOrder = new Map(header.aspects.map((a, i) => [a.id, i]));
  const problemOrder = new Map(header.problems.map((p, i) => [p.id, i]));
  const rank = (m: Map<number, number>, id: number | null) => (id === null ? -1 : (m.get(id) ?? m.size));
  rows.sort(
    (a, b) =>
      rank(aspectOrder, a.aspect_id) - rank(aspectOrder, b.aspect_id) ||
      rank(problemOrder, a.problem_id) - rank(problemOrder, b.problem_id) ||
      a.sort_order - b.sort_order ||
      a.id - b.id,
  );
  return rows.map((r) => r.id);
}

function groupBy<T extends { item_id: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(r.item_id);
    if (list) list.push(r);
    else map.set(r.item_id, [r]);
  }
  return map;
}

/**
 * Whole ledger items (measures, progress, evidence, outcomes) for a page of ids, in the order given, shaped exactly as
 * the snapshot shapes them. The export reads a large inspection page by page with this, so 100,000 rows never sit in
 * memory at once; a page should stay within a few thousand ids (one bound-parameter list per query).
 */
export async function loadSnapshotItems(db: Db, ids: number[]): Promise<SnapshotItem[]> {
  if (ids.length === 0) return [];
  const [items, measures, progress, evidence, outcomes] = await Promise.all([
    db
      .selectFrom('items as i')
      .leftJoin('units as d', 'd.id', 'i.lead_department_id')
      .selectAll('i')
      .select('d.name as lead_department_name')
      .where('i.id', 'in', ids)
      .execute(),
    db
      .selectFrom('measures as m')
      .leftJoin('units as d', 'd.id', 'm.department_id')
      .selectAll('m')
      .select('d.name as department_name')
      .where('m.item_id', 'in', ids)
      .orderBy('m.item_id')
      .orderBy('m.sort_order')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('progress_entries as p')
      .leftJoin('users as u', 'u.id', 'p.author_id')
      .select(['p.id', 'p.item_id', 'p.measure_id', 'p.entry_on', 'p.content', 'u.display_name'])
      .where('p.item_id', 'in', ids)
      .orderBy('p.item_id')
      .orderBy('p.entry_on')
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('evidence')
      .selectAll()
      .where('item_id', 'in', ids)
      .orderBy('item_id')
      .orderBy('effective_on')
      .orderBy('id')
      .execute(),
    db.selectFrom('outcomes').selectAll().where('item_id', 'in', ids).orderBy('item_id').orderBy('id').execute(),
  ]);
  const measuresOf = groupBy(measures);
  const progressOf = groupBy(progress);
  const evidenceOf = groupBy(evidence);
  const outcomesOf = groupBy(outcomes);
  const byId = new Map(items.map((r) => [r.id, r]));
  return ids.flatMap((id): SnapshotItem[] => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
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
        responsibleLeader: r.responsible_leader,
        state: r.state as WorkflowState,
        closeStage: r.close_stage as CloseStage | null,
        result: r.result as ResultLabel,
        closedOn: r.closed_on,
        withheld: r.withheld === 1,
        withheldReason: r.withheld_reason,
        flagged: r.flagged === 1,
        reopenedCount: r.reopened_count,
        sortOrder: r.sort_order,
        measures: (measuresOf.get(id) ?? []).map((m) => ({
          id: m.id,
          sortOrder: m.sort_order,
          content: m.content,
          kind: m.kind as MeasureKind,
          responsibleLeader: m.responsible_leader,
          departmentId: m.department_id,
          department: m.department_name,
          responsiblePersonId: m.responsible_person_id,
          responsiblePersonName: m.responsible_person_name,
          deadline: m.deadline,
          completedOn: m.completed_on,
        })),
        progress: (progressOf.get(id) ?? []).map((p) => ({
          id: p.id,
          measureId: p.measure_id,
          entryOn: p.entry_on,
          content: p.content,
          author: p.display_name,
        })),
        evidence: (evidenceOf.get(id) ?? []).map((e) => ({
          id: e.id,
          measureId: e.measure_id,
          fileName: e.file_name,
          contentType: e.content_type,
          sizeBytes: Number(e.size_bytes),
          sha256: e.sha256,
          effectiveOn: e.effective_on,
          note: e.note,
        })),
        outcomes: (outcomesOf.get(id) ?? []).map((o) => ({
          id: o.id,
          kind: o.kind as OutcomeKind,
          title: o.title,
          accountabilityKind: o.accountability_kind as AccountabilityKind | null,
          peopleCount: o.people_count,
          amountYuan: o.amount_fen === null ? null : Number(o.amount_fen) / 100,
          occurredOn: o.occurred_on,
        })),
      },
    ];
  });
}
