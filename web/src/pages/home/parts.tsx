import { Card, Col, Row, Spin, Statistic, Tooltip, Typography } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { completionRate } from '../../../../src/domain/totals.ts';
import type { ItemCounts } from '../../api/queries/stats.ts';
import { LedgerCards, useNarrow } from '../../components/ItemCards.tsx';
import { useT } from '../../i18n/index.tsx';
import { homeMessages } from './messages.ts';

/** Today where the users are (China Standard Time), the day the server counts deadlines against. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 总数 / 已销号 / 整改中 / 未启动 / 逾期 / 完成率 as a row of cards. */
export function CountCards({ counts, loading }: { counts?: ItemCounts; loading?: boolean }) {
  const t = useT(homeMessages);
  const c = counts;
  const cards: { key: string; title: ReactNode; value: number | undefined; suffix?: string; colour?: string }[] = [
    { key: 'total', title: t('total'), value: c?.items },
    { key: 'closed', title: t('closed'), value: c?.closed, colour: '#389e0d' },
    { key: 'inProgress', title: t('inProgress'), value: c && c.inProgress + c.closeRequested, colour: '#1677ff' },
    { key: 'notStarted', title: t('notStarted'), value: c?.notStarted },
    { key: 'overdue', title: t('overdue'), value: c?.overdue, colour: c?.overdue ? '#cf1322' : undefined },
    {
      key: 'rate',
      title: (
        <Tooltip title={t('completionRateHint')}>
          <span>{t('completionRate')}</span>
        </Tooltip>
      ),
      value: c && completionRate(c),
      suffix: '%',
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {cards.map((card) => (
        <Col key={card.key} flex="1 1 150px">
          <Card size="small">
            <Statistic
              title={card.title}
              value={card.value ?? '—'}
              suffix={card.value === undefined ? undefined : card.suffix}
              loading={loading && !c}
              styles={{ content: card.colour ? { color: card.colour } : undefined }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

import type { ItemListProps } from './rowParts.tsx';

export type { ItemColumn, ItemListProps } from './rowParts.tsx';

const ItemTable = lazy(() => import('./ItemTable.tsx'));

/** A compact list of ledger rows, each title a link to the item; the caller adds its own action column. */
export function ItemList({ rows, loading, columns, today, empty, action, label }: ItemListProps) {
  // On a phone a table's columns squeeze the title to nothing; each row becomes a card led by its whole title.
  const narrow = useNarrow();
  if (narrow) {
    return (
      <LedgerCards
        label={label}
        rows={rows}
        loading={loading}
        fields={columns}
        today={today}
        empty={empty}
        action={action?.render}
      />
    );
  }
  // The table (antd's Table, its own chunk) is loaded only where it is shown: a phone's home never needs its code.
  return (
    <Suspense fallback={<Spin spinning />}>
      <ItemTable
        rows={rows}
        loading={loading}
        columns={columns}
        today={today}
        empty={empty}
        action={action}
        label={label}
      />
    </Suspense>
  );
}

/** A section of a home page: a titled card, optionally with something on the right of the title. */
export function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0, fontWeight: 600 }}>{title}</h2>}
      extra={extra}
      size="small"
      style={{ marginBottom: 16 }}
    >
      {children}
    </Card>
  );
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap', marginBottom: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}
