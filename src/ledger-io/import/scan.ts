import { AppError, appErrorFrom } from '../../errors.ts';
import { INSTRUCTIONS_SHEET_NAME } from '../export/layout.ts';
import {
  type ImportLookups,
  LedgerPlanner,
  type LedgerSummary,
  type PlannedItem,
  type PlannedProblem,
} from './planner.ts';
import { DEFAULT_LIMITS, openLedgerFile, type ReadLimits } from './source.ts';

export interface ScanProgress {
  sheet: string;
  rows: number;
  items: number;
}

export interface ScanOptions {
  limits?: ReadLimits;
  /** Called every few thousand rows and once at the end. */
  onProgress?: (p: ScanProgress) => void;
  /** Receives finished items in batches (problems first); omitted for a dry run, which only counts. */
  onBatch?: (problems: PlannedProblem[], items: PlannedItem[]) => Promise<void>;
  batchSize?: number;
  /** Hand on items even once an error is found: a preview lists every row; an import stops writing at the first. */
  evenWithErrors?: boolean;
}

const PROGRESS_EVERY = 5000;

/** One pass over a ledger file: streams its rows through the planner, handing finished items on in batches. */
export async function scanLedger(
  filePath: string,
  displayName: string,
  lookups: ImportLookups,
  options: ScanOptions = {},
): Promise<LedgerSummary> {
  const planner = new LedgerPlanner(lookups);
  const batchSize = options.batchSize ?? 500;
  let rows = 0;
  let items = 0;
  let sheetName = '';
  const drain = async (force: boolean) => {
    if (planner.ready.length < batchSize && !force) return;
    const problems = planner.newProblems.splice(0);
    const ready = planner.ready.splice(0);
    items += ready.length;
    // Once anything is wrong the import will be refused; planning goes on only to list every problem.
    if (options.onBatch && (options.evenWithErrors || !planner.hasErrors)) await options.onBatch(problems, ready);
  };
  try {
    await readSheets();
  } catch (error) {
    throw withDetails(error, displayName);
  }
  const summary = planner.finish();
  await drain(true);
  options.onProgress?.({ sheet: sheetName, rows, items });
  return summary;

  async function readSheets() {
    const sheets = await openLedgerFile(filePath, displayName, options.limits ?? DEFAULT_LIMITS);
    for await (const sheet of sheets) {
      sheetName = sheet.name;
      // The template's 填写说明 sheet is for the person filling it in, not ledger rows.
      if (sheet.hidden || sheet.name === INSTRUCTIONS_SHEET_NAME) {
        for await (const _ of sheet.rows);
        continue;
      }
      planner.startSheet(sheet.name);
      for await (const row of sheet.rows) {
        planner.row(row.number, row.cells);
        rows++;
        if (rows % PROGRESS_EVERY === 0)
          options.onProgress?.({ sheet: sheetName, rows, items: items + planner.ready.length });
        await drain(false);
      }
    }
  }
}

/** A file refused as a whole is reported like any other problem, so callers show one kind of error list. */
function withDetails(error: unknown, fileName: string): unknown {
  if (!(error instanceof AppError) || error.statusCode !== 400 || error.details !== undefined) return error;
  return appErrorFrom(error, {
    errors: [{ sheet: fileName, row: null, column: null, message: error.messageIn('zh') }],
    unmatched: { people: [], departments: [] },
  });
}
