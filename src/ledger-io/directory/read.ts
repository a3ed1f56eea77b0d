import {
  ACCOUNT_COLUMN_NAMES,
  type AccountField,
  DEPARTMENT_COLUMN_NAMES,
  DIRECTORY_SHEET_NAMES,
  type DirectorySheet,
  MAX_DIRECTORY_ROWS,
  UNIT_COLUMN_NAMES,
  type UnitField,
} from '../../domain/directory.ts';
import { appError } from '../../errors.ts';
import { type CellValue, cellText, normalise } from '../import/cells.ts';
import { headerMatcher } from '../import/columns.ts';
import { DEFAULT_LIMITS, openLedgerFile, type ReadLimits } from '../import/source.ts';
import { columnLetter } from '../spreadsheet.ts';

/** One data row of a sheet: the text of each recognised column, and how to name a column in a message. */
export interface DirectoryRow<F extends string> {
  sheet: string;
  row: number;
  values: Partial<Record<F, string>>;
  /** "C列（上级单位）", as the person sees it in their file. */
  column: Record<F, string>;
}

export interface DirectoryRows {
  units: DirectoryRow<UnitField>[];
  departments: DirectoryRow<UnitField>[];
  accounts: DirectoryRow<AccountField>[];
  /** Columns the file has, per sheet kind: a missing optional column leaves its field alone. */
  columns: { units: UnitField[]; departments: UnitField[]; accounts: AccountField[] };
  /** Problems with the file's shape: a sheet without its required columns. */
  errors: { sheet: string; row: number | null; column: string | null; message: string }[];
  /** Sheets read as nothing (neither by name nor by headings); the page shows them so nothing is lost unseen. */
  ignoredSheets: string[];
}

const ALIASES = {
  units: UNIT_COLUMN_NAMES,
  departments: DEPARTMENT_COLUMN_NAMES,
  accounts: ACCOUNT_COLUMN_NAMES,
} as const;
const MATCHERS = {
  units: headerMatcher(UNIT_COLUMN_NAMES),
  departments: headerMatcher(DEPARTMENT_COLUMN_NAMES),
  accounts: headerMatcher(ACCOUNT_COLUMN_NAMES),
};
const REQUIRED: Record<DirectorySheet, readonly string[]> = {
  units: ['name'],
  departments: ['name', 'parent'],
  accounts: ['username', 'displayName', 'role', 'unit'],
};
/** The export's own explanations sheet, skipped without a word. */
const NOTES_SHEET = '说明';
/** The heading is looked for in the first rows only: a title or a note may stand above it, a table does not. */
const HEADER_SEARCH_ROWS = 10;

const sheetKindByName = (name: string): DirectorySheet | undefined => {
  const key = normalise(name);
  return (Object.keys(DIRECTORY_SHEET_NAMES) as DirectorySheet[]).find((kind) =>
    DIRECTORY_SHEET_NAMES[kind].some((n) => normalise(n) === key),
  );
};

type ColumnMap = Record<string, number>;

function headerFor(kind: DirectorySheet, cells: CellValue[]): ColumnMap | undefined {
  const map: ColumnMap = {};
  for (const [i, v] of cells.entries()) {
    const field = MATCHERS[kind](v);
    if (field && map[field] === undefined) map[field] = i;
  }
  return REQUIRED[kind].every((f) => map[f] !== undefined) ? map : undefined;
}

/**
 * A sheet named for nothing we know is read by its headings: 用户名 makes it the accounts; 部门名称 or 所属单位 the
 * departments; otherwise a sheet with a name column is the units.
 */
function guessKind(cells: CellValue[]): { kind: DirectorySheet; map: ColumnMap } | undefined {
  const texts = cells.map((c) => normalise(cellText(c)));
  const accounts = headerFor('accounts', cells);
  if (accounts) return { kind: 'accounts', map: accounts };
  const departments = headerFor('departments', cells);
  const namesDepartment = texts.some((t) => t.startsWith('部门') || t === '所属单位');
  if (departments && namesDepartment) return { kind: 'departments', map: departments };
  const units = headerFor('units', cells);
  return units ? { kind: 'units', map: units } : undefined;
}

/**
 * Reads the directory workbook (or a CSV of one sheet) through the ledger's reader: the same zip-bomb guard, the same
 * cell rules, the same tolerance of headings (spaces, full-width brackets, a trailing note). Rows come out as text.
 */
export async function readDirectoryFile(
  filePath: string,
  fileName: string,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<DirectoryRows> {
  const out: DirectoryRows = {
    units: [],
    departments: [],
    accounts: [],
    columns: { units: [], departments: [], accounts: [] },
    errors: [],
    ignoredSheets: [],
  };
  let total = 0;
  for await (const sheet of await openLedgerFile(filePath, fileName, limits)) {
    const named = sheetKindByName(sheet.name);
    let kind: DirectorySheet | undefined;
    let map: ColumnMap | undefined;
    let headerText: string[] = [];
    let seen = 0;
    for await (const { number, cells } of sheet.rows) {
      if (sheet.hidden || normalise(sheet.name) === NOTES_SHEET) continue;
      if (!map) {
        if (++seen > HEADER_SEARCH_ROWS) continue;
        if (named) {
          map = headerFor(named, cells);
          kind = map && named;
        } else {
          const guess = guessKind(cells);
          kind = guess?.kind;
          map = guess?.map;
        }
        if (map && kind) {
          headerText = cells.map((c) => cellText(c).replace(/\s+/g, ''));
          for (const field of Object.keys(map)) (out.columns[kind] as string[]).push(field);
        }
        continue;
      }
      const values: Record<string, string> = {};
      let filled = false;
      for (const [field, index] of Object.entries(map)) {
        const text = cellText(cells[index] ?? null);
        if (text !== '') {
          values[field] = text;
          filled = true;
        }
      }
      // Empty rows between blocks, and rows with words only in columns we do not read, are not rows of the table.
      if (!filled) continue;
      if (++total > MAX_DIRECTORY_ROWS) throw appError('directory_too_many_rows', { max: MAX_DIRECTORY_ROWS });
      const column = Object.fromEntries(
        Object.entries(map).map(([field, index]) => [field, columnLabel(index, headerText[index])]),
      );
      const entry = { sheet: sheet.name, row: number, values, column };
      (out[kind as DirectorySheet] as DirectoryRow<string>[]).push(entry as DirectoryRow<string>);
    }
    if (sheet.hidden || normalise(sheet.name) === NOTES_SHEET) continue;
    if (!map && named) {
      const wanted = REQUIRED[named].map((f) => (ALIASES[named] as Record<string, readonly string[]>)[f][0]);
      out.errors.push({
        sheet: sheet.name,
        row: null,
        column: null,
        message: `“${sheet.name}”表前 ${HEADER_SEARCH_ROWS} 行中找不到表头：须有“${wanted.join('”“')}”列`,
      });
    } else if (!map && seen > 0) out.ignoredSheets.push(sheet.name);
  }
  return out;
}

const columnLabel = (index: number, header: string | undefined) =>
  header ? `${columnLetter(index)}列（${header}）` : `${columnLetter(index)}列`;
