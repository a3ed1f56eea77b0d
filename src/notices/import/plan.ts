/**
 * Turns a parsed notice into what the ledger would gain from it: one inspection, a 反馈问题 per notice section, the
 * items with their state and result, and their 一是/二是 measures. Pure: the caller loads the target from the database
 * and writes the plan only once a person has seen it.
 */
import { isIsoDate } from '../../domain/dates.ts';
import type { InspectionKind } from '../../domain/inspection.ts';
import type { ResultLabel } from '../../domain/result.ts';
import type { WorkflowState } from '../../domain/workflow.ts';
import type { NoticeItem, ParsedNotice, ResultStatus } from '../analyse.ts';
import { toHalfWidth } from '../normalize.ts';

export interface ImportTarget {
  unit: { id: number; name: string };
  round: { id: number; name: string; aspects: { id: number; name: string }[] };
  teams: { id: number; name: string }[];
  /** The unit's inspections in this round already in the ledger, so the same notice is not imported twice. */
  existing: { id: number; teamId: number; from: string }[];
}

export interface ImportOverrides {
  teamId?: number;
  from?: string;
  to?: string;
  feedbackOn?: string;
}

export interface PlannedItem {
  number: string | null;
  title: string;
  state: WorkflowState;
  result: ResultLabel;
  closedOn: string | null;
  measures: string[];
}

export interface PlannedProblem {
  /** null: the notice listed these items under no heading, so they belong to no 反馈问题. */
  title: string | null;
  aspectId: number | null;
  aspectName: string | null;
  items: PlannedItem[];
}

export interface ImportCounts {
  problems: number;
  items: number;
  measures: number;
  completed: number;
  partiallyCompleted: number;
  notCompleted: number;
  /** Items the notice gave no result for (imported as not started). */
  unlabelled: number;
}

export interface ImportPlan {
  inspection: {
    unitId: number;
    roundId: number;
    teamId: number | null;
    kind: InspectionKind;
    from: string | null;
    to: string | null;
    feedbackOn: string | null;
  };
  /** What the notice itself says, for the preview and the audit trail. */
  source: { title: string | null; issuer: string | null; issuedOn: string | null; team: string | null };
  problems: PlannedProblem[];
  counts: ImportCounts;
  /** zh-CN / English; the parser's warnings first. */
  warnings: string[];
  /** Any error means the plan cannot be written. */
  errors: string[];
}

const CN_DIGITS = '零一二三四五六七八九';

/** 7 → 七, 12 → 十二, 23 → 二十三: team names are written both ways (巡察第7组 / 第七巡察组). */
function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
  }
  return String(n);
}

/** Letters, digits and CJK only, full-width folded and Arabic numbers spelled in Chinese, for comparing names. */
export function nameKey(s: string): string {
  return toHalfWidth(s)
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .replace(/\d{1,2}/g, (d) => chineseNumeral(Number(d)))
    .toLowerCase();
}

const SECTION_NUMBER_RE =
  /^\s*(?:[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．,，]|\d{1,3}\s*[、.．])\s*/;
/** A label some notices put before the problem itself: （一）反馈问题：…. */
const SECTION_LABEL_RE = /^(?:反馈问题|具体问题|问题)\s*[:：]\s*/;

export function problemTitleOf(heading: string): string {
  return heading.replace(SECTION_NUMBER_RE, '').replace(SECTION_LABEL_RE, '').trim();
}

/**
 * The round's aspect whose name the heading contains; an aspect named …方面 also matches a heading that only names
 * its subject (党的领导方面 ↔ 关于加强党的领导的问题). The longest name wins.
 */
export function matchAspect(
  heading: string,
  aspects: ImportTarget['round']['aspects'],
): { id: number; name: string } | null {
  const h = nameKey(heading);
  let best: { id: number; name: string; length: number } | null = null;
  for (const a of aspects) {
    const full = nameKey(a.name);
    const core = full.replace(/(?:方面|问题)$/, '');
    const hit =
      full.length > 0 && h.includes(full) ? full.length : core.length >= 2 && h.includes(core) ? core.length : 0;
    if (hit > 0 && (best === null || hit > best.length)) best = { id: a.id, name: a.name, length: hit };
  }
  return best && { id: best.id, name: best.name };
}

/** The round's team the notice names: the same name, else the only team whose name contains it or is contained in it. */
export function matchTeam(team: string | null, teams: ImportTarget['teams']): { id: number; name: string } | null {
  if (!team) return null;
  const k = nameKey(team);
  if (k === '') return null;
  const exact = teams.filter((t) => nameKey(t.name) === k);
  if (exact.length === 1) return exact[0];
  const near = teams.filter((t) => {
    const tk = nameKey(t.name);
    return tk !== '' && (tk.includes(k) || k.includes(tk));
  });
  return near.length === 1 ? near[0] : null;
}

/** 专项巡察, 机动巡察, 提级巡察, 交叉巡察 and 回头看 say so in the title; everything else is a regular inspection. */
export function inspectionKindOf(n: ParsedNotice): InspectionKind {
  const text = `${n.title ?? ''} ${n.inspection.round ?? ''}`;
  if (/回头看/.test(text)) return 'lookback';
  if (/专项巡[察视]/.test(text)) return 'special';
  if (/机动巡[察视]/.test(text)) return 'mobile';
  if (/提级巡[察视]/.test(text)) return 'elevated';
  if (/交叉巡[察视]/.test(text)) return 'cross';
  return 'regular';
}

const STATE_OF: Record<ResultStatus, { state: WorkflowState; result: ResultLabel }> = {
  完成: { state: 'closed', result: 'completed' },
  阶段性完成: { state: 'in_progress', result: 'partially_completed' },
  未完成: { state: 'in_progress', result: 'not_completed' },
};

/** An item the parser found no title for is named by its first measure, or by its place, so the ledger row has one. */
const UNTITLED_CHARS = 40;

function itemTitle(item: NoticeItem, problemTitle: string | null, index: number): string {
  if (item.title?.trim()) return item.title.trim();
  const first = item.measures[0]?.trim();
  if (first) return first.length > UNTITLED_CHARS ? `${first.slice(0, UNTITLED_CHARS)}…` : first;
  return `${problemTitle ?? '整改事项'}（第${item.number ?? index + 1}项）`;
}

function dateError(field: string, value: string): string | null {
  return isIsoDate(value) ? null : `${field} 日期无效：${value} / ${field} is not a valid YYYY-MM-DD date: ${value}`;
}

/** Named on the command line, else the round's team the notice names. */
function chooseTeam(
  notice: ParsedNotice,
  target: ImportTarget,
  overrides: ImportOverrides,
): { teamId: number | null; errors: string[] } {
  if (overrides.teamId !== undefined) {
    if (target.teams.some((t) => t.id === overrides.teamId)) return { teamId: overrides.teamId, errors: [] };
    const error = `巡察组 ${overrides.teamId} 不属于“${target.round.name}” / team ${overrides.teamId} is not in this round`;
    return { teamId: null, errors: [error] };
  }
  const team = matchTeam(notice.inspection.team, target.teams);
  if (team) return { teamId: team.id, errors: [] };
  const list = target.teams.map((t) => `${t.id} ${t.name}`).join('；') || '（本轮尚无巡察组 / the round has no teams）';
  const error = `无法确定巡察组（通报中为“${notice.inspection.team ?? '未写明'}”），请指定：${list} / cannot tell which team inspected (the notice says "${notice.inspection.team ?? 'nothing'}"); choose one of: ${list}`;
  return { teamId: null, errors: [error] };
}

/** The inspection needs its period; the notice states it, the operator may correct it. */
function inspectionPeriod(notice: ParsedNotice, overrides: ImportOverrides) {
  const from = overrides.from ?? notice.inspection.from;
  const to = overrides.to ?? notice.inspection.to;
  const feedbackOn = overrides.feedbackOn ?? notice.inspection.feedback_on;
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const [field, value] of [
    ['from', overrides.from],
    ['to', overrides.to],
    ['feedbackOn', overrides.feedbackOn],
  ] as const) {
    const e = value === undefined ? null : dateError(field, value);
    if (e) errors.push(e);
  }
  if (!from || !to) {
    errors.push(
      '通报未写明巡察起止日期，请指定 --from 与 --to / the notice does not state the inspection period; give --from and --to',
    );
  } else if (to < from) {
    errors.push(
      `巡察结束日期（${to}）早于开始日期（${from}） / the inspection ends (${to}) before it starts (${from})`,
    );
  }
  if (!feedbackOn) {
    warnings.push('通报未写明反馈日期，整改报告期限无法计算 / no feedback date, so no report due date');
  } else if (to && feedbackOn <= to) {
    errors.push(
      `反馈日期（${feedbackOn}）应晚于巡察结束日期（${to}） / the feedback date (${feedbackOn}) must be after the inspection ends (${to})`,
    );
  }
  return { from, to, feedbackOn, errors, warnings };
}

/** The same notice is not imported twice: one inspection per unit, team and start date. */
function duplicateErrors(target: ImportTarget, teamId: number | null, from: string | null): string[] {
  if (teamId === null || !from) return [];
  const dup = target.existing.find((e) => e.teamId === teamId && e.from === from);
  if (!dup) return [];
  return [
    `该单位本轮已有同一巡察组自 ${from} 起的巡察（编号 ${dup.id}），不重复导入 / inspection ${dup.id} of this unit by this team from ${from} already exists; not imported twice`,
  ];
}

function issuerWarnings(notice: ParsedNotice, unit: ImportTarget['unit']): string[] {
  const unitKey = nameKey(unit.name);
  const issuedBy = nameKey(`${notice.issuer ?? ''}${notice.title ?? ''}`);
  if (issuedBy === '' || unitKey === '' || issuedBy.includes(unitKey)) return [];
  return [
    `通报的发文单位（${notice.issuer ?? notice.title}）与所选单位“${unit.name}”不一致，请确认 / the notice's issuer does not name the chosen unit "${unit.name}"; check the unit`,
  ];
}

/** The notice's sections as 反馈问题 with their items, and what could not be read from them. */
interface PlannedList {
  problems: PlannedProblem[];
  items: PlannedItem[];
  /** Problem titles that match none of the round's aspects. */
  unmatched: string[];
  unlabelled: number;
  untitled: number;
  /** The date completed items are closed on: the notice's own, else its as-of date. */
  closedOn: string | null;
}

function planProblems(notice: ParsedNotice, aspects: ImportTarget['round']['aspects']): PlannedList {
  const closedOn = notice.issued_on ?? notice.stated_totals.as_of;
  const problems: PlannedProblem[] = [];
  const byTitle = new Map<string, PlannedProblem>();
  const unmatched: string[] = [];
  let untitled = 0;
  for (const section of notice.sections) {
    if (section.items.length === 0) continue;
    const title = section.heading === null ? null : problemTitleOf(section.heading) || section.heading.trim();
    const key = title === null ? '' : nameKey(title);
    // A notice may list one problem under two parts (completed, then partly completed): one 反馈问题 either way.
    let problem = byTitle.get(key);
    if (!problem) {
      const aspect = title === null ? null : matchAspect(title, aspects);
      if (title !== null && !aspect) unmatched.push(title);
      problem = { title, aspectId: aspect?.id ?? null, aspectName: aspect?.name ?? null, items: [] };
      byTitle.set(key, problem);
      problems.push(problem);
    }
    for (const [i, item] of section.items.entries()) {
      if (!item.title?.trim()) untitled++;
      problem.items.push(plannedItem(item, title, i, closedOn));
    }
  }
  const items = problems.flatMap((p) => p.items);
  // Only an item the notice gave no result for is planned as not started.
  const unlabelled = items.filter((i) => i.state === 'not_started').length;
  return { problems, items, unmatched, unlabelled, untitled, closedOn };
}

function plannedItem(
  item: NoticeItem,
  problemTitle: string | null,
  index: number,
  closedOn: string | null,
): PlannedItem {
  const mapped = item.status === null ? null : STATE_OF[item.status];
  const state = mapped?.state ?? 'not_started';
  return {
    number: item.number,
    title: itemTitle(item, problemTitle, index),
    state,
    result: mapped?.result ?? 'not_completed',
    closedOn: state === 'closed' ? closedOn : null,
    measures: item.measures.map((m) => m.trim()).filter((m) => m !== ''),
  };
}

function listErrors(list: PlannedList): string[] {
  const errors: string[] = [];
  if (list.items.length === 0) {
    errors.push('未识别出整改事项 / no rectification items were recognised in the notice');
  }
  if (list.items.some((i) => i.state === 'closed') && !list.closedOn) {
    errors.push(
      '通报未写明落款日期或截至日期，无法记录完成事项的销号日期 / the notice states neither its date nor an as-of date, so completed items have no close-out date',
    );
  }
  return errors;
}

function listWarnings(list: PlannedList, notice: ParsedNotice, aspects: ImportTarget['round']['aspects']): string[] {
  const { unmatched, unlabelled, untitled, items } = list;
  const warnings: string[] = [];
  if (unmatched.length > 0) {
    const names = aspects.map((a) => a.name).join('、') || '（无 / none）';
    warnings.push(
      `${unmatched.length} 个问题未对应到本轮的问题方面（${unmatched.join('；')}），导入后可再指定；本轮方面：${names} / ${unmatched.length} problem(s) match none of the round's aspects and are imported without one`,
    );
  }
  if (list.problems.some((p) => p.title === null)) {
    warnings.push(
      '部分事项没有所属问题标题，导入为不归属任何反馈问题 / some items sit under no heading and belong to no problem',
    );
  }
  if (unlabelled > 0) {
    warnings.push(
      `${unlabelled} 个事项未标明整改结果，导入为“未启动、未完成” / ${unlabelled} item(s) have no result and are imported as not started, not completed`,
    );
  }
  if (untitled > 0) {
    warnings.push(
      `${untitled} 个事项没有标题，以其第一条措施或序号代替 / ${untitled} item(s) without a title are named after their first measure or number`,
    );
  }
  const stated = notice.stated_totals.refined_problems;
  if (stated !== null && stated !== items.length) {
    warnings.push(
      `通报称 ${stated} 个细化问题，实际列出 ${items.length} 个，按列出的导入 / the notice states ${stated} refined problems but lists ${items.length}; the listed ones are imported`,
    );
  }
  return warnings;
}

function countsOf({ problems, items, unlabelled }: PlannedList): ImportCounts {
  const count = (r: ResultLabel) => items.filter((i) => i.result === r).length;
  return {
    problems: problems.filter((p) => p.title !== null).length,
    items: items.length,
    measures: items.reduce((n, i) => n + i.measures.length, 0),
    completed: count('completed'),
    partiallyCompleted: count('partially_completed'),
    notCompleted: count('not_completed'),
    unlabelled,
  };
}

export function planNoticeImport(
  notice: ParsedNotice,
  target: ImportTarget,
  overrides: ImportOverrides = {},
): ImportPlan {
  const { teamId, errors: teamErrors } = chooseTeam(notice, target, overrides);
  const period = inspectionPeriod(notice, overrides);
  const list = planProblems(notice, target.round.aspects);
  return {
    inspection: {
      unitId: target.unit.id,
      roundId: target.round.id,
      teamId,
      kind: inspectionKindOf(notice),
      from: period.from ?? null,
      to: period.to ?? null,
      feedbackOn: period.feedbackOn ?? null,
    },
    source: { title: notice.title, issuer: notice.issuer, issuedOn: notice.issued_on, team: notice.inspection.team },
    problems: list.problems,
    counts: countsOf(list),
    warnings: [
      ...notice.warnings,
      ...period.warnings,
      ...issuerWarnings(notice, target.unit),
      ...listWarnings(list, notice, target.round.aspects),
    ],
    errors: [...teamErrors, ...period.errors, ...duplicateErrors(target, teamId, period.from), ...listErrors(list)],
  };
}
