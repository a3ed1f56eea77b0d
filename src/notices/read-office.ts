import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NoticeInputError } from './input-error.ts';

/** How long one conversion may take before it is given up (a notice converts in a few seconds). */
export const OFFICE_TIMEOUT_MS = 60_000;

/** The LibreOffice command: RECTIFY_SOFFICE when set, else `soffice` on the PATH. */
export function sofficeCommand(): string {
  return process.env.RECTIFY_SOFFICE || 'soffice';
}

/** One conversion at a time: each LibreOffice takes hundreds of megabytes, and a notice import is never urgent. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Issue 16: a legacy Word .doc or a WPS .wps converted to .docx by LibreOffice headless, in a folder of its own with a
 * profile of its own, killed after the timeout. Where LibreOffice is missing the user is told to save the file as
 * .docx, .pdf or .txt (office_converter_missing).
 */
export function officeToDocx(
  bytes: Uint8Array,
  options: { soffice?: string; timeoutMs?: number } = {},
): Promise<Uint8Array> {
  const run = queue.then(() =>
    convert(bytes, options.soffice ?? sofficeCommand(), options.timeoutMs ?? OFFICE_TIMEOUT_MS),
  );
  queue = run.catch(() => undefined);
  return run;
}

async function convert(bytes: Uint8Array, soffice: string, timeoutMs: number): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rectify-office-'));
  try {
    // LibreOffice recognises the content whatever the name; .doc tells it a Word-family file is expected.
    const file = path.join(dir, 'notice.doc');
    await writeFile(file, bytes);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          'docx:MS Word 2007 XML',
          '--outdir',
          dir,
          file,
        ],
        { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 },
        (error) => {
          if (!error) resolve();
          else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(new NoticeInputError('office_converter_missing', undefined));
          } else {
            const reason = error.killed ? `timed out after ${Math.round(timeoutMs / 1000)} s` : 'LibreOffice failed';
            reject(new NoticeInputError('office_conversion_failed', { reason }));
          }
        },
      );
    });
    try {
      return await readFile(path.join(dir, 'notice.docx'));
    } catch {
      throw new NoticeInputError('office_conversion_failed', { reason: 'LibreOffice wrote no .docx' });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
