import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText } from './cells.ts';
import { openLedgerFile } from './source.ts';

/**
 * exceljs's streaming reader decodes each inflated chunk (16 KiB) on its own, so a Chinese character (three bytes in
 * UTF-8) cut by a chunk's end came out as two U+FFFD: one cell in a few hundred of a large sheet read wrong, silently.
 */
async function workbook(sharedStrings: boolean): Promise<{ file: string; expected: string[] }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  const expected: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const text = `第${i}项：落实整改责任，建立长效机制（${'巡察'.repeat(i % 7)}）`;
    expected.push(text);
    ws.addRow([text]);
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-utf8-')), 'a.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: sharedStrings } as never)));
  return { file, expected };
}

async function read(file: string): Promise<string[]> {
  const texts: string[] = [];
  for await (const sheet of await openLedgerFile(file, 'a.xlsx')) {
    for await (const row of sheet.rows) texts.push(cellText(row.cells[0] ?? null));
  }
  return texts;
}

describe('reading Chinese text across the reader’s chunk boundaries', () => {
  it.each([
    ['shared strings', true],
    ['inline strings', false],
  ])('reads every cell exactly (%s)', async (_name, shared) => {
    const { file, expected } = await workbook(shared);
    const texts = await read(file);
    expect(texts.filter((t) => t.includes('\uFFFD'))).toEqual([]);
    expect(texts).toEqual(expected);
  });
});
