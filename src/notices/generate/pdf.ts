import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { appError } from '../../errors.ts';

const run = promisify(execFile);

/**
 * Issue 15: a generated .docx as PDF through LibreOffice (`soffice`, or the command RECTIFY_SOFFICE names). Each
 * conversion has its own profile and folder, so two at once do not fight over one; a command that is not there answers
 * 503 soffice_missing, one that fails 502 pdf_conversion_failed.
 */
export async function docxToPdf(
  docx: Buffer,
  soffice: string,
  timeoutMs = 120_000,
  /** Issue 16: other Office files (doc, xlsx, pptx, wps…) go through the same path under their own extension. */
  ext = 'docx',
): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rectify-pdf-'));
  try {
    const file = path.join(dir, `document.${ext}`);
    await writeFile(file, docx);
    try {
      await run(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          file,
        ],
        { timeout: timeoutMs },
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw appError('soffice_missing');
      throw appError('pdf_conversion_failed');
    }
    return await readFile(path.join(dir, 'document.pdf')).catch(() => {
      throw appError('pdf_conversion_failed');
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
