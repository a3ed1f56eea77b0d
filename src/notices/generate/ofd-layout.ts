/**
 * Issue 16: the page layout behind the OFD output, pure. GB/T 9704-2012 as the .docx sets it (docx.ts): A4, type area
 * 37 mm from the top, 35 mm from the bottom, 28 mm from the left and 26 mm from the right; 3号 (16 pt) 仿宋 on a fixed
 * 28.9 pt pitch, 22 lines of 28 characters. Unlike the .docx, nothing downstream lays the text out again: every glyph's
 * position is decided here, so line breaking (CJK full width, Latin and digits half, no line opening with closing
 * punctuation), justification, keep-with-next and pagination are done here too. All lengths are millimetres; y grows
 * downwards from the page's top edge, as OFD has it.
 */

export const MM_PER_PT = 25.4 / 72;
export const twipsToMm = (t: number) => (t * 25.4) / 1440;

export const PAGE_MM = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;
export const AREA_MM = {
  width: PAGE_MM.width - PAGE_MM.left - PAGE_MM.right,
  height: PAGE_MM.height - PAGE_MM.top - PAGE_MM.bottom,
} as const;

/** 28.9 pt, the docx's 578 twentieths: 22 lines in the 225 mm type area. */
export const BODY_LINE_MM = twipsToMm(578);
export const BODY_SIZE_PT = 16;

export type Rgb = readonly [number, number, number];
export const BLACK: Rgb = [0, 0, 0];
export const RED: Rgb = [230, 0, 18];

export interface ParagraphSpec {
  kind: 'paragraph';
  text: string;
  font: string;
  sizePt: number;
  /** Extra space between characters in points (the .docx condenses 3号 by 0.25 pt so that 28 fit a line). */
  spacingPt?: number;
  align: 'justify' | 'left' | 'center' | 'right';
  /** First-line indent in characters of this size. */
  indentChars?: number;
  rightIndentMm?: number;
  lineMm: number;
  beforeMm?: number;
  afterMm?: number;
  color?: Rgb;
  /** Stays on the page of the next block's first line. */
  keepNext?: boolean;
  /** A rule under the paragraph (the red line under the 文号): gap below the text and stroke width. */
  ruleBelow?: { gapMm: number; widthMm: number; color: Rgb };
}

export interface TableSpec {
  kind: 'table';
  /** Fractions of the type area's width, summing to 1. */
  columns: number[];
  header: string[];
  rows: string[][];
  /** Per column: centred or left. */
  alignLeft: boolean[];
  font: string;
  headerFont: string;
  sizePt: number;
  lineMm: number;
  paddingMm: number;
}

export type BlockSpec = ParagraphSpec | TableSpec;

export interface PlacedText {
  /** Left edge of the first glyph and the baseline, on the page. */
  x: number;
  y: number;
  /** The line box, for the TextObject's boundary. */
  top: number;
  height: number;
  width: number;
  font: string;
  sizeMm: number;
  color: Rgb;
  text: string;
  /** Advance from each glyph to the next (one fewer than the glyphs). */
  deltaX: number[];
}

export interface PlacedRule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  widthMm: number;
  color: Rgb;
}

export interface LaidPage {
  texts: PlacedText[];
  rules: PlacedRule[];
}

export interface PageNumberSpec {
  font: string;
  sizePt: number;
  /** — 1 — one character in from the outer edge: right on odd pages, left on even ones (GB/T 9704 7.5). */
  oddEven: boolean;
}

/** Full width: CJK, full-width forms and the punctuation Chinese fonts set on a full em (— … “ ” ‘ ’ ·). */
export function isFullWidth(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x2e80 || c === 0x2014 || c === 0x2026 || (c >= 0x2018 && c <= 0x201d) || c === 0x00b7;
}

/** A line may not open with these (GB/T 15834 and the common 避头 set). */
export const NO_LINE_START = new Set(Array.from('。，、；：？！）」』》〉】〕”’％…—·,.;:?!)]}%'));
/** …nor end with these. */
export const NO_LINE_END = new Set(Array.from('（「『《〈【〔“‘([{'));

const WORD_CHAR_RE = /[A-Za-z0-9.%\-_/]/;

/** Width in ems of the size: full width 1, the rest ½. */
export function emWidth(ch: string): number {
  return isFullWidth(ch) ? 1 : 0.5;
}

/**
 * Breaks text into lines no wider than `firstWidth` (the first line) and `width` (the others), both in ems; `pitch`
 * adds the letter spacing in ems after each glyph. Latin words and numbers stay whole when they fit a line; a closing
 * mark that would open a line takes the previous character down with it, an opening one at a line's end goes down.
 */
export function breakLines(text: string, firstWidth: number, width: number, spacingEm = 0): string[][] {
  const chars = Array.from(text);
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  const limit = () => (lines.length === 0 ? firstWidth : width) + 1e-6;
  const advance = (ch: string) => emWidth(ch) + spacingEm;
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] as string;
    // A Latin word or number goes as a whole when it fits on an empty line.
    let run = [ch];
    if (WORD_CHAR_RE.test(ch)) {
      let j = i + 1;
      while (j < chars.length && WORD_CHAR_RE.test(chars[j] as string)) j++;
      run = chars.slice(i, j);
    }
    const runWidth = run.reduce((w, c) => w + advance(c), 0);
    if (used + runWidth <= limit() || line.length === 0) {
      if (used + runWidth > limit() && run.length > 1) {
        // A word longer than a whole line: break it by characters.
        run = [ch];
      }
      line.push(...run);
      used += run.reduce((w, c) => w + advance(c), 0);
      i += run.length;
      continue;
    }
    // ch (the head of the run) starts a new line.
    const carried: string[] = [];
    // ）。 and the like: go back until the new line opens with something that may open it.
    while (NO_LINE_START.has(carried[0] ?? ch) && line.length > 1) carried.unshift(line.pop() as string);
    while (line.length > 1 && NO_LINE_END.has(line[line.length - 1] as string)) carried.unshift(line.pop() as string);
    lines.push(line);
    line = carried;
    used = carried.reduce((w, c) => w + advance(c), 0);
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

interface Flow {
  pages: LaidPage[];
  /** Distance already used from the top of the type area on the current page. */
  y: number;
}

const current = (f: Flow) => f.pages[f.pages.length - 1] as LaidPage;

function newPage(f: Flow) {
  f.pages.push({ texts: [], rules: [] });
  f.y = 0;
}

function paragraphLines(p: ParagraphSpec): string[][] {
  const sizeMm = p.sizePt * MM_PER_PT;
  const spacingEm = (p.spacingPt ?? 0) / p.sizePt;
  const widthEm = (AREA_MM.width - (p.rightIndentMm ?? 0)) / sizeMm;
  const indent = p.indentChars ?? 0;
  // A type area of 28 condensed characters must not lose the 28th to rounding.
  const first = widthEm - indent * (1 + spacingEm) + spacingEm;
  return breakLines(p.text, first, widthEm + spacingEm, spacingEm);
}

/** Height a paragraph takes, and that of its first line (what keep-with-next needs of the block after). */
function paragraphHeights(p: ParagraphSpec): { all: number; first: number } {
  const n = paragraphLines(p).length;
  const rule = p.ruleBelow ? p.ruleBelow.gapMm + p.ruleBelow.widthMm : 0;
  return {
    all: (p.beforeMm ?? 0) + n * p.lineMm + rule + (p.afterMm ?? 0),
    first: (p.beforeMm ?? 0) + p.lineMm,
  };
}

function placeLine(p: ParagraphSpec, chars: string[], lineIndex: number, lastLine: boolean, top: number): PlacedText {
  const sizeMm = p.sizePt * MM_PER_PT;
  const spacing = (p.spacingPt ?? 0) * MM_PER_PT;
  const indent = lineIndex === 0 ? (p.indentChars ?? 0) * (sizeMm + spacing) : 0;
  const avail = AREA_MM.width - (p.rightIndentMm ?? 0) - indent;
  const advances = chars.map((c) => emWidth(c) * sizeMm + spacing);
  // The letter spacing after the last glyph takes no room.
  const natural = advances.reduce((a, b) => a + b, 0) - (chars.length > 0 ? spacing : 0);
  let x = PAGE_MM.left + indent;
  if (p.align === 'center') x += Math.max(0, (avail - natural) / 2);
  else if (p.align === 'right') x += Math.max(0, avail - natural);
  else if (p.align === 'justify' && !lastLine && chars.length > 1 && natural < avail) {
    const extra = (avail - natural) / (chars.length - 1);
    for (let k = 0; k < advances.length - 1; k++) advances[k] = (advances[k] as number) + extra;
  }
  const deltaX = advances.slice(0, -1).map((d) => Math.round(d * 1000) / 1000);
  const width = Math.min(
    avail,
    deltaX.reduce((a, b) => a + b, 0) + (chars.length > 0 ? emWidth(chars.at(-1) as string) * sizeMm : 0),
  );
  // The glyphs' em box centred in the line (ascent ≈ 0.88 em, descent ≈ 0.12 em).
  const baseline = top + p.lineMm / 2 + 0.38 * sizeMm;
  return {
    x,
    y: baseline,
    top,
    height: p.lineMm,
    width,
    font: p.font,
    sizeMm,
    color: p.color ?? BLACK,
    text: chars.join(''),
    deltaX,
  };
}

function flowParagraph(f: Flow, p: ParagraphSpec) {
  const lines = paragraphLines(p);
  if (p.beforeMm && f.y > 0) f.y += p.beforeMm;
  lines.forEach((chars, i) => {
    if (f.y + p.lineMm > AREA_MM.height + 1e-6) newPage(f);
    if (chars.length > 0) current(f).texts.push(placeLine(p, chars, i, i === lines.length - 1, PAGE_MM.top + f.y));
    f.y += p.lineMm;
  });
  if (p.ruleBelow) {
    const y = PAGE_MM.top + f.y + p.ruleBelow.gapMm + p.ruleBelow.widthMm / 2;
    current(f).rules.push({
      x1: PAGE_MM.left,
      y1: y,
      x2: PAGE_MM.width - PAGE_MM.right,
      y2: y,
      widthMm: p.ruleBelow.widthMm,
      color: p.ruleBelow.color,
    });
    f.y += p.ruleBelow.gapMm + p.ruleBelow.widthMm;
  }
  f.y += p.afterMm ?? 0;
}

function cellLines(t: TableSpec, text: string, col: number): string[][] {
  const sizeMm = t.sizePt * MM_PER_PT;
  const w = ((t.columns[col] as number) * AREA_MM.width - 2 * t.paddingMm) / sizeMm;
  return breakLines(text, w, w);
}

function flowTable(f: Flow, t: TableSpec) {
  const sizeMm = t.sizePt * MM_PER_PT;
  const lefts: number[] = [];
  let acc = PAGE_MM.left;
  for (const c of t.columns) {
    lefts.push(acc);
    acc += c * AREA_MM.width;
  }
  const right = acc;
  const rowOf = (cells: string[], head: boolean) => {
    const lines = cells.map((c, i) => cellLines(t, c, i));
    const height = Math.max(...lines.map((l) => l.length)) * t.lineMm + 2 * t.paddingMm;
    return { lines, height, head, cells };
  };
  const head = rowOf(t.header, true);
  const rows = t.rows.map((r) => rowOf(r, false));
  let rowTop = 0;
  const startRows = () => {
    rowTop = f.y;
  };
  const drawRow = (r: ReturnType<typeof rowOf>) => {
    const page = current(f);
    const top = PAGE_MM.top + f.y;
    r.lines.forEach((lines, col) => {
      const colWidth = (t.columns[col] as number) * AREA_MM.width;
      const textHeight = lines.length * t.lineMm;
      let y = top + (r.height - textHeight) / 2;
      for (const chars of lines) {
        const natural = chars.reduce((w, c) => w + emWidth(c) * sizeMm, 0);
        const left = t.alignLeft[col] && !r.head;
        const x = (lefts[col] as number) + (left ? t.paddingMm : Math.max(t.paddingMm, (colWidth - natural) / 2));
        page.texts.push({
          x,
          y: y + t.lineMm / 2 + 0.38 * sizeMm,
          top: y,
          height: t.lineMm,
          width: Math.min(natural, colWidth - t.paddingMm),
          font: r.head ? t.headerFont : t.font,
          sizeMm,
          color: BLACK,
          text: chars.join(''),
          deltaX: chars.slice(0, -1).map((c) => Math.round(emWidth(c) * sizeMm * 1000) / 1000),
        });
        y += t.lineMm;
      }
    });
    f.y += r.height;
    page.rules.push({
      x1: PAGE_MM.left,
      y1: PAGE_MM.top + f.y,
      x2: right,
      y2: PAGE_MM.top + f.y,
      widthMm: 0.25,
      color: BLACK,
    });
  };
  const closeGrid = () => {
    const page = current(f);
    const y1 = PAGE_MM.top + rowTop;
    const y2 = PAGE_MM.top + f.y;
    page.rules.push({ x1: PAGE_MM.left, y1, x2: right, y2: y1, widthMm: 0.25, color: BLACK });
    for (const x of [...lefts, right]) page.rules.push({ x1: x, y1, x2: x, y2, widthMm: 0.25, color: BLACK });
  };
  if (f.y + head.height + (rows[0]?.height ?? 0) > AREA_MM.height) newPage(f);
  startRows();
  drawRow(head);
  for (const r of rows) {
    if (f.y + r.height > AREA_MM.height + 1e-6) {
      closeGrid();
      newPage(f);
      startRows();
      // The header row repeats on every page the table runs on, as the .docx marks it.
      drawRow(head);
    }
    drawRow(r);
  }
  closeGrid();
}

function blockHeights(b: BlockSpec): { all: number; first: number } {
  if (b.kind === 'paragraph') return paragraphHeights(b);
  const sizeRow = (cells: string[]) =>
    Math.max(...cells.map((c, i) => cellLines(b, c, i).length)) * b.lineMm + 2 * b.paddingMm;
  const head = sizeRow(b.header);
  return {
    all: head + b.rows.reduce((h, r) => h + sizeRow(r), 0),
    first: head + (b.rows[0] ? sizeRow(b.rows[0]) : 0),
  };
}

/** Lays out the blocks on A4 pages, then puts — N — at the foot of each. */
export function layOut(blocks: BlockSpec[], pageNumbers: PageNumberSpec | null): LaidPage[] {
  const f: Flow = { pages: [], y: 0 };
  newPage(f);
  blocks.forEach((b, i) => {
    // Keep-with-next: the chain of keepNext paragraphs and the next block's first line go on one page when they can.
    if (b.kind === 'paragraph' && b.keepNext && f.y > 0) {
      let need = 0;
      let j = i;
      for (; j < blocks.length; j++) {
        const bj = blocks[j] as BlockSpec;
        if (bj.kind === 'paragraph' && bj.keepNext) need += blockHeights(bj).all;
        else break;
      }
      if (j < blocks.length) need += blockHeights(blocks[j] as BlockSpec).first;
      if (f.y + need > AREA_MM.height + 1e-6 && need <= AREA_MM.height) newPage(f);
    }
    if (b.kind === 'paragraph') flowParagraph(f, b);
    else flowTable(f, b);
  });
  if (pageNumbers) {
    const sizeMm = pageNumbers.sizePt * MM_PER_PT;
    f.pages.forEach((page, i) => {
      const text = `— ${i + 1} —`;
      const chars = Array.from(text);
      const advances = chars.map((c) => emWidth(c) * sizeMm);
      const width = advances.reduce((a, b) => a + b, 0);
      const odd = i % 2 === 0 || !pageNumbers.oddEven;
      const x = odd ? PAGE_MM.width - PAGE_MM.right - sizeMm - width : PAGE_MM.left + sizeMm;
      // The number's top 7 mm below the type area.
      const top = PAGE_MM.height - PAGE_MM.bottom + 7;
      page.texts.push({
        x,
        y: top + 0.88 * sizeMm,
        top,
        height: sizeMm,
        width,
        font: pageNumbers.font,
        sizeMm,
        color: BLACK,
        text,
        deltaX: advances.slice(0, -1).map((d) => Math.round(d * 1000) / 1000),
      });
    });
  }
  return f.pages;
}
