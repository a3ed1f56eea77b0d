import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceStore } from '../storage/evidence-store.ts';
import { captureIo } from '../test/cli.ts';
import { createCliTestDatabase } from '../test/databases.ts';
import { buildWorld, type World } from '../test/factories.ts';
import { addLedgerDetail, readWorkbook } from '../test/ledger-fixtures.ts';
import { main } from './main.ts';

describe('rectify ledger export / rectify binder', () => {
  const saved = { ...process.env };
  let world: World;
  let outDir: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rectify-export-cli-'));
    outDir = mkdtempSync(path.join(tmpdir(), 'rectify-export-out-'));
    process.env.RECTIFY_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const { handle } = await createCliTestDatabase('sqlite', dir);
    world = await buildWorld(handle.db);
    await addLedgerDetail(handle.db, world, new EvidenceStore(path.join(dir, 'evidence')));
    await handle.close();
  });
  afterAll(() => {
    process.env = saved;
  });

  it('writes an inspection’s ledger, with the access of the account named by --as', async () => {
    const file = path.join(outDir, '台账.xlsx');
    const c = captureIo();
    expect(await main(['ledger', 'export', '--inspection', String(world.inspectionA), '--out', file], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('wrote 7 ledger rows');
    const ws = (await readWorkbook(readFileSync(file))).getWorksheet('整改台账');
    expect(ws?.getCell('A1').value).toBe('测试市交通运输局巡察反馈问题整改台账');

    const mine = path.join(outDir, 'mine.xlsx');
    const d = captureIo();
    const args = ['ledger', 'export', '--inspection', String(world.inspectionA), '--out', mine, '--as', 'depta2'];
    expect(await main(args, d.io)).toBe(0);
    expect(d.out.join('\n')).toContain('wrote 4 ledger rows');
  });

  it('writes the evidence binder', async () => {
    const file = path.join(outDir, '资料册.zip');
    const c = captureIo();
    expect(await main(['binder', '--inspection', String(world.inspectionA), '--out', file], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/5 个问题，5 个文件/);
    const entries = unzipSync(new Uint8Array(readFileSync(file)));
    expect(Object.keys(entries)).toContain('01 党的领导方面/1 财务审批不规范/proof.pdf');
  });

  it('refuses bad arguments, unknown accounts and inspections it may not read, leaving no file behind', async () => {
    const before = readdirSync(outDir).sort();
    const id = String(world.inspectionA);
    const cases: [string[], number, RegExp][] = [
      [['ledger', 'export', '--out', path.join(outDir, 'a.xlsx')], 2, /--inspection/],
      [['ledger', 'export', '--inspection', 'x1', '--out', path.join(outDir, 'a.xlsx')], 2, /--inspection/],
      [['ledger', 'export', '--inspection', id], 2, /--out/],
      [['ledger', 'export', '--inspection', id, '--out', path.join(outDir, 'a.csv')], 2, /\.xlsx/],
      [['ledger', 'export', '--inspection', id, '--out', path.join(outDir, 'a.xlsx'), '--bogus'], 2, /bad arguments/],
      [['ledger', 'export', '--inspection', '999999', '--out', path.join(outDir, 'a.xlsx')], 1, /not found/],
      [['ledger', 'export', '--inspection', id, '--out', path.join(outDir, 'a.xlsx'), '--as', 'nobody'], 2, /nobody/],
      [
        ['ledger', 'export', '--inspection', id, '--out', path.join(outDir, 'a.xlsx'), '--as', 'unitadminb'],
        1,
        /not found/,
      ],
      [['binder', '--inspection', id, '--out', path.join(outDir, 'a.xlsx')], 2, /\.zip/],
      [['binder', '--inspection', '999999', '--out', path.join(outDir, 'a.zip')], 1, /not found/],
    ];
    for (const [args, code, message] of cases) {
      const c = captureIo();
      expect(await main(args, c.io), args.join(' ')).toBe(code);
      expect(c.err.join('\n'), args.join(' ')).toMatch(message);
    }
    expect(readdirSync(outDir).sort()).toEqual(before);
    expect(existsSync(path.join(outDir, 'a.xlsx.part'))).toBe(false);
  });
});
