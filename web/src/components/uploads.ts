/**
 * Issue 14: a phone photo is shrunk in the browser before it goes up (the rule in src/domain/photo-size.ts): drawn on a
 * canvas at ≤ 1920 px on its long side and saved as JPEG. Whatever cannot be decoded, or comes out no smaller, goes up
 * as it was picked; PDFs and Office files are never opened.
 */
import { isPhoto, jpegName, keepRedrawn, PHOTO_RULE, photoTarget } from '../../../src/domain/photo-size.ts';

export interface PreparedFile {
  /** What goes up: the redrawn photo, or the file as picked. */
  file: File;
  originalBytes: number;
  /** Set when the photo was redrawn: its new size in pixels. */
  redrawn: { width: number; height: number } | null;
}

/** Draws the bitmap at the target size and encodes it as JPEG; null when the browser cannot. */
async function encodeJpeg(bitmap: ImageBitmap, width: number, height: number): Promise<Blob | null> {
  const draw = (ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D) => {
    // A PNG's transparent parts would turn black in a JPEG: the photo is laid on white.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
  };
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (ctx) {
      draw(ctx);
      return canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_RULE.quality });
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  draw(ctx);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_RULE.quality));
}

/**
 * The file to send for a picked one. `accepted` are the extensions the server takes: a photo of another type (webp, or
 * heic where the browser decodes it) is converted to JPEG whatever its size, since it could not go up otherwise.
 */
export async function prepareUpload(file: File, accepted: readonly string[] | null): Promise<PreparedFile> {
  const asPicked: PreparedFile = { file, originalBytes: file.size, redrawn: null };
  if (!isPhoto(file.type, file.name) || typeof createImageBitmap !== 'function') return asPicked;
  const dot = file.name.lastIndexOf('.');
  const ext = dot < 0 ? '' : file.name.slice(dot + 1).toLowerCase();
  const mustConvert = accepted !== null && !accepted.includes(ext);
  let bitmap: ImageBitmap | null = null;
  try {
    // The camera's orientation (EXIF) is applied, so a portrait photo stays upright once the tag is gone.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const target = photoTarget(bitmap.width, bitmap.height, file.size, mustConvert);
    if (!target) return asPicked;
    const blob = await encodeJpeg(bitmap, target.width, target.height);
    if (!blob || !keepRedrawn(file.size, blob.size, mustConvert)) return asPicked;
    return {
      file: new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified }),
      originalBytes: file.size,
      redrawn: target,
    };
  } catch {
    // Not decodable here (a HEIC on most browsers, a damaged file): it goes up as picked, and the server decides.
    return asPicked;
  } finally {
    bitmap?.close();
  }
}
