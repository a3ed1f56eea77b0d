import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { split, trsPage } from './fixtures/web-page.ts';
import { NoticeInputError, parseNoticeText } from './parse.ts';
import { renderedPageText, textOfPasted, textOfStdin } from './read-pasted.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const SEEDS = path.resolve(import.meta.dirname, '../../../shared/seeds');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8');

function parsed(text: string) {
  const { warnings: _w, ...rest } = parseNoticeText(text);
  return rest;
}

/** The notice as a browser renders a selected page into plain text: the site's lines around it, related titles after. */
function rendered(text: string): string {
  const { title, body } = split(text);
  return [
    '首页 > 政务公开 > 巡察整改',
    title,
    '来源：江澜市交通运输局　发布时间：2025-12-05 09:30　浏览次数：1024　字号：[大 中 小]',
    ...body,
    '分享到：微信 微博 QQ空间',
    '【打印本页】【关闭窗口】',
    '相关文章',
    '中共江澜市财政局党组关于巡察整改进展情况的通报',
    '江澜市召开巡察整改工作推进会',
  ].join('\n');
}

describe('a page rendered into plain text', () => {
  it.each(['clean-notice', 'import-notice', 'provincial-xunshi', 'feedback', 'restart-notitle'])(
    '%s reads as the notice itself',
    (name) => {
      const text = fixture(name);
      const got = renderedPageText(rendered(text));
      expect(got).not.toMatch(/来源|发布时间|分享到|打印|相关文章|财政局|推进会|首页/);
      expect(parsed(got)).toEqual(parsed(text));
      expect(parsed(textOfPasted(rendered(text), 'text'))).toEqual(parsed(text));
    },
  );

  it('keeps a title the site glued its source and date onto (the analyser takes that apart)', () => {
    const text = fixture('web-title-meta');
    expect(renderedPageText(text)).toBe(text);
  });

  it('leaves every notice as typed (fixtures, and the seeds where ../shared is present) reading the same', () => {
    const files = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => path.join(FIXTURES, f));
    if (existsSync(SEEDS))
      files.push(
        ...readdirSync(SEEDS)
          .filter((f) => f.endsWith('.txt'))
          .map((f) => path.join(SEEDS, f)),
      );
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(parsed(renderedPageText(text)), file).toEqual(parsed(text));
    }
  });
});

describe('textOfPasted and textOfStdin', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return error instanceof NoticeInputError ? error.key : String(error);
    }
    return null;
  };

  it('reads HTML by what the clipboard said or by its content, and text with no tag as text', () => {
    const text = fixture('clean-notice');
    expect(parsed(textOfPasted(trsPage(text), 'html'))).toEqual(parsed(text));
    expect(parsed(textOfPasted(trsPage(text), 'text'))).toEqual(parsed(text));
    expect(textOfPasted(`\uFEFF${text}`, 'html')).toBe(text);
  });

  it('refuses empty, binary-looking, oversized and article-less pastes by name', () => {
    expect(refusal(() => textOfPasted(' \n\u3000', 'text'))).toBe('notice_paste_empty');
    expect(refusal(() => textOfPasted('\u0000\u0001\u0002\u0003'.repeat(100), 'text'))).toBe('notice_paste_not_text');
    expect(refusal(() => textOfPasted('巡'.repeat(7 * 1024 * 1024 + 1), 'text'))).toBe('notice_paste_too_large');
    expect(refusal(() => textOfPasted('<html><body><nav><a>首页</a></nav></body></html>', 'html'))).toBe(
      'html_without_article',
    );
  });

  it('reads standard input by its bytes: UTF-8 text, a page, empty', async () => {
    const text = fixture('clean-notice');
    const utf8 = new TextEncoder().encode(text);
    expect(parsed(await textOfStdin(utf8))).toEqual(parsed(text));
    expect(parsed(await textOfStdin(Buffer.from(trsPage(text))))).toEqual(parsed(text));
    await expect(textOfStdin(new Uint8Array(0))).rejects.toMatchObject({ key: 'notice_file_empty' });
  });
});
