import { type Block, type GeneratedDocument, itemHeading, measuresText } from './build.ts';

/** The lines of one block as plain text, shared by the text formats so they never say different things. */
function blockLines(block: Block): string[] {
  switch (block.type) {
    case 'heading':
      return [`${block.number}${block.text}`];
    case 'problem':
      return [block.text];
    case 'paragraph':
      return [block.text];
    case 'item': {
      const lines = [itemHeading(block)];
      if (block.facts) lines.push(block.facts);
      if (block.measures.length > 0) lines.push(measuresText(block.measures));
      return lines;
    }
  }
}

/** What a clerk pastes into the web CMS: one paragraph a line, no indentation, signature and date last. */
export function renderTxt(doc: GeneratedDocument): string {
  const lines = [doc.title, ''];
  if (doc.addressee) lines.push(doc.addressee);
  for (const b of doc.blocks) lines.push(...blockLines(b));
  lines.push('', '', doc.signature.signer, doc.signature.date, '');
  return lines.join('\n');
}

const MD_SPECIAL_RE = /[\\`*_{}[\]<>#|~]/g;
const md = (s: string) => s.replace(MD_SPECIAL_RE, (c) => `\\${c}`);

export function renderMarkdown(doc: GeneratedDocument): string {
  const out = [`# ${md(doc.title)}`];
  if (doc.addressee) out.push(md(doc.addressee));
  for (const b of doc.blocks) {
    if (b.type === 'heading') out.push(`${b.level === 1 ? '##' : '###'} ${md(b.number + b.text)}`);
    else if (b.type === 'problem') out.push(`*${md(b.text)}*`);
    else if (b.type === 'paragraph') out.push(md(b.text));
    else {
      out.push(`**${md(itemHeading(b))}**`);
      if (b.facts) out.push(md(b.facts));
      if (b.measures.length > 0) out.push(md(measuresText(b.measures)));
    }
  }
  // A backslash at the end of a line is a hard break in CommonMark: signer and date stay one block, one above the other.
  out.push(`${md(doc.signature.signer)}\\\n${md(doc.signature.date)}`);
  return `${out.join('\n\n')}\n`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const html = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** GB/T 9704 in CSS: the same type area, sizes and faces as the .docx, so the preview prints like the file. */
const CSS = `@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0 auto; max-width: 156mm; padding: 1em; font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, serif; font-size: 16pt; line-height: 28.9pt; color: #000; background: #fff; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "宋体", SimSun, serif; font-size: 22pt; font-weight: normal; line-height: 35pt; text-align: center; margin: 0 0 28.9pt; }
h2 { font-family: "黑体", SimHei, sans-serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
p.addressee { text-indent: 0; }
p.item { font-weight: bold; }
p.problem { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; }
.signature { margin-top: 57.8pt; text-align: right; padding-right: 4em; }
.signature > div { display: inline-block; }
.signature p { text-indent: 0; text-align: center; }
@media print { h2, h3, p.item, p.problem { break-after: avoid; } }`;

export function renderHtml(doc: GeneratedDocument): string {
  const body: string[] = [`<h1>${doc.titleLines.map(html).join('<br>')}</h1>`];
  if (doc.addressee) body.push(`<p class="addressee">${html(doc.addressee)}</p>`);
  for (const b of doc.blocks) {
    if (b.type === 'heading') body.push(`<h${b.level + 1}>${html(b.number + b.text)}</h${b.level + 1}>`);
    else if (b.type === 'problem') body.push(`<p class="problem">${html(b.text)}</p>`);
    else if (b.type === 'paragraph') body.push(`<p class="${b.role}">${html(b.text)}</p>`);
    else {
      body.push(`<p class="item">${html(itemHeading(b))}</p>`);
      if (b.facts) body.push(`<p class="facts">${html(b.facts)}</p>`);
      if (b.measures.length > 0) body.push(`<p class="measures">${html(measuresText(b.measures))}</p>`);
    }
  }
  body.push(
    `<div class="signature"><div><p>${html(doc.signature.signer)}</p><p>${html(doc.signature.date)}</p></div></div>`,
  );
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${html(doc.title)}</title>
<style>
${CSS}
</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
