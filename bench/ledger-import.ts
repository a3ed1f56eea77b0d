/**
 * node --import tsx bench/ledger-import.ts — the Excel ledger import against the raw exceljs read of the same file.
 * Writes 20,000- and 100,000-row ledgers in the export's layout with the exceljs streaming writer, then in a fresh child
 * process each times (a) exceljs's streaming read of every row, (b) the dry run, (c) the real import into a fresh SQLite
 * file, sampling RSS to show that memory does not grow with the file. BENCH_ROWS=5000,20000 picks other sizes;
 * BENCH_HEAP_MB=64 caps each measuring process's heap, to show the work fits in it whatever the file's size.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { importLedger, previewLedgerImport } from '../src/commands/ledger-import.commands.ts';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildWorld, testConfig } from '../src/test/factories.ts';
import { writeLedger } from './ledger-file.ts';

const execFileAsync = promisify(execFile);
const SIZES = (process.env.BENCH_ROWS ?? '20000,100000').split(',').map(Number);
interface Measured {
  ms: number;
  peakRssGrowthMb: number;
  rows: number;
}

/** Runs in its own process, so one measurement's garbage does not inflate the next one's RSS. */
async function child(mode: string, file: string, dir: string): Promise<Measured> {
  let ctx: Parameters<typeof importLedger>[0] | null = null;
  let inspectionId = 0;
  if (mode !== 'raw') {
    const handle = openSqlite(path.join(dir, `bench-${mode}-${process.pid}.sqlite`));
    await migrateToLatest(handle);
    const world = await buildWorld(handle.db);
    inspectionId = world.inspectionA;
    ctx = { db: handle.db, actor: world.users.unitAdminA.actor, config: testConfig(), now: () => new Date() };
  }
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  let rows = 0;
  if (mode === 'raw') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const _row of sheet as unknown as AsyncIterable<unknown>) {
        rows++;
        if (rows % 1000 === 0) sample();
      }
    }
  } else {
    const input = {
      filePath: file,
      fileName: path.basename(file),
      onProgress: (p: { rows: number }) => {
        rows = p.rows;
        sample();
      },
    };
    const run = mode === 'dry' ? previewLedgerImport : importLedger;
    const summary = await run(ctx as NonNullable<typeof ctx>, inspectionId, input);
    if (summary.errors.length > 0) throw new Error(JSON.stringify(summary.errors.slice(0, 3)));
  }
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  return { ms, peakRssGrowthMb: (peak - base) / 1048576, rows };
}

async function measure(mode: string, file: string, dir: string): Promise<Measured> {
  const self = fileURLToPath(import.meta.url);
  const heap = process.env.BENCH_HEAP_MB ? [`--max-old-space-size=${process.env.BENCH_HEAP_MB}`] : [];
  const { stdout } = await execFileAsync(
    process.execPath,
    [...heap, '--import', 'tsx', self, '--child', mode, file, dir],
    {
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

async function run() {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-ledger-'));
  try {
    const lines = [
      '| rows | file | (a) raw exceljs read | (b) dry run | (c) import (SQLite) | b / a | c / a | peak RSS growth a / b / c |',
      '|---:|---:|---:|---:|---:|---:|---:|---|',
    ];
    for (const rows of SIZES) {
      const file = path.join(dir, `ledger-${rows}.xlsx`);
      await writeLedger(file, rows);
      const raw = await measure('raw', file, dir);
      const dry = await measure('dry', file, dir);
      const imported = await measure('import', file, dir);
      const s = (m: Measured) => `${(m.ms / 1000).toFixed(2)} s`;
      const mb = (m: Measured) => m.peakRssGrowthMb.toFixed(0);
      lines.push(
        `| ${rows.toLocaleString('en')} | ${(statSync(file).size / 1048576).toFixed(1)} MB | ${s(raw)} | ${s(dry)} | ${s(imported)} | ${(dry.ms / raw.ms).toFixed(2)}× | ${(imported.ms / raw.ms).toFixed(2)}× | ${mb(raw)} / ${mb(dry)} / ${mb(imported)} MB |`,
      );
      process.stderr.write(`${rows} rows done\n`);
    }
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [, , , mode, file, dir] = process.argv;
  console.log(JSON.stringify(await child(mode, file, dir)));
} else {
  await run();
}
