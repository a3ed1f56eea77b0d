/**
 * Fictional ledgers of the demo city (江澜市) for the generator's tests and benchmark: hand-sized ones built item by item,
 * and random ones from a seeded generator, so a failing case can be replayed from its seed. No database.
 */
import type { NoticeWriting } from '../../domain/notice-writing.ts';
import type { ResultLabel } from '../../domain/result.ts';
import type { WorkflowState } from '../../domain/workflow.ts';
import type { LedgerSnapshot, SnapshotItem, SnapshotMeasure } from '../../repositories/ledger-snapshot.repository.ts';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function baseSnapshot(overrides: Partial<LedgerSnapshot> = {}): LedgerSnapshot {
  return {
    inspection: {
      id: 7,
      roundId: 1,
      roundName: '十届市委第一轮巡察',
      teamId: 1,
      teamName: '市委第一巡察组',
      unitId: 11,
      unitName: '江澜市交通运输局',
      unitPath: '/1/3/11/',
      kind: 'regular',
      from: '2026-03-10',
      to: '2026-05-10',
      feedbackOn: '2026-07-01',
      concentratedUntil: '2026-10-01',
      reportDueOn: '2026-09-01',
      version: 1,
      archived: false,
    },
    committee: { id: 1, name: '中共江澜市委' },
    aspects: [],
    problems: [],
    items: [],
    workLog: [],
    ...overrides,
  };
}

let nextId = 1000;

export function measure(content: string, extra: Partial<SnapshotMeasure> = {}): SnapshotMeasure {
  const id = nextId++;
  return {
    id,
    sortOrder: id,
    content,
    kind: 'deadline',
    responsibleLeader: null,
    departmentId: null,
    department: null,
    responsiblePersonId: null,
    responsiblePersonName: null,
    responsiblePerson: null,
    deadline: null,
    completedOn: null,
    ...extra,
  };
}

const STATE_OF: Record<ResultLabel, WorkflowState> = {
  completed: 'closed',
  partially_completed: 'closed',
  not_completed: 'in_progress',
};

export function item(title: string, extra: Partial<SnapshotItem> = {}): SnapshotItem {
  const id = nextId++;
  const result = extra.result ?? 'completed';
  return {
    id,
    aspectId: null,
    problemId: null,
    number: null,
    title,
    description: null,
    suggestion: null,
    target: null,
    kind: 'deadline',
    deadline: null,
    leadDepartmentId: null,
    leadDepartment: null,
    responsibleLeader: null,
    state: STATE_OF[result],
    closeStage: null,
    result,
    closedOn: null,
    withheld: false,
    withheldReason: null,
    flagged: false,
    reopenedCount: 0,
    sortOrder: id,
    originalDeadline: null,
    extensionCount: 0,
    missedDeadline: null,
    measures: [],
    progress: [],
    evidence: [],
    outcomes: [],
    ...extra,
  };
}

export function outcome(
  kind: SnapshotItem['outcomes'][number]['kind'],
  extra: Partial<SnapshotItem['outcomes'][number]> = {},
): SnapshotItem['outcomes'][number] {
  return {
    id: nextId++,
    kind,
    title: '',
    accountabilityKind: null,
    peopleCount: null,
    amountYuan: null,
    occurredOn: null,
    ...extra,
  };
}

export function writing(overrides: Partial<NoticeWriting> = {}): NoticeWriting {
  return {
    issuer: '中共江澜市交通运输局党组',
    issuedOn: '2026-11-20',
    asOf: '2026-11-15',
    organising: '局党组把巡察整改作为重要政治任务，成立整改工作领导小组，制定整改方案和问题、任务、责任清单。',
    nextSteps: '持续巩固整改成果，对阶段性完成的事项按时限推进，健全长效机制。',
    publicFrom: '2026-11-20',
    publicTo: '2026-12-04',
    contacts: {
      phone: ['0571-88776655'],
      email: ['jtjzg@jianglan.gov.cn'],
      postal: '江澜市滨江路88号',
      postcode: '310000',
    },
    addressee: null,
    signatory: '局党组书记 周立平',
    ...overrides,
  };
}

const SUBJECTS = [
  '重点交通项目',
  '农村公路养护',
  '公务用车',
  '政府采购',
  '工程招投标',
  '干部选拔任用',
  '基层党组织建设',
  '意识形态工作',
  '财务报销',
  '专项资金',
  '执法检查',
  '档案管理',
  '网络安全',
  '信访办理',
  '安全生产',
];
const DEFECTS = [
  '推进滞后',
  '管理不规范',
  '责任落实不到位',
  '制度执行不严',
  '监督检查不经常',
  '台账不健全',
  '整改不彻底',
];
const ACTIONS = [
  '建立工作专班逐月调度',
  '修订完善管理办法',
  '开展专项检查',
  '组织集中学习培训',
  '约谈相关责任人',
  '建立问题台账逐项销号',
  '纳入年度绩效考核',
  '完善内部审批流程',
];
const ASPECTS = [
  '学习贯彻习近平新时代中国特色社会主义思想和党中央决策部署方面',
  '落实全面从严治党战略部署方面',
  '落实新时代党的组织路线方面',
  '落实巡察整改和审计整改方面',
];
const DEPARTMENTS = ['办公室', '计划财务科', '建设管理科', '运输管理科', '机关党委（人事科）'];

export interface RandomLedgerOptions {
  items?: number;
  /** Chance that an item is marked 不宜公开. */
  withheldRate?: number;
}

/** A whole ledger drawn from the seed: aspects or none, problems or none, items with 0–4 measures and outcomes. */
export function randomSnapshot(seed: number, options: RandomLedgerOptions = {}): LedgerSnapshot {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const shape = rnd();
  const useAspects = shape < 0.6;
  const useProblems = shape < 0.85;
  const aspects = useAspects
    ? ASPECTS.slice(0, int(1, ASPECTS.length)).map((name, i) => ({ id: 100 + i, roundId: 1, name, sortOrder: i }))
    : [];
  const count = options.items ?? int(1, 30);
  const problems: LedgerSnapshot['problems'] = [];
  const items: SnapshotItem[] = [];
  let problemId: number | null = null;
  let aspectId: number | null = aspects.length > 0 ? aspects[0].id : null;
  for (let i = 0; i < count; i++) {
    if (aspects.length > 0 && rnd() < 0.25)
      aspectId = aspects[Math.min(aspects.length - 1, aspects.findIndex((a) => a.id === aspectId) + 1)].id;
    if (useProblems && (problemId === null || rnd() < 0.4)) {
      problemId = 500 + problems.length;
      problems.push({
        id: problemId,
        inspectionId: 7,
        aspectId,
        number: null,
        title: `${pick(SUBJECTS)}工作${pick(DEFECTS)}`,
        description: null,
        sortOrder: problems.length,
        version: 1,
      });
    }
    const result = pick(['completed', 'completed', 'partially_completed', 'not_completed'] as const);
    const measures = Array.from({ length: int(0, 4) }, () =>
      measure(`${pick(ACTIONS)}，${pick(SUBJECTS)}${pick(['全面规范', '明显改善', '按期办结', '落实到位'])}`, {
        department: pick(DEPARTMENTS),
        deadline: `2026-${String(int(8, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
      }),
    );
    const outcomes: SnapshotItem['outcomes'] = [];
    if (rnd() < 0.2) outcomes.push(outcome('funds_recovered', { amountYuan: int(100, 5_000_000) / 100 }));
    if (rnd() < 0.15)
      outcomes.push(outcome('accountability', { peopleCount: int(1, 4), accountabilityKind: 'criticism' }));
    if (rnd() < 0.2) outcomes.push(outcome(pick(['rule_made', 'rule_revised'] as const)));
    if (rnd() < 0.05) outcomes.push(outcome('loss_recovered', { amountYuan: int(1000, 90000) }));
    items.push(
      // Some titles start with a figure (3个项目…), which a bare "1." would run into as a decimal.
      item(`${rnd() < 0.1 ? `${int(2, 9)}个` : ''}${pick(SUBJECTS)}${pick(DEFECTS)}（第${i + 1}项）`, {
        aspectId: useAspects ? aspectId : null,
        problemId: useProblems ? problemId : null,
        result,
        withheld: rnd() < (options.withheldRate ?? 0.1),
        measures,
        outcomes,
        responsibleLeader: '陈玉兰',
        leadDepartment: pick(DEPARTMENTS),
        deadline: '2026-10-31',
      }),
    );
  }
  return baseSnapshot({ aspects, problems, items });
}
