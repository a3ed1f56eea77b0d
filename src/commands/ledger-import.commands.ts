import { type CommandContext, today } from '../context.ts';
import { appError } from '../errors.ts';
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
import { insertProblem, nextProblemSortOrder } from '../repositories/inspections.repository.ts';
import type { MeasureInput } from '../repositories/item-parts.repository.ts';
import { nextItemSortOrder } from '../repositories/items.repository.ts';
import {
  insertItemsReturningIds,
  insertMeasuresReturningIds,
  insertProgressRows,
  loadImportLookups,
  lockInspectionForImport,
  problemsOfInspection,
} from '../repositories/ledger-import.repository.ts';
import { change, type Unit } from './context.ts';

export interface LedgerImportInput {
  filePath: string;
  /** The name the user knows the file by, for sheet names of a CSV and the audit record. */
  fileName: string;
  mapping?: ImportMapping;
  limits?: ReadLimits;
  onProgress?: (p: LedgerImportProgress) => void;
  /** Who reads the file: scanLedger in this thread (the CLI), or scanLedgerInWorker (the server, off the event loop). */
  reader?: typeof scanLedger;
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
}

async function prepare(ctx: CommandContext, inspectionId: number, mapping: ImportMapping = {}) {
  const inspection = await authorizeInspection(ctx, inspectionId, 'importLedger');
  const found = await loadImportLookups(ctx.db, inspection);
  return {
    inspection,
    lookups: { ...found, feedbackOn: inspection.feedbackOn, today: today(ctx), mapping },
  };
}

/** The dry run: reads the whole file and says what it would create and what is wrong, writing nothing. */
export async function previewLedgerImport(
  ctx: CommandContext,
  inspectionId: number,
  input: LedgerImportInput,
): Promise<LedgerSummary> {
  const { lookups } = await prepare(ctx, inspectionId, input.mapping);
  const read = input.reader ?? scanLedger;
  return read(input.filePath, input.fileName, lookups, {
    limits: input.limits,
    onProgress: progressOf(input, 'check'),
  });
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

type Inspection = Awaited<ReturnType<typeof prepare>>['inspection'];
type Lookups = ImportLookups & { existingProblems: { id: number; title: string }[] };

/** Writes planned problems and items inside one transaction, counting what it created. */
async function ledgerWriter(ctx: CommandContext, trx: Unit['trx'], inspection: Inspection, lookups: Lookups) {
  const inspectionId = inspection.id;
  const now = ctx.now();
  const created = { problems: 0, items: 0, measures: 0, progress: 0 };
  await lockInspectionForImport(trx, inspectionId);
  // Read again under the lock: an import that committed since this one was planned may have created the same problems.
  const problemIds = new Map(
    [...lookups.existingProblems, ...(await problemsOfInspection(trx, inspectionId))].map((p) => [
      matchKey(p.title),
      p.id,
    ]),
  );
  let problemSort = (await nextProblemSortOrder(trx, inspectionId)) - 1;
  let itemSort = await nextItemSortOrder(trx, inspectionId);
  return {
    created,
    async write(problems: PlannedProblem[], items: PlannedItem[]) {
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
        created.problems++;
      }
      const sorts = items.map(() => itemSort++);
      const itemIds = await insertItemsReturningIds(
        trx,
        items.map((item, i) => ({
          inspectionId,
          unitId: inspection.unitId,
          roundId: inspection.roundId,
          aspectId: item.aspectId,
          problemId: item.problemKey === null ? null : (problemIds.get(item.problemKey) ?? null),
          number: item.number,
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
      created.items += items.length;
      created.measures += measures.length;
      created.progress += progressRows.length;
    },
  };
}

const auditImport = (
  audit: Unit['audit'],
  inspectionId: number,
  input: LedgerImportInput,
  sha256: string,
  importedOn: string,
  created: LedgerImportResult['created'],
) =>
  audit({
    action: 'ledger.import',
    entity: 'inspection',
    entityId: inspectionId,
    after: { fileName: input.fileName, sha256, importedOn, ...created },
  });

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
    const writer = await ledgerWriter(ctx, trx, inspection, lookups);
    const written = await read(input.filePath, input.fileName, lookups, {
      limits: input.limits,
      onProgress: progressOf(input, 'write'),
      onBatch: writer.write,
    });
    // The file is read twice; if it changed in between, the second reading decides, and refuses as the first would.
    if (isRefused(written)) throw refusal(written);
    await auditImport(audit, inspectionId, input, sha256, entryDay, writer.created);
    return { ...written, created: writer.created };
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
    const writer = await ledgerWriter(ctx, trx, inspection, lookups);
    // Every problem first: they are few, and items of any chunk may refer to any of them.
    await writer.write(problems, []);
    for (let i = 0; i < items.length; i += WRITE_CHUNK) {
      await writer.write([], items.slice(i, i + WRITE_CHUNK));
      input.onProgress?.({ phase: 'write', sheet: '', rows: 0, items: writer.created.items, total: items.length });
      await yieldToEventLoop();
    }
    await auditImport(audit, inspectionId, input, sha256, entryDay, writer.created);
    return { ...summary, created: writer.created };
  });
}
