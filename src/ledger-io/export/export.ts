import type { Writable } from 'node:stream';
import { type CommandContext, today } from '../../commands/context.ts';
import { inspectionScope } from '../../commands/org.commands.ts';
import { AppError } from '../../errors.ts';
import { readScope } from '../../policies/policies.ts';
import type { ItemFilter } from '../../repositories/items.repository.ts';
import { scopedItemIdsByInspection } from '../../repositories/ledger-export.repository.ts';
import { type LedgerSnapshot, loadLedgerSnapshot } from '../../repositories/ledger-snapshot.repository.ts';
import { LEDGER_SHEET_NAME } from './layout.ts';
import { type LedgerSheet, writeLedgerWorkbook } from './xlsx.ts';

/** An export that has passed its checks: the name to offer, and the writer to run once the response or file is open. */
export interface PreparedExport {
  fileName: string;
  inspections: number;
  write(output: Writable): Promise<{ rows: number }>;
}

/** More sheets than this is no longer a ledger anyone prints; the filter should be narrowed to a round or a unit. */
export const MAX_EXPORT_INSPECTIONS = 100;

export function sheetOf(snapshot: LedgerSnapshot, name: string, exportedOn: string): LedgerSheet {
  return {
    name,
    heading: {
      unit: snapshot.inspection.unitName,
      team: snapshot.inspection.teamName,
      feedbackOn: snapshot.inspection.feedbackOn,
      exportedOn,
    },
    aspectNames: new Map(snapshot.aspects.map((a) => [a.id, a.name])),
    problemTitles: new Map(snapshot.problems.map((p) => [p.id, p.title])),
    items: snapshot.items,
  };
}

/** Excel refuses sheet names over 31 characters or containing []:*?/\ and compares them case-insensitively. */
function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, ' ').trim() || LEDGER_SHEET_NAME;
  let name = clean.slice(0, 31);
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${clean.slice(0, 31 - `(${n})`.length)}(${n})`;
  taken.add(name.toLowerCase());
  return name;
}

function fileNameFor(unit: string | null, exportedOn: string): string {
  return `${unit ?? ''}整改台账${exportedOn.replaceAll('-', '')}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
}

/** One inspection's ledger, as much of it as the actor may read (a department sees the items it answers for). */
export async function prepareInspectionExport(ctx: CommandContext, inspectionId: number): Promise<PreparedExport> {
  await inspectionScope(ctx, inspectionId);
  const exportedOn = today(ctx);
  const ids =
    (await scopedItemIdsByInspection(ctx.db, readScope(ctx.actor), { inspectionId }, exportedOn)).get(inspectionId) ??
    [];
  const snapshot = await loadLedgerSnapshot(ctx.db, inspectionId, { itemIds: ids });
  return {
    fileName: fileNameFor(snapshot.inspection.unitName, exportedOn),
    inspections: 1,
    write: (output) => writeLedgerWorkbook(output, [sheetOf(snapshot, LEDGER_SHEET_NAME, exportedOn)], exportedOn),
  };
}

/**
 * The ledger page's current selection: one sheet per inspection, each in the full customary layout headed by its own unit,
 * so every sheet reads (and imports) as that unit's ledger. A single inspection's sheet keeps the plain name 整改台账.
 */
export async function prepareFilteredExport(ctx: CommandContext, filter: ItemFilter): Promise<PreparedExport> {
  const exportedOn = today(ctx);
  const groups = await scopedItemIdsByInspection(ctx.db, readScope(ctx.actor), filter, exportedOn);
  if (groups.size > MAX_EXPORT_INSPECTIONS) {
    throw AppError.badRequest(
      'export_too_wide',
      `筛选结果涉及 ${groups.size} 个巡察，超过 ${MAX_EXPORT_INSPECTIONS} 个，请按轮次、单位或巡察缩小范围后导出 / the selection spans ${groups.size} inspections; narrow it to at most ${MAX_EXPORT_INSPECTIONS}`,
      { inspections: groups.size, max: MAX_EXPORT_INSPECTIONS },
    );
  }
  const single = groups.size === 1;
  const first = single
    ? await loadLedgerSnapshot(ctx.db, [...groups.keys()][0], { itemIds: [...groups.values()][0] })
    : null;
  async function* sheets(): AsyncGenerator<LedgerSheet> {
    if (first) {
      yield sheetOf(first, LEDGER_SHEET_NAME, exportedOn);
      return;
    }
    const taken = new Set<string>();
    // One inspection's snapshot at a time: the previous one is released once its sheet is written.
    for (const [inspectionId, itemIds] of groups) {
      const snapshot = await loadLedgerSnapshot(ctx.db, inspectionId, { itemIds });
      yield sheetOf(snapshot, uniqueSheetName(snapshot.inspection.unitName, taken), exportedOn);
    }
  }
  return {
    fileName: fileNameFor(first?.inspection.unitName ?? null, exportedOn),
    inspections: groups.size,
    write: (output) => {
      // An empty selection still gets a ledger with its title and header, so the download is never a broken file.
      if (groups.size === 0) return writeLedgerWorkbook(output, [emptySheet(exportedOn)], exportedOn);
      return writeLedgerWorkbook(output, sheets(), exportedOn);
    },
  };
}

function emptySheet(exportedOn: string): LedgerSheet {
  return {
    name: LEDGER_SHEET_NAME,
    heading: { unit: '', team: '', feedbackOn: null, exportedOn },
    aspectNames: new Map(),
    problemTitles: new Map(),
    items: [],
  };
}
