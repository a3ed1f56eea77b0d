import { LEDGER_COLUMN_NAMES as ALIASES, type Field } from '../../domain/ledger-columns.ts';
import { type CellValue, cellText, normalise } from './cells.ts';

export const FIELD_ZH: Record<Field, string> = Object.fromEntries(
  Object.entries(ALIASES).map(([field, names]) => [field, names[0]]),
) as Record<Field, string>;

/**
 * Matches header cells against a table of field → the names people give it: exact after normalising (width, spaces,
 * case), else with a trailing note dropped ("整改时限（月底前）", "责任人*"). The ledger's columns and the directory's
 * (src/domain/directory.ts) are read by the same rule.
 */
export function headerMatcher<F extends string>(aliases: Record<F, readonly string[]>) {
  const byName = new Map<string, F>(
    Object.entries<readonly string[]>(aliases).flatMap(([field, names]) =>
      names.map((n) => [normalise(n).toLowerCase(), field as F] as const),
    ),
  );
  return (value: CellValue): F | undefined => {
    const text = normalise(cellText(value))
      .replace(/[*＊:：]/g, '')
      .toLowerCase();
    if (!text) return undefined;
    const exact = byName.get(text);
    if (exact) return exact;
    const bare = text.replace(/[（(［[].*?[)）］\]]/g, '');
    return byName.get(bare);
  };
}

/** A ledger header cell's field. */
export const fieldOfHeader: (value: CellValue) => Field | undefined = headerMatcher(ALIASES);

/** Column index (0-based) of each recognised field. */
export type ColumnMap = Partial<Record<Field, number>>;

const CORE: Field[] = ['item', 'problem', 'measure'];

function recognise(cells: CellValue[]): { map: ColumnMap; recognised: number; nonEmpty: number } {
  const map: ColumnMap = {};
  let recognised = 0;
  let nonEmpty = 0;
  for (const [i, v] of cells.entries()) {
    if (cellText(v) === '') continue;
    nonEmpty++;
    const field = fieldOfHeader(v);
    if (field && map[field] === undefined) {
      map[field] = i;
      recognised++;
    }
  }
  return { map, recognised, nonEmpty };
}

/** Whether a row looks like a header: two or more known column names, one of them a problem, item or measure. */
export function headerOf(cells: CellValue[]): ColumnMap | undefined {
  const { map, recognised } = recognise(cells);
  if (recognised < 2 || !CORE.some((f) => map[f] !== undefined)) return undefined;
  return map;
}

/**
 * The second row of a two-row header ("整改责任" above 责任领导 | 责任部门 | 责任人): every filled cell is a column name.
 * Returns the combined map, or undefined when the row is data.
 */
export function withSubHeader(top: ColumnMap, cells: CellValue[]): ColumnMap | undefined {
  const { map, recognised, nonEmpty } = recognise(cells);
  if (recognised === 0 || recognised < nonEmpty) return undefined;
  const combined: ColumnMap = {};
  const taken = new Set(Object.values(map));
  for (const [field, index] of Object.entries(top) as [Field, number][]) {
    if (!taken.has(index) && map[field] === undefined) combined[field] = index;
  }
  return { ...combined, ...map };
}
