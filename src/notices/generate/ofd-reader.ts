/**
 * Issue 16: a small reader of the OFD packages Rectify writes (and of simple OFD from elsewhere): the page box, the
 * fonts, and each page's text objects and paths in document order. It checks the XML is well formed as it goes, so
 * the tests read the text back through something that refuses what a strict reader would. Pure.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface ReadText {
  /** Boundary on the page (mm). */
  box: [number, number, number, number];
  font: string;
  size: number;
  color: string;
  /** The TextCode's origin on the page (boundary origin + X, Y). */
  x: number;
  y: number;
  deltaX: number[];
  text: string;
}

export interface ReadPath {
  box: [number, number, number, number];
  lineWidth: number;
  color: string;
  data: string;
}

export interface ReadOfd {
  title: string;
  physicalBox: [number, number, number, number];
  fonts: Map<string, string>;
  pages: { texts: ReadText[]; paths: ReadPath[] }[];
}

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(s: string, where: string): string {
  return s.replace(/&([^;]{0,10});/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`${where}: unknown entity &${e};`);
    return v;
  });
}

/** A strict little XML parser: one root, balanced tags, quoted attributes, known entities, no stray < or &. */
export function parseXml(source: string, where = 'xml'): El {
  let s = source.replace(/^\uFEFF/, '');
  s = s.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: El[] = [{ name: '#doc', attrs: {}, children: [], text: '' }];
  const tagRe = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const chunk = lt < 0 ? s.slice(i) : s.slice(i, lt);
    if (/&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)/.test(chunk)) throw new Error(`${where}: a bare & in text`);
    if (chunk.trim() !== '') {
      if (stack.length === 1) throw new Error(`${where}: text outside the root`);
      (stack[stack.length - 1] as El).text += unescapeXml(chunk, where);
    }
    if (lt < 0) break;
    tagRe.lastIndex = lt;
    const m = tagRe.exec(s);
    if (!m) throw new Error(`${where}: malformed tag at ${lt}: ${s.slice(lt, lt + 40)}`);
    const [, close, name, rawAttrs, selfClose] = m as unknown as [string, string, string, string, string];
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`${where}: </${name}> closes <${open?.name}>`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of rawAttrs.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if ((a[1] as string) in attrs) throw new Error(`${where}: attribute ${a[1]} twice`);
        attrs[a[1] as string] = unescapeXml(a[2] ?? a[3] ?? '', where);
      }
      const el: El = { name, attrs, children: [], text: '' };
      const parent = stack[stack.length - 1] as El;
      if (parent.name === '#doc' && parent.children.length > 0) throw new Error(`${where}: two roots`);
      parent.children.push(el);
      if (!selfClose) stack.push(el);
    }
    i = tagRe.lastIndex;
  }
  if (stack.length !== 1) throw new Error(`${where}: <${stack[stack.length - 1]?.name}> not closed`);
  const root = stack[0]?.children[0];
  if (!root) throw new Error(`${where}: no root element`);
  return root;
}

const local = (name: string) => name.replace(/^[\w-]+:/, '');
const child = (el: El, name: string) => el.children.find((c) => local(c.name) === name);
const need = (el: El | undefined, name: string, where: string): El => {
  const c = el && child(el, name);
  if (!c) throw new Error(`${where}: no ${name}`);
  return c;
};
const numbers = (s: string) => s.trim().split(/\s+/).filter(Boolean).map(Number);
const box = (s: string) => numbers(s) as [number, number, number, number];

/** DeltaX with the g (repeat) abbreviation of GB/T 33190 11.3 expanded. */
function deltas(s: string | undefined): number[] {
  if (!s) return [];
  const t = s.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === 'g') {
      const count = Number(t[i + 1]);
      const v = Number(t[i + 2]);
      for (let k = 0; k < count; k++) out.push(v);
      i += 2;
    } else out.push(Number(t[i]));
  }
  return out;
}

export function readOfd(bytes: Uint8Array): ReadOfd {
  const files = unzipSync(bytes);
  const file = (p: string) => {
    const f = files[p];
    if (!f) throw new Error(`the package has no ${p}`);
    return parseXml(strFromU8(f), p);
  };
  const ofd = file('OFD.xml');
  if (local(ofd.name) !== 'OFD') throw new Error('OFD.xml: the root is not OFD');
  const body = need(ofd, 'DocBody', 'OFD.xml');
  const rootPath = need(body, 'DocRoot', 'OFD.xml').text.trim().replace(/^\//, '');
  const title = child(need(body, 'DocInfo', 'OFD.xml'), 'Title')?.text ?? '';
  const docDir = rootPath.includes('/') ? rootPath.slice(0, rootPath.lastIndexOf('/') + 1) : '';
  const doc = file(rootPath);
  const common = need(doc, 'CommonData', rootPath);
  const physicalBox = box(need(need(common, 'PageArea', rootPath), 'PhysicalBox', rootPath).text);
  const fonts = new Map<string, string>();
  for (const res of common.children.filter((c) => local(c.name) === 'PublicRes')) {
    const r = file(docDir + res.text.trim());
    for (const f of child(r, 'Fonts')?.children ?? []) fonts.set(f.attrs.ID as string, f.attrs.FontName as string);
  }
  const pages = need(doc, 'Pages', rootPath).children.map((p) => {
    const loc = docDir + (p.attrs.BaseLoc as string);
    const page = file(loc);
    const texts: ReadText[] = [];
    const paths: ReadPath[] = [];
    for (const layer of child(page, 'Content')?.children ?? []) {
      for (const o of layer.children) {
        const b = box(o.attrs.Boundary ?? '0 0 0 0');
        if (local(o.name) === 'TextObject') {
          const color = child(o, 'FillColor')?.attrs.Value ?? '0 0 0';
          for (const code of o.children.filter((c) => local(c.name) === 'TextCode')) {
            texts.push({
              box: b,
              font: fonts.get(o.attrs.Font as string) ?? '',
              size: Number(o.attrs.Size),
              color,
              x: b[0] + Number(code.attrs.X),
              y: b[1] + Number(code.attrs.Y),
              deltaX: deltas(code.attrs.DeltaX),
              text: code.text,
            });
          }
        } else if (local(o.name) === 'PathObject') {
          paths.push({
            box: b,
            lineWidth: Number(o.attrs.LineWidth ?? 0.353),
            color: child(o, 'StrokeColor')?.attrs.Value ?? '0 0 0',
            data: child(o, 'AbbreviatedData')?.text ?? '',
          });
        }
      }
    }
    return { texts, paths };
  });
  return { title, physicalBox, fonts, pages };
}

const svgEscape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
const GENERIC: Record<string, string> = {
  仿宋_GB2312: '仿宋, FangSong, "Noto Serif CJK SC", serif',
  方正小标宋简体: '"FZXiaoBiaoSong-B05S", 宋体, SimSun, "Noto Serif CJK SC", serif',
  黑体: 'SimHei, "Noto Sans CJK SC", sans-serif',
  楷体_GB2312: '楷体, KaiTi, "Noto Serif CJK SC", serif',
  宋体: 'SimSun, "Noto Serif CJK SC", serif',
};

/**
 * One page of a read OFD as SVG in millimetres: every glyph at the position its DeltaX gives, paths as drawn. For
 * looking at a package without an OFD viewer (and the start of a preview); `guides` outlines a type area in grey.
 */
export function ofdPageSvg(
  ofd: ReadOfd,
  pageIndex: number,
  guides?: { left: number; top: number; right: number; bottom: number },
): string {
  const [, , w, h] = ofd.physicalBox;
  const page = ofd.pages[pageIndex];
  if (!page) throw new Error(`no page ${pageIndex + 1}`);
  const out: string[] = [`<rect x="0" y="0" width="${w}" height="${h}" fill="#fff"/>`];
  if (guides)
    out.push(
      `<rect x="${guides.left}" y="${guides.top}" width="${guides.right - guides.left}" height="${guides.bottom - guides.top}" fill="none" stroke="#bbb" stroke-width="0.2" stroke-dasharray="1 1"/>`,
    );
  for (const p of page.paths) {
    out.push(
      `<path d="${svgEscape(p.data)}" transform="translate(${p.box[0]} ${p.box[1]})" fill="none" stroke="rgb(${p.color.split(/\s+/).join(',')})" stroke-width="${p.lineWidth}"/>`,
    );
  }
  for (const t of page.texts) {
    const xs: number[] = [t.x];
    for (const d of t.deltaX) xs.push((xs[xs.length - 1] as number) + d);
    const chars = Array.from(t.text);
    out.push(
      `<text y="${t.y}" font-size="${t.size}" font-family='${GENERIC[t.font] ?? `"${t.font}", serif`}' fill="rgb(${t.color.split(/\s+/).join(',')})">${chars
        .map((c, i) => `<tspan x="${(xs[i] ?? xs[xs.length - 1] ?? 0).toFixed(3)}">${svgEscape(c)}</tspan>`)
        .join('')}</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${h}mm" viewBox="0 0 ${w} ${h}">${out.join('')}</svg>`;
}

/** A whole OFD as one HTML page of SVG pages, for the browser's preview (no scripts, nothing from outside). */
export function ofdPreviewHtml(ofd: ReadOfd): string {
  const pages = ofd.pages.map(
    (_, i) =>
      `<figure aria-label="${i + 1}">${ofdPageSvg(ofd, i).replace(/ width="[^"]*mm" height="[^"]*mm"/, '')}</figure>`,
  );
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${svgEscape(ofd.title)}</title>
<style>
body { margin: 0; padding: 12px; background: #e8e8e8; }
figure { margin: 0 auto 12px; max-width: 794px; box-shadow: 0 1px 4px rgba(0,0,0,.25); background: #fff; }
figure svg { display: block; width: 100%; height: auto; }
</style>
</head>
<body>
${pages.join('\n')}
</body>
</html>
`;
}
