import { createHash } from 'node:crypto';
import { type CommandContext, today } from '../context.ts';
import type { Db } from '../db/database.ts';
import { moveDeadline } from '../domain/extensions.ts';
import {
  changedFields,
  type FieldChange,
  IMPORT_UNDO_HOURS,
  type ItemMatch,
  ItemMatcher,
  ItemNumbering,
  mayUndoImport,
} from '../domain/ledger-matching.ts';
import { MEASURE_KIND_ZH, type MeasureKind } from '../domain/measure.ts';
import { AppError, appError } from '../errors.ts';
import { matchKey } from '../ledger-io/import/cells.ts';
import type {
  ImportLookups,
  ImportMapping,
  LedgerSummary,
  PlannedItem,
  PlannedProblem,
} from '../ledger-io/import/planner.ts';
import { type ScanProgress, scanLedger } from '../ledger-io/import/scan.ts';
import { type ReadLimits, sha256Of } from '../ledger-io/import/source.ts';
import { authorizeInspection } from '../policies/authorize.ts';
import { insertDeadlineChange, planSubmission } from '../repositories/extensions.repository.ts';
import { insertProblem, nextProblemSortOrder } from '../repositories/inspections.repository.ts';
import type { MeasureInput } from '../repositories/item-parts.repository.ts';
import { getItemRecord, type ItemChanges, nextItemSortOrder, patchItem } from '../repositories/items.repository.ts';
import {
  countLedgerImport,
  createdItemsTouchedSince,
  deleteImportedItems,
  deleteUnusedProblems,
  type ImportChange,
  importChangesOf,
  insertImportChanges,
  insertItemsReturningIds,
  insertLedgerImport,
  insertMeasuresReturningIds,
  insertProgressRows,
  type LedgerImportRecord,
  type LiveItem,
  ledgerImportById,
  ledgerImportsOf,
  ledgerStateText,
  liveItemsOfInspection,
  loadImportLookups,
  markImportUndone,
  problemsOfInspection,
} from '../repositories/ledger-import.repository.ts';
import { lockRow } from '../repositories/row-locks.ts';
import { change, type Unit } from './context.ts';
import { deadlineRecordChanges, deadlineRecordOf } from './extensions.commands.ts';

export interface LedgerImportInput {
  filePath: string;
  /** The name the user knows the file by, for sheet names of a CSV and the audit record. */
  fileName: string;
  mapping?: ImportMapping;
  limits?: ReadLimits;
  onProgress?: (p: LedgerImportProgress) => void;
  /** Who reads the file: scanLedger in this thread (the CLI), or scanLedgerInWorker (the server, off the event loop). */
  reader?: typeof scanLedger;
  /**
   * The preview's token: the import applies exactly what was previewed, and is refused (ledger_import_stale) when the
   * file, the choices or the ledger differ from the preview's. The command line, which previews nothing, leaves it out.
   */
  previewToken?: string;
}

/**
 * check: the planning pass (all a dry run does); write: inside the transaction (total: the items to write, when known
 * beforehand).
 */
export type LedgerImportProgress = ScanProgress & { phase: 'check' | 'write'; total?: number };

const progressOf = (input: LedgerImportInput, phase: LedgerImportProgress['phase']) =>
  input.onProgress && ((p: ScanProgress) => input.onProgress?.({ ...p, phase }));

export interface LedgerImportResult extends LedgerSummary {
  created: { problems: number; items: number; measures: number; progress: number };
  /** Existing items whose fields the import changed (it never adds their measures or progress again). */
  updated: number;
  /** The import's record, for its undo; null when it changed nothing. */
  importId: number | null;
}

async function prepare(ctx: CommandContext, inspectionId: number, mapping: ImportMapping = {}) {
  const inspection = await authorizeInspection(ctx, inspectionId, 'importLedger');
  const found = await loadImportLookups(ctx.db, inspection);
  return {
    inspection,
    lookups: {
      ...found,
      feedbackOn: inspection.feedbackOn,
      today: today(ctx),
      mapping,
      immediateDeadlineDays: ctx.config.immediateDeadlineDays,
    },
  };
}

type Inspection = Awaited<ReturnType<typeof prepare>>['inspection'];
type Lookups = ImportLookups & { existingProblems: { id: number; title: string }[] };

/** What the import does with one planned item of the file, decided against the live ledger. */
export type RowStatus = 'new' | 'same' | 'update' | 'error';

export interface PreviewRow {
  sheet: string;
  row: number;
  number: string | null;
  title: string;
  status: RowStatus;
  /** The existing item the row is matched to (by its number, or by a similar title). */
  match: { id: number; number: string | null; title: string; by: 'number' | 'title'; similarity: number } | null;
  /** For an update (or a refused one): the item's fields as they are, and as the file has them. */
  changes: FieldChange<ComparedField>[];
  /** Why the row cannot be imported, in the words of the errors list. */
  errors: string[];
}

export interface LedgerImportPreview extends LedgerSummary {
  rows: PreviewRow[];
  /** Rows left out of `rows` beyond PREVIEW_ROWS (the counts cover them all). */
  rowsOmitted: number;
  counts: Record<RowStatus, number>;
  /** Sent back with 确认导入: the import is refused if the file, the choices or the ledger changed since. */
  token: string;
}

/** Rows a preview lists one by one; a larger file is counted whole and listed this far. */
export const PREVIEW_ROWS = 5000;

/** The fields an import compares and updates on an existing item, in the preview's order. */
const COMPARED_FIELDS = ['title', 'kind', 'deadline', 'responsibleLeader', 'leadDepartment'] as const;
type ComparedField = (typeof COMPARED_FIELDS)[number];

type Decision =
  | { status: 'new'; item: PlannedItem; number: string }
  | { status: 'same'; item: PlannedItem; target: LiveItem; match: NonNullable<ItemMatch> }
  | {
      status: 'update';
      item: PlannedItem;
      target: LiveItem;
      match: NonNullable<ItemMatch>;
      changes: FieldChange<ComparedField>[];
      patch: ItemChanges;
    }
  | {
      status: 'error';
      item: PlannedItem;
      target: LiveItem;
      match: NonNullable<ItemMatch>;
      changes: FieldChange<ComparedField>[];
      message: string;
    };

/**
 * Decides, row by row, what an import does to a live ledger: a row matched to an existing item updates the fields that
 * differ (a blank cell leaves its field alone) or changes nothing; any other row is a new item, numbered on from the
 * last number of its aspect or inspection. Updates a workflow forbids are refused rows: a closed item is not changed by a
 * file, and once the plan is submitted a deadline moves only through an extension request (issue 13).
 */
class Reconciler {
  private readonly matcher: ItemMatcher;
  private readonly numbering: ItemNumbering;
  private readonly byId: Map<number, LiveItem>;

  constructor(
    live: LiveItem[],
    private readonly departmentName: Map<number, string>,
    private readonly planSubmitted: boolean,
  ) {
    this.matcher = new ItemMatcher(live);
    this.numbering = new ItemNumbering(live);
    this.byId = new Map(live.map((i) => [i.id, i]));
  }

  decide(item: PlannedItem): Decision {
    const match = this.matcher.match(item);
    const target = match ? this.byId.get(match.id) : undefined;
    if (!match || !target) return { status: 'new', item, number: this.numbering.next(item.aspectId, item.number) };
    const shown = (i: {
      title: string;
      kind: string;
      deadline: string | null;
      responsibleLeader: string | null;
      leadDepartmentId: number | null;
    }) => ({
      title: i.title,
      kind: MEASURE_KIND_ZH[i.kind as MeasureKind] ?? i.kind,
      deadline: i.deadline,
      responsibleLeader: i.responsibleLeader,
      leadDepartment: i.leadDepartmentId === null ? null : (this.departmentName.get(i.leadDepartmentId) ?? null),
    });
    const written = { ...shown(item), deadline: item.deadlineWritten ? item.deadline : null };
    const blankKept = Object.fromEntries(
      Object.entries(written).map(([k, v]) => [k, v ?? shown(target)[k as keyof typeof written]]),
    );
    // With measures, 措施类型/责任/时限 cells are the measures' (which an import never rewrites on an existing item);
    // only an item written as one row without measures carries its own.
    const compared = item.measures.length > 0 ? (['title'] as const) : COMPARED_FIELDS;
    const changes = changedFields(shown(target), blankKept, compared);
    if (changes.length === 0) return { status: 'same', item, target, match };
    const refusal =
      target.state === 'closed'
        ? '该事项已销号，导入不能修改它'
        : this.planSubmitted && changes.some((c) => c.field === 'deadline')
          ? '整改计划已报送，整改时限只能在事项页提出延期申请后调整'
          : null;
    if (refusal) return { status: 'error', item, target, match, changes, message: refusal };
    const patch: ItemChanges = {};
    for (const c of changes) {
      if (c.field === 'title') patch.title = item.title;
      if (c.field === 'kind') patch.kind = item.kind;
      if (c.field === 'deadline') patch.deadline = item.deadline;
      if (c.field === 'responsibleLeader') patch.responsibleLeader = item.responsibleLeader;
      if (c.field === 'leadDepartment') patch.leadDepartmentId = item.leadDepartmentId;
    }
    return { status: 'update', item, target, match, changes, patch };
  }
}

async function reconcilerFor(db: Db, inspection: Inspection, lookups: Lookups): Promise<Reconciler> {
  const [live, plan] = await Promise.all([liveItemsOfInspection(db, inspection.id), planSubmission(db, inspection.id)]);
  return new Reconciler(live, new Map(lookups.departments.map((d) => [d.id, d.name])), plan.submittedAt !== null);
}

/** The token of a preview: the file, the user's choices and the ledger's state, hashed together. */
async function previewTokenOf(db: Db, inspection: Inspection, sha256: string, mapping: ImportMapping): Promise<string> {
  const state = await ledgerStateText(db, inspection);
  return createHash('sha256')
    .update(JSON.stringify([sha256, mapping, state]))
    .digest('hex');
}

const decisionError = (d: Extract<Decision, { status: 'error' }>) => ({
  sheet: d.item.sheet,
  row: d.item.row,
  column: null,
  message: `“${d.item.title}”对应已有事项 ${d.target.number ?? ''}“${d.target.title}”：${d.message}`,
});

/**
 * The dry run: reads the whole file and says, row by row, what it would create, update or leave, and what is wrong,
 * writing nothing; its token is what 确认导入 sends back.
 */
export async function previewLedgerImport(
  ctx: CommandContext,
  inspectionId: number,
  input: LedgerImportInput,
): Promise<LedgerImportPreview> {
  const { inspection, lookups } = await prepare(ctx, inspectionId, input.mapping);
  const read = input.reader ?? scanLedger;
  const reconciler = await reconcilerFor(ctx.db, inspection, lookups);
  const decisions: Decision[] = [];
  const summary = await read(input.filePath, input.fileName, lookups, {
    limits: input.limits,
    onProgress: progressOf(input, 'check'),
    evenWithErrors: true,
    onBatch: async (_problems, items) => {
      for (const item of items) decisions.push(reconciler.decide(item));
    },
  });
  const rowErrors = new Map<string, string[]>();
  for (const e of summary.errors) {
    if (e.row === null) continue;
    const key = `${e.sheet}\u0000${e.row}`;
    rowErrors.set(key, [...(rowErrors.get(key) ?? []), e.message]);
  }
  const counts: Record<RowStatus, number> = { new: 0, same: 0, update: 0, error: 0 };
  const rows: PreviewRow[] = decisions.map((d) => {
    const errors = rowErrors.get(`${d.item.sheet}\u0000${d.item.row}`) ?? [];
    if (d.status === 'error') errors.push(d.message);
    const status: RowStatus = errors.length > 0 ? 'error' : d.status;
    counts[status]++;
    return {
      sheet: d.item.sheet,
      row: d.item.row,
      number: d.status === 'new' ? d.number : d.target.number,
      title: d.item.title,
      status,
      match:
        d.status === 'new'
          ? null
          : {
              id: d.target.id,
              number: d.target.number,
              title: d.target.title,
              by: d.match.by,
              similarity: d.match.similarity,
            },
      changes: d.status === 'update' || d.status === 'error' ? d.changes : [],
      errors,
    };
  });
  const errors = [...summary.errors];
  for (const d of decisions) if (d.status === 'error') errors.push(decisionError(d));
  const sha256 = await sha256Of(input.filePath);
  return {
    ...summary,
    errors,
    rows: rows.slice(0, PREVIEW_ROWS),
    rowsOmitted: Math.max(0, rows.length - PREVIEW_ROWS),
    counts,
    token: await previewTokenOf(ctx.db, inspection, sha256, input.mapping ?? {}),
  };
}

function refusal(summary: LedgerSummary) {
  const unmatched = summary.unmatched.people.length + summary.unmatched.departments.length;
  return appError(
    'ledger_import_refused',
    { errors: summary.errors.length, unmatched },
    { errors: summary.errors, unmatched: summary.unmatched },
  );
}

const isRefused = (s: LedgerSummary) =>
  s.errors.length > 0 || s.unmatched.people.length > 0 || s.unmatched.departments.length > 0;

/**
 * Writes planned problems and items inside one transaction: each row matched to an existing item updates it (or does
 * nothing), every other row is a new item numbered on. What it creates and changes is kept as the import's record,
 * so the import can be undone.
 */
async function ledgerWriter(
  ctx: CommandContext,
  trx: Unit['trx'],
  inspection: Inspection,
  lookups: Lookups,
  record: { fileName: string; sha256: string },
) {
  const inspectionId = inspection.id;
  const now = ctx.now();
  const created = { problems: 0, items: 0, measures: 0, progress: 0 };
  let updated = 0;
  const refusals: LedgerSummary['errors'] = [];
  await lockRow(trx, 'inspections', inspectionId);
  // Read again under the lock: an import that committed since this one was planned may have created the same problems.
  const problemIds = new Map(
    [...lookups.existingProblems, ...(await problemsOfInspection(trx, inspectionId))].map((p) => [
      matchKey(p.title),
      p.id,
    ]),
  );
  const reconciler = await reconcilerFor(trx, inspection, lookups);
  const importId = await insertLedgerImport(
    trx,
    { inspectionId, actorId: ctx.actor.id, fileName: record.fileName, sha256: record.sha256 },
    now,
  );
  let problemSort = (await nextProblemSortOrder(trx, inspectionId)) - 1;
  let itemSort = await nextItemSortOrder(trx, inspectionId);
  return {
    created,
    importId,
    refusals,
    get updated() {
      return updated;
    },
    async finish() {
      await countLedgerImport(trx, importId, { itemsCreated: created.items, itemsUpdated: updated });
    },
    async write(problems: PlannedProblem[], planned: PlannedItem[]) {
      const changes: ImportChange[] = [];
      for (const p of problems) {
        if (problemIds.has(p.key)) continue;
        const id = await insertProblem(
          trx,
          {
            inspectionId,
            aspectId: p.aspectId,
            number: p.number,
            title: p.title,
            description: null,
            sortOrder: ++problemSort,
          },
          now,
        );
        problemIds.set(p.key, id);
        changes.push({ itemId: null, problemId: id, before: null, versionAfter: null });
        created.problems++;
      }
      const fresh: { item: PlannedItem; number: string }[] = [];
      for (const item of planned) {
        const d = reconciler.decide(item);
        if (d.status === 'new') fresh.push({ item, number: d.number });
        else if (d.status === 'error') refusals.push(decisionError(d));
        else if (d.status === 'update') {
          changes.push(await updateMatched(ctx, trx, d.target.id, d.patch));
          updated++;
        }
      }
      const items = fresh.map((f) => f.item);
      const sorts = items.map(() => itemSort++);
      const itemIds = await insertItemsReturningIds(
        trx,
        fresh.map(({ item, number }, i) => ({
          inspectionId,
          unitId: inspection.unitId,
          roundId: inspection.roundId,
          aspectId: item.aspectId,
          problemId: item.problemKey === null ? null : (problemIds.get(item.problemKey) ?? null),
          number,
          title: item.title,
          description: item.description,
          suggestion: null,
          target: null,
          kind: item.kind,
          deadline: item.deadline,
          leadDepartmentId: item.leadDepartmentId,
          responsibleLeader: item.responsibleLeader,
          state: item.state,
          closeStage: item.state === 'close_requested' ? 'unit_review' : null,
          closeRequestedBy: item.state === 'close_requested' ? ctx.actor.id : null,
          closeApprovedBy: null,
          result: item.result,
          closedOn: item.closedOn,
          withheld: item.withheld,
          withheldReason: item.withheldReason,
          flagged: item.flagged,
          sortOrder: sorts[i],
        })),
        now,
      );
      for (const sort of sorts) {
        changes.push({ itemId: itemIds.get(sort) as number, problemId: null, before: null, versionAfter: 1 });
      }
      const measures: { itemId: number; sortOrder: number; measure: MeasureInput }[] = [];
      for (const [i, item] of items.entries()) {
        const itemId = itemIds.get(sorts[i]) as number;
        for (const [n, measure] of item.measures.entries()) measures.push({ itemId, sortOrder: n + 1, measure });
      }
      const measureIds = await insertMeasuresReturningIds(trx, measures, now);
      const progressRows = items.flatMap((item, i) => {
        const itemId = itemIds.get(sorts[i]) as number;
        return item.progress.map((p) => ({
          itemId,
          measureId: p.measure === null ? null : (measureIds.get(`${itemId}:${p.measure + 1}`) ?? null),
          entryOn: p.entryOn,
          content: p.content,
          authorId: ctx.actor.id,
        }));
      });
      await insertProgressRows(trx, progressRows, now);
      await insertImportChanges(trx, importId, changes);
      created.items += items.length;
      created.measures += measures.length;
      created.progress += progressRows.length;
    },
  };
}

/**
 * Updates an existing item's fields as the file has them; a moved deadline goes through the same rule and history as an
 * edit on the item page (issue 13). Returns what the undo needs: the fields as they were and the version left behind.
 */
async function updateMatched(ctx: CommandContext, trx: Unit['trx'], itemId: number, patch: ItemChanges) {
  const before = await getItemRecord(trx, itemId);
  let changes: ItemChanges = { ...patch };
  if (patch.deadline !== undefined && patch.deadline !== before.deadline) {
    const moved = moveDeadline(deadlineRecordOf(before), patch.deadline, 'edit', today(ctx));
    changes = { ...changes, ...deadlineRecordChanges(moved.record) };
    const entry = { itemId, ...moved.change, source: 'edit' as const, extensionId: null };
    await insertDeadlineChange(trx, { ...entry, changedBy: ctx.actor.id, changedOn: today(ctx) }, ctx.now());
  }
  const previous: Record<string, unknown> = {
    title: before.title,
    kind: before.kind,
    deadline: before.deadline,
    responsibleLeader: before.responsible_leader,
    leadDepartmentId: before.lead_department_id,
    originalDeadline: before.original_deadline,
    extensionCount: before.extension_count,
  };
  const kept = Object.fromEntries(
    Object.keys(changes)
      .filter((k) => k in previous)
      .map((k) => [k, previous[k]]),
  );
  await patchItem(trx, itemId, before.version, changes, ctx.now());
  return { itemId, problemId: null, before: kept, versionAfter: before.version + 1 } satisfies ImportChange;
}

const auditImport = (
  audit: Unit['audit'],
  inspectionId: number,
  input: LedgerImportInput,
  sha256: string,
  importedOn: string,
  written: { created: LedgerImportResult['created']; updated: number; importId: number },
) =>
  audit({
    action: 'ledger.import',
    entity: 'inspection',
    entityId: inspectionId,
    after: {
      fileName: input.fileName,
      sha256,
      importedOn,
      ...written.created,
      updated: written.updated,
      importId: written.importId,
    },
  });

/** A row refused against the live ledger refuses the whole import, as a bad cell does. */
function refuseDecisions(written: LedgerSummary, refusals: LedgerSummary['errors']) {
  if (refusals.length > 0) throw refusal({ ...written, errors: [...written.errors, ...refusals] });
}

/** The confirmation must find the file, the choices and the ledger as the preview saw them. */
async function assertPreviewed(
  trx: Unit['trx'],
  inspection: Inspection,
  input: LedgerImportInput,
  sha256: string,
): Promise<void> {
  if (input.previewToken === undefined) return;
  // Under the inspection's lock: two confirmations of one preview in parallel (PostgreSQL runs both transactions at
  // once) must not both find the ledger unchanged; the second waits, then finds the first one's writes.
  await lockRow(trx, 'inspections', inspection.id);
  const token = await previewTokenOf(trx, inspection, sha256, input.mapping ?? {});
  if (token !== input.previewToken) throw appError('ledger_import_stale');
}

/**
 * The real import, all or nothing: a first pass plans and refuses on any error or unmatched name; the second reads the
 * file again and writes everything in one transaction, in batches, with one audit event for the whole import. Memory
 * stays at one batch whatever the file's size; the transaction is open while the second pass reads, which suits the
 * command line (it is alone) but not a server (see importLedgerPlannedFirst).
 */
export async function importLedger(
  ctx: CommandContext,
  inspectionId: number,
  input: LedgerImportInput,
): Promise<LedgerImportResult> {
  const { inspection, lookups } = await prepare(ctx, inspectionId, input.mapping);
  const read = input.reader ?? scanLedger;
  const planned = await read(input.filePath, input.fileName, lookups, {
    limits: input.limits,
    onProgress: progressOf(input, 'check'),
  });
  if (isRefused(planned)) throw refusal(planned);
  const sha256 = await sha256Of(input.filePath);
  const entryDay = today(ctx);
  return change(ctx, async ({ trx, audit }) => {
    await assertPreviewed(trx, inspection, input, sha256);
    const writer = await ledgerWriter(ctx, trx, inspection, lookups, { fileName: input.fileName, sha256 });
    const written = await read(input.filePath, input.fileName, lookups, {
      limits: input.limits,
      onProgress: progressOf(input, 'write'),
      onBatch: writer.write,
    });
    // The file is read twice; if it changed in between, the second reading decides, and refuses as the first would.
    if (isRefused(written)) throw refusal(written);
    refuseDecisions(written, writer.refusals);
    await writer.finish();
    const result = { created: writer.created, updated: writer.updated, importId: writer.importId };
    await auditImport(audit, inspectionId, input, sha256, entryDay, result);
    return { ...written, ...result };
  });
}

/** Items written between two yields to the event loop inside the import's transaction. */
const WRITE_CHUNK = 500;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The import as the server runs it (issue 12): one reading plans everything before any transaction starts (the reader
 * is meant to be the worker thread), then one all-or-nothing transaction only writes, in chunks of WRITE_CHUNK items with
 * a turn of the event loop between them. The transaction is as short as the writing alone can make it: on SQLite it
 * holds the one connection (other queries queue for that long; on PostgreSQL they go on), and a bad row still changes
 * nothing. The price is memory: the whole plan is held until it is written.
 */
export async function importLedgerPlannedFirst(
  ctx: CommandContext,
  inspectionId: number,
  input: LedgerImportInput,
): Promise<LedgerImportResult> {
  const { inspection, lookups } = await prepare(ctx, inspectionId, input.mapping);
  const read = input.reader ?? scanLedger;
  const problems: PlannedProblem[] = [];
  const items: PlannedItem[] = [];
  const summary = await read(input.filePath, input.fileName, lookups, {
    limits: input.limits,
    onProgress: progressOf(input, 'check'),
    onBatch: async (p, i) => {
      for (const problem of p) problems.push(problem);
      for (const item of i) items.push(item);
    },
  });
  if (isRefused(summary)) throw refusal(summary);
  const sha256 = await sha256Of(input.filePath);
  const entryDay = today(ctx);
  return change(ctx, async ({ trx, audit }) => {
    await assertPreviewed(trx, inspection, input, sha256);
    const writer = await ledgerWriter(ctx, trx, inspection, lookups, { fileName: input.fileName, sha256 });
    // Every problem first: they are few, and items of any chunk may refer to any of them.
    await writer.write(problems, []);
    for (let i = 0; i < items.length; i += WRITE_CHUNK) {
      await writer.write([], items.slice(i, i + WRITE_CHUNK));
      input.onProgress?.({ phase: 'write', sheet: '', rows: 0, items: writer.created.items, total: items.length });
      await yieldToEventLoop();
    }
    refuseDecisions(summary, writer.refusals);
    await writer.finish();
    const result = { created: writer.created, updated: writer.updated, importId: writer.importId };
    await auditImport(audit, inspectionId, input, sha256, entryDay, result);
    return { ...summary, ...result };
  });
}

/** The inspection's recent imports, newest first, each saying whether it may still be undone and by whom. */
export async function listLedgerImports(
  ctx: CommandContext,
  inspectionId: number,
): Promise<(LedgerImportRecord & { undoableUntil: string | null })[]> {
  await authorizeInspection(ctx, inspectionId, 'importLedger');
  const records = await ledgerImportsOf(ctx.db, inspectionId, 20);
  const now = ctx.now();
  return records.map((r) => ({
    ...r,
    undoableUntil:
      r.undoneAt === null && mayUndoImport(r.createdAt, now)
        ? new Date(new Date(r.createdAt).getTime() + IMPORT_UNDO_HOURS * 3_600_000).toISOString()
        : null,
  }));
}

/**
 * 撤销导入: within a day, whoever may import into the inspection undoes a whole import in one audited transaction: the
 * items it created are deleted (with their measures and progress), the fields it changed are restored, the problems it
 * created and nothing else uses are deleted. Refused whole when any of those items was changed since, so no later work
 * is lost. A lateness the import wrote down (missed_deadline) stays: once late is always late (issue 13).
 */
export async function undoLedgerImport(
  ctx: CommandContext,
  inspectionId: number,
  importId: number,
): Promise<{ deleted: number; restored: number; problems: number }> {
  await authorizeInspection(ctx, inspectionId, 'importLedger');
  const record = await ledgerImportById(ctx.db, importId);
  if (!record || record.inspectionId !== inspectionId) throw AppError.notFound('ledger_import', importId);
  if (record.undoneAt !== null) throw appError('ledger_import_already_undone');
  if (!mayUndoImport(record.createdAt, ctx.now())) {
    throw appError('ledger_import_undo_expired', { hours: IMPORT_UNDO_HOURS });
  }
  return change(ctx, async ({ trx, audit }) => {
    await lockRow(trx, 'inspections', inspectionId);
    const changes = await importChangesOf(trx, importId);
    const itemChanges = changes.filter((c) => c.itemId !== null);
    const live = new Map((await liveItemsOfInspection(trx, inspectionId)).map((i) => [i.id, i]));
    const createdIds = itemChanges.filter((c) => c.before === null).map((c) => c.itemId as number);
    const touched = await createdItemsTouchedSince(trx, createdIds, record.createdAt);
    const conflicts = itemChanges.filter((c) => {
      const item = live.get(c.itemId as number);
      return !item || item.version !== c.versionAfter || touched.has(c.itemId as number);
    });
    if (conflicts.length > 0) {
      const first = live.get(conflicts[0].itemId as number);
      const named = first ? `${first.number ?? ''} ${first.title}`.trim() : `#${conflicts[0].itemId}`;
      const params = { count: conflicts.length, first: named };
      throw appError('ledger_import_undo_conflict', params, { itemIds: conflicts.map((c) => c.itemId) });
    }
    let restored = 0;
    for (const c of itemChanges) {
      if (c.before === null) continue;
      const item = live.get(c.itemId as number) as LiveItem;
      const fields = c.before as ItemChanges;
      if (fields.deadline !== undefined && fields.deadline !== item.deadline) {
        const entry = {
          itemId: item.id,
          from: item.deadline,
          to: fields.deadline,
          source: 'edit' as const,
          extensionId: null,
        };
        await insertDeadlineChange(trx, { ...entry, changedBy: ctx.actor.id, changedOn: today(ctx) }, ctx.now());
      }
      await patchItem(trx, item.id, item.version, fields, ctx.now());
      restored++;
    }
    await deleteImportedItems(trx, createdIds);
    const problems = await deleteUnusedProblems(
      trx,
      changes.filter((c) => c.problemId !== null).map((c) => c.problemId as number),
    );
    await markImportUndone(trx, importId, ctx.actor.id, ctx.now());
    const result = { deleted: createdIds.length, restored, problems };
    await audit({
      action: 'ledger.import.undo',
      entity: 'inspection',
      entityId: inspectionId,
      before: { importId, fileName: record.fileName, importedAt: record.createdAt },
      after: result,
    });
    return result;
  });
}
