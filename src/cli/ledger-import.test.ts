import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../db/database.ts';
import { CUSTOMARY_LEDGER_PREVIEW, customaryLedger, writeFixture } from '../ledger-io/import/fixtures.ts';
import { captureIo } from '../test/cli.ts';
import { createCliTestDatabase } from '../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../test/factories.ts';
import { main } from './main.ts';

describe('rectify ledger import', () => {
  const saved = { ...process.env };
  let dir: string;
  let world: World;
  let ledger: string;
  const counts = async () => {
    const handle = openSqlite(path.join(dir, 'rectify.sqlite'));
    try {
      return await tableCounts(handle.db);
    } finally {
      await handle.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rectify-ledger-cli-'));
    process.env.RECTIFY_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const { handle } = await createCliTestDatabase('sqlite', dir);
    world = await buildWorld(handle.db);
    await handle.close();
    ledger = await customaryLedger(dir);
  });
  afterAll(() => {
    process.env = saved;
  });

  it('--dry-run --json prints exactly the summary keys and writes nothing', async () => {
    const before = await counts();
    const c = captureIo();
    const code = await main(
      ['ledger', 'import', ledger, '--inspection', String(world.inspectionA), '--dry-run', '--json'],
      c.io,
    );
    const summary = JSON.parse(c.out.join('\n'));
    expect(Object.keys(summary)).toEqual([
      'aspects',
      'problems',
      'items',
      'measures',
      'errors',
      'unmatched',
      'aspectSuggestions',
    ]);
    expect(summary).toEqual(CUSTOMARY_LEDGER_PREVIEW);
    expect(code).toBe(1);
    expect(c.err.join('\n')).toMatch(/检查中 \/ checking: 补充问题 \d+ 行 rows, 6 项 items/);
    expect(await counts()).toEqual(before);
  });

  it('lists problems by sheet, row and column in words, and refuses to import', async () => {
    const bad = await customaryLedger(mkdtempSync(path.join(dir, 'bad-')), (wb) => {
      wb.getWorksheet('补充问题')?.addRow([2, '档案管理混乱', '整理档案', '档案室', '下个月', '未启动', '党的领导']);
    });
    const before = await counts();
    const c = captureIo();
    expect(await main(['ledger', 'import', bad, '--inspection', String(world.inspectionA)], c.io)).toBe(1);
    const text = c.out.join('\n');
    expect(text).toMatch(/未导入/);
    expect(text).toMatch(/工作表“补充问题” 第 3 行 E列（整改时限）：无法识别的整改时限“下个月”/);
    expect(text).toMatch(/未匹配的责任部门 \/ unmatched departments: 档案室/);
    expect(await counts()).toEqual(before);
  });

  it('imports with --map and acts as the account given by --as', async () => {
    const map = writeFixture(
      dir,
      'map.json',
      JSON.stringify({ people: { 赵科长: null, 钱会计: null, 孙科员: 'depta2' } }),
    );
    const before = await counts();
    const c = captureIo();
    const args = [
      'ledger',
      'import',
      ledger,
      '--inspection',
      String(world.inspectionA),
      '--map',
      map,
      '--as',
      'unitadmina',
    ];
    expect(await main(args, c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(
      /已导入 \/ imported: 方面 2 aspects · 反馈问题 1 problems · 整改事项 6 items · 整改措施 11 measures/,
    );
    const after = await counts();
    expect(after.items - before.items).toBe(6);
    expect(after.audit_events - before.audit_events).toBe(1);
  });

  it('refuses usage errors, a missing file, a bad mapping and a bad file', async () => {
    const c = captureIo();
    expect(await main(['ledger', 'import', ledger], c.io)).toBe(2);
    expect(await main(['ledger', 'import', ledger, '--inspection', 'x'], c.io)).toBe(2);
    expect(await main(['ledger', 'import', ledger, '--inspection', '1', '--frob'], c.io)).toBe(2);
    expect(await main(['ledger', 'import', path.join(dir, 'nope.xlsx'), '--inspection', '1'], c.io)).toBe(2);
    const badMap = writeFixture(dir, 'bad-map.json', '{"people": "x"}');
    expect(await main(['ledger', 'import', ledger, '--inspection', '1', '--map', badMap], c.io)).toBe(2);
    const notSheet = writeFixture(dir, 'image.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    const j = captureIo();
    expect(
      await main(
        ['ledger', 'import', notSheet, '--inspection', String(world.inspectionA), '--dry-run', '--json'],
        j.io,
      ),
    ).toBe(1);
    expect(JSON.parse(j.out.join('\n')).errors[0].message).toMatch(/不是电子表格/);
    expect(c.err.join('\n')).toMatch(/Usage: rectify ledger import FILE --inspection ID/);
    expect(c.err.join('\n')).toMatch(/no such file/);
    expect(c.err.join('\n')).toMatch(/名称映射格式有误/);
  });
});
