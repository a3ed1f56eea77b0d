import { withoutControlCharacters } from '../../domain/file-names.ts';

/**
 * Names inside the binder: they are unpacked on Windows (Explorer, WPS, 360压缩), where some characters are forbidden,
 * some names are reserved, and a whole path past about 260 characters cannot be opened.
 */

const FORBIDDEN = /[<>:"/\\|?*]/g;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;

export const MAX_ASPECT_FOLDER = 30;
export const MAX_ITEM_FOLDER = 50;
export const MAX_FILE_NAME = 80;

/** One path segment: forbidden characters replaced, whitespace folded, trailing dots and spaces removed, cut to `max`. */
export function safeSegment(name: string, max: number, fallback = '未命名'): string {
  let s = withoutControlCharacters(name).replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
  s = [...s].slice(0, max).join('');
  s = s.replace(/[. ]+$/, '');
  if (s === '') s = fallback;
  return RESERVED.test(s) ? `_${s}` : s;
}

/** A file name cut to `max` characters while keeping its extension, so it still opens with the right program. */
export function safeFileName(name: string, max = MAX_FILE_NAME): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? withoutControlCharacters(name.slice(dot)).replace(FORBIDDEN, '_').slice(0, 10) : '';
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${safeSegment(stem, Math.max(1, max - ext.length), '文件')}${ext}`;
}

/** `01 党的领导方面`: numbered so the folders sort in the feedback's order. */
export function aspectFolder(position: number, name: string): string {
  return safeSegment(`${String(position).padStart(2, '0')} ${name}`, MAX_ASPECT_FOLDER);
}

export function itemFolder(number: string, title: string): string {
  return safeSegment(`${number} ${title}`, MAX_ITEM_FOLDER);
}

/**
 * Hands out names unique within one folder, numbering repeats as `会议纪要(2).pdf`; compared without case, as Windows does.
 */
export class NameRegistry {
  private readonly taken = new Set<string>();

  claim(name: string): string {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${stem}(${n})${ext}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
