import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import {
  CSV_LEDGER,
  CUSTOMARY_LEDGER_PREVIEW,
  customaryLedger,
  exportLayoutLedger,
  fixtureDir,
  gb18030,
  writeFixture,
} from '../ledger-io/import/fixtures.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, tableCounts, type World, type WorldUser, worldContext } from '../test/factories.ts';
import { importLedger, previewLedgerImport } from './ledger-import.commands.ts';

const MAP_PEOPLE = { people: { 赵科长: null, 钱会计: null, 孙科员: 'depta2' } };

describe.each(testDialects())('ledger import on %s', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  let dir: string;
  const ctxOf = (who: WorldUser) => worldContext(handle.db, world, who);
  const itemsOf = (inspectionId: number) =>
    handle.db.selectFrom('items').selectAll().where('inspection_id', '=', inspectionId).orderBy('sort_order').execute();

  beforeAll(async () => {
    dir = fixtureDir();
  });
  beforeEach(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('dry run: counts, errors and unmatched names of a customary ledger, writing nothing', async () => {
    const file = await customaryLedger(dir);
    const before = await tableCounts(handle.db);
    const summary = await previewLedgerImport(ctxOf('unitAdminA'), world.inspectionA, {
      filePath: file,
      fileName: 'ledger.xlsx',
    });
    expect(summary).toMatchObject(CUSTOMARY_LEDGER_PREVIEW);
    expect(await tableCounts(handle.db)).toEqual(before);
    await handle.close();
  });

  it('imports a customary ledger in one transaction once names are mapped, with one audit event', async () => {
    const file = await customaryLedger(dir);
    const before = await tableCounts(handle.db);
    const result = await importLedger(ctxOf('unitAdminA'), world.inspectionA, {
      filePath: file,
      fileName: 'ledger.xlsx',
      mapping: MAP_PEOPLE,
    });
    expect(result.created).toEqual({ problems: 1, items: 6, measures: 11, progress: 2 });
    const after = await tableCounts(handle.db);
    expect(after.items - before.items).toBe(6);
    expect(after.measures - before.measures).toBe(11);
    expect(after.problems - before.problems).toBe(1);
    expect(after.audit_events - before.audit_events).toBe(1);

    const items = (await itemsOf(world.inspectionA)).filter((i) => i.id > world.itemB1);
    expect(items.map((i) => [i.title, i.state, i.result, i.deadline])).toEqual([
      ['党组会议研究整改不及时', 'closed', 'completed', '2026-09-30'],
      ['意识形态工作责任制落实不到位', 'in_progress', 'not_completed', '2026-09-30'],
      // 立行立改 with no date: due RECTIFY_IMMEDIATE_DEADLINE_DAYS (30) after the feedback date, 2026-07-01.
      ['公务接待超标准', 'in_progress', 'partially_completed', '2026-07-31'],
      ['差旅费报销审核不严', 'not_started', 'not_completed', '2026-10-31'],
      ['预算执行进度慢', 'in_progress', 'not_completed', '2026-12-31'],
      ['会议室使用登记不全', 'not_started', 'not_completed', '2026-12-31'],
    ]);
    expect(items[0].closed_on).toBe('2026-08-15');
    expect(items[0].problem_id).toBe(world.problemA);
    expect(items[0].aspect_id).toBe(world.aspectIds[0]);
    expect(items[2].aspect_id).toBe(world.aspectIds[1]);
    expect(items[2].description).toBe('备注：已清退');
    expect(items[5].aspect_id).toBe(world.aspectIds[0]);

    const measures = await handle.db
      .selectFrom('measures')
      .selectAll()
      .where('item_id', 'in', [items[1].id, items[2].id, items[4].id])
      .orderBy('item_id')
      .orderBy('sort_order')
      .execute();
    expect(measures.map((m) => [m.content, m.kind, m.deadline, m.department_id, m.responsible_person_name])).toEqual([
      ['制定责任清单。', 'deadline', '2026-09-30', world.deptA1.id, '赵科长'],
      ['开展专题培训。', 'deadline', '2026-09-30', world.deptA1.id, '赵科长'],
      ['纳入年度考核', 'deadline', '2026-09-30', world.deptA1.id, '赵科长'],
      ['每半年开展一次督查', 'ongoing', null, world.deptA1.id, '赵科长'],
      ['立即清退超标准费用', 'immediate', '2026-07-31', world.deptA2.id, 'depta2'],
      ['加快预算执行', 'deadline', '2026-12-31', world.deptA2.id, '孙科员'],
    ]);
    expect(measures[4].responsible_person_id).toBe(world.users.deptA2.id);
    expect(measures[5].responsible_person_id).toBe(world.users.deptA2.id);

    const progress = await handle.db
      .selectFrom('progress_entries')
      .select(['item_id', 'entry_on', 'content'])
      .where('item_id', 'in', [items[0].id, items[1].id])
      .orderBy('item_id')
      .execute();
    expect(progress).toEqual([
      { item_id: items[0].id, entry_on: '2026-07-20', content: '已修订议事规则。' },
      { item_id: items[1].id, entry_on: '2026-08-15', content: '正在推进' },
    ]);
    const audit = await handle.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('ledger.import');
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ fileName: 'ledger.xlsx', items: 6, measures: 11 });
    await handle.close();
  });

  it('reads back the layout the export writes: measures per row, kinds, states and results', async () => {
    const file = await exportLayoutLedger(dir);
    await importLedger(ctxOf('office'), world.inspectionB, { filePath: file, fileName: 'export.xlsx' }).catch((e) => e);
    // inspection B is unit B's: its departments are not 办公室 / 财务科, so they are listed, and nothing is written.
    const refused = await previewLedgerImport(ctxOf('office'), world.inspectionB, {
      filePath: file,
      fileName: 'export.xlsx',
    });
    expect(refused.unmatched.departments).toEqual(['办公室', '财务科']);

    await importLedger(ctxOf('office'), world.inspectionA, { filePath: file, fileName: 'export.xlsx' });
    const items = (await itemsOf(world.inspectionA)).filter((i) => i.id > world.itemB1);
    expect(items.map((i) => [i.number, i.title, i.state, i.result, i.close_stage])).toEqual([
      ['1', '党组会议研究不及时', 'closed', 'completed', null],
      ['2', '学习制度执行不严', 'close_requested', 'not_completed', 'unit_review'],
      ['3', '干部档案不全', 'in_progress', 'partially_completed', null],
    ]);
    const measures = await handle.db
      .selectFrom('measures')
      .select([
        'item_id',
        'content',
        'kind',
        'responsible_leader',
        'department_id',
        'responsible_person_id',
        'deadline',
      ])
      .where(
        'item_id',
        'in',
        items.map((i) => i.id),
      )
      .orderBy('item_id')
      .orderBy('sort_order')
      .execute();
    expect(measures.map(({ item_id: _, ...m }) => m)).toEqual([
      {
        content: '修订议事规则',
        kind: 'deadline',
        responsible_leader: '王局长',
        department_id: world.deptA1.id,
        responsible_person_id: world.users.deptA1.id,
        deadline: '2026-09-30',
      },
      {
        content: '每季度专题研究',
        kind: 'ongoing',
        responsible_leader: '王局长',
        department_id: world.deptA1.id,
        responsible_person_id: world.users.deptA1.id,
        deadline: null,
      },
      {
        content: '建立学习台账',
        kind: 'immediate',
        responsible_leader: '张副局长',
        department_id: world.deptA2.id,
        responsible_person_id: world.users.deptA2.id,
        deadline: '2026-07-31',
      },
      {
        content: '补齐档案',
        kind: 'deadline',
        responsible_leader: '张副局长',
        department_id: world.deptA2.id,
        responsible_person_id: null,
        deadline: '2026-10-31',
      },
    ]);
    const problems = await handle.db
      .selectFrom('problems')
      .select(['title', 'aspect_id'])
      .where('inspection_id', '=', world.inspectionA)
      .orderBy('sort_order')
      .execute();
    expect(problems).toEqual([
      { title: '落实主体责任有差距', aspect_id: world.aspectIds[0] },
      { title: '干部管理宽松', aspect_id: world.aspectIds[2] },
    ]);
    await handle.close();
  });

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV_LEDGER)])],
    ['GB18030', gb18030(CSV_LEDGER)],
    ['UTF-16, tab-separated (WPS "Unicode text")', Buffer.from(`\ufeff${CSV_LEDGER.replaceAll(',', '\t')}`, 'utf16le')],
  ])('reads a CSV in %s', async (_name, bytes) => {
    const file = writeFixture(dir, `ledger-${bytes.length}.csv`, bytes);
    const result = await importLedger(ctxOf('unitAdminA'), world.inspectionA, { filePath: file, fileName: '台账.csv' });
    expect(result.created).toEqual({ problems: 0, items: 2, measures: 4, progress: 0 });
    const items = (await itemsOf(world.inspectionA)).filter((i) => i.id > world.itemB1);
    expect(items.map((i) => [i.title, i.deadline, i.lead_department_id])).toEqual([
      ['党组会议研究整改不及时', '2026-09-30', world.deptA1.id],
      ['公务接待超标准', '2026-10-31', world.deptA2.id],
    ]);
    await handle.close();
  });

  describe('bad input is refused with a clear message and nothing written', () => {
    const refusedWith = async (file: string, pattern: RegExp, limits?: { maxExpandedBytes: number }) => {
      const before = await tableCounts(handle.db);
      const error = await importLedger(ctxOf('unitAdminA'), world.inspectionA, {
        filePath: file,
        fileName: path.basename(file),
        mapping: MAP_PEOPLE,
        limits,
      }).catch((e) => e);
      expect(error).toBeInstanceOf(Error);
      const listed = JSON.stringify((error as { details?: unknown }).details ?? '');
      expect(`${error.message} ${listed}`).toMatch(pattern);
      expect(await tableCounts(handle.db)).toEqual(before);
      await handle.close();
    };

    it('not a spreadsheet', async () => {
      await refusedWith(
        writeFixture(dir, 'photo.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1])),
        /不是电子表格/,
      );
    });

    it('a password-protected workbook and an old .xls', async () => {
      const cfb = Buffer.alloc(2048);
      Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(cfb);
      Buffer.from('EncryptedPackage', 'utf16le').copy(cfb, 1024);
      await refusedWith(writeFixture(dir, 'locked.xlsx', cfb), /打开密码/);
      handle = await createTestDatabase(dialect);
      world = await buildWorld(handle.db);
      await refusedWith(
        writeFixture(dir, 'old.xls', Buffer.from('d0cf11e0a1b11ae1'.padEnd(4096, '0'), 'hex')),
        /另存为” \.xlsx/,
      );
    });

    it('a zip bomb, by declared size and while inflating', async () => {
      const file = await customaryLedger(dir);
      await refusedWith(file, /压缩炸弹/, { maxExpandedBytes: 4096 });
      // Declared sizes that lie: the entry claims 10 bytes and inflates to 8 MB.
      const bomb = Buffer.from(
        zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(8 << 20) }),
      );
      const eocd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      let p = bomb.readUInt32LE(eocd + 16);
      for (let i = 0; i < 2; i++) {
        bomb.writeUInt32LE(10, p + 24);
        p += 46 + bomb.readUInt16LE(p + 28) + bomb.readUInt16LE(p + 30) + bomb.readUInt16LE(p + 32);
      }
      handle = await createTestDatabase(dialect);
      world = await buildWorld(handle.db);
      await refusedWith(writeFixture(dir, 'bomb.xlsx', bomb), /压缩炸弹/, { maxExpandedBytes: 1 << 20 });
    });

    it('a part hidden from the zip directory, which the reader would inflate unchecked', async () => {
      const parts = unzipSync(readFileSync(await customaryLedger(dir)));
      const emptyRows = Array.from({ length: 200_000 }, (_, i) => `<row r="${i + 1}"/>`).join('');
      parts['xl/worksheets/sheet9.xml'] = strToU8(
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${emptyRows}</sheetData></worksheet>`,
      );
      const zip = Buffer.from(zipSync(parts));
      const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      const kept: Buffer[] = [];
      for (let i = 0, p = zip.readUInt32LE(eocd + 16); i < zip.readUInt16LE(eocd + 10); i++) {
        const nameLength = zip.readUInt16LE(p + 28);
        const length = 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
        if (zip.toString('utf8', p + 46, p + 46 + nameLength) !== 'xl/worksheets/sheet9.xml') {
          kept.push(zip.subarray(p, p + length));
        }
        p += length;
      }
      const directory = Buffer.concat(kept);
      const end = Buffer.from(zip.subarray(eocd, eocd + 22));
      end.writeUInt16LE(kept.length, 8);
      end.writeUInt16LE(kept.length, 10);
      end.writeUInt32LE(directory.length, 12);
      const hidden = Buffer.concat([zip.subarray(0, zip.readUInt32LE(eocd + 16)), directory, end]);
      await refusedWith(writeFixture(dir, 'hidden.xlsx', hidden), /文件已损坏/, { maxExpandedBytes: 1 << 20 });
    });

    it('a workbook whose sheet is not well-formed XML', async () => {
      const parts = unzipSync(readFileSync(await customaryLedger(dir)));
      const sheet = Buffer.from(parts['xl/worksheets/sheet1.xml']).toString('utf8');
      parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('</sheetData>', '<row r="99"><<<</sheetData>'));
      await refusedWith(writeFixture(dir, 'broken.xlsx', Buffer.from(zipSync(parts))), /文件已损坏/);
    });

    it('a CSV with an unclosed quote', async () => {
      await refusedWith(
        writeFixture(dir, 'open.csv', `序号,具体问题,整改措施\n1,"问题${'长'.repeat(40_000)}`),
        /缺少配对的引号/,
      );
    });

    it('an error value in a cell, reported at its cell', async () => {
      const file = await customaryLedger(dir, (wb) => {
        const ws = wb.getWorksheet('交通局台账');
        if (ws) ws.getCell('F10').value = { error: '#REF!' };
        if (ws) ws.getCell('G11').value = { formula: 'A1/0', result: { error: '#DIV/0!' } };
      });
      await refusedWith(
        file,
        /"row":10,"column":"F列（完成时限）","message":"单元格是错误值 #REF!.*"row":11,"column":"G列（责任领导）"/,
      );
    });

    it('a sheet without a recognisable header', async () => {
      const file = await customaryLedger(dir, (wb) => {
        const notes = wb.addWorksheet('填表说明');
        notes.addRow(['请按以下要求填写']);
        notes.addRow(['时限写到月底']);
      });
      await refusedWith(file, /"sheet":"填表说明".*找不到表头/);
    });

    it('a deadline before the feedback date, an unknown aspect and an unreadable deadline', async () => {
      const file = await customaryLedger(dir, (wb) => {
        const ws = wb.getWorksheet('补充问题');
        ws?.addRow([2, '档案管理混乱', '整理档案', '办公室', '2026年6月底', '未启动', '生态环保方面']);
        ws?.addRow([3, '制度缺失', '建立制度', '办公室', '尽快', '未启动', '党的领导']);
      });
      await refusedWith(
        file,
        /生态环保方面.*不在本轮巡察的方面清单中.*早于反馈日期 2026-07-01.*无法识别的整改时限“尽快”/,
      );
    });

    it('unmatched people without a mapping', async () => {
      const file = await customaryLedger(dir);
      const before = await tableCounts(handle.db);
      const error = await importLedger(ctxOf('unitAdminA'), world.inspectionA, {
        filePath: file,
        fileName: 'ledger.xlsx',
      }).catch((e) => e);
      expect(error.code).toBe('ledger_import_refused');
      expect(error.details.unmatched.people).toEqual(CUSTOMARY_LEDGER_PREVIEW.unmatched.people);
      expect(await tableCounts(handle.db)).toEqual(before);
      await handle.close();
    });

    it('a million empty formatted rows stay fast and are not data', async () => {
      const rows = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 1}" s="1" customFormat="1"/>`).join('');
      const sheet = strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
      );
      const rels = (target: string, type: string) =>
        strToU8(
          `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/${type}" Target="${target}"/></Relationships>`,
        );
      const file = path.join(dir, 'empty-rows.xlsx');
      writeFileSync(
        file,
        zipSync({
          '_rels/.rels': rels('xl/workbook.xml', 'officeDocument/2006/relationships/officeDocument'),
          'xl/workbook.xml': strToU8(
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="空表" sheetId="1" r:id="rId1"/></sheets></workbook>',
          ),
          'xl/_rels/workbook.xml.rels': rels('worksheets/sheet1.xml', 'officeDocument/2006/relationships/worksheet'),
          'xl/worksheets/sheet1.xml': sheet,
        }),
      );
      const started = performance.now();
      await refusedWith(file, /文件中没有任何数据/);
      expect(performance.now() - started).toBeLessThan(20_000);
    }, 30_000);
  });

  it('refuses people who may not import, and unknown inspections', async () => {
    const file = await customaryLedger(dir);
    const input = { filePath: file, fileName: 'ledger.xlsx', mapping: MAP_PEOPLE };
    await expect(importLedger(ctxOf('deptA1'), world.inspectionA, input)).rejects.toMatchObject({ statusCode: 403 });
    await expect(importLedger(ctxOf('teamA'), world.inspectionA, input)).rejects.toMatchObject({ statusCode: 403 });
    await expect(importLedger(ctxOf('unitAdminB'), world.inspectionA, input)).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(previewLedgerImport(ctxOf('admin'), 9999, input)).rejects.toMatchObject({ statusCode: 404 });
    await handle.close();
  });
});
