/**
 * Characters that must never reach a file name the server hands out (an entry of a zip it writes, a Content-Disposition):
 * control characters (C0, DEL, C1), which break terminals and some unzippers, and the bidirectional controls, which
 * make `报告\u202Efdp.exe` show as `报告exe.pdf` (the "RLO" trick). Issue 11 found both surviving in binder names.
 */
const UNSAFE_IN_FILE_NAMES = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** The name with each control or bidirectional-control character replaced by `_`, so the change stays visible. */
export function withoutControlCharacters(name: string): string {
  return name.replace(UNSAFE_IN_FILE_NAMES, '_');
}
