import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../../test/libreoffice.ts';
import { docxToPdf } from './pdf.ts';
import { type OrderNotice, orderNoticeFileName, renderOrderNoticeDocx } from './supervision-notice.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-order-notice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const notice = (items = 3, extra: Partial<OrderNotice> = {}): OrderNotice => ({
  docNumber: '市委巡察办督〔2026〕第12号',
  issuer: '中共某市委巡察工作领导小组办公室',
  unit: '市住房和城乡建设局',
  title: '加快推进老旧小区改造问题整改',
  content: '你单位老旧小区改造问题整改进度滞后，群众反映强烈。\n请对照整改方案，逐项明确责任人和完成时限。',
  dueOn: '2026-09-30',
  issuedOn: '2026-08-15',
  items: Array.from({ length: items }, (_, i) => ({
    number: `一、（${i + 1}）`,
    title: `第${i + 1}项：老旧小区改造资金拨付不及时，部分项目长期停工`,
    deadline: '2026-12-31',
  })),
  recalled: false,
  ...extra,
});

const textOf = (docx: Buffer) =>
  strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml'] as Uint8Array).replace(/<[^>]+>/g, '');

describe('the 督办通知书 .docx', () => {
  it('holds the 文号, the title, the addressee, every item, the deadline, the issuer and the date', async () => {
    const text = textOf(await renderOrderNoticeDocx(notice()));
    for (const words of [
      '市委巡察办督〔2026〕第12号',
      '督办通知书',
      '市住房和城乡建设局：',
      '加快推进老旧小区改造问题整改',
      '请对照整改方案',
      '督办涉及以下 3 项整改事项',
      '第3项：老旧小区改造资金',
      '2026年12月31日',
      '请于2026年9月30日前办结',
      '2026年8月15日',
    ]) {
      expect(text).toContain(words);
    }
    expect(text.split('中共某市委巡察工作领导小组办公室').length - 1).toBe(3);
    expect(text).not.toContain('已撤回');
  });

  it('writes the header in red with the rule under the 文号, and marks a recalled order', async () => {
    const xml = strFromU8(
      unzipSync(new Uint8Array(await renderOrderNoticeDocx(notice(0, { recalled: true }))))[
        'word/document.xml'
      ] as Uint8Array,
    );
    expect(xml).toContain('w:color w:val="E60012"');
    expect(xml).toMatch(/<w:pBdr><w:bottom w:val="single" w:color="E60012"/);
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('（已撤回）');
    expect(xml).not.toContain('督办涉及以下');
  });

  it('names the file after the number and the unit', () => {
    expect(orderNoticeFileName(notice(), 'pdf')).toBe('督办通知书（市委巡察办督〔2026〕第12号）市住房和城乡建设局.pdf');
    expect(orderNoticeFileName({ docNumber: null, unit: '甲单位' }, 'docx')).toBe('督办通知书甲单位.docx');
  });

  it('answers soffice_missing (503) when the LibreOffice command is not there', async () => {
    const error = await docxToPdf(await renderOrderNoticeDocx(notice()), '/nonexistent/soffice').catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.key).toBe('soffice_missing');
    expect(error.statusCode).toBe(503);
  });
});

describe.skipIf(!hasLibreOffice())(
  `LibreOffice opens the 督办通知书${hasLibreOffice() ? '' : ` (skipped: ${LIBREOFFICE_MISSING})`}`,
  () => {
    it('converts to one A4 page holding the number and the unit, and to more when the items run long', async () => {
      const file = path.join(dir, 'order.docx');
      // One item and one line of request: the page the office sends most often, which fits on one page.
      writeFileSync(
        file,
        await renderOrderNoticeDocx(notice(1, { content: '请对照整改方案，逐项明确责任人和完成时限。' })),
      );
      const { pdf, pages } = await convertToPdf(file, dir);
      // The page to look at: test-results/order-notice-1.png (a fresh clone has no test-results/ yet).
      mkdirSync(path.resolve('test-results'), { recursive: true });
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        pdf,
        path.resolve('test-results/order-notice'),
      ]);
      expect(pages).toBe(1);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('督办通知书');
      expect(text).toMatch(/〔\s*2026\s*〕\s*第\s*12\s*号/);
      expect(text).toContain('市住房和城乡建设局');

      const long = path.join(dir, 'long.docx');
      writeFileSync(long, await renderOrderNoticeDocx(notice(20)));
      const longPages = (await convertToPdf(long, dir)).pages;
      expect(longPages).toBeGreaterThanOrEqual(2);
      expect(longPages).toBeLessThanOrEqual(3);
    }, 180_000);

    it('the server’s own conversion gives a PDF', async () => {
      const pdf = await docxToPdf(await renderOrderNoticeDocx(notice()), 'soffice');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }, 180_000);
  },
);
