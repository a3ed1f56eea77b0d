import { messageOfCode } from '../../../src/domain/error-codes.ts';
import type { Lang } from './index.tsx';

/** Refusals the client itself raises, never sent by the server. */
const CLIENT_ERRORS: Record<string, readonly [zh: string, en: string]> = {
  network: ['无法连接服务器，请检查网络后重试', 'cannot reach the server'],
};

/**
 * A refusal in the reader's language, by its code: the catalogue's words where the code alone gives them, otherwise
 * the server's own message (it answered in the language the client asked for, or this is a code the page does not
 * know yet, as during an upgrade).
 */
export function refusalText(error: { code: string; message: string }, lang: Lang): string {
  const own = CLIENT_ERRORS[error.code];
  if (own) return own[lang === 'zh' ? 0 : 1];
  return messageOfCode(error.code, lang) ?? error.message;
}
