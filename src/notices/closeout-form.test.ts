import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../test/libreoffice.ts';
import { type CloseoutForm, fitLines, renderCloseoutForms } from './closeout-form.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-closeout-form-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signed = (by: string, note: string) => ({ by, on: '2026-08-15', note });

function form(i: number, size: 'short' | 'huge'): CloseoutForm {
  const many = size === 'huge' ? 40 : 2;
  const long = (s: string) => (size === 'huge' ? s.repeat(30) : s);
  return {
    unit: '市交通运输局',
    round: '十二届市委第三轮巡察',
    team: '第一巡察组',
    number: `${i}.`,
    title: `第 ${i} 项 政府采购内控制度执行不严`,
    description: long('部分采购项目未按规定履行集体决策程序，验收记录不完整。'),
    deadline: '2026-09-30',
    leadDepartment: '财务科',
    responsibleLeader: '张副局长',
    measures: Array.from({ length: many }, (_, m) => ({
      content: long(`修订采购内控制度第 ${m + 1} 条`),
      completedOn: m % 2 ? null : '2026-08-01',
    })),
    evidence: Array.from({ length: many }, (_, e) => ({
      fileName: `佐证材料-${e + 1}.pdf`,
      effectiveOn: '2026-08-10',
      note: long('会议纪要'),
    })),
    request: signed('财务科 李四', long('制度已印发，会议纪要已上传，经核查整改到位。')),
    approval: signed('王局长', long('同意销号。')),
    confirmation: i % 2 ? null : signed('巡察办 赵六', long('核查属实。')),
    resultLabel: '完成',
    stateLabel: '已销号',
    closedOn: '2026-08-15',
  };
}

describe('fitting a list into a box of the form', () => {
  it('keeps a short list whole', () => {
    expect(fitLines(['一', '二'], 5, '项')).toEqual(['一', '二']);
  });

  it('counts what does not fit instead of spilling over', () => {
    const out = fitLines(
      Array.from({ length: 20 }, (_, i) => `措施 ${i + 1}`),
      4,
      '项措施',
    );
    expect(out).toHaveLength(4);
    expect(out.at(-1)).toBe('……等共 20 项措施，其余见系统台账');
  });

  it('cuts one over-long entry to two lines with an ellipsis', () => {
    const [only] = fitLines(['很长的措施'.repeat(100)], 6, '项');
    expect(only.endsWith('……')).toBe(true);
    expect(only.length).toBeLessThan(100);
  });
});

describe.skipIf(!hasLibreOffice())(
  `LibreOffice renders the 销号审批表${hasLibreOffice() ? '' : ` (skipped: ${LIBREOFFICE_MISSING})`}`,
  () => {
    it('one page per item, however much an item holds', async () => {
      const forms = [form(1, 'short'), form(2, 'huge'), form(3, 'short'), form(4, 'huge'), form(5, 'huge')];
      const file = path.join(dir, '销号审批表.docx');
      writeFileSync(file, await renderCloseoutForms(forms));
      const { pdf, pages } = await convertToPdf(file, dir);
      expect(pages).toBe(forms.length);
      // Each page carries its own item: the text of page n names item n.
      for (const [i, f] of forms.entries()) {
        const text = execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdf, '-'], {
          encoding: 'utf8',
        });
        expect(text).toContain('巡察整改事项销号审批表');
        expect(text.replace(/\s+/g, '')).toContain(f.title.replace(/\s+/g, ''));
      }
      // The pictures a person looks at (test-results/ keeps them when RECTIFY_KEEP_FORM_PNG names a folder).
      const keep = process.env.RECTIFY_KEEP_FORM_PNG;
      if (keep) {
        execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(keep, 'closeout-form')]);
        expect(readdirSync(keep).filter((n) => n.startsWith('closeout-form')).length).toBe(forms.length);
      }
    }, 180_000);
  },
);
