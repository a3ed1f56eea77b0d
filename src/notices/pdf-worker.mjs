// Issue 16: pdfjs runs in this worker thread, never in the server's. Its legacy build (the one that runs on Node 20)
// replaces globals as it loads (Array.prototype.push, JSON.parse and JSON.stringify with core-js versions, a `navigator`,
// DOMMatrix…), which would slow and change the whole server; here they touch only this thread. The work is CPU-bound
// too, so the event loop stays free. Plain JavaScript: no TypeScript loader is needed to start it.
import { parentPort } from 'node:worker_threads';

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');

/** The positioned runs of text of each page; the lines and paragraphs are rebuilt by the caller (read-pdf.ts). */
async function read(bytes, maxPages) {
  const task = pdfjs.getDocument({
    data: bytes,
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    if (error?.name === 'PasswordException') return { refused: 'pdf_encrypted' };
    return { refused: 'pdf_damaged', reason: String(error?.message ?? error) };
  }
  try {
    if (doc.numPages > maxPages) return { refused: 'pdf_too_many_pages', pageCount: doc.numPages };
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view;
      const content = await page.getTextContent();
      const runs = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , d, e, f] = item.transform;
        runs.push({
          str: item.str,
          x: e,
          y: f,
          width: item.width,
          size: Math.hypot(a, b) || Math.abs(d) || item.height,
          // The baseline's direction in degrees: a page set sideways, a diagonal watermark, a seal's ring of characters.
          angle: a === 0 && b === 0 ? 0 : Math.round((Math.atan2(b, a) * 180) / Math.PI),
        });
      }
      pages.push({ width, height, runs });
      page.cleanup();
    }
    return { pages };
  } catch (error) {
    return { refused: 'pdf_damaged', reason: String(error?.message ?? error) };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

parentPort.on('message', async ({ id, bytes, maxPages }) => {
  let answer;
  try {
    answer = await read(bytes, maxPages);
  } catch (error) {
    answer = { refused: 'pdf_damaged', reason: String(error?.message ?? error) };
  }
  parentPort.postMessage({ id, ...answer });
});
parentPort.postMessage({ ready: true });
