import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NoticeInputError, parseNoticeText, readNoticeFile } from './parse.ts';
import { decodeHtmlBytes, decodeHtmlEntities, htmlNoticeText, looksLikeHtml, parseHtml } from './read-html.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-read-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.txt`), 'utf8');
const FIXTURES = ['clean-notice', 'import-notice', 'provincial-xunshi', 'feedback', 'restart-notitle'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The notice's title line and its other lines, as a site splits them (the title in a heading above the article). */
function split(text: string): { title: string; body: string[] } {
  const lines = text.split('\n').map((l) => l.trim());
  const first = lines.findIndex((l) => l !== '');
  return { title: lines[first], body: lines.slice(first + 1).filter((l) => l !== '') };
}

const NAV = `<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/xwzx">新闻中心</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>`;
const CRUMB = `<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/xczg">巡察整改</a></div>`;
const META = `<div class="info">来源：江澜市交通运输局&nbsp;&nbsp;发布时间：2025-12-05 09:30&nbsp;&nbsp;浏览次数：1024&nbsp;&nbsp;字号：[<a>大</a> <a>中</a> <a>小</a>]</div>`;
const SHARE = `<div class="bdshare">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div><div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>`;
const RELATED = `<div class="xgwz"><h3>相关文章</h3><ul><li><a href="/a/1.html">中共江澜市财政局党组关于巡察整改进展情况的通报</a></li><li><a href="/a/2.html">江澜市召开巡察整改工作推进会</a></li><li><a href="/a/3.html">市委第二巡察组反馈巡察情况</a></li></ul></div>`;
const FOOTER = `<div class="footer"><p>主办单位：江澜市人民政府办公室　承办单位：江澜市大数据中心</p><p>网站标识码：3301000001　浙ICP备12345678号　浙公网安备 33010002000001号</p><p><a href="/sitemap">网站地图</a> | <a href="/lxwm">联系我们</a></p></div>`;
const SCRIPT = `<script>document.write('<p>整改结果：未完成</p>'); var x = "<div class='TRS_Editor'>";</script><style>.TRS_Editor p { text-indent: 2em }</style>`;

/** A TRS-style page: the notice's paragraphs in <p> inside div.TRS_Editor, the title in a heading above it. */
function trsPage(text: string, charset = 'utf-8'): string {
  const { title, body } = split(text);
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}" />
<title>${esc(title)} - 江澜市交通运输局</title>${SCRIPT}</head>
<body><div class="header"><img src="/logo.png" alt="江澜市交通运输局"><div class="search"><input name="q"><button>搜索</button></div></div>
${NAV}${CRUMB}
<div class="main"><div class="article"><h1 class="title">${esc(title)}</h1>${META}
<div class="TRS_Editor"><div class="Custom_UnionStyle"><p align="center">来源：江澜市交通运输局　　发布时间：2025年12月05日</p>
${body.map((l) => `<p style="text-indent:2em">${esc(l).replace(/^(\S{4})/, '<span>$1</span>')}</p>`).join('\n')}
</div></div>${SHARE}</div>${RELATED}</div>${FOOTER}</body></html>`;
}

/** A page without any known container name: tables for layout, paragraphs as <br>-separated text in one cell. */
function densityPage(text: string): string {
  const { title, body } = split(text);
  return `<html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>
<table width="100%"><tr><td>${NAV}</td></tr><tr><td>${CRUMB}</td></tr></table>
<table width="1000"><tr><td width="200" class="left"><ul>${['通知公告', '政策文件', '巡察整改', '人事信息']
    .map((x) => `<li><a href="#">${x}</a></li>`)
    .join('')}</ul></td>
<td width="800"><div align="center"><font size="5"><b>${esc(title)}</b></font></div>
<div>${META}</div>
<div id="fontzoom">${body.map((l) => `&nbsp;&nbsp;&nbsp;&nbsp;${esc(l)}`).join('<br>\n')}<br></div>
${SHARE}<div class="prevnext"><p>上一篇：<a href="#">关于开展春运安全检查的通知</a></p><p>下一篇：<a href="#">江澜市交通运输局2025年政府信息公开年报</a></p></div>
</td></tr></table>${RELATED}${FOOTER}</body></html>`;
}

/** A modern page: <article> with sections, the title in <h2>, the source line glued in a <p> of its own. */
function articlePage(text: string): string {
  const { title, body } = split(text);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>${esc(title)}</title></head><body>
<header><nav>${NAV}</nav></header><nav class="breadcrumb"><a>首页</a>›<a>巡察整改</a></nav>
<main><article><h2>${esc(title)}</h2><p class="meta"><span>信息来源：市交通运输局</span> <span>发布日期：2025年12月5日</span></p>
<section>${body.map((l) => `<p>${esc(l)}</p>`).join('')}</section>
<p>【打印】【关闭】</p></article><aside><h3>推荐阅读</h3><ul><li><a>江澜市巡察工作条例实施办法</a></li></ul></aside></main>
<footer>版权所有 © 江澜市交通运输局</footer></body></html>`;
}

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
