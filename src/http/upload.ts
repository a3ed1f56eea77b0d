import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { appError } from '../errors.ts';

export interface Upload {
  filePath: string;
  /** The name the browser sent, or null when the request held no file. */
  fileName: string | null;
  fields: Record<string, string>;
  /** Removes the temporary file; call it in a finally. */
  remove(): Promise<void>;
}

/**
 * A multipart request's one file written to the data folder's tmp (documents are read from a path, and the multipart
 * limit caps its size), with its plain fields. Later files are drained and ignored.
 */
export async function receiveUpload(request: FastifyRequest, dataDir: string, prefix: string): Promise<Upload> {
  if (!request.isMultipart()) throw appError('multipart_required');
  const dir = path.join(dataDir, 'tmp');
  await mkdir(dir, { recursive: true });
  const filePath = path.join(dir, `${prefix}-${randomBytes(12).toString('hex')}`);
  const upload: Upload = { filePath, fileName: null, fields: {}, remove: () => rm(filePath, { force: true }) };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (upload.fileName !== null) {
          part.file.resume();
          continue;
        }
        upload.fileName = part.filename || prefix;
        await pipeline(part.file, createWriteStream(filePath));
        if (part.file.truncated) throw appError('too_large');
      } else upload.fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    await upload.remove();
    throw error;
  }
  return upload;
}
