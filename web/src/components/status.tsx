import { Space, Tag, Tooltip } from 'antd';
import type { WarningLevel } from '../../../src/domain/deadline.ts';
import type { MeasureKind } from '../../../src/domain/measure.ts';
import type { ResultLabel } from '../../../src/domain/result.ts';
import type { CloseStage, WorkflowState } from '../../../src/domain/workflow.ts';
import { useT } from '../i18n/index.tsx';
import { statusMessages } from './messages.ts';

const STATE_COLOURS: Record<WorkflowState, string> = {
  not_started: 'default',
  in_progress: 'processing',
  close_requested: 'warning',
  closed: 'success',
};
const RESULT_COLOURS: Record<ResultLabel, string> = {
  completed: 'green',
  partially_completed: 'cyan',
  not_completed: 'default',
};

/** The workflow state (未启动 → 已销号), with the review stage while a close-out is pending. */
export function StateTag({
  state,
  closeStage,
  returned,
}: {
  state: WorkflowState;
  closeStage?: CloseStage | null;
  /** 已退回: the close-out was returned and not yet put forward again (the server's `returned`). */
  returned?: boolean;
}) {
  const t = useT(statusMessages);
  if (returned) return <Tag color="orange">{t('returned')}</Tag>;
  const tag = <Tag color={STATE_COLOURS[state]}>{t(state)}</Tag>;
  return state === 'close_requested' && closeStage ? <Tooltip title={t(closeStage)}>{tag}</Tooltip> : tag;
}

/** The public result label (完成 / 阶段性完成 / 未完成), kept apart from the workflow state. */
export function ResultTag({ result }: { result: ResultLabel }) {
  const t = useT(statusMessages);
  return (
    <Tag variant="outlined" color={RESULT_COLOURS[result]}>
      {t(result)}
    </Tag>
  );
}

export function KindText({ kind }: { kind: MeasureKind }) {
  const t = useT(statusMessages);
  return <>{t(kind)}</>;
}

const WARNING_COLOURS: Record<Exclude<WarningLevel, 'none'>, string> = {
  green: '#52c41a',
  yellow: '#faad14',
  red: '#ff4d4f',
};
const WARNING_KEYS = { green: 'warnGreen', yellow: 'warnYellow', red: 'warnRed' } as const;

/** The three-colour deadline warning: a dot with its meaning in words beside it for screen readers. */
export function WarningDot({ level }: { level: WarningLevel }) {
  const t = useT(statusMessages);
  if (level === 'none') return null;
  return (
    <Tooltip title={t(WARNING_KEYS[level])}>
      <span
        role="img"
        aria-label={t(WARNING_KEYS[level])}
        style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: WARNING_COLOURS[level] }}
      />
    </Tooltip>
  );
}

/** Issue 13: 延n beside a deadline an extension moved, with 原定时限 in its tooltip. */
export function ExtensionMark({ count, original }: { count: number; original: string | null }) {
  const t = useT(statusMessages);
  if (count === 0) return null;
  return (
    <Tooltip title={t('extendedTip', { original: original ?? '—', n: count })}>
      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
        {t('extended', { n: count })}
      </Tag>
    </Tooltip>
  );
}

/**
 * Overdue, closed late (or, still open after an extension, was late), flagged and not-for-publication marks, in that
 * order. `closed` absent, a late mark reads 逾期完成 as it always did.
 */
export function ItemMarks(props: {
  overdue?: boolean;
  wasLate?: boolean;
  closed?: boolean;
  flagged?: boolean;
  withheld?: boolean;
}) {
  const t = useT(statusMessages);
  return (
    <Space size={2} wrap>
      {props.overdue && <Tag color="error">{t('overdue')}</Tag>}
      {!props.overdue && props.wasLate && (
        <Tag color="orange">{t(props.closed === false ? 'wasLateOpen' : 'closedLate')}</Tag>
      )}
      {props.flagged && <Tag color="volcano">{t('flagged')}</Tag>}
      {props.withheld && <Tag>{t('withheld')}</Tag>}
    </Space>
  );
}
