import { describe, expect, it } from 'vitest';
import { isPhoto, jpegName, keepRedrawn, PHOTO_RULE, photoTarget } from './photo-size.ts';

const MB = 1024 * 1024;

describe('photoTarget', () => {
  it('leaves a small, light photo as it is', () => {
    expect(photoTarget(1600, 1200, 800_000)).toBeNull();
    expect(photoTarget(2000, 1500, PHOTO_RULE.shrinkAboveBytes)).toBeNull();
  });

  it('shrinks a camera photo to 1920 on its long side, keeping its shape', () => {
    expect(photoTarget(4032, 3024, 3 * MB)).toEqual({ width: 1920, height: 1440 });
    // Portrait, and over the pixel limit even when light.
    expect(photoTarget(3024, 4032, 900_000)).toEqual({ width: 1440, height: 1920 });
    expect(photoTarget(2001, 1000, 100_000)).toEqual({ width: 1920, height: 960 });
  });

  it('redraws a heavy photo at its own size when it is already short enough', () => {
    expect(photoTarget(1600, 1200, 5.8 * MB)).toEqual({ width: 1600, height: 1200 });
  });

  it('converts a type the server does not take, whatever its size', () => {
    expect(photoTarget(800, 600, 50_000, true)).toEqual({ width: 800, height: 600 });
    expect(photoTarget(4000, 3000, 50_000, true)).toEqual({ width: 1920, height: 1440 });
  });

  it('never returns a zero side, and refuses nonsense sizes', () => {
    expect(photoTarget(10_000, 2, 2 * MB)).toEqual({ width: 1920, height: 1 });
    expect(photoTarget(0, 100, 2 * MB)).toBeNull();
    expect(photoTarget(Number.NaN, 100, 2 * MB)).toBeNull();
  });
});

describe('the rest of the rule', () => {
  it('keeps the redrawn photo only when it is smaller, or the original cannot be sent', () => {
    expect(keepRedrawn(3 * MB, 400_000)).toBe(true);
    expect(keepRedrawn(400_000, 400_000)).toBe(false);
    expect(keepRedrawn(400_000, 500_000)).toBe(false);
    expect(keepRedrawn(400_000, 500_000, true)).toBe(true);
    expect(keepRedrawn(400_000, 0, true)).toBe(false);
  });

  it('touches photos only, never PDFs or Office files', () => {
    expect(isPhoto('image/png', 'a.png')).toBe(true);
    expect(isPhoto('image/heic', 'IMG_1.HEIC')).toBe(true);
    expect(isPhoto('', 'IMG_1.HEIC')).toBe(true);
    expect(isPhoto('application/pdf', 'a.pdf')).toBe(false);
    expect(isPhoto('', 'a.docx')).toBe(false);
    expect(isPhoto('image/gif', 'a.gif')).toBe(false);
    expect(isPhoto('image/svg+xml', 'a.svg')).toBe(false);
  });

  it('names the redrawn photo .jpg', () => {
    expect(jpegName('现场照片.png')).toBe('现场照片.jpg');
    expect(jpegName('IMG_0001.HEIC')).toBe('IMG_0001.jpg');
    expect(jpegName('photo')).toBe('photo.jpg');
    expect(jpegName('a.b.webp')).toBe('a.b.jpg');
  });
});
