import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articlePage, densityPage, trsPage } from './fixtures/web-page.ts';
import { NoticeInputError, parseNoticeText, readNoticeFile } from './parse.ts';
import { decodeHtmlBytes, decodeHtmlEntities, htmlNoticeText, looksLikeHtml, parseHtml } from './read-html.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-read-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.txt`), 'utf8');
const FIXTURES = ['clean-notice', 'import-notice', 'provincial-xunshi', 'feedback', 'restart-notitle'];

function parsed(text: string) {
  const { warnings: _w, ...rest } = parseNoticeText(text);
  return rest;
}

describe('a notice saved as a web page reads as its text', () => {
  it.each(FIXTURES)('%s: in a TRS page, a table page without names, and an <article> page', (name) => {
    const text = fixture(name);
    const want = parsed(text);
    for (const [kind, html] of [
      ['trs', trsPage(text)],
      ['density', densityPage(text)],
      ['article', articlePage(text)],
    ]) {
      const got = htmlNoticeText(html);
      expect(got, kind).not.toMatch(
        /来源|发布时间|发布日期|浏览次数|打印|关闭|分享到|相关文章|首页|ICP|上一篇|document\.write/,
      );
      expect(parsed(got), kind).toEqual(want);
    }
  });

  it('decodes a GBK page by its meta charset, from a file named .html, .htm or .txt, and from an upload', async () => {
    const text = fixture('clean-notice');
    const gbk = encodeGbk(trsPage(text, 'gb2312'));
    for (const name of ['notice.html', 'notice.htm', 'pasted.txt']) {
      const file = path.join(dir, name);
      writeFileSync(file, gbk);
      expect(parsed(await readNoticeFile(file)), name).toEqual(parsed(text));
    }
    const { noticeTextFromBytes } = await import('./import/source.ts');
    expect(parsed(await noticeTextFromBytes(gbk, 'x.htm'))).toEqual(parsed(text));
  });

  it('guesses GB18030 when nothing is declared and the bytes are not UTF-8', () => {
    const bytes = encodeGbk('<html><body><p>整改结果：完成</p></body></html>');
    expect(decodeHtmlBytes(bytes)).toContain('整改结果：完成');
  });

  it('keeps table rows as lines, cells joined by a tab', () => {
    const html = `<html><body><div class="content"><p>整改情况如下：</p><table><tr><th>序号</th><th>问题</th><th>整改结果</th></tr>
      <tr><td>1</td><td>农村公路养护不到位<td>完成</tr><tr><td>2</td><td>项目审批效率不高</td><td>阶段性完成</td></tr></table></div></body></html>`;
    expect(htmlNoticeText(html).split('\n')).toEqual([
      '整改情况如下：',
      '序号\t问题\t整改结果',
      '1\t农村公路养护不到位\t完成',
      '2\t项目审批效率不高\t阶段性完成',
    ]);
  });

  it('knows a page by its content', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(looksLikeHtml(enc('\uFEFF  <!DOCTYPE html><html>'))).toBe(true);
    expect(looksLikeHtml(enc('<!-- saved from url=(0042)http://jtj.jianglan.gov.cn/ -->\n<html>'))).toBe(true);
    expect(looksLikeHtml(enc('<HTML><HEAD>'))).toBe(true);
    expect(looksLikeHtml(enc('中共江澜市交通运输局党组关于<html>的通报'))).toBe(false);
    expect(looksLikeHtml(enc('1.<p>标签不当</p>'))).toBe(false);
  });
});

describe('hostile and broken pages', () => {
  it('runs no script, fetches nothing and expands only the fixed entity names', () => {
    const html = `<!DOCTYPE html [<!ENTITY a "&#x4E00;&#x4E00;"><!ENTITY b "&a;&a;&a;&a;">]><html><body><div class="content">
      <p>&b;&b;&amp;lt;&#0;&#xD800;&#x110000;&nbsp;整改&ldquo;完成&rdquo;</p><img src="http://attacker.example/x.png" onerror="alert(1)">
      <script>throw new Error('ran')</script><p>第二段<!-- <p>注释</p> --></p></div></body></html>`;
    expect(htmlNoticeText(html).split('\n')).toEqual(['&b;&b;&lt; 整改“完成”', '第二段']);
    expect(decodeHtmlEntities('&amp;amp;&#x4e00;&unknown;')).toBe('&amp;一&unknown;');
  });

  it('survives nesting a hundred thousand deep and unclosed tags, quickly', () => {
    const deep = `<html><body><div class="content">${'<div><span>'.repeat(100_000)}整改结果：完成${'</span></div>'.repeat(100_000)}</div></body></html>`;
    const start = performance.now();
    expect(htmlNoticeText(deep)).toContain('整改结果：完成');
    const unclosed = `<html><body><div class="content"><p>一段<p>二段<li>三<li>四<td>五<a href="x>${'<b>'.repeat(50_000)}六`;
    const lines = htmlNoticeText(unclosed).split('\n');
    expect(lines.slice(0, 3)).toEqual(['一段', '二段', '三']);
    expect(lines[3]).toMatch(/^四\t五/);
    const quotes = `<html><body><p>甲</p>${'<a title="'.repeat(20_000)}</body></html>`;
    expect(htmlNoticeText(quotes)).toContain('甲');
    expect(performance.now() - start).toBeLessThan(5_000);
  });

  it('refuses a page with no text in it, with a coded error', () => {
    const err = (() => {
      try {
        htmlNoticeText('<html><head><title></title></head><body><script>x</script></body></html>');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(NoticeInputError);
    expect((err as NoticeInputError).key).toBe('html_without_article');
  });

  it('bounds the tree it builds', () => {
    const root = parseHtml('<div>'.repeat(1000));
    let depth = 0;
    let el = root;
    while (el.children.length > 0 && typeof el.children[0] !== 'string') {
      el = el.children[0] as typeof root;
      depth++;
    }
    expect(depth).toBeLessThanOrEqual(256);
  });
});

/** GBK bytes of a string, by inverting the decoder over the characters used (Node has no GBK encoder). */
function encodeGbk(s: string): Uint8Array {
  const table = gbkTable();
  const out: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK for ${ch}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

let gbk: Map<string, number[]> | null = null;
function gbkTable(): Map<string, number[]> {
  if (gbk) return gbk;
  gbk = new Map();
  const decoder = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !gbk.has(ch)) gbk.set(ch, [a, b]);
    }
  }
  return gbk;
}
