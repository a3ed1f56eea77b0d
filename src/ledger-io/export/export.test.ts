import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import { ledgerOrder, loadLedgerHeader, loadSnapshotItems } from '../../repositories/ledger-export.repository.ts';
import { loadLedgerSnapshot } from '../../repositories/ledger-snapshot.repository.ts';
import { testDialects } from '../../test/databases.ts';
import { type World, type WorldUser, worldContext } from '../../test/factories.ts';
import { createLedgerWorld, exportToBuffer, readWorkbook } from '../../test/ledger-fixtures.ts';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../../test/libreoffice.ts';
import { prepareFilteredExport, prepareInspectionExport } from './export.ts';
import { LEDGER_COLUMNS } from './layout.ts';

describe.each(testDialects())('ledger export (%s)', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  const ctxOf = (user: WorldUser) => worldContext(handle.db, world, user);

  beforeAll(async () => {
    ({ handle, world } = await createLedgerWorld(dialect));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('writes the customary layout: title, heading line, header, frozen pane, print setup', async () => {
    const prepared = await prepareInspectionExport(ctxOf('office'), world.inspectionA);
    expect(prepared.fileName).toBe('测试市交通运输局整改台账20260815.xlsx');
    const ws = (await readWorkbook(await exportToBuffer(prepared))).getWorksheet('整改台账');
    if (!ws) throw new Error('no 整改台账 sheet');
    expect(ws.getCell('A1').value).toBe('测试市交通运输局巡察反馈问题整改台账');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('P1').master.address).toBe('A1');
    expect(ws.getCell('A2').value).toBe(
      '填报单位：测试市交通运输局    巡察组：市委第一巡察组    反馈日期：2026-07-01    导出日期：2026-08-15',
    );
    expect(ws.getCell('P2').master.address).toBe('A2');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    expect(ws.headerFooter.oddFooter).toMatch(/&P.*&N/);
    expect(ws.getColumn(5).width).toBe(40);
    expect(ws.getCell('E4').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell('E4').border?.top?.style).toBe('thin');
  });

  it('lays out one row per measure with merged aspect, problem and item cells, statuses and the overdue mark', async () => {
    const ws = (
      await readWorkbook(await exportToBuffer(await prepareInspectionExport(ctxOf('office'), world.inspectionA)))
    ).getWorksheet('整改台账');
    if (!ws) throw new Error('no 整改台账 sheet');
    const v = (a: string) => ws.getCell(a).value;
    // Rows 4–5: the world's two items under 党的领导方面 / 落实主体责任有差距.
    expect([v('B4'), v('C4'), v('D4'), v('D5')]).toEqual([
      '党的领导方面',
      '落实主体责任有差距',
      '财务审批不规范',
      '公务用车管理不严',
    ]);
    expect(ws.getCell('B5').master.address).toBe('B4');
    expect(ws.getCell('C5').master.address).toBe('C4');
    expect(v('N5')).toBeNull();
    expect(v('O4')).toBe('proof.pdf');
    // Rows 6–8: the overdue item's three measures; 9: closed late; 10: no measures.
    expect(v('B6')).toBe('全面从严治党方面');
    expect(ws.getCell('B10').master.address).toBe('B6');
    expect(ws.getCell('C10').master.address).toBe('C6');
    expect(v('A6')).toBe(3);
    for (const col of ['A', 'D', 'L', 'M', 'N', 'P']) expect(ws.getCell(`${col}8`).master.address).toBe(`${col}6`);
    expect(ws.getCell('E7').isMerged).toBe(false);
    expect([v('L6'), v('M6'), v('N6')]).toEqual(['整改中', '未完成', '逾期']);
    expect(ws.getCell('N6').font?.color?.argb).toBe('FFC00000');
    expect(v('P6')).toBe('不宜公开：涉及干部个人信息\n挂牌督办');
    expect([v('F6'), v('F7'), v('F8')]).toEqual(['立行立改', '限期整改', '长期坚持']);
    expect([v('J6'), v('J8')]).toEqual(['立行立改', '长期坚持']);
    expect(v('J7')).toEqual(new Date(Date.UTC(2026, 6, 31)));
    expect(ws.getCell('J7').numFmt).toBe('yyyy"年"m"月"d"日"');
    expect([v('G6'), v('G7'), v('H6'), v('H7'), v('H8'), v('I6'), v('I8')]).toEqual([
      '钱副局长',
      '钱副局长',
      '办公室',
      '财务科',
      '办公室',
      '孙主任',
      null,
    ]);
    expect(v('K6')).toBe('2026-07-05 召开专题会议部署整改\n2026-07-10 已补齐动议记录12份');
    expect(v('K7')).toBe('2026-08-01 规程修订稿已征求意见');
    expect(v('O6')).toBe('会议纪要.pdf\n会议纪要.pdf');
    expect(v('O7')).toBe('规程:修订稿?.pdf');
    expect([v('A9'), v('L9'), v('M9'), v('N9')]).toEqual([4, '已销号', '完成', '逾期完成']);
    expect([v('A10'), v('E10'), v('F10'), v('J10'), v('L10'), v('N10')]).toEqual([
      5,
      null,
      '立行立改',
      '立行立改',
      '申请销号',
      null,
    ]);
    expect(ws.rowCount).toBe(10);
  });

  it('gives a department only the items it answers for, and refuses another unit’s inspection', async () => {
    const ws = (
      await readWorkbook(await exportToBuffer(await prepareInspectionExport(ctxOf('deptA2'), world.inspectionA)))
    ).getWorksheet('整改台账');
    if (!ws) throw new Error('no 整改台账 sheet');
    const titles = [4, 5].map((r) => ws.getCell(`D${r}`).value);
    expect(titles).toEqual(['公务用车管理不严', '动议酝酿环节记录不完整：个别干部任前“凭印象”推荐']);
    expect(ws.getCell('D7').master.address).toBe('D5');
    expect(ws.rowCount).toBe(7);
    await expect(prepareInspectionExport(ctxOf('unitAdminB'), world.inspectionA)).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(prepareInspectionExport(ctxOf('office'), 999_999)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('exports a filtered selection, one sheet per inspection when it spans several', async () => {
    const overdue = await prepareFilteredExport(ctxOf('office'), { overdue: true });
    expect(overdue.inspections).toBe(1);
    const one = (await readWorkbook(await exportToBuffer(overdue))).getWorksheet('整改台账');
    expect(one?.getCell('D4').value).toBe('动议酝酿环节记录不完整：个别干部任前“凭印象”推荐');
    expect(one?.rowCount).toBe(6);

    const all = await prepareFilteredExport(ctxOf('office'), {});
    expect(all.fileName).toBe('整改台账20260815.xlsx');
    const names = (await readWorkbook(await exportToBuffer(all))).worksheets.map((w) => w.name);
    expect(names).toEqual(['测试市交通运输局', '测试市卫生健康委员会']);

    const none = await prepareFilteredExport(ctxOf('office'), { text: '没有这样的问题' });
    const empty = (await readWorkbook(await exportToBuffer(none))).getWorksheet('整改台账');
    expect(empty?.getCell('D3').value).toBe('具体问题');
    expect(empty?.rowCount).toBe(3);
  });

  it('reads items page by page exactly as the ledger snapshot gives them', async () => {
    const snapshot = await loadLedgerSnapshot(handle.db, world.inspectionA);
    const header = await loadLedgerHeader(handle.db, world.inspectionA);
    const ids = await ledgerOrder(handle.db, header, [...snapshot.items.map((i) => i.id)].reverse());
    expect(await loadSnapshotItems(handle.db, ids)).toEqual(snapshot.items);
    expect(header.problems).toEqual(snapshot.problems);
    expect(header.aspects).toEqual(snapshot.aspects);
  });

  it.skipIf(!hasLibreOffice() || dialect !== 'sqlite')(
    'opens in LibreOffice',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'rectify-export-lo-'));
      const file = path.join(dir, 'ledger.xlsx');
      writeFileSync(file, await exportToBuffer(await prepareInspectionExport(ctxOf('office'), world.inspectionA)));
      const { pages } = await convertToPdf(file, dir);
      expect(pages).toBeGreaterThanOrEqual(1);
    },
    180_000,
  );
  if (!hasLibreOffice()) it.skip(`opens in LibreOffice: ${LIBREOFFICE_MISSING}`, () => {});
});
