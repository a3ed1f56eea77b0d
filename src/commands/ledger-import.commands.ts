import type { Insertable } from 'kysely';
import { type CommandContext, today } from '../context.ts';
import type { MeasureTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { matchKey } from '../ledger-io/import/cells.ts';
import type { ImportMapping, LedgerSummary } from '../ledger-io/import/planner.ts';
import { type ScanProgress, scanLedger } from '../ledger-io/import/scan.ts';
import { type ReadLimits, sha256Of } from '../ledger-io/import/source.ts';
import { canImportLedger, canReadInspection, type ScopedResource } from '../policies/policies.ts';
import { getInspection, insertProblem, nextProblemSortOrder } from '../repositories/inspections.repository.ts';
import { measureColumns } from '../repositories/item-parts.repository.ts';
import { nextItemSortOrder } from '../repositories/items.repository.ts';
import {
  insertItemsReturningIds,
  insertMeasuresReturningIds,
  insertProgressRows,
  loadImportLookups,
} from '../repositories/ledger-import.repository.ts';
import { change } from './context.ts';

export interface LedgerImportInput {
  filePath: string;
  /** The name the user knows the file by, for sheet names of a CSV and the audit record. */
  fileName: string;
  mapping?: ImportMapping;
  limits?: ReadLimits;
  onProgress?: (p: LedgerImportProgress) => void;
}

/** check: the planning pass (all a dry run does); write: the second pass, inside the transaction. */
export type LedgerImportProgress = ScanProgress & { phase: 'check' | 'write' };

const progressOf = (input: LedgerImportInput, phase: LedgerImportProgress['phase']) =>
  input.onProgress && ((p: ScanProgress) => input.onProgress?.({ ...p, phase }));

export interface LedgerImportResult extends LedgerSummary {
  created: { problems: number; items: number; measures: number; progress: number };
}

/** Refuses (404 / 403) before anyone uploads a large file for nothing. */
export async function authorizeLedgerImport(ctx: CommandContext, inspectionId: number) {
  const inspection = await getInspection(ctx.db, inspectionId);
  const scope: ScopedResource = { unitPath: inspection.unitPath, teamId: inspection.teamId, departmentPaths: [] };
  if (!canReadInspection(ctx.actor, scope)) throw AppError.notFound('inspection', inspectionId);
  if (!canImportLedger(ctx.actor, scope)) throw AppError.forbidden();
  return inspection;
}

async function prepare(ctx: CommandContext, inspectionId: number, mapping: ImportMapping = {}) {
  const inspection = await authorizeLedgerImport(ctx, inspectionId);
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
  return scanLedger(input.filePath, input.fileName, lookups, {
    limits: input.limits,
    onProgress: progressOf(input, 'check'),
  });
}

function refusal(summary: LedgerSummary) {
  const unmatched = summary.unmatched.people.length + summary.unmatched.departments.length;
  const parts = [
    summary.errors.length > 0 ? `${summary.errors.length} 处错误` : '',
    unmatched > 0 ? `${unmatched} 个未匹配的人员或部门（请提供名称映射）` : '',
  ].filter(Boolean);
  return AppError.badRequest(
    'ledger_import_refused',
    `台账未导入：${parts.join('，')} / the ledger was not imported: fix the errors and map the unmatched names`,
    { errors: summary.errors, unmatched: summary.unmatched },
  );
}

const isRefused = (s: LedgerSummary) =>
  s.errors.length > 0 || s.unmatched.people.length > 0 || s.unmatched.departments.length > 0;

/**
 * The real import, all or nothing: a first pass plans and refuses on any error or unmatched name; the second reads the
 * file again and writes everything in one transaction, in batches, with one audit event for the whole import.
 */
export async function importLedger(
  ctx: CommandContext,
  inspectionId: number,
  input: LedgerImportInput,
): Promise<LedgerImportResult> {
  const { inspection, lookups } = await prepare(ctx, inspectionId, input.mapping);
  const planned = await scanLedger(input.filePath, input.fileName, lookups, {
    limits: input.limits,
    onProgress: progressOf(input, 'check'),
  });
  if (isRefused(planned)) throw refusal(planned);
  const sha256 = await sha256Of(input.filePath);
  const entryDay = today(ctx);
  return change(ctx, async ({ trx, audit }) => {
    const now = ctx.now().toISOString();
    const created = { problems: 0, items: 0, measures: 0, progress: 0 };
    const problemIds = new Map(lookups.existingProblems.map((p) => [matchKey(p.title), p.id]));
    let problemSort = (await nextProblemSortOrder(trx, inspectionId)) - 1;
    let itemSort = await nextItemSortOrder(trx, inspectionId);
    const written = await scanLedger(input.filePath, input.fileName, lookups, {
      limits: input.limits,
      onProgress: progressOf(input, 'write'),
      onBatch: async (problems, items) => {
        for (const p of problems) {
          const id = await insertProblem(trx, {
            inspectionId,
            aspectId: p.aspectId,
            number: p.number,
            title: p.title,
            description: null,
            sortOrder: ++problemSort,
          });
          problemIds.set(p.key, id);
          created.problems++;
        }
        const sorts = items.map(() => itemSort++);
        const itemIds = await insertItemsReturningIds(
          trx,
          items.map((item, i) => ({
            inspection_id: inspectionId,
            unit_id: inspection.unitId,
            round_id: inspection.roundId,
            aspect_id: item.aspectId,
            problem_id: item.problemKey === null ? null : (problemIds.get(item.problemKey) ?? null),
            number: item.number,
            title: item.title,
            description: item.description,
            suggestion: null,
            target: null,
            kind: item.kind,
            deadline: item.deadline,
            lead_department_id: item.leadDepartmentId,
            responsible_leader: item.responsibleLeader,
            state: item.state,
            close_stage: item.state === 'close_requested' ? 'unit_review' : null,
            close_requested_by: item.state === 'close_requested' ? ctx.actor.id : null,
            close_approved_by: null,
            result: item.result,
            closed_on: item.closedOn,
            withheld: item.withheld ? 1 : 0,
            withheld_reason: item.withheldReason,
            flagged: item.flagged ? 1 : 0,
            sort_order: sorts[i],
            created_at: now,
            updated_at: now,
          })),
        );
        const measureRows: Insertable<MeasureTable>[] = [];
        for (const [i, item] of items.entries()) {
          const itemId = itemIds.get(sorts[i]) as number;
          for (const [n, m] of item.measures.entries()) {
            measureRows.push({
              item_id: itemId,
              sort_order: n + 1,
              ...measureColumns(m),
              created_at: now,
              updated_at: now,
            });
          }
        }
        const measureIds = await insertMeasuresReturningIds(trx, measureRows);
        const progressRows = items.flatMap((item, i) => {
          const itemId = itemIds.get(sorts[i]) as number;
          return item.progress.map((p) => ({
            item_id: itemId,
            measure_id: p.measure === null ? null : (measureIds.get(`${itemId}:${p.measure + 1}`) ?? null),
            entry_on: p.entryOn,
            content: p.content,
            author_id: ctx.actor.id,
            created_at: now,
          }));
        });
        await insertProgressRows(trx, progressRows);
        created.items += items.length;
        created.measures += measureRows.length;
        created.progress += progressRows.length;
      },
    });
    // The file is read twice; if it changed in between, the second reading decides, and refuses as the first would.
    if (isRefused(written)) throw refusal(written);
    await audit({
      action: 'ledger.import',
      entity: 'inspection',
      entityId: inspectionId,
      after: { fileName: input.fileName, sha256, importedOn: entryDay, ...created },
    });
    return { ...written, created };
  });
}
