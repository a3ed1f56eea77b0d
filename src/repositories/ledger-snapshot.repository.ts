import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ItemTable } from '../db/schema.ts';
import type { MeasureKind } from '../domain/measure.ts';
import type { AccountabilityKind, OutcomeKind } from '../domain/outcome.ts';
import type { ResultLabel } from '../domain/result.ts';
import type { CloseStage, WorkflowState } from '../domain/workflow.ts';
import {
  getInspection,
  type Inspection,
  listProblems,
  listWorkLog,
  type Problem,
  type WorkLogEntry,
} from './inspections.repository.ts';
import { type Evidence, type Measure, type Outcome, type ProgressEntry, toMeasure } from './item-parts.repository.ts';
import { type Aspect, getRound } from './rounds.repository.ts';
import { getUnit } from './units.repository.ts';

/**
 * One inspection's whole ledger, read in a fixed number of queries (not one per item): what the notice generator,
 * the reports, the Excel export and the evidence binder all start from, so they can never disagree.
 */
export interface LedgerSnapshot {
  inspection: Inspection;
  /** The committee that ran the round (e.g. 中共江澜市委), for titles and openings. */
  committee: { id: number; name: string };
  aspects: Aspect[];
  problems: Problem[];
  /** In ledger order: aspect, problem, item sort order, id. */
  items: SnapshotItem[];
  workLog: WorkLogEntry[];
}

export interface SnapshotItem {
  id: number;
  aspectId: number | null;
  problemId: number | null;
  number: string | null;
  title: string;
  description: string | null;
  suggestion: string | null;
  target: string | null;
  kind: MeasureKind;
  deadline: string | null;
  leadDepartmentId: number | null;
  leadDepartment: string | null;
  responsibleLeader: string | null;
  state: WorkflowState;
  closeStage: CloseStage | null;
  result: ResultLabel;
  closedOn: string | null;
  withheld: boolean;
  withheldReason: string | null;
  flagged: boolean;
  reopenedCount: number;
  sortOrder: number;
  /** Issue 13: the deadline before the first extension, the extensions approved, the first deadline missed. */
  originalDeadline: string | null;
  extensionCount: number;
  missedDeadline: string | null;
  measures: SnapshotMeasure[];
  /** Oldest first. */
  progress: Pick<ProgressEntry, 'id' | 'measureId' | 'entryOn' | 'content' | 'author'>[];
  evidence: Omit<Evidence, 'itemId' | 'uploadedBy' | 'uploader' | 'uploadedAt'>[];
  outcomes: Omit<Outcome, 'itemId' | 'version'>[];
}

/** A measure less its item id (it sits in its item) and its version (only editing needs it). */
export type SnapshotMeasure = Omit<Measure, 'itemId' | 'version'>;

export interface SnapshotOptions {
  /** Only these items (e.g. the ledger page's current filter); all of the inspection's items when absent. */
  itemIds?: number[];
  /** Leave out items marked 不宜公开 (the public notice). */
  publicOnly?: boolean;
}

/** Both databases accept well over this many bound parameters in one statement. */
const CHUNK = 5000;

async function inChunks<T>(ids: number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
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

/** An items row with its lead department's name: what itemRows reads and snapshotItems shapes. */
export type SnapshotItemRow = Selectable<ItemTable> & { lead_department_name: string | null };

/** Items with their lead department's name; the caller adds the where clause. */
export function itemRows(db: Db) {
  return db
    .selectFrom('items as i')
    .leftJoin('units as d', 'd.id', 'i.lead_department_id')
    .selectAll('i')
    .select('d.name as lead_department_name');
}

type OrderedRow = Pick<SnapshotItemRow, 'id' | 'aspect_id' | 'problem_id' | 'sort_order'>;

/**
 * Ledger order: aspect in the round's order, problem in the inspection's order, sort order, id. Items under no aspect or
 * problem come first, under one no longer listed last.
 */
export function ledgerOrderComparator(
  aspects: { id: number }[],
  problems: { id: number }[],
): (a: OrderedRow, b: OrderedRow) => number {
  const aspectOrder = new Map(aspects.map((a, i) => [a.id, i]));
  const problemOrder = new Map(problems.map((p, i) => [p.id, i]));
  const rank = (m: Map<number, number>, id: number | null) => (id === null ? -1 : (m.get(id) ?? m.size));
  return (a, b) =>
    rank(aspectOrder, a.aspect_id) - rank(aspectOrder, b.aspect_id) ||
    rank(problemOrder, a.problem_id) - rank(problemOrder, b.problem_id) ||
    a.sort_order - b.sort_order ||
    a.id - b.id;
}

/**
 * These item rows, in the order given, with their measures, progress, evidence and outcomes: four queries per
 * {@link CHUNK} items, however many items there are.
 */
export async function snapshotItems(db: Db, rows: SnapshotItemRow[]): Promise<SnapshotItem[]> {
  const ids = rows.map((r) => r.id);
  const [measures, progress, evidence, outcomes] = await Promise.all([
    inChunks(ids, (chunk) =>
      db
        .selectFrom('measures as m')
        .leftJoin('units as d', 'd.id', 'm.department_id')
        .leftJoin('users as pu', 'pu.id', 'm.responsible_person_id')
        .selectAll('m')
        .select(['d.name as department_name', 'pu.display_name as person_display_name'])
        .where('m.item_id', 'in', chunk)
        .orderBy('m.item_id')
        .orderBy('m.sort_order')
        .orderBy('m.id')
        .execute(),
    ),
    inChunks(ids, (chunk) =>
      db
        .selectFrom('progress_entries as p')
        .leftJoin('users as u', 'u.id', 'p.author_id')
        .select(['p.id', 'p.item_id', 'p.measure_id', 'p.entry_on', 'p.content', 'u.display_name'])
        .where('p.item_id', 'in', chunk)
        .orderBy('p.item_id')
        .orderBy('p.entry_on')
        .orderBy('p.id')
        .execute(),
    ),
    inChunks(ids, (chunk) =>
      db
        .selectFrom('evidence')
        .selectAll()
        .where('item_id', 'in', chunk)
        .orderBy('item_id')
        .orderBy('effective_on')
        .orderBy('id')
        .execute(),
    ),
    inChunks(ids, (chunk) =>
      db.selectFrom('outcomes').selectAll().where('item_id', 'in', chunk).orderBy('item_id').orderBy('id').execute(),
    ),
  ]);
  const measuresOf = groupBy(measures);
  const progressOf = groupBy(progress);
  const evidenceOf = groupBy(evidence);
  const outcomesOf = groupBy(outcomes);

  return rows.map((r) => ({
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
    originalDeadline: r.original_deadline,
    extensionCount: r.extension_count,
    missedDeadline: r.missed_deadline,
    measures: (measuresOf.get(r.id) ?? []).map((row): SnapshotMeasure => {
      const { itemId: _item, version: _version, ...m } = toMeasure(row);
      return m;
    }),
    progress: (progressOf.get(r.id) ?? []).map((p) => ({
      id: p.id,
      measureId: p.measure_id,
      entryOn: p.entry_on,
      content: p.content,
      author: p.display_name,
    })),
    evidence: (evidenceOf.get(r.id) ?? []).map((e) => ({
      id: e.id,
      measureId: e.measure_id,
      fileName: e.file_name,
      contentType: e.content_type,
      sizeBytes: Number(e.size_bytes),
      sha256: e.sha256,
      effectiveOn: e.effective_on,
      note: e.note,
    })),
    outcomes: (outcomesOf.get(r.id) ?? []).map((o) => ({
      id: o.id,
      kind: o.kind as OutcomeKind,
      title: o.title,
      accountabilityKind: o.accountability_kind as AccountabilityKind | null,
      peopleCount: o.people_count,
      amountYuan: o.amount_fen === null ? null : Number(o.amount_fen) / 100,
      occurredOn: o.occurred_on,
    })),
  }));
}

export async function loadLedgerSnapshot(
  db: Db,
  inspectionId: number,
  options: SnapshotOptions = {},
): Promise<LedgerSnapshot> {
  const inspection = await getInspection(db, inspectionId);
  const [round, problems, workLog] = await Promise.all([
    getRound(db, inspection.roundId),
    listProblems(db, inspectionId),
    listWorkLog(db, inspectionId),
  ]);
  const committee = await getUnit(db, round.committeeUnitId);

  let q = itemRows(db).where('i.inspection_id', '=', inspectionId);
  if (options.publicOnly) q = q.where('i.withheld', '=', 0);
  let rows = await q.execute();
  if (options.itemIds) {
    const wanted = new Set(options.itemIds);
    rows = rows.filter((r) => wanted.has(r.id));
  }
  rows.sort(ledgerOrderComparator(round.aspects, problems));

  return {
    inspection,
    committee: { id: committee.id, name: committee.name },
    aspects: round.aspects,
    problems,
    items: await snapshotItems(db, rows),
    workLog,
  };
}
