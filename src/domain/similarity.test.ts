import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLD,
  groupSimilar,
  isSimilar,
  MAX_TITLE_CHARS,
  normaliseTitle,
  shapeOf,
  titleSimilarity,
} from './similarity.ts';

describe('normaliseTitle', () => {
  it('folds full width, case and punctuation away', () => {
    expect(normaliseTitle('ＡＢＣ１２３，公务用车（管理）不规范。')).toBe('abc123公务用车管理不规范');
    expect(normaliseTitle('  “三重一大”  决策 制度执行不严格！ ')).toBe('三重一大决策制度执行不严格');
  });

  it('drops leading numbering of every customary kind', () => {
    for (const t of [
      '一、公务接待超标准',
      '（二）公务接待超标准',
      '3.公务接待超标准',
      '12、公务接待超标准',
      '①公务接待超标准',
    ]) {
      expect(normaliseTitle(t), t).toBe('公务接待超标准');
    }
  });

  it('keeps stock words and cuts very long titles', () => {
    expect(normaliseTitle('问题整改不到位')).toBe('问题整改不到位');
    expect(Array.from(normaliseTitle('长'.repeat(5000)))).toHaveLength(MAX_TITLE_CHARS);
  });

  it('makes nothing of an empty or punctuation-only title', () => {
    expect(normaliseTitle('')).toBe('');
    expect(normaliseTitle('，。！？“”')).toBe('');
    expect(shapeOf('').weight).toBe(0);
  });
});

describe('titleSimilarity', () => {
  const similar: [string, string][] = [
    ['公务用车管理不规范', '公务用车使用管理不规范'],
    ['公务用车管理不规范', '公务用车管理不够规范'],
    ['财务报销审核把关不严', '财务报销审核不严格'],
    ['“三重一大”决策制度执行不到位', '三重一大决策制度落实不到位'],
    ['意识形态工作责任制落实不到位', '落实意识形态工作责任制不到位'],
    ['政府采购程序不规范', '政府采购程序执行不规范'],
    ['干部档案管理不规范', '干部人事档案管理不规范'],
    ['基层党组织“三会一课”制度落实不到位', '三会一课制度落实不到位'],
  ];
  const dissimilar: [string, string][] = [
    ['公务用车管理不规范', '财务审批不规范'],
    ['政府采购程序不规范', '干部档案管理不规范'],
    ['意识形态工作责任制落实不到位', '党风廉政建设主体责任落实不到位'],
    ['违规发放津贴补贴', '公务接待超标准'],
    ['问题整改不到位', '问题线索处置不到位'],
    ['食堂管理不规范', '公务用车管理不规范'],
  ];

  it.each(similar)('finds %s like %s', (a, b) => {
    expect(titleSimilarity(a, b)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(isSimilar(a, b)).toBe(true);
  });

  it.each(dissimilar)('tells %s from %s', (a, b) => {
    expect(titleSimilarity(a, b)).toBeLessThan(DEFAULT_THRESHOLD);
    expect(isSimilar(a, b)).toBe(false);
  });

  it('is symmetric, 1 for the same title and 0 for nothing shared', () => {
    for (const [a, b] of [...similar, ...dissimilar]) expect(titleSimilarity(a, b)).toBeCloseTo(titleSimilarity(b, a));
    expect(titleSimilarity('公务接待超标准', '公务接待超标准')).toBe(1);
    expect(titleSimilarity('公务接待超标准', '干部选拔任用')).toBe(0);
  });

  it('ignores width, punctuation, spacing and numbering', () => {
    expect(titleSimilarity('一、公务用车（管理）不规范。', '公务用车管理不规范')).toBe(1);
    expect(titleSimilarity('ＯＡ系统 账号 管理混乱', 'oa系统账号管理混乱')).toBe(1);
  });

  it('never calls empty titles alike', () => {
    expect(titleSimilarity('', '')).toBe(0);
    expect(titleSimilarity('。。', '公务接待超标准')).toBe(0);
  });

  it('weighs stock words down: sharing only 不规范 or 问题 is not enough', () => {
    expect(titleSimilarity('食堂不规范', '车辆不规范')).toBeLessThan(0.2);
    expect(titleSimilarity('问题食堂', '问题车辆')).toBeLessThan(0.2);
  });

  it('stays bounded on very long titles', () => {
    const long = '公务用车管理不规范'.repeat(400);
    expect(titleSimilarity(long, long.slice(1))).toBeGreaterThan(0.9);
  });

  it('moves with the threshold', () => {
    const [a, b] = ['公务用车管理不规范', '公务用车使用管理不规范'];
    const s = titleSimilarity(a, b);
    expect(isSimilar(a, b, s)).toBe(true);
    expect(isSimilar(a, b, s + 0.01)).toBe(false);
  });
});

describe('groupSimilar', () => {
  const input = (key: number, block: number | null, title: string) => ({ key, block, title });

  it('groups similar titles within an aspect and names the group by its most central title', () => {
    const groups = groupSimilar([
      input(1, 1, '公务用车管理不规范'),
      input(2, 1, '公务用车使用管理不规范'),
      input(3, 1, '公务用车管理不够规范'),
      input(4, 1, '财务审批不规范'),
      input(5, 1, '财务审批程序不规范'),
      input(6, 1, '违规发放津贴补贴'),
    ]);
    const byKeys = groups.map((g) => [...g.keys].sort());
    expect(byKeys).toContainEqual([1, 2, 3]);
    expect(byKeys).toContainEqual([4, 5]);
    expect(groups).toHaveLength(2);
    expect(groups.find((g) => g.keys.includes(1))?.label).toBe('公务用车管理不规范');
  });

  it('never groups across aspects, and treats no aspect as an aspect of its own', () => {
    const groups = groupSimilar([
      input(1, 1, '公务用车管理不规范'),
      input(2, 2, '公务用车管理不规范'),
      input(3, null, '公务用车管理不规范'),
      input(4, null, '公务用车使用管理不规范'),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0].block).toBeNull();
    expect(groups[0].keys.sort()).toEqual([3, 4]);
  });

  it('keeps identical titles together and leaves single items and empty titles out', () => {
    const groups = groupSimilar([
      input(1, 1, '公务接待超标准'),
      input(2, 1, '公务接待超标准。'),
      input(3, 1, '（一）公务接待超标准'),
      input(4, 1, '干部选拔任用程序不规范'),
      input(5, 1, ''),
      input(6, 1, '——'),
    ]);
    expect(groups).toEqual([{ block: 1, label: '公务接待超标准', keys: [1, 2, 3] }]);
  });

  it('obeys the threshold', () => {
    const titles = [input(1, 1, '公务用车管理不规范'), input(2, 1, '公务用车使用管理不规范')];
    expect(groupSimilar(titles, 0.99)).toEqual([]);
    expect(groupSimilar(titles, 0.3)).toHaveLength(1);
  });

  it('returns nothing for nothing', () => {
    expect(groupSimilar([])).toEqual([]);
  });

  it('joins titles near the same leading title into one group', () => {
    const groups = groupSimilar([
      input(1, 1, '公务用车管理不规范'),
      input(2, 1, '公务用车使用管理不规范'),
      input(3, 1, '公务用车使用登记管理不规范'),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0].keys.sort()).toEqual([1, 2, 3]);
  });
});

describe('groupSimilar leaders', () => {
  it('does not let a chain of small steps pull unrelated titles together', () => {
    const chain = [
      '公务用车管理不规范',
      '公务用车使用管理不规范',
      '公务用车使用登记不规范',
      '车辆使用登记台账缺失',
      '登记台账缺失',
    ];
    const groups = groupSimilar(chain.map((title, key) => ({ key, block: 1, title })));
    const withFirst = groups.find((g) => g.keys.includes(0));
    expect(withFirst?.keys ?? []).not.toContain(4);
  });

  it('keys every item exactly once, whatever the input order', () => {
    const titles = [
      '公务用车管理不规范',
      '公务用车使用管理不规范',
      '财务审批不规范',
      '财务审批程序不规范',
      '公务用车管理不规范',
    ];
    const forward = groupSimilar(titles.map((title, key) => ({ key, block: 1, title })));
    const backward = groupSimilar(titles.map((title, key) => ({ key, block: 1, title })).reverse());
    const norm = (gs: { keys: number[] }[]) => gs.map((g) => [...g.keys].sort().join(',')).sort();
    expect(norm(forward)).toEqual(norm(backward));
    expect(forward.flatMap((g) => g.keys).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
