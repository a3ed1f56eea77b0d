import { NoticeInputError } from './input-error.ts';

/**
 * Issue 16: a notice saved from an office's website (or its HTML pasted into a file). A small tokenizer builds a
 * bounded tree (no scripts run, nothing fetched, no DTD so no entity expansion beyond the fixed HTML names); the
 * article is the site's known content container or else the block with the most running text, with the site's debris
 * (navigation, breadcrumbs, 来源/发布时间 lines, share/print/close links, related articles, footers) dropped.
 */

interface El {
  tag: string;
  attrs: string;
  children: Node[];
  parent: El | null;
}
type Node = El | string;

/** Tags whose content is never text of the page. */
const SKIP_CONTENT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'head',
  'title',
  'textarea',
  'select',
  'button',
]);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'caption',
]);
/** Opening one of these closes an open one of the same kind (a <p> left open, list items and rows without ends). */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'tr', 'td', 'th', 'dt', 'dd', 'option']);
/** Deeper than this the page is hostile or broken; further elements are flattened into the deepest one. */
const MAX_DEPTH = 256;
/** Elements beyond this count are read as text only: a notice page has a few thousand. */
const MAX_ELEMENTS = 200_000;

const NAMED: Record<string, string> = {
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ideographicspace: '\u3000',
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  yen: '¥',
  copy: '©',
  reg: '®',
  laquo: '«',
  raquo: '»',
  bull: '•',
  permil: '‰',
  sect: '§',
  lsaquo: '‹',
  rsaquo: '›',
  zwj: '',
  zwnj: '',
  shy: '',
};

export function decodeHtmlEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z]{2,16});?/g, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      if (code === 0xa0) return ' ';
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    const named = NAMED[e] ?? NAMED[e.toLowerCase()];
    return named ?? whole;
  });
}

/** A tree of the page; comments, doctype and processing instructions are skipped, unknown markup is kept as elements. */
export function parseHtml(html: string): El {
  const title = /<title[^>]*>([^<]{0,2000})<\/title/i.exec(html.slice(0, 65_536))?.[1] ?? '';
  const root: El = { tag: '#root', attrs: `title=${title}`, children: [], parent: null };
  let current = root;
  let depth = 0;
  let elements = 0;
  const token =
    /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>|<\/([A-Za-z][\w:-]*)[^>]*>|<([A-Za-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+|<)/g;
  let m: RegExpExecArray | null = token.exec(html);
  while (m !== null) {
    const [, closeName, openName, attrs, text] = m;
    if (text !== undefined) {
      current.children.push(text);
    } else if (closeName !== undefined) {
      const tag = closeName.toLowerCase();
      let el: El | null = current;
      let steps = 0;
      while (el && el.tag !== tag && steps < 64) {
        el = el.parent;
        steps++;
      }
      if (el && el.tag === tag && el.parent) {
        while (current !== el.parent && current.parent) {
          current = current.parent;
          depth--;
        }
      }
    } else if (openName !== undefined) {
      const tag = openName.toLowerCase();
      if (SKIP_CONTENT.has(tag) && !attrs.trimEnd().endsWith('/')) {
        // Raw text up to the matching end tag; nothing inside is markup or text of the page.
        const end = new RegExp(`</${tag}\\s*>`, 'ig');
        end.lastIndex = token.lastIndex;
        const found = end.exec(html);
        token.lastIndex = found ? end.lastIndex : html.length;
      } else if (tag === 'br') {
        current.children.push('\n');
      } else if (elements >= MAX_ELEMENTS) {
        if (BLOCK.has(tag)) current.children.push('\n');
      } else {
        if (SELF_CLOSING_SIBLINGS.has(tag)) {
          // An open sibling of the same kind ends here (no nested <p> in HTML); look up a few levels at most.
          let el: El | null = current;
          for (let i = 0; i < 3 && el && el !== root; i++, el = el.parent) {
            if (el.tag === tag || ((tag === 'td' || tag === 'th') && (el.tag === 'td' || el.tag === 'th'))) {
              while (current !== el.parent && current.parent) {
                current = current.parent;
                depth--;
              }
              break;
            }
            if (el.tag === 'table' || el.tag === 'ul' || el.tag === 'ol') break;
          }
        }
        const el: El = { tag, attrs, children: [], parent: current };
        elements++;
        if (VOID.has(tag) || attrs.trimEnd().endsWith('/')) {
          if (tag === 'hr') current.children.push('\n');
        } else if (depth >= MAX_DEPTH) {
          if (BLOCK.has(tag)) current.children.push('\n');
        } else {
          current.children.push(el);
          current = el;
          depth++;
        }
      }
    }
    m = token.exec(html);
  }
  return root;
}

function attr(el: El, name: string): string {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(el.attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : '';
}

const idClass = (el: El) => `${attr(el, 'id')} ${attr(el, 'class')}`.trim();

/** Containers government sites (TRS, 大汉, 拓尔思, 政府网站集约化 platforms) put the article in. */
const ARTICLE_NAMES =
  /(?:^|[\s_-])(?:TRS_Editor|TRS_UEDITOR|Custom_UnionStyle|art_con|artcon|article|article[-_]?(?:content|body|con)|content|contents|zoom|zoomcon|zw|zwnr|wzzw|news[-_]?content|detail[-_]?content|text|main[-_]?content|pages_content|view)(?:$|[\s_-])/i;
/** Debris by name: navigation, breadcrumbs, share and print tools, related articles, footers, sidebars. */
const DEBRIS_NAMES =
  /nav|menu|breadcrumb|crumb|position|location|dqwz|share|bdshare|jiathis|print|toolbar|tools|related|xgwz|xglj|relevant|recommend|footer|foot|bottom|copyright|sidebar|side|comment|pager|pagination|qrcode|ewm|header|topbar|search|login|fontsize|zihao/i;
const DEBRIS_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu']);

function isDebris(el: El): boolean {
  if (DEBRIS_TAGS.has(el.tag)) return true;
  const names = idClass(el);
  if (names === '' || ARTICLE_NAMES.test(names)) return false;
  return DEBRIS_NAMES.test(names);
}

/** The text of an element as lines: blocks and <br> break lines, table cells are joined by a tab. */
function textOf(el: El, skipDebris: boolean): string {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (typeof node === 'string') {
      out.push(node === '\n' ? '\n' : decodeHtmlEntities(node).replace(/[\t\r\n\f ]+/g, ' '));
      return;
    }
    if (skipDebris && isDebris(node)) return;
    const block = BLOCK.has(node.tag);
    const cell = node.tag === 'td' || node.tag === 'th';
    if (block) out.push('\n');
    if (cell) out.push('\t');
    for (const child of node.children) walk(child);
    if (block) out.push('\n');
  };
  walk(el);
  return out
    .join('')
    .split('\n')
    .map((line) =>
      line
        .replace(/\u00a0/g, ' ')
        .replace(/^[\t ]+|[\t ]+$/g, '')
        .replace(/ *\t[\t ]*/g, '\t'),
    )
    .join('\n');
}

/** Running text: characters outside links (link text is navigation, however long the list of links). */
function textStats(el: El): { text: number; link: number } {
  let text = 0;
  let link = 0;
  const walk = (node: Node, inLink: boolean) => {
    if (typeof node === 'string') {
      const n = node.replace(/\s+|&nbsp;/g, '').length;
      if (inLink) link += n;
      else text += n;
      return;
    }
    if (isDebris(node)) return;
    for (const child of node.children) walk(child, inLink || node.tag === 'a');
  };
  walk(el, false);
  return { text, link };
}

function* elements(el: El): Generator<El> {
  const stack: El[] = [el];
  while (stack.length > 0) {
    const e = stack.pop() as El;
    yield e;
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i];
      if (typeof c !== 'string') stack.push(c);
    }
  }
}

/**
 * The article: among the known containers the one with the most running text; else, scoring every block by the
 * running text of its paragraphs (a paragraph's text counts fully for its parent and half for the grandparent), the
 * best-scoring block.
 */
function findArticle(root: El): El {
  let best: El | null = null;
  let bestText = 0;
  for (const el of elements(root)) {
    if (el === root || isDebris(el) || !ARTICLE_NAMES.test(idClass(el))) continue;
    const { text, link } = textStats(el);
    if (text > bestText && text > link) {
      best = el;
      bestText = text;
    }
  }
  // A "content" that wraps the whole page is no better than the page: prefer a known container inside it.
  if (best) {
    let inner: El | null = null;
    let innerText = 0;
    for (const el of elements(best)) {
      if (el === best || isDebris(el) || !ARTICLE_NAMES.test(idClass(el))) continue;
      const { text } = textStats(el);
      if (text > innerText) {
        inner = el;
        innerText = text;
      }
    }
    if (inner && innerText >= bestText * 0.6) best = inner;
  }
  if (best && bestText >= 40) return best;

  const scores = new Map<El, number>();
  for (const el of elements(root)) {
    if (!['p', 'div', 'td', 'section', 'article', 'pre', 'li', 'font', 'span'].includes(el.tag) || isDebris(el))
      continue;
    let own = 0;
    for (const c of el.children) if (typeof c === 'string') own += c.replace(/\s+/g, '').length;
    if (own < 10) continue;
    const score = own + (own > 40 ? 5 : 0);
    const parent = el.parent;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + score);
    if (parent?.parent) scores.set(parent.parent, (scores.get(parent.parent) ?? 0) + score / 2);
  }
  let top: El = root;
  let topScore = 0;
  for (const [el, score] of scores) {
    const { text, link } = textStats(el);
    const adjusted = score * (1 - link / Math.max(1, text + link));
    if (adjusted > topScore) {
      top = el;
      topScore = adjusted;
    }
  }
  // A short notice in a named container is still better than a denser scrap elsewhere.
  if (best && textStats(top).text < bestText) return best;
  return top;
}

/** Lines a site adds around the article: its source and date, view counts, font size, print/close/share, prev/next. */
const DEBRIS_LINE = [
  /^(?:信息)?来源[:：]/,
  /^(?:发布|发表|更新|成文)(?:时间|日期)[:：]/,
  /^(?:作者|编辑|责任编辑|审核|校对|供稿|撰稿|摄影)[:：]/,
  /^(?:浏览|阅读|访问|点击)(?:次数|量|数)?[:：]/,
  /^(?:字[号体]|【?\s*字[号体])[:：]?\s*[【[]?\s*[大中小]/,
  /^(?:当前位置|您的位置|你的位置|所在位置|位置)[:：]/,
  /^首页\s*[>›»＞/]/,
  /^(?:分享到|分享)[:：]?/,
  /^(?:扫一扫|微信扫一扫|用手机扫描)/,
  /^[【[]?\s*(?:打印(?:本页|此页|正文)?|关闭(?:窗口|本页)?|收藏|返回顶部|纠错)\s*[】\]]?(?:\s*[【[]?\s*(?:打印(?:本页|此页|正文)?|关闭(?:窗口|本页)?|收藏|返回顶部|纠错)\s*[】\]]?)*$/,
  /^(?:上一篇|下一篇|相关(?:文章|链接|阅读|新闻|信息|附件)|延伸阅读|推荐阅读)[:：]?/,
  /^(?:版权所有|主办单位|承办单位|网站标识码|网站地图|联系我们|ICP备|[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云陕甘青蒙桂藏宁新]ICP备|.*公网安备)/,
];

/** A "来源：… 发布时间：…" line (with view counts and font sizes) sits alone and is short; a sentence is not debris. */
export function isDebrisLine(line: string): boolean {
  const s = line.replace(/\s+/g, ' ').trim();
  if (s.length > 120) return false;
  if (DEBRIS_LINE.some((re) => re.test(s))) return true;
  // Several metadata labels on one line, wherever it starts.
  const labels = s.match(/(?:来源|发布时间|发布日期|浏览次数|点击数|访问量|字号|作者|编辑)[:：]/g) ?? [];
  return labels.length >= 2;
}

function titleOf(root: El, article: El): string {
  // The nearest heading before the article, or one inside it at its top.
  let candidate = '';
  for (const el of elements(root)) {
    if (el === article) break;
    if (isDebris(el)) continue;
    const named = /(?:^|[\s_-])(?:title|biaoti|bt|tit|article[-_]?title|news[-_]?title|detail[-_]?title)(?:$|[\s_-])/i;
    if (/^h[1-3]$/.test(el.tag) || named.test(idClass(el))) {
      const t = textOf(el, true).replace(/\s+/g, '').trim();
      if (t.length >= 6 && t.length <= 120) candidate = t;
    }
  }
  if (candidate !== '') return candidate;
  const page = /^title=([\s\S]*)$/.exec(root.attrs)?.[1] ?? '';
  return decodeHtmlEntities(page)
    .replace(/\s+/g, ' ')
    .split(/\s*[-_|—–]{1,2}\s*/)[0]
    .trim();
}

/** The article's text as the analyser wants it: one paragraph (or table row) a line, the site's debris left out. */
export function htmlNoticeText(html: string): string {
  const root = parseHtml(html);
  const article = findArticle(root);
  const lines = textOf(article, true)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !isDebrisLine(l));
  const title = titleOf(root, article);
  const compact = (s: string) => s.replace(/\s+/g, '');
  if (title !== '' && !lines.slice(0, 3).some((l) => compact(l).includes(compact(title)))) lines.unshift(title);
  const text = lines.join('\n');
  if (text.trim() === '') throw new NoticeInputError('html_without_article', undefined);
  return text;
}

/** Whether bytes look like a web page: a BOM and blanks, then <!doctype html, <html, <head or <body (or <meta). */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, 1024))
    .replace(/^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '');
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)[\s>]/i.test(head.replace(/\0/g, ''));
}

/** The page's declared charset (meta charset or http-equiv), else UTF-8, else GB18030 (GBK and GB2312 are its subsets). */
export function decodeHtmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  const label =
    declared && /^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|hz-gb-2312)$/.test(declared) ? 'gb18030' : declared;
  if (label && label !== 'utf-8' && label !== 'utf8') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown label: fall through to the guesses.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
