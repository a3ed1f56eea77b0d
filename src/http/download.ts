import { withoutControlCharacters } from '../domain/file-names.ts';

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
