import {
  AlignmentType,
  Document,
  Footer,
  type IParagraphOptions,
  type IParagraphStyleOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import { type Block, type GeneratedDocument, itemHeading, measuresText } from './build.ts';

/**
 * GB/T 9704-2012 in WordprocessingML. The font names are written exactly as offices have them installed; a machine
 * without them substitutes for display, and the file stays right for the office that prints it.
 */
export const FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  level1: '黑体',
  level2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

const twips = (mm: number) => Math.round((mm * 1440) / 25.4);

export const PAGE = {
  width: 11906,
  height: 16838,
  top: twips(37),
  bottom: twips(35),
  left: twips(28),
  right: twips(26),
  /** The number's top sits 7 mm below the type area: 35 − 7 mm, less the 14 pt line it stands on. */
  footer: twips(22),
  header: twips(15),
} as const;

/**
 * 3号 = 16 pt; 22 lines in the 225 mm type area give a fixed pitch of 28.9 pt (578 twentieths). The pitch is set on the
 * paragraphs rather than through a document grid: LibreOffice snaps every line to a grid, the 2号 title included, and
 * spreads characters to a character grid, so only exact line spacing lays out the same in Word and in LibreOffice.
 */
const BODY_HALF_POINTS = 32;
const LINE_TWIPS = 578;
const CHAR_TWIPS = 320;

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

const exact = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const indent2 = { firstLine: 2 * CHAR_TWIPS, firstLineChars: 200 };

function heading(id: string, name: string, fontName: string, outlineLevel: number): IParagraphStyleOptions {
  return {
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: font(fontName), size: BODY_HALF_POINTS, bold: false, italics: false, color: '000000' },
    paragraph: { outlineLevel, keepNext: true, keepLines: true, spacing: exact, indent: indent2 },
  };
}

const STYLES: IParagraphStyleOptions[] = [
  {
    id: 'Normal',
    name: 'Normal',
    quickFormat: true,
    // 28 characters of 16 pt are 448 pt, the line 442.2 pt: each is condensed by 0.25 pt (5 twentieths) so 28 fit.
    run: {
      font: font(FONTS.body),
      size: BODY_HALF_POINTS,
      characterSpacing: -5,
      language: { value: 'zh-CN', eastAsia: 'zh-CN' },
    },
    paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: exact, indent: indent2 },
  },
  {
    id: 'Title',
    name: 'Title',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: font(FONTS.title), size: 44, bold: false, color: '000000' },
    // 2号 needs a taller line than the body; one blank body line follows it.
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: LINE_TWIPS },
      indent: { firstLine: 0, firstLineChars: 0 },
      keepNext: true,
    },
  },
  heading('Heading1', 'heading 1', FONTS.level1, 0),
  heading('Heading2', 'heading 2', FONTS.level2, 1),
  heading('Heading3', 'heading 3', FONTS.body, 2),
  {
    id: 'Problem',
    name: 'Feedback Problem',
    basedOn: 'Normal',
    next: 'Normal',
    paragraph: { keepNext: true },
  },
  {
    id: 'Flush',
    name: 'Flush Left',
    basedOn: 'Normal',
    next: 'Normal',
    paragraph: { alignment: AlignmentType.LEFT, indent: { firstLine: 0, firstLineChars: 0 } },
  },
];

/** Characters of 3号 a string occupies: CJK one, ASCII half. */
function widthInChars(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

function blockParagraphs(b: Block): IParagraphOptions[] {
  switch (b.type) {
    case 'heading':
      return [{ style: b.level === 1 ? 'Heading1' : 'Heading2', text: b.number + b.text }];
    case 'problem':
      return [{ style: 'Problem', text: b.text }];
    case 'paragraph':
      return [{ text: b.text }];
    case 'item': {
      const out: IParagraphOptions[] = [{ style: 'Heading3', text: itemHeading(b) }];
      if (b.facts) out.push({ text: b.facts });
      if (b.measures.length > 0) out.push({ text: measuresText(b.measures) });
      return out;
    }
  }
}

/**
 * Date four characters from the right margin, signer centred over it (GB/T 9704 7.3.5.1); a signer wider than the
 * date goes as far right as the margin allows.
 */
function signatureParagraphs(doc: GeneratedDocument): Paragraph[] {
  const dateRight = 4 * CHAR_TWIPS;
  const dateWidth = widthInChars(doc.signature.date) * CHAR_TWIPS;
  const signerWidth = widthInChars(doc.signature.signer) * CHAR_TWIPS;
  const signerRight = Math.max(0, Math.round(dateRight + (dateWidth - signerWidth) / 2));
  const right = (text: string, rightIndent: number) =>
    new Paragraph({
      text,
      alignment: AlignmentType.RIGHT,
      indent: { firstLine: 0, firstLineChars: 0, right: rightIndent },
      keepNext: true,
    });
  const blank = () => new Paragraph({ style: 'Flush', keepNext: true, children: [] });
  return [blank(), blank(), right(doc.signature.signer, signerRight), right(doc.signature.date, dateRight)];
}

/** — 1 — in 4号 宋体, one character in from the outer edge: right on odd pages, left on even ones. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const oneChar = 280;
  const run = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: font(FONTS.pageNumber), size: 28 });
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent:
          side === 'odd'
            ? { firstLine: 0, firstLineChars: 0, right: oneChar }
            : { firstLine: 0, firstLineChars: 0, left: oneChar },
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [run(['— ', PageNumber.CURRENT, ' —'])],
      }),
    ],
  });
}

export function buildDocx(doc: GeneratedDocument): Document {
  const body: IParagraphOptions[] = [
    {
      style: 'Title',
      children: doc.titleLines.map((text, i) => new TextRun({ text, break: i > 0 ? 1 : undefined })),
    },
  ];
  if (doc.addressee) body.push({ style: 'Flush', text: doc.addressee });
  for (const b of doc.blocks) body.push(...blockParagraphs(b));
  // GB/T 9704 allows no page that holds the signature alone: the last paragraph travels with it.
  body[body.length - 1] = { ...body[body.length - 1], keepNext: true, keepLines: true };
  // <w:overflowPunct/> spelled out: Word hangs a line-final ，。 past the margin with or without it (its default), but
  // LibreOffice hangs it only when the element is absent, and then leaves the hung mark out of the PDF it prints
  // (issue 16: "巡察，二是" printed as "巡察二是"). Written, LibreOffice carries the last character down instead. The
  // justified paragraphs fill their lines; the centred title, broken by hand, has none that does.
  const children = [
    ...body.map((p) => new Paragraph(p.style === 'Title' ? p : { overflowPunctuation: true, ...p })),
    ...signatureParagraphs(doc),
  ];
  return new Document({
    creator: 'Rectify',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: { paragraphStyles: STYLES },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: PAGE.header,
              footer: PAGE.footer,
            },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
}

export async function renderDocx(doc: GeneratedDocument): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(doc));
}
