import { createHash } from 'node:crypto';
import path from 'node:path';
import { docxText, MAX_NOTICE_BYTES, NoticeInputError, plainText } from '../read.ts';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * An uploaded notice as text, by the same rules as a file on disk (readNoticeFile): .docx by name or zip magic,
 * otherwise UTF-8/GB18030/UTF-16 text; NoticeInputError for anything empty, oversized or not a notice.
 */
export async function noticeTextFromBytes(bytes: Uint8Array, fileName: string): Promise<string> {
  if (bytes.length > MAX_NOTICE_BYTES) {
    throw new NoticeInputError('notice_upload_too_large', { maxBytes: MAX_NOTICE_BYTES });
  }
  if (bytes.length === 0) throw new NoticeInputError('notice_file_empty', { file: fileName });
  const ext = path.extname(fileName).toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const text = ext === '.docx' || (ext !== '.txt' && isZip) ? await docxText(bytes) : plainText(bytes);
  if (text.trim() === '') throw new NoticeInputError('notice_without_text', { file: fileName });
  return text;
}
