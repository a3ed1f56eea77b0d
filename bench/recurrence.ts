/**
 * node --import tsx bench/recurrence.ts — grouping a round's item titles into common problems (举一反三).
 *
 * Titles are generated the way feedback writes them: a subject (公务用车, 财务报销, …), an optional qualifier and a stock
 * ending (管理不规范, 落实不到位, …), spread over six aspects, with a share of titles made unique by an extra phrase.
 * Baseline, in the same run: the same loop doing only the normalisation (shapeOf) of every title, which any grouping
 * must do at least once. "one aspect" puts every title in a single aspect, the worst case for the blocking.
 */

import { performance } from 'node:perf_hooks';
import { groupSimilar, shapeOf } from '../src/domain/similarity.ts';

const SUBJECTS = [
  '公务用车',
  '财务报销',
  '政府采购',
  '干部档案',
  '三重一大决策',
  '意识形态工作责任制',
  '党风廉政建设主体责任',
  '公务接待',
  '津贴补贴发放',
  '固定资产',
  '项目资金',
  '合同',
  '基层党组织三会一课',
  '选人用人',
  '巡察整改',
  '专项资金',
  '办公用房',
  '工程项目招投标',
  '民主生活会',
  '请销假',
  '会议费',
  '培训费',
  '差旅费',
  '信访件办理',
  '行政执法',
  '统计数据',
  '安全生产检查',
  '网络安全',
  '保密',
  '食堂',
];
const QUALIFIERS = ['', '使用', '审核', '登记', '监督', '日常', '制度执行'];
const ENDINGS = ['管理不规范', '落实不到位', '把关不严', '不够规范', '存在漏洞', '问题较多', '执行不严格', '有差距'];
const EXTRAS = ['部分科室', '个别下属单位', '2025年以来', '多次', '长期', '在基层站所'];

function generator(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

function titles(count: number, aspects: number) {
  const pick = generator(count);
  return Array.from({ length: count }, (_, key) => {
    const extra = pick(3) === 0 ? EXTRAS[pick(EXTRAS.length)] : '';
    const title = `${extra}${SUBJECTS[pick(SUBJECTS.length)]}${QUALIFIERS[pick(QUALIFIERS.length)]}${ENDINGS[pick(ENDINGS.length)]}`;
    return { key, block: pick(aspects), title };
  });
}

function time(work: () => unknown, repeat = 5): number {
  work();
  const runs: number[] = [];
  for (let k = 0; k < repeat; k++) {
    const start = performance.now();
    work();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[Math.floor(repeat / 2)];
}

const rows: string[] = [];
for (const [count, aspects, label] of [
  [1000, 6, 'six aspects'],
  [5000, 6, 'six aspects'],
  [5000, 1, 'one aspect'],
] as const) {
  const input = titles(count, aspects);
  const baseline = time(() => {
    for (const t of input) shapeOf(t.title);
  });
  let groups = 0;
  const grouping = time(() => {
    groups = groupSimilar(input).length;
  });
  rows.push(
    `| ${count} | ${label} | ${baseline.toFixed(1)} | ${grouping.toFixed(1)} | ${(grouping / baseline).toFixed(1)}× | ${groups} |`,
  );
}

console.log('| titles | blocks | normalise only (ms) | group (ms) | ratio | groups |');
console.log('|---:|---|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
