import type { Config } from '../config.ts';
import { AppError, appError } from '../errors.ts';
import { keyringOf } from '../storage/evidence-store.ts';
import { type PreviewCache, previewCacheFor } from '../storage/preview-cache.ts';
import { docxToPdf } from './generate/pdf.ts';

/** Office files LibreOffice turns into PDF for looking at; the extension tells it what it is given. */
export const OFFICE_PREVIEW_TYPES = new Set(['doc', 'docx', 'xls', 'xlsx', 'pptx', 'wps']);
export const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** How long one conversion may take before it counts as failed. */
const CONVERT_TIMEOUT_MS = 120_000;

/**
 * Issue 16: an Office evidence file as PDF for the browser's preview. LibreOffice converts it once: the PDF is kept in
 * the data folder's preview cache under the file's sha256 (src/storage/preview-cache.ts: on disk, bounded, shared by
 * two requests at the same moment), so a second view, by anyone, after a restart too, reads the kept PDF. The file's
 * extension chooses LibreOffice's filter, so the same bytes under another extension are kept apart.
 * Refuses 503 preview_soffice_missing where LibreOffice is not at the configured path, 502 when it fails.
 */
export async function officePreviewPdf(
  evidence: { sha256: string; fileName: string },
  open: () => Promise<Buffer>,
  config: Config,
  cache: PreviewCache = previewCacheFor(config.dataDir, keyringOf(config)),
): Promise<Buffer> {
  const ext = extensionOf(evidence.fileName);
  if (!OFFICE_PREVIEW_TYPES.has(ext)) throw appError('preview_unavailable');
  return cache.get(`${evidence.sha256}.${ext}`, async () => {
    try {
      return await docxToPdf(await open(), config.sofficePath, CONVERT_TIMEOUT_MS, ext);
    } catch (error) {
      if (error instanceof AppError && error.key === 'soffice_missing') throw appError('preview_soffice_missing');
      throw error;
    }
  });
}
