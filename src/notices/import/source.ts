import { createHash } from 'node:crypto';
import { MAX_NOTICE_BYTES, NoticeInputError, textOfNotice } from '../read.ts';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * An uploaded notice as text, by the same rules as a file on disk (readNoticeFile, textOfNotice): .txt, .docx, .pdf,
 * saved web pages, .doc/.wps; NoticeInputError for anything empty, oversized or not a notice.
 */
export async function noticeTextFromBytes(bytes: Uint8Array, fileName: string): Promise<string> {
  if (bytes.length > MAX_NOTICE_BYTES) {
    throw new NoticeInputError('notice_upload_too_large', { maxBytes: MAX_NOTICE_BYTES });
  }
  if (bytes.length === 0) throw new NoticeInputError('notice_file_empty', { file: fileName });
  const text = await textOfNotice(bytes, fileName);
  if (text.trim() === '') throw new NoticeInputError('notice_without_text', { file: fileName });
  return text;
}
