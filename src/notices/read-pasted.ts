import { MAX_PASTED_BYTES, PASTED_KINDS, type PastedKind, pastedKind } from '../domain/pasted-notice.ts';
import { looksBinary, MAX_NOTICE_BYTES, NoticeInputError, noticeKind, plainText, textOfNotice } from './read.ts';
import { htmlNoticeText, isDebrisLine } from './read-html.ts';

/**
 * Issue 16: a notice pasted rather than uploaded (the web import's paste box) or piped in (`rectify parse -`), read by
 * the same readers as a file. What counts as markup is the domain's rule (src/domain/pasted-notice.ts), shared with the page.
 */

export { MAX_PASTED_BYTES, PASTED_KINDS, type PastedKind, pastedKind };

/**
 * The notice text of something pasted: `kind` is what the clipboard said (its text/html, else its plain text); plain
 * text that is a page's source is read as a page too, and "HTML" with no tag at all as the text it is (its line breaks
 * would otherwise collapse). Throws NoticeInputError for an empty, binary-looking or article-less paste.
 */
export function textOfPasted(text: string, kind: PastedKind): string {
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '') throw new NoticeInputError('notice_paste_empty', undefined);
  if (Buffer.byteLength(content, 'utf8') > MAX_PASTED_BYTES)
    throw new NoticeInputError('notice_paste_too_large', { maxBytes: MAX_PASTED_BYTES });
  if (looksBinary(content)) throw new NoticeInputError('notice_paste_not_text', undefined);
  const asHtml = pastedKind(content) === 'html' || (kind === 'html' && /<[A-Za-z!/]/.test(content));
  const out = asHtml ? htmlNoticeText(content) : renderedPageText(content);
  if (out.trim() === '') throw new NoticeInputError('notice_paste_empty', undefined);
  return out;
}

/** Where a page's tail begins: its related articles and previous/next links, never part of the notice. */
const TAIL_START = /^(?:上一篇|下一篇|相关(?:文章|链接|阅读|新闻|信息)|延伸阅读|推荐阅读|热点推荐|猜你喜欢)[:：]?/;

/**
 * Plain text as a browser renders a page's selection when no HTML came with it: the site's lines (breadcrumbs, 来源/
 * 发布时间, share, print/close) are dropped, and from a 相关文章 or 上一篇 line on everything (the related titles look
 * like a notice's title). Text with none of those lines, as a notice typed or saved as .txt is, is left as it is.
 */
export function renderedPageText(text: string): string {
  const lines = text.split(/\r\n|\n|\r/);
  if (!lines.some(siteLine)) return text;
  const half = Math.floor(lines.length / 2);
  const tail = lines.findIndex((l, i) => i >= half && TAIL_START.test(l.trim()));
  return (tail >= 0 ? lines.slice(0, tail) : lines).filter((l) => !siteLine(l)).join('\n');
}

/** A line of the site's own, not one the site glued onto the notice's title (that the analyser takes apart). */
function siteLine(line: string): boolean {
  if (line.trim() === '' || !isDebrisLine(line)) return false;
  const before = /^(.*?)(?:信息)?(?:来源|发布时间|发布日期|浏览次数|点击数|访问量|字号|作者|编辑)[:：]/.exec(
    line.trim(),
  );
  return !before || before[1].replace(/[\s|｜【[]/g, '').length < 6;
}

/**
 * A notice piped in on standard input: a PDF, .docx or .doc by its bytes, a page (whole or a fragment) by its content,
 * else text in UTF-8, UTF-16 with a BOM, or GB18030.
 */
export async function textOfStdin(bytes: Uint8Array): Promise<string> {
  if (bytes.length > MAX_NOTICE_BYTES)
    throw new NoticeInputError('notice_file_too_large', { size: bytes.length, maxBytes: MAX_NOTICE_BYTES });
  if (bytes.length === 0) throw new NoticeInputError('notice_file_empty', { file: STDIN_NAME });
  let text: string;
  if (noticeKind(bytes, '') !== 'text') text = await textOfNotice(bytes, '');
  else {
    const decoded = plainText(bytes);
    text = pastedKind(decoded) === 'html' ? htmlNoticeText(decoded) : renderedPageText(decoded);
  }
  if (text.trim() === '') throw new NoticeInputError('notice_without_text', { file: STDIN_NAME });
  return text;
}

/** How standard input is named in messages. */
export const STDIN_NAME = '标准输入 stdin';

/** Reads a stream whole, stopping one byte past `maxBytes` (the caller refuses it as too large without reading on). */
export async function readBounded(stream: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    chunks.push(buf);
    size += buf.length;
    if (size > maxBytes) break;
  }
  return Buffer.concat(chunks, size);
}
