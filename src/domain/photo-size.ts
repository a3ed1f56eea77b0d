/**
 * Issue 14: phone photos are shrunk in the browser before they go up. A camera's 4000×3000 picture of 4–8 MB is more
 * than a reviewer needs to read a notice board or a signed form, and on a phone's network it is the slow part of
 * recording progress. This is the rule the browser follows; the drawing itself is in web/src/components/uploads.ts.
 */

/** The longest side a shrunk photo keeps, and when a photo is shrunk at all. */
export const PHOTO_RULE = {
  /** Longest side after shrinking, in pixels. */
  longSide: 1920,
  /** A photo longer than this on its long side is shrunk… */
  shrinkAbovePixels: 2000,
  /** …and so is one heavier than this, whatever its size (it is redrawn at its own size as JPEG). */
  shrinkAboveBytes: 1.5 * 1024 * 1024,
  /** JPEG quality of the redrawn photo. */
  quality: 0.85,
} as const;

/** Image types a browser may redraw; PDFs, Office files and anything else are never touched. */
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];
const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'heic', 'heif'];

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
};

/** Whether a picked file is a photo the browser may try to redraw (by its type, or its extension when the type is blank). */
export function isPhoto(type: string, name: string): boolean {
  if (type) return PHOTO_TYPES.includes(type.toLowerCase());
  return PHOTO_EXTENSIONS.includes(extensionOf(name));
}

/**
 * The size to redraw a photo at, or null to send it as it is. `mustConvert` is for a type the server does not take
 * (webp, heic): it is redrawn as JPEG whatever its size.
 */
export function photoTarget(
  width: number,
  height: number,
  bytes: number,
  mustConvert = false,
  rule: { longSide: number; shrinkAbovePixels: number; shrinkAboveBytes: number } = PHOTO_RULE,
): { width: number; height: number } | null {
  if (!(width > 0 && height > 0)) return null;
  const long = Math.max(width, height);
  if (!mustConvert && long <= rule.shrinkAbovePixels && bytes <= rule.shrinkAboveBytes) return null;
  const scale = Math.min(1, rule.longSide / long);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The redrawn photo is kept only when it is smaller (or the original's type cannot be sent). */
export function keepRedrawn(originalBytes: number, redrawnBytes: number, mustConvert = false): boolean {
  return redrawnBytes > 0 && (mustConvert || redrawnBytes < originalBytes);
}

/** The file name a redrawn photo goes up under: the same name, ending .jpg (the server checks the name against the bytes). */
export function jpegName(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot <= 0 ? name : name.slice(0, dot)}.jpg`;
}
