/**
 * The public notice (通报) and the two internal reports, generated from one inspection's ledger and what the unit wrote.
 * Pure: no I/O, so routes, the CLI and the tests call the same functions and get the same bytes.
 */
import type { GeneratedDocument } from './build.ts';
import { renderDocx } from './docx.ts';
import { OFD_CONTENT_TYPE, renderOfd } from './ofd.ts';
import { renderHtml, renderMarkdown, renderTxt } from './text.ts';

export {
  type Block,
  buildDocument,
  type GeneratedDocument,
  type GenerateOptions,
  type MeasureLine,
  totalsSentence,
} from './build.ts';
export { computeTotals, formatYuan, type NoticeTotals } from './totals.ts';

export const OUTPUT_FORMATS = ['docx', 'md', 'html', 'txt', 'ofd'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const CONTENT_TYPES: Record<OutputFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  ofd: OFD_CONTENT_TYPE,
};

/** The text formats as UTF-8; .docx as the zip Word opens; .ofd as the GB/T 33190 package. */
export async function renderDocument(doc: GeneratedDocument, format: OutputFormat): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return renderDocx(doc);
    case 'md':
      return Buffer.from(renderMarkdown(doc), 'utf8');
    case 'html':
      return Buffer.from(renderHtml(doc), 'utf8');
    case 'txt':
      return Buffer.from(renderTxt(doc), 'utf8');
    case 'ofd':
      return renderOfd(doc);
  }
}

/** The document's Chinese title as a file name (the public version says so), characters no file system takes replaced. */
export function documentFileName(doc: GeneratedDocument, format: OutputFormat): string {
  const title = `${doc.title}${doc.kind === 'notice' && !doc.publicVersion ? '（内部版）' : ''}`;
  const safe = Array.from(title, (c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c));
  return `${safe.slice(0, 120).join('')}.${format}`;
}
