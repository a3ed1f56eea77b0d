/**
 * A key as an operator writes it into the environment: hex digits (as `openssl rand -hex 32` prints) or base64
 * (standard or URL-safe). The bytes, or null when the text is neither; the caller checks the length it needs.
 */
export function decodeKeyText(text: string): Buffer | null {
  const raw = text.trim();
  if (/^(?:[0-9a-f]{2})+$/i.test(raw)) return Buffer.from(raw, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) return Buffer.from(raw, 'base64');
  return null;
}
