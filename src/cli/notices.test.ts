import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../test/libreoffice.ts';
import { lintCommand, parseCommand } from './notices.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-notices-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => fileURLToPath(new URL(`../notices/fixtures/${name}`, import.meta.url));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

function file(name: string, bytes: Uint8Array | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('rectify parse', () => {
  it('prints exactly one pretty JSON object with --json', async () => {
    const t = io();
    expect(await parseCommand([fixture('clean-notice.txt'), '--json'], t.io)).toBe(0);
    expect(t.out).toHaveLength(1);
    expect(t.out[0]).toContain('\n  "title": ');
    const notice = JSON.parse(t.out[0]);
    expect(Object.keys(notice)).toEqual([
      'title',
      'issuer',
      'issued_on',
      'inspection',
      'publication_period',
      'contacts',
      'stated_totals',
      'sections',
      'has_next_steps_section',
      'warnings',
    ]);
    expect(notice.sections[0].items[0]).toEqual({
      number: '1',
      title: '农村公路养护不到位',
      status: '完成',
      measure_count: 3,
      measures: ['制定农村公路养护考核办法', '完成养护检查4轮', '对2个乡镇约谈提醒'],
    });
    expect(t.err).toEqual([]);
  });

  it('prints a readable summary by default', async () => {
    const t = io();
    expect(await parseCommand([fixture('clean-notice.txt')], t.io)).toBe(0);
    const text = t.out.join('\n');
    expect(text).toContain('标题 / title: 中共江澜市交通运输局党组关于十三届市委第三轮巡察整改进展情况的通报');
    expect(text).toContain('整改事项 / items: 4 (完成 3, 阶段性完成 1, 未完成 0, 未标明 unlabelled 0) in 2 section(s)');
    expect(text).toContain('1. 农村公路养护不到位  [完成]  3 项措施 measures');
  });

  it('prints usage for --help and refuses bad arguments', async () => {
    let t = io();
    expect(await parseCommand(['--help'], t.io)).toBe(0);
    expect(t.out[0]).toContain('rectify parse FILE');
    t = io();
    expect(await parseCommand([], t.io)).toBe(2);
    expect(t.err[0]).toContain('missing FILE');
    t = io();
    expect(await parseCommand([fixture('clean-notice.txt'), '--yaml'], t.io)).toBe(2);
    expect(t.err[0]).toContain('bad arguments');
    t = io();
    expect(await parseCommand(['a.txt', 'b.txt'], t.io)).toBe(2);
  });
});

describe('rectify lint', () => {
  it('exits 0 on a clean notice', async () => {
    const t = io();
    expect(await lintCommand([fixture('clean-notice.txt')], t.io)).toBe(0);
    expect(t.out).toEqual(['未发现问题 / no findings']);
  });

  it('prints each finding with its line and exits 1 on errors', async () => {
    const t = io();
    const p = fixture('lint-broken.txt');
    expect(await lintCommand([p], t.io)).toBe(1);
    expect(t.out).toContain(
      `错误 error ${p}:16 [numbering_gap] 整改事项编号不连续：应为 1 或 3，实为 4 / item numbering skips: expected 1 or 3, found 4`,
    );
    expect(t.out).toContain('    > 4.医疗机构收费不规范');
    expect(t.out[t.out.length - 1]).toBe('7 个错误，0 个警告 / 7 error(s), 0 warning(s)');
  });

  it('prints {findings:[…]} with --json', async () => {
    const t = io();
    expect(await lintCommand(['--json', fixture('lint-broken.txt')], t.io)).toBe(1);
    expect(t.out).toHaveLength(1);
    const { findings } = JSON.parse(t.out[0]);
    expect(findings).toHaveLength(7);
    expect(Object.keys(findings[0])).toEqual(['severity', 'code', 'message', 'line', 'excerpt']);
  });

  it('exits 0 when there are only warnings', async () => {
    const t = io();
    const p = file(
      'warn.txt',
      '一、整改情况\n1.问题甲。整改结果:完成。\n公开期限:2026年1月5日至2026年1月19日。联系电话:0731-1234567。\n江澜市某局\n2026年1月5日',
    );
    expect(await lintCommand([p], t.io)).toBe(0);
    expect(t.out.some((l) => l.startsWith('警告 warning'))).toBe(true);
  });
});

describe('bad input exits 2 with a message and no stack trace', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing file', () => path.join(dir, 'missing.txt'), /file not found/],
    ['an empty file', () => file('empty.txt', ''), /empty/],
    [
      'binary junk',
      () =>
        file(
          'junk.bin',
          Uint8Array.from({ length: 3000 }, (_, i) => (i * 131 + 7) % 256),
        ),
      /unrecognised content/,
    ],
    ['a .docx that is not a zip', () => file('fake.docx', 'not a zip at all'), /not a valid \.docx/],
    [
      'a 50 MB file',
      () => {
        const p = file('huge.txt', '');
        truncateSync(p, 50 * 1024 * 1024);
        return p;
      },
      /limit is 20\.0 MB/,
    ],
    ['a folder', () => dir, /directory/],
  ];
  for (const [name, make, message] of cases) {
    it(name, async () => {
      const p = make();
      for (const command of [parseCommand, lintCommand]) {
        for (const args of [[p], [p, '--json']]) {
          const t = io();
          expect(await command(args, t.io)).toBe(2);
          expect(t.out).toEqual([]);
          expect(t.err.join('\n')).toMatch(message);
          expect(t.err.join('\n')).not.toMatch(/\n\s+at /);
        }
      }
    });
  }

  it('reads a .docx saved under another extension by its content', async () => {
    const xml =
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      '<w:p><w:r><w:t>一、整改情况</w:t></w:r></w:p><w:p><w:r><w:t>1.问题甲。整改结果：完成。一是整改。</w:t></w:r></w:p>' +
      '</w:body></w:document>';
    const p = file('notice.bin', zipSync({ 'word/document.xml': strToU8(xml) }));
    const t = io();
    expect(await parseCommand([p, '--json'], t.io)).toBe(0);
    expect(JSON.parse(t.out[0]).sections[0].items[0]).toMatchObject({
      title: '问题甲',
      status: '完成',
      measure_count: 1,
    });
  });
});

describe('rectify parse and lint read pages, PDFs, .doc and .wps (issue 16)', () => {
  const clean = () => readFileSync(fixture('clean-notice.txt'), 'utf8');
  const page = () => {
    const [title, ...rest] = clean().split('\n');
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><div class="nav"><a>首页</a><a>政务公开</a></div>
<h1>${title}</h1><div class="info">来源：江澜市交通运输局 发布时间：2025-12-05</div><div id="zoom">${rest.map((l) => `<p>${l}</p>`).join('')}</div>
<div class="footer">版权所有 江澜市人民政府</div></body></html>`;
  };

  it('parses and lints a saved page as the text it carries', async () => {
    const want = io();
    await parseCommand([fixture('clean-notice.txt'), '--json'], want.io);
    for (const name of ['notice.html', 'notice.htm', 'notice-paste.txt']) {
      const t = io();
      expect(await parseCommand([file(name, page()), '--json'], t.io), name).toBe(0);
      expect(t.out, name).toEqual(want.out);
      const l = io();
      expect(await lintCommand([path.join(dir, name), '--json'], l.io), name).toBe(0);
    }
  });

  it.skipIf(!hasLibreOffice())(
    `parses and lints a PDF${hasLibreOffice() ? '' : ` (skipped: ${LIBREOFFICE_MISSING})`}`,
    async () => {
      const want = io();
      await parseCommand([fixture('clean-notice.txt'), '--json'], want.io);
      const txt = file('printed.txt', clean());
      const { pdf } = await convertToPdf(txt, dir);
      const t = io();
      expect(await parseCommand([pdf, '--json'], t.io)).toBe(0);
      expect(t.out).toEqual(want.out);
      const l = io();
      expect(await lintCommand([pdf], l.io)).toBe(0);
    },
    120_000,
  );

  it('exits 2 with a coded message for a damaged PDF', async () => {
    const t = io();
    expect(await parseCommand([file('bad.pdf', '%PDF-1.4 nothing here')], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/PDF 文件已损坏.*damaged/s);
  });
});
