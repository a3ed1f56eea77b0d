import { addDays, daysBetween, type IsoDate } from './dates.ts';
import type { WarningThresholds } from './deadline.ts';

/**
 * The escalation ladder of PRODUCT.md as numbers, so "beyond the last stage sent" is a comparison and the schedule can
 * store it: 0 nothing sent yet, 1 green (≤ warnDays.green days left), 2 yellow (≤ warnDays.yellow), 3 overdue.
 */
export const STAGES = { none: 0, green: 1, yellow: 2, overdue: 3 } as const;
export type Stage = (typeof STAGES)[keyof typeof STAGES];
export const STAGE_NAME = ['none', 'green', 'yellow', 'overdue'] as const;
export type StageName = (typeof STAGE_NAME)[number];

/** What is reminded: a measure with a deadline, an item without one (see reminderSubjects), an inspection's report. */
export type SubjectKind = 'measure' | 'item' | 'report';

/** An outbox delivery waits (and is retried), is sent, or has failed for good once its retries are spent. */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The stage a deadline is in on a day. */
export function stageOn(deadline: IsoDate, today: IsoDate, thresholds: WarningThresholds): Stage {
  const left = daysBetween(today, deadline);
  if (left < 0) return STAGES.overdue;
  if (left <= thresholds.yellow) return STAGES.yellow;
  if (left <= thresholds.green) return STAGES.green;
  return STAGES.none;
}

/** The first day of a stage for a deadline. */
export function stageStartsOn(deadline: IsoDate, stage: Stage, thresholds: WarningThresholds): IsoDate {
  if (stage === STAGES.overdue) return addDays(deadline, 1);
  if (stage === STAGES.yellow) return addDays(deadline, -thresholds.yellow);
  return addDays(deadline, -thresholds.green);
}

/** When the next reminder after `lastStage` is due; null once the overdue reminder is sent (each stage goes once). */
export function nextReminderOn(deadline: IsoDate, lastStage: Stage, thresholds: WarningThresholds): IsoDate | null {
  if (lastStage >= STAGES.overdue) return null;
  return stageStartsOn(deadline, (lastStage + 1) as Stage, thresholds);
}

/** The stage to send now, or null when nothing is due: a subject first seen late gets only its current stage. */
export function stageToSend(
  deadline: IsoDate,
  lastStage: Stage,
  today: IsoDate,
  thresholds: WarningThresholds,
): Stage | null {
  const stage = stageOn(deadline, today, thresholds);
  return stage > lastStage ? stage : null;
}

/** The accounts a subject's reminders may reach, gathered by the repository; the ladder picks from them. */
export interface LadderCandidates {
  /** The measure's responsible person's account, when the plan names one. */
  responsiblePerson: number | null;
  /** Accounts of the responsible department (role department in that department unit). */
  departmentUsers: number[];
  /** The inspected unit's leader accounts (unit_leader): there is no account per named leader, so they stand in. */
  unitLeaders: number[];
  unitAdmins: number[];
  /** The inspection office: office accounts of the committee that runs the round. */
  office: number[];
}

/**
 * Who gets a stage's reminder. Green: the responsible person (the named account, else the department's accounts).
 * Yellow: also the unit's leaders. Overdue: also the unit's administrators and the inspection office. A report due date
 * goes to the unit's administrators at every stage, because the report is theirs to write.
 */
export function recipients(kind: SubjectKind, stage: Stage, c: LadderCandidates): number[] {
  if (stage === STAGES.none) return [];
  if (kind === 'report') return unique(c.unitAdmins);
  const responsible = c.responsiblePerson !== null ? [c.responsiblePerson] : c.departmentUsers;
  const list = [...responsible];
  if (stage >= STAGES.yellow) list.push(...c.unitLeaders);
  if (stage >= STAGES.overdue) list.push(...c.unitAdmins, ...c.office);
  return unique(list);
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}

const STAGE_ZH: Record<Exclude<StageName, 'none'>, string> = {
  green: '临近整改期限',
  yellow: '即将到期',
  overdue: '已逾期',
};
const STAGE_EN: Record<Exclude<StageName, 'none'>, string> = {
  green: 'Deadline approaching',
  yellow: 'Due soon',
  overdue: 'Overdue',
};

export interface ReminderText {
  title: string;
  body: string;
}

/** The words of a reminder, Chinese first with English beside it, the same in the bell, the e-mail and the robot. */
export function reminderText(
  kind: SubjectKind,
  stage: Exclude<Stage, 0>,
  s: { title: string; unitName: string; deadline: IsoDate; measure?: string | null },
  today: IsoDate,
): ReminderText {
  const name = STAGE_NAME[stage] as Exclude<StageName, 'none'>;
  const left = daysBetween(today, s.deadline);
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  const whenZh = left < 0 ? `已逾期 ${-left} 天` : `距期限还有 ${left} 天`;
  const whenEn = left < 0 ? `${days(-left)} overdue` : `${days(left)} left`;
  const zh =
    kind === 'report'
      ? `“${s.title}”应于 ${s.deadline} 前报送，${whenZh}。`
      : `整改问题“${s.title}”${s.measure ? `的整改措施“${s.measure}”` : ''}的期限为 ${s.deadline}，${whenZh}。请及时推进并报送进展。`;
  const en =
    kind === 'report'
      ? `“${s.title}” is due on ${s.deadline}: ${whenEn}.`
      : `${s.measure ? `The measure “${s.measure}” of the item` : 'The item'} “${s.title}” is due on ${s.deadline}: ${whenEn}. Please move it forward and report progress.`;
  return {
    title: `【${STAGE_ZH[name]}】${s.unitName}：${s.title} / ${STAGE_EN[name]}: ${s.unitName}: ${s.title}`,
    body: `${zh} / ${en}`,
  };
}
