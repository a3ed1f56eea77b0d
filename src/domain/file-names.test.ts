import { describe, expect, it } from 'vitest';
import { withoutControlCharacters } from './file-names.ts';

describe('file names handed out by the server', () => {
  it('replaces bidirectional controls and control characters, and keeps everything else', () => {
    for (const bidi of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(withoutControlCharacters(`报告${bidi}fdp.exe`)).toBe('报告_fdp.exe');
    }
    expect(withoutControlCharacters('a\u200Eb\u200Fc\u061Cd')).toBe('a_b_c_d');
    expect(withoutControlCharacters('\u0000\u0001\u001F\u007F\u0085x')).toBe('_____x');
    expect(withoutControlCharacters('整改方案（定稿）v2.pdf')).toBe('整改方案（定稿）v2.pdf');
  });
});
