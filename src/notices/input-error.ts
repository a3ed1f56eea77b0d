import { CodedError, type ErrorKey } from '../domain/error-codes.ts';

/** Bad input the user can fix (missing, too large, not text, not a .docx); the CLI prints it without a stack. */
export class NoticeInputError<K extends ErrorKey = ErrorKey> extends CodedError<K> {
  override name = 'NoticeInputError';
}
