import { analyseNotice, type ParsedNotice } from './analyse.ts';
import { type ReadOptions, readNoticeFile } from './read.ts';

export type {
  NoticeItem,
  NoticeSection,
  ParsedNotice,
  ResultStatus,
  StatedTotals,
} from './analyse.ts';
export { MAX_NOTICE_BYTES, NoticeInputError, type ReadOptions, readNoticeFile } from './read.ts';

/** Parses notice text; never throws: whatever cannot be placed is reported in `warnings`. */
export function parseNoticeText(text: string): ParsedNotice {
  return analyseNotice(text).notice;
}

/** Reads (.txt or .docx) and parses; throws NoticeInputError when the file cannot be read as a notice. */
export async function parseNoticeFile(file: string, options?: ReadOptions): Promise<ParsedNotice> {
  return parseNoticeText(await readNoticeFile(file, options));
}
