import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

/** Test fixtures: directory workbooks as offices type them, written with exceljs into a temp folder. */
export const directoryDir = () => mkdtempSync(path.join(tmpdir(), 'rectify-directory-'));

/** One workbook of the given sheets, each a list of rows (the first usually the headings). */
export async function directoryWorkbook(sheets: Record<string, unknown[][]>, dir = directoryDir()): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  const file = path.join(dir, `directory-${Object.keys(sheets).length}-${Math.random().toString(36).slice(2)}.xlsx`);
  // The whole buffer first: writeFile can resolve before the file is flushed (see the ledger fixtures).
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/** Bytes to a file of the given name, for an exported workbook read back. */
export function writeTemp(bytes: Buffer, name = 'directory.xlsx', dir = directoryDir()): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
