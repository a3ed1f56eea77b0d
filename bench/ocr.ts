/**
 * node --import tsx bench/ocr.ts — issue 16: OCR pages per minute, and how much of the text it recovers, for the scans
 * and photos given as evidence. The pages are a notice of our own fixtures (randomSnapshot, a public notice) rendered
 * to .docx, printed to PDF by LibreOffice and rasterised by pdftoppm: 300 dpi greyscale PNG (a flatbed scan), 150 dpi
 * JPEG at quality 50 (a phone's photo of a page, roughly: no skew or shadow), and a scanned PDF of 300 dpi JPEG pages
 * with no text layer (what a copier's scan-to-PDF sends). Each is read by the job's own functions (src/jobs/
 * evidence-text.ts: ocrText for an image, evidenceText for the PDF, exactly as the background job calls them), with
 * the settings the job used before this measurement (tesseract's defaults, one file at a time) and the ones it uses
 * now. The baseline in the same run is the PDF's text layer, read by pdftotext and by the job's pdfjs path.
 *
 * Accuracy: the share of the fixture's characters (its plain text, whitespace removed) found in order in what was read
 * (longest common subsequence over the whole document), and the share of what was read that is the fixture's.
 * BENCH_ITEMS (default 14: a notice of about 5 pages).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  evidenceText,
  hasOcr,
  OCR_SETTINGS,
  OCR_UNTUNED,
  type OcrSettings,
  ocrText,
} from '../src/jobs/evidence-text.ts';
import { randomSnapshot, writing } from '../src/notices/generate/fixtures.ts';
import { buildDocument, renderDocument } from '../src/notices/generate/index.ts';
import { pdfText } from '../src/notices/read-pdf.ts';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../src/test/libreoffice.ts';
import { scanPdf } from '../src/test/scan-pdf.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 14);

const squash = (s: string) => s.replace(/\s+/g, '');

/** Length of the longest common subsequence of two strings (two rows of the table). */
function lcs(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = new Uint32Array(y.length + 1);
  let row = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      row[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
    }
    [prev, row] = [row, prev];
  }
  return prev[y.length];
}

function accuracy(reference: string, read: string) {
  const ref = squash(reference);
  const got = squash(read);
  const common = lcs(ref, got);
  return { recall: common / [...ref].length, precision: got.length === 0 ? 0 : common / [...got].length };
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const rows: string[] = [];
function row(what: string, pages: number, ms: number, reference: string, read: string) {
  const a = accuracy(reference, read);
  const perMinute = (pages * 60_000) / ms;
  rows.push(
    `| ${what} | ${pages} | ${(ms / 1000).toFixed(2)} s | ${perMinute >= 100 ? perMinute.toFixed(0) : perMinute.toFixed(1)} | ` +
      `${(lastCpuMs / pages / 1000).toFixed(2)} s | ${pct(a.recall)} | ${pct(a.precision)} |`,
  );
  return perMinute;
}

/**
 * CPU time of this process (all its threads) and of its ended children (tesseract, pdftoppm), in ms: Linux's
 * /proc/self/stat utime, stime, cutime, cstime in clock ticks (100 a second). Unlike the wall time it barely moves
 * with the machine's load, so it shows what a page costs; NaN elsewhere.
 */
function cpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * 10;
  } catch {
    return Number.NaN;
  }
}

/** The CPU time of the last `timed` call, read by `row`. */
let lastCpuMs = Number.NaN;
async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const cpu = cpuMs();
  const out = await f();
  lastCpuMs = cpuMs() - cpu;
  return [out, performance.now() - t];
}

/** The pages read as the job reads images: one call of ocrText per page, as many at once as the settings allow. */
async function ocrPages(files: string[], settings: OcrSettings): Promise<[string, number]> {
  return timed(async () => {
    const texts = await Promise.all(files.map((f) => ocrText(readFileSync(f), path.basename(f), settings)));
    return texts.join('\n');
  });
}

if (!hasLibreOffice()) {
  console.log(`OCR bench skipped: ${LIBREOFFICE_MISSING}`);
} else if (!(await hasOcr())) {
  console.log('OCR bench skipped: tesseract with chi_sim is not installed (apt-get install tesseract-ocr-chi-sim)');
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-ocr-'));
  try {
    const doc = buildDocument(randomSnapshot(2026, { items: ITEMS, withheldRate: 0 }), writing(), {
      kind: 'notice',
      publicVersion: true,
      today: '2026-11-20',
    });
    const reference = (await renderDocument(doc, 'txt')).toString('utf8');
    const docx = path.join(dir, 'notice.docx');
    writeFileSync(docx, await renderDocument(doc, 'docx'));
    const { pdf, pages } = await convertToPdf(docx, dir);
    const pdfBytes = readFileSync(pdf);
    execFileSync('pdftoppm', ['-r', '300', '-gray', '-png', pdf, path.join(dir, 'scan')]);
    execFileSync('pdftoppm', ['-r', '150', '-jpeg', '-jpegopt', 'quality=50', pdf, path.join(dir, 'photo')]);
    execFileSync('pdftoppm', ['-r', '300', '-gray', '-jpeg', '-jpegopt', 'quality=75', pdf, path.join(dir, 'copier')]);
    const list = (prefix: string) =>
      readdirSync(dir)
        .filter((f) => f.startsWith(`${prefix}-`))
        .sort()
        .map((f) => path.join(dir, f));
    const scans = list('scan');
    const photos = list('photo');
    const scannedPdf = scanPdf(
      list('copier').map((f) => readFileSync(f)),
      300,
    );
    const cores = OCR_SETTINGS.parallel;
    const tuned = (s: Partial<OcrSettings>) =>
      Object.entries(s)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    console.log(
      `OCR of a ${pages}-page notice (${ITEMS} items, ${[...squash(reference)].length} characters of text), ` +
        `tesseract ${/tesseract ([\d.]+)/.exec(execFileSync('tesseract', ['--version'], { encoding: 'utf8' }))?.[1]}; ` +
        `before = ${tuned(OCR_UNTUNED)}; now = ${tuned(OCR_SETTINGS)}; ${availableParallelism()} cores, load average ` +
        `${loadavg()[0].toFixed(1)} at the start\n`,
    );

    const [layer, layerMs] = await timed(async () => execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
    await pdfText(pdfBytes); // pdfjs's worker starts once per process
    const [pdfjs, pdfjsMs] = await timed(() => pdfText(pdfBytes));
    const textLayer = row('baseline: text layer, pdftotext', pages, layerMs, reference, layer);
    row('baseline: text layer, the job (pdfjs worker)', pages, pdfjsMs, reference, pdfjs);

    const [before, beforeMs] = await ocrPages(scans, OCR_UNTUNED);
    const slow = row('300 dpi PNG scan, before', scans.length, beforeMs, reference, before);
    const [serial, serialMs] = await ocrPages(scans, { ...OCR_SETTINGS, parallel: 1 });
    row('300 dpi PNG scan, now, one at a time', scans.length, serialMs, reference, serial);
    const [auto, autoMs] = await ocrPages(scans, { ...OCR_SETTINGS, psm: null });
    row(`300 dpi PNG scan, now but --psm 3 (automatic, ${cores} at once)`, scans.length, autoMs, reference, auto);
    const [now, nowMs] = await ocrPages(scans, OCR_SETTINGS);
    const fast = row(`300 dpi PNG scan, now (${cores} at once)`, scans.length, nowMs, reference, now);
    const [photoBefore, photoBeforeMs] = await ocrPages(photos, OCR_UNTUNED);
    row('150 dpi JPEG q50 "photo", before', photos.length, photoBeforeMs, reference, photoBefore);
    const [photoNow, photoNowMs] = await ocrPages(photos, OCR_SETTINGS);
    row('150 dpi JPEG q50 "photo", now', photos.length, photoNowMs, reference, photoNow);
    const [scanned, scannedMs] = await timed(() => evidenceText(scannedPdf, '扫描件.pdf', 'application/pdf'));
    row(
      `scanned PDF, no text layer: evidenceText${scanned.note ? ` (${scanned.note})` : ''}`,
      pages,
      scannedMs,
      reference,
      scanned.text,
    );

    console.log(
      '| pages read by | pages | time | pages/min | CPU per page | fixture chars recovered | read chars that are right |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
    console.log(
      `\nOCR now ${fast.toFixed(1)} pages/min against ${slow.toFixed(1)} before (${(fast / slow).toFixed(2)}×); ` +
        `the text layer reads ${(textLayer / fast).toFixed(0)}× faster than OCR. Before, a scanned PDF gave no text at all.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
