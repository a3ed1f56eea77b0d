/**
 * Issue 16: what a pasted notice is, shared by the import page (which says what it detected) and the server (which reads
 * it). Users copy a page's source (Ctrl+U, Ctrl+A, Ctrl+C), or far more often select the article in the browser or in
 * WPS/Word, and the clipboard then carries the selection's HTML beside its plain text.
 */

export const PASTED_KINDS = ['html', 'text'] as const;
export type PastedKind = (typeof PASTED_KINDS)[number];

/** The most a paste may be, in UTF-8 bytes: the same as an uploaded notice (20 MB). */
export const MAX_PASTED_BYTES = 20 * 1024 * 1024;

const MARKUP_START =
  /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|style|link|p|div|span|section|article|main|table|tbody|tr|h[1-6]|ul|ol|li|font|center|strong|b|br|a|img|o:p)[\s>/]/i;

/**
 * Whether pasted text is markup: a page's source (doctype, <html>, <head>, <body>, <meta>) or a fragment as a browser
 * or Word puts on the clipboard (it starts with a tag such as <p>, <div>, <span>, <table>, <h1>). Text that merely
 * mentions a tag later on ("1.<p>标签不当</p>") is text.
 */
export function pastedKind(text: string): PastedKind {
  return MARKUP_START.test(text.slice(0, 4096).replace(/^\uFEFF/, '')) ? 'html' : 'text';
}

/** What the clipboard of a paste event offers: its HTML when it has any (a selection, a Word copy), else its text. */
export function pastedContent(html: string, plain: string): { text: string; kind: PastedKind } {
  if (html.trim() !== '') return { text: html, kind: 'html' };
  return { text: plain, kind: pastedKind(plain) };
}
