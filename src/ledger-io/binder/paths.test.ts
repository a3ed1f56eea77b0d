import { describe, expect, it } from 'vitest';
import { aspectFolder, itemFolder, MAX_ITEM_FOLDER, NameRegistry, safeFileName, safeSegment } from './paths.ts';

describe('binder names', () => {
  it('replaces what Windows forbids and trims what it drops', () => {
    expect(safeSegment('a<b>c:d"e/f\\g|h?i*j\u0001k', 50)).toBe('a_b_c_d_e_f_g_h_i_j_k');
    expect(safeSegment('  方案  定稿. . ', 50)).toBe('方案 定稿');
    expect(safeSegment('...', 50)).toBe('未命名');
    expect(safeSegment('CON', 50)).toBe('_CON');
    expect(safeSegment('nul.txt', 50)).toBe('_nul.txt');
    expect(safeSegment('console', 50)).toBe('console');
  });

  it('cuts long names by characters, not bytes, and keeps the extension', () => {
    const title = '关于'.repeat(40);
    expect([...itemFolder('12', title)]).toHaveLength(MAX_ITEM_FOLDER);
    expect(itemFolder('12', title).startsWith('12 关于')).toBe(true);
    const name = safeFileName(`${'很长的文件名'.repeat(30)}.pdf`);
    expect(name.endsWith('.pdf')).toBe(true);
    expect([...name]).toHaveLength(80);
    expect(safeFileName('.pdf')).toBe('.pdf');
    expect(safeFileName('说明')).toBe('说明');
  });

  it('numbers aspect folders and repeated names, ignoring case as Windows does', () => {
    expect(aspectFolder(3, '干部队伍建设方面')).toBe('03 干部队伍建设方面');
    const names = new NameRegistry();
    expect(['纪要.pdf', '纪要.PDF', '纪要.pdf', 'README', 'readme'].map((n) => names.claim(n))).toEqual([
      '纪要.pdf',
      '纪要(2).PDF',
      '纪要(3).pdf',
      'README',
      'readme(2)',
    ]);
  });
});
