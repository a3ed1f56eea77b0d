/**
 * node --import tsx bench/recurrence.ts — grouping a round's item titles into common problems (举一反三).
 *
 * Titles are generated the way feedback writes them: a subject (公务用车, 财务报销, …), an optional qualifier and a stock
 * ending (管理不规范, 落实不到位, …), spread over six aspects, with a share of titles made unique by an extra phrase.
 * Baseline, in the same run: the same loop doing only the normalisation (shapeOf) of every title, which any grouping
 * must do at least once. "one aspect" puts every title in a single aspect, the worst case for the blocking.
 */

import { performance } from 'node:perf_hooks';
import { AspectCorrespondence } from '../src/domain/recurrence.ts';
import {
  DEFAULT_THRESHOLD,
  groupSimilar,
  shapeOf,
  shapeSimilarity,
  type TitleShape,
} from '../src/domain/similarity.ts';
import { matchRepeats } from '../src/queries/recurrence.queries.ts';
import type { RecurrenceItem } from '../src/repositories/recurrence.repository.ts';

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

// ---- Issue 15: repeats across rounds (屡查屡犯) with the office's aspect mapping, against the repeats as they were.
//
// One unit's items of a later round against its items of earlier rounds, the titles as above, the aspects renamed
// between rounds (the earlier round's names numbered and suffixed the old way). Baseline, in the same run: the loop
// findRepeats ran before the mapping (aspect names compared by similarity, then titles), reproduced here. "no mapping":
// matchRepeats with no saved mapping (the fallback to alike names); "mapped": with the office's mapping saved.

const OLD_ASPECTS = [
  '一、学习贯彻习近平新时代中国特色社会主义思想和落实党中央决策部署方面存在的问题',
  '二、落实全面从严治党主体责任方面存在的问题',
  '三、落实党的组织路线方面存在的问题',
  '四、巡察审计发现问题整改方面存在的问题',
  '五、意识形态工作责任制落实方面存在的问题',
  '六、群众身边不正之风方面存在的问题',
];
const NEW_ASPECTS = [
  '学习贯彻习近平新时代中国特色社会主义思想和党中央决策部署方面',
  '落实全面从严治党战略部署方面',
  '落实新时代党的组织路线方面',
  '落实巡察、审计等监督发现问题整改方面',
  '落实意识形态工作责任制方面',
  '整治群众身边腐败和不正之风方面',
];

function unitItems(count: number, roundId: number, aspects: string[], seed: number): RecurrenceItem[] {
  const base = roundId * 10;
  return titles(count, aspects.length).map((t, k) => ({
    id: seed * 1_000_000 + k,
    number: String(k + 1),
    title: t.title,
    unitId: 1,
    unit: '某单位',
    inspectionId: roundId,
    roundId,
    round: `第${roundId}轮`,
    aspectId: base + t.block,
    aspect: aspects[t.block],
    state: 'closed',
    result: 'completed',
    deadline: null,
    closedOn: null,
  }));
}

/** findRepeats' loop before issue 15: aspects alike by name similarity (null matches any), then titles. */
function repeatsBefore(current: RecurrenceItem[], earlier: RecurrenceItem[], threshold = DEFAULT_THRESHOLD) {
  const aspectShapes = new Map<string, TitleShape>();
  const aspectShape = (name: string | null) => {
    if (name === null) return null;
    let shape = aspectShapes.get(name);
    if (!shape) {
      shape = shapeOf(name);
      aspectShapes.set(name, shape);
    }
    return shape;
  };
  const earlierShaped = earlier.map((item) => ({ item, shape: shapeOf(item.title), aspect: aspectShape(item.aspect) }));
  let found = 0;
  for (const item of current) {
    const shape = shapeOf(item.title);
    const aspect = aspectShape(item.aspect);
    const matches = earlierShaped
      .filter((e) => aspect === null || e.aspect === null || shapeSimilarity(aspect, e.aspect) >= threshold)
      .map((e) => ({ item: e.item, similarity: Math.round(shapeSimilarity(shape, e.shape) * 100) / 100 }))
      .filter((m) => m.similarity >= threshold);
    if (matches.length > 0) found++;
  }
  return found;
}

const mappedRows: string[] = [];
for (const [currentCount, earlierCount] of [
  [300, 900],
  [1000, 3000],
] as const) {
  const earlierItems = unitItems(earlierCount, 1, OLD_ASPECTS, 1);
  const currentItems = unitItems(currentCount, 2, NEW_ASPECTS, 2);
  const mapping = new AspectCorrespondence(
    OLD_ASPECTS.map((_, k) => ({ earlierRoundId: 1, laterRoundId: 2, earlierAspectId: 10 + k, laterAspectId: 20 + k })),
  );
  let before = 0;
  let unmapped = 0;
  let mapped = 0;
  const baseline = time(() => {
    before = repeatsBefore(currentItems, earlierItems);
  }, 3);
  const noMapping = time(() => {
    unmapped = matchRepeats(currentItems, earlierItems, new AspectCorrespondence()).repeats.length;
  }, 3);
  const withMapping = time(() => {
    mapped = matchRepeats(currentItems, earlierItems, mapping).repeats.length;
  }, 3);
  mappedRows.push(
    `| ${currentCount} × ${earlierCount} | ${baseline.toFixed(1)} (${before}) | ${noMapping.toFixed(1)} (${unmapped}) | ${(noMapping / baseline).toFixed(2)}× | ${withMapping.toFixed(1)} (${mapped}) | ${(withMapping / baseline).toFixed(2)}× |`,
  );
}

console.log('');
console.log(
  '| items × earlier items | before issue 15 ms (repeats) | no mapping ms (repeats) | ratio | mapped ms (repeats) | ratio |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of mappedRows) console.log(row);
