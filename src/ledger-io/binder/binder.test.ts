import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import { EvidenceStore } from '../../storage/evidence-store.ts';
import { testDialects } from '../../test/databases.ts';
import { addEvidenceRow, type World, type WorldUser, worldContext } from '../../test/factories.ts';
import { createLedgerWorld, exportToBuffer, type LedgerDetail, readWorkbook } from '../../test/ledger-fixtures.ts';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../../test/libreoffice.ts';
import { startedTestS3 } from '../../test/s3.ts';
import { INDEX_DOCX, INDEX_XLSX, prepareBinder } from './binder.ts';
import { MISSING_NOTE } from './index-xlsx.ts';

const ASPECT1 = '01 党的领导方面';
const ASPECT2 = '02 全面从严治党方面';
// The full-width colon is a different character from the ':' Windows forbids, and stays.
const OVERDUE_FOLDER = `${ASPECT2}/3 动议酝酿环节记录不完整：个别干部任前“凭印象”推荐/`;

/** The general-purpose flags of every local file header, by entry name: bit 11 says the name is UTF-8. */
function localHeaderFlags(zip: Uint8Array): Map<string, number> {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const flags = new Map<string, number>();
  for (let at = view.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0; at = view.indexOf('PK\x03\x04', at + 4, 'latin1')) {
    const nameLength = view.readUInt16LE(at + 26);
    flags.set(view.subarray(at + 30, at + 30 + nameLength).toString('utf8'), view.readUInt16LE(at + 6));
  }
  return flags;
}

const s3 = startedTestS3();
// The binder streams each file from the store, whichever it is: the data folder or an S3 bucket.
const cases = testDialects().flatMap((dialect) =>
  (['local', 's3'] as const).map((storage) => [dialect, storage] as const),
);

describe.each(cases)('evidence binder (%s, %s storage)', (dialect, storage) => {
  let handle: DatabaseHandle;
  let world: World;
  let detail: LedgerDetail;
  let store: EvidenceStore;
  const ctxOf = (user: WorldUser) => worldContext(handle.db, world, user);
  const binderOf = async (user: WorldUser) =>
    unzipSync(new Uint8Array(await exportToBuffer(await prepareBinder(ctxOf(user), store, world.inspectionA))));

  beforeAll(async () => {
    store = new EvidenceStore(
      storage === 's3' ? s3().backend() : mkdtempSync(path.join(tmpdir(), 'rectify-binder-store-')),
    );
    ({ handle, world, detail } = await createLedgerWorld(dialect, store));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('holds one folder per aspect and item with its files, numbered on repeats and cleaned for Windows', async () => {
    const prepared = await prepareBinder(ctxOf('office'), store, world.inspectionA);
    expect(prepared.fileName).toBe('测试市交通运输局整改资料册20260815.zip');
    const raw = new Uint8Array(await exportToBuffer(prepared));
    const entries = unzipSync(raw);
    expect(Object.keys(entries).sort()).toEqual(
      [
        INDEX_DOCX,
        INDEX_XLSX,
        `${ASPECT1}/1 财务审批不规范/proof.pdf`,
        `${ASPECT1}/2 公务用车管理不严/`,
        `${OVERDUE_FOLDER}会议纪要.pdf`,
        `${OVERDUE_FOLDER}会议纪要(2).pdf`,
        `${OVERDUE_FOLDER}规程_修订稿_.pdf`,
        `${ASPECT2}/4 试用期满考核流于形式/考核意见.pdf`,
        `${ASPECT2}/5 干部档案材料归档不及时/`,
      ].sort(),
    );
    const bytesOf = (name: string) => detail.evidenceFiles.find((f) => f.fileName === name)?.bytes;
    expect(Buffer.from(entries[`${OVERDUE_FOLDER}规程_修订稿_.pdf`])).toEqual(bytesOf('规程:修订稿?.pdf'));
    expect(strFromU8(entries[`${OVERDUE_FOLDER}会议纪要(2).pdf`])).toContain('动议会议纪要');
    const flags = localHeaderFlags(raw);
    expect(flags.get(INDEX_XLSX)).toBeDefined();
    for (const [name, flag] of flags) expect(flag & 0x800, name).toBe(0x800);
  });

  it('indexes every item and file in 索引.xlsx and 索引.docx', async () => {
    const entries = await binderOf('office');
    const ws = (await readWorkbook(Buffer.from(entries[INDEX_XLSX]))).getWorksheet('索引');
    if (!ws) throw new Error('no 索引 sheet');
    expect(ws.getCell('A1').value).toBe('测试市交通运输局巡察整改资料册索引（2026-08-15）');
    const rows = ws.getSheetValues().slice(3) as unknown[][];
    expect(rows.filter((r) => r[1] === '事项')).toHaveLength(5);
    expect(rows.filter((r) => r[1] === '文件')).toHaveLength(5);
    const overdue = rows.find((r) => r[1] === '事项' && r[2] === '3');
    expect(overdue?.slice(6, 12)).toEqual([
      '1. 立即补齐2025年以来干部动议记录（办公室 孙主任，立行立改）\n2. 修订干部选拔任用工作规程，明确动议酝酿环节的记录要求（财务科 周科长，2026-07-31）\n3. 每半年开展一次选人用人专项检查（办公室，长期坚持）',
      '2026-07-05 召开专题会议部署整改\n2026-07-10 已补齐动议记录12份\n2026-08-01 规程修订稿已征求意见',
      undefined,
      '整改中',
      '未完成',
      '逾期',
    ]);
    const second = rows.find((r) => r[12] === '会议纪要.pdf' && r[16] === `${OVERDUE_FOLDER}会议纪要(2).pdf`);
    expect(second?.[13]).toBe('立即补齐2025年以来干部动议记录');

    const docx = unzipSync(entries[INDEX_DOCX]);
    const xml = strFromU8(docx['word/document.xml']);
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      '测试市交通运输局巡察整改资料册索引',
      '一、党的领导方面',
      '二、全面从严治党方面',
      '（一）3 动议酝酿环节记录不完整：个别干部任前“凭印象”推荐',
      '整改状态：整改中；整改结果：未完成；逾期；不宜公开',
      '2026-08-01 规程修订稿已征求意见',
      `${OVERDUE_FOLDER}会议纪要(2).pdf（2026-08-01，1 KB）`,
    ])
      expect(text).toContain(expected);
    expect(xml).toContain('w:w="11906"');
    expect(strFromU8(docx['word/styles.xml'])).toContain('仿宋_GB2312');
  });

  it('gives a department only its items, and refuses another unit’s inspection', async () => {
    // An item without a number is labelled by its place among the items shown: here it is the first.
    const folders = new Set(Object.keys(await binderOf('deptA2')).map((name) => name.split('/').slice(0, 2).join('/')));
    expect([...folders].sort()).toEqual(
      [INDEX_DOCX, INDEX_XLSX, `${ASPECT1}/1 公务用车管理不严`, OVERDUE_FOLDER.slice(0, -1)].sort(),
    );
    await expect(prepareBinder(ctxOf('unitAdminB'), store, world.inspectionA)).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  // The indexes do not depend on the database or the store: checked once.
  it.skipIf(!hasLibreOffice() || dialect !== 'sqlite' || storage !== 'local')(
    'writes indexes that LibreOffice opens',
    async () => {
      const entries = await binderOf('office');
      const dir = mkdtempSync(path.join(tmpdir(), 'rectify-binder-lo-'));
      for (const name of [INDEX_XLSX, INDEX_DOCX]) {
        writeFileSync(path.join(dir, name), entries[name]);
        const { pages } = await convertToPdf(path.join(dir, name), dir);
        expect(pages, name).toBeGreaterThanOrEqual(1);
      }
    },
    240_000,
  );
  if (!hasLibreOffice()) it.skip(`writes indexes that LibreOffice opens: ${LIBREOFFICE_MISSING}`, () => {});

  it('lists a file missing from the store in the index and leaves it out of the zip', async () => {
    await addEvidenceRow(handle.db, world.itemA2, world.users.deptA2.id);
    const entries = await binderOf('office');
    expect(Object.keys(entries)).not.toContain(`${ASPECT1}/2 公务用车管理不严/proof.pdf`);
    const ws = (await readWorkbook(Buffer.from(entries[INDEX_XLSX]))).getWorksheet('索引');
    if (!ws) throw new Error('no 索引 sheet');
    const missing = (ws.getSheetValues() as unknown[][]).find((r) => r?.[18] === MISSING_NOTE);
    expect(missing?.[5]).toBe('公务用车管理不严');
  });
});
