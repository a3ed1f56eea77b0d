import type { Writable } from 'node:stream';
import { type CommandContext, today } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { withoutControlCharacters } from '../../domain/file-names.ts';
import { appError } from '../../errors.ts';
import { authorizeInspection } from '../../policies/authorize.ts';
import { readScope } from '../../policies/policies.ts';
import type { ItemFilter } from '../../repositories/items.repository.ts';
import {
  ledgerOrder,
  loadLedgerHeader,
  loadSnapshotItems,
  scopedItemIdsByInspection,
} from '../../repositories/ledger-export.repository.ts';
import type { SnapshotItem } from '../../repositories/ledger-snapshot.repository.ts';
import { LEDGER_SHEET_NAME } from './layout.ts';
import { type LedgerSheet, writeLedgerWorkbook } from './xlsx.ts';

/**
 * An export that has passed its checks: the name to offer, and the writer to run (once) when the response or file is open.
 */
export interface PreparedExport {
  fileName: string;
  inspections: number;
  write(output: Writable): Promise<{ rows: number }>;
}

/** More sheets than this is no longer a ledger anyone prints; the filter should be narrowed to a round or a unit. */
export const MAX_EXPORT_INSPECTIONS = 100;

/** Items are read this many at a time, so a 100,000-row ledger never sits in memory whole. */
const PAGE = 2000;

async function* pagedItems(db: Db, orderedIds: number[]): AsyncGenerator<SnapshotItem> {
  for (let i = 0; i < orderedIds.length; i += PAGE) yield* await loadSnapshotItems(db, orderedIds.slice(i, i + PAGE));
}

/** One inspection's sheet: its header now, its items (those given, in ledger order) read page by page while writing. */
async function sheetOf(
  db: Db,
  inspectionId: number,
  itemIds: number[],
  name: string,
  exportedOn: string,
): Promise<LedgerSheet> {
  const header = await loadLedgerHeader(db, inspectionId);
  const ordered = await ledgerOrder(db, header, itemIds);
  return {
    name,
    heading: {
      unit: header.inspection.unitName,
      team: header.inspection.teamName,
      feedbackOn: header.inspection.feedbackOn,
      exportedOn,
    },
    aspectNames: new Map(header.aspects.map((a) => [a.id, a.name])),
    problemTitles: new Map(header.problems.map((p) => [p.id, p.title])),
    items: pagedItems(db, ordered),
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
  return withoutControlCharacters(`${unit ?? ''}整改台账${exportedOn.replaceAll('-', '')}.xlsx`).replace(
    /[\\/:*?"<>|]/g,
    '_',
  );
}

/** One inspection's ledger, as much of it as the actor may read (a department sees the items it answers for). */
export async function prepareInspectionExport(ctx: CommandContext, inspectionId: number): Promise<PreparedExport> {
  await authorizeInspection(ctx, inspectionId, 'read');
  const exportedOn = today(ctx);
  const ids =
    (await scopedItemIdsByInspection(ctx.db, readScope(ctx.actor), { inspectionId }, exportedOn)).get(inspectionId) ??
    [];
  const sheet = await sheetOf(ctx.db, inspectionId, ids, LEDGER_SHEET_NAME, exportedOn);
  return {
    fileName: fileNameFor(sheet.heading.unit, exportedOn),
    inspections: 1,
    write: (output) => writeLedgerWorkbook(output, [sheet], exportedOn),
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
    const spread = { inspections: groups.size, max: MAX_EXPORT_INSPECTIONS };
    throw appError('export_too_wide', spread, spread);
  }
  const [only] = groups.size === 1 ? groups : [];
  const first = only ? await sheetOf(ctx.db, only[0], only[1], LEDGER_SHEET_NAME, exportedOn) : null;
  async function* sheets(): AsyncGenerator<LedgerSheet> {
    if (first) {
      yield first;
      return;
    }
    const taken = new Set<string>();
    for (const [inspectionId, itemIds] of groups) {
      const sheet = await sheetOf(ctx.db, inspectionId, itemIds, '', exportedOn);
      yield { ...sheet, name: uniqueSheetName(sheet.heading.unit, taken) };
    }
  }
  return {
    fileName: fileNameFor(first?.heading.unit ?? null, exportedOn),
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
