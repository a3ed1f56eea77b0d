import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withoutControlCharacters } from '../domain/file-names.ts';
import { AppError } from '../errors.ts';
import type { EvidenceStore } from '../storage/evidence-store.ts';

/**
 * RFC 6266 / 5987: the name a download is saved under, for every route that sends a file. Control and bidirectional
 * characters are replaced first (the same rule as the names inside a binder); an ASCII stand-in serves old clients.
 */
export function contentDisposition(
  disposition: 'inline' | 'attachment',
  fileName: string,
  fallback: string | null = null,
): string {
  const name = encodeURIComponent(withoutControlCharacters(fileName));
  return fallback === null
    ? `${disposition}; filename*=UTF-8''${name}`
    : `${disposition}; filename="${fallback}"; filename*=UTF-8''${name}`;
}

/** A plain field sent before the file in a multipart upload, or null when it is missing (or is itself a file). */
export function multipartField(part: MultipartFile, name: string): string | null {
  const f = part.fields[name];
  return f && !Array.isArray(f) && f.type === 'field' ? String(f.value) : null;
}

/**
 * Sends a file from the evidence store as it was stored (an evidence file, a submitted report): its type, a name the
 * browser saves it under, no sniffing. A stored file that fails its integrity check, or a key that does not fit, is
 * the operators' business too, so it is logged with `logFields` before the refusal goes out.
 */
export async function sendStoredFile(
  store: EvidenceStore,
  request: FastifyRequest,
  reply: FastifyReply,
  file: { sha256: string; contentType: string; fileName: string; inline: boolean },
  logFields: Record<string, unknown>,
) {
  const stream = await store.open(file.sha256).catch((error: unknown) => {
    if (error instanceof AppError && String(error.key).startsWith('evidence_'))
      request.log.error({ ...logFields, sha256: file.sha256, refusal: error.key }, error.message);
    throw error;
  });
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.inline ? 'inline' : 'attachment', file.fileName))
    .header('x-content-type-options', 'nosniff')
    .send(stream);
}
