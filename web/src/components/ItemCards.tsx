import { Empty, Flex, Spin, theme } from 'antd';
import type { CSSProperties, Key, ReactNode } from 'react';
import { Link } from 'react-router';
import { daysBetween } from '../../../src/domain/dates.ts';
import type { LedgerRow } from '../api/queries/items.ts';
import { defineMessages, useT } from '../i18n/index.tsx';
import { useScreens } from '../layout/screens.ts';
import { statusMessages } from './messages.ts';
import { ExtensionMark, StateTag, WarningDot } from './status.tsx';

export const cardMessages = defineMessages({
  noDeadline: ['无时限', 'No deadline'],
  dueToday: ['今天到期', 'Due today'],
});

/**
 * A phone: below antd's `md` breakpoint (768 px), where a table's columns squeeze the title to nothing and lists
 * become cards. False on the first render, before the breakpoints are measured, as antd's own hook answers.
 */
export function useNarrow(): boolean {
  // useScreens answers from the first render, so a phone never draws (and styles) the wide layout first.
  return useScreens().md === false;
}

/** What one card shows: the whole title first, a line of deadline and state, a secondary line, the one next action. */
export interface CardParts {
  title: ReactNode;
  meta?: ReactNode;
  detail?: ReactNode;
  action?: ReactNode;
}

/** One card of a phone list (`li.item-card`); its title wraps and is never clipped. */
export function ItemCard({ title, meta, detail, action }: CardParts) {
  const { token } = theme.useToken();
  return (
    <li
      className="item-card"
      style={{
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: 8,
        padding: 12,
        marginBottom: 8,
        minWidth: 0,
        background: token.colorBgContainer,
      }}
    >
      <div className="item-card-title" style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
        {title}
      </div>
      {meta ? (
        <Flex wrap align="center" gap={8} style={{ marginTop: 6 }}>
          {meta}
        </Flex>
      ) : null}
      {detail ? (
        <Tinted type="secondary" style={{ display: 'block', marginTop: 4, overflowWrap: 'anywhere' }}>
          {detail}
        </Tinted>
      ) : null}
      {action ? <div style={{ marginTop: 8 }}>{action}</div> : null}
    </li>
  );
}

/** A list of cards named `label` (a `list` to assistive technology), or a quiet empty note. */
export function ItemCards<T>({
  label,
  rows,
  rowKey,
  card,
  loading = false,
  empty,
}: {
  label: string;
  rows: readonly T[];
  rowKey: (row: T) => Key;
  card: (row: T) => CardParts;
  loading?: boolean;
  empty?: ReactNode;
}) {
  return (
    <Spin spinning={loading}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {rows.map((r) => (
            <ItemCard key={rowKey(r)} {...card(r)} />
          ))}
        </ul>
      )}
    </Spin>
  );
}

/** The deadline with what it means today: 剩 n 天 (amber within 10) / 今天到期 / 逾期 n 天 (red). */
export function DeadlineText({ row, today }: { row: Pick<LedgerRow, 'deadline' | 'state' | 'kind'>; today: string }) {
  const t = useT(cardMessages);
  const s = useT(statusMessages);
  if (!row.deadline) return <NoDeadline kind={row.kind} />;
  if (row.state === 'closed') return <span>{row.deadline}</span>;
  const left = daysBetween(today, row.deadline);
  const note = left < 0 ? s('daysOver', { n: -left }) : left === 0 ? t('dueToday') : s('daysLeft', { n: left });
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {row.deadline} <Tinted type={left < 0 ? 'danger' : left <= 10 ? 'warning' : 'secondary'}>（{note}）</Tinted>
    </span>
  );
}

/**
 * An item without a date says what kind it is: 立行立改 and 长期坚持 have none by nature, and calling them 无时限 read
 * as if a date were missing.
 */
export function NoDeadline({ kind }: { kind: LedgerRow['kind'] }) {
  const t = useT(cardMessages);
  const s = useT(statusMessages);
  return <Tinted type="secondary">{kind === 'deadline' ? t('noDeadline') : s(kind)}</Tinted>;
}

/**
 * Typography.Text's colours for a plain span: a phone's first screen has a few per card, and each Typography.Text is a
 * good handful of components (ellipsis, copy, resize observer) where this is one (issue 14, the first paint).
 */
function Tinted({
  type,
  style,
  children,
}: {
  type: 'secondary' | 'warning' | 'danger';
  style?: CSSProperties;
  children: ReactNode;
}) {
  const { token } = theme.useToken();
  const color =
    type === 'danger' ? token.colorErrorText : type === 'warning' ? token.colorWarningText : token.colorTextDescription;
  // Typography's class names too, which tests and the ledger's own checks look for; the colour is the span's own.
  return (
    <span className={`ant-typography ant-typography-${type}`} style={{ color, wordBreak: 'break-word', ...style }}>
      {children}
    </span>
  );
}

/** What a ledger card may show besides its title and deadline. */
export type LedgerCardField = 'warning' | 'unit' | 'aspect' | 'department' | 'leader' | 'deadline' | 'state' | 'stage';

/**
 * Ledger rows as cards (the home page's task lists, the ledger on a phone): `序号. 标题` linking to the item, the
 * warning dot, the deadline in its colour with any extension, the state, then unit · department · leader · stage.
 */
export function LedgerCards({
  label,
  rows,
  fields,
  today,
  action,
  loading,
  empty,
}: {
  label: string;
  rows: readonly LedgerRow[];
  fields: readonly LedgerCardField[];
  today: string;
  action?: (row: LedgerRow) => ReactNode;
  loading?: boolean;
  empty?: ReactNode;
}) {
  const s = useT(statusMessages);
  const has = (f: LedgerCardField) => fields.includes(f);
  return (
    <ItemCards
      label={label}
      rows={rows}
      rowKey={(r) => r.id}
      loading={loading}
      empty={empty}
      card={(r) => ({
        title: (
          <Link to={`/items/${r.id}`} style={{ display: 'block' }}>
            {r.number ? `${r.number}. ` : ''}
            {r.title}
          </Link>
        ),
        meta: (
          <>
            {has('warning') && <WarningDot level={r.warning} />}
            <DeadlineText row={r} today={today} />
            <ExtensionMark count={r.extensionCount} original={r.originalDeadline} />
            {has('state') && <StateTag state={r.state} closeStage={r.closeStage} returned={r.returned} />}
          </>
        ),
        detail: [
          has('unit') && r.unit,
          has('department') && r.leadDepartment,
          has('leader') && r.responsibleLeader,
          has('stage') && r.closeStage && s(r.closeStage),
        ]
          .filter(Boolean)
          .join(' · '),
        action: action?.(r),
      })}
    />
  );
}
