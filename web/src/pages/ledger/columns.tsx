import { Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { LedgerRow } from '../../api/queries/items.ts';
import { NoDeadline } from '../../components/ItemCards.tsx';
import { ExtensionMark, ItemMarks, ResultTag, StateTag, WarningDot } from '../../components/status.tsx';
import type { common } from '../../i18n/common.ts';
import type { Lang, Translate } from '../../i18n/index.tsx';
import type { Order, Sort } from './ledgerQuery.ts';
import type { ledgerMessages } from './messages.ts';

export const COLUMN_KEYS = [
  'number',
  'unit',
  'aspect',
  'problem',
  'title',
  'leadDepartment',
  'responsibleLeader',
  'responsiblePeople',
  'deadline',
  'state',
  'result',
  'marks',
  'updatedAt',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** What fits at 1366×768 without scrolling sideways; the rest is one tick away in 列设置. */
export const DEFAULT_COLUMNS: ColumnKey[] = [
  'number',
  'unit',
  'problem',
  'title',
  'leadDepartment',
  'responsibleLeader',
  'deadline',
  'state',
  'result',
  'marks',
];

/**
 * Fixed widths for the short columns keep the long titles the room; the title column takes what is left. The Chinese
 * widths fit the default columns into 1366 px; English labels are longer and get their own.
 */
const WIDTHS: Record<Lang, Record<ColumnKey, number>> = {
  zh: {
    number: 64,
    unit: 112,
    aspect: 140,
    problem: 128,
    title: 172,
    leadDepartment: 100,
    responsibleLeader: 76,
    responsiblePeople: 96,
    deadline: 108,
    state: 88,
    result: 96,
    marks: 104,
    updatedAt: 100,
  },
  en: {
    number: 56,
    unit: 100,
    aspect: 140,
    problem: 100,
    title: 142,
    leadDepartment: 100,
    responsibleLeader: 90,
    responsiblePeople: 110,
    deadline: 112,
    state: 150,
    result: 140,
    marks: 110,
    updatedAt: 100,
  },
};

export const SORT_OF: Partial<Record<ColumnKey, Sort>> = {
  number: 'number',
  deadline: 'deadline',
  updatedAt: 'updated',
};

export function columnWidth(keys: ColumnKey[], lang: Lang): number {
  return keys.reduce((sum, k) => sum + WIDTHS[lang][k], 0);
}

const storageKey = (userId: number) => `rectify.ledger.columns.${userId}`;

export function sanitizeColumns(keys: unknown): ColumnKey[] | null {
  if (!Array.isArray(keys)) return null;
  const known = keys.filter((k): k is ColumnKey => COLUMN_KEYS.includes(k as ColumnKey));
  // The title is the link into an item; a ledger without it would be a dead end.
  if (!known.includes('title')) return null;
  return COLUMN_KEYS.filter((k) => known.includes(k));
}

/** The columns a person chose, kept per user in this browser. */
export function useColumnChoice(userId: number) {
  const [columns, setColumnsState] = useState<ColumnKey[]>(() => {
    try {
      return sanitizeColumns(JSON.parse(localStorage.getItem(storageKey(userId)) ?? 'null')) ?? DEFAULT_COLUMNS;
    } catch {
      return DEFAULT_COLUMNS;
    }
  });
  const setColumns = useCallback(
    (next: ColumnKey[]) => {
      const clean = sanitizeColumns(next) ?? DEFAULT_COLUMNS;
      localStorage.setItem(storageKey(userId), JSON.stringify(clean));
      setColumnsState(clean);
    },
    [userId],
  );
  return [columns, setColumns] as const;
}

/**
 * A long text cut to one line by the column's ellipsis, whole in the browser's own tooltip: a hundred rows of
 * tooltip components would cost more than the table itself when a filter changes.
 */
function Clipped({ text }: { text: string | null }) {
  if (!text) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span title={text}>{text}</span>;
}

export function columnTitle(key: ColumnKey, t: Translate<typeof ledgerMessages>, c: Translate<typeof common>): string {
  switch (key) {
    case 'number':
      return t('number');
    case 'unit':
      return c('unit');
    case 'aspect':
      return c('aspect');
    case 'problem':
      return c('problem');
    case 'title':
      return c('item');
    case 'leadDepartment':
      return t('leadDepartment');
    case 'responsibleLeader':
      return c('leader');
    case 'responsiblePeople':
      return c('person');
    case 'deadline':
      return c('deadline');
    case 'state':
      return c('state');
    case 'result':
      return c('result');
    case 'marks':
      return t('marks');
    case 'updatedAt':
      return t('updatedAt');
  }
}

function cell(key: ColumnKey, row: LedgerRow) {
  switch (key) {
    case 'number':
      return row.number ?? <Typography.Text type="secondary">—</Typography.Text>;
    case 'unit':
      return <Clipped text={row.unit} />;
    case 'aspect':
      return <Clipped text={row.aspect} />;
    case 'problem':
      return <Clipped text={row.problem} />;
    case 'title':
      return (
        <Link to={`/items/${row.id}`} title={row.title}>
          {row.title}
        </Link>
      );
    case 'leadDepartment':
      return <Clipped text={row.leadDepartment} />;
    case 'responsibleLeader':
      return <Clipped text={row.responsibleLeader} />;
    case 'responsiblePeople':
      return <Clipped text={row.responsiblePeople.join('、') || null} />;
    case 'deadline':
      return row.deadline ? (
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <WarningDot level={row.warning} />
          <span>{row.deadline}</span>
          <ExtensionMark count={row.extensionCount} original={row.originalDeadline} />
        </span>
      ) : (
        <NoDeadline kind={row.kind} />
      );
    case 'state':
      return <StateTag state={row.state} closeStage={row.closeStage} returned={row.returned} />;
    case 'result':
      return <ResultTag result={row.result} />;
    case 'marks':
      return (
        <ItemMarks
          overdue={row.overdue}
          wasLate={row.wasLate}
          closed={row.state === 'closed'}
          flagged={row.flagged}
          withheld={row.withheld}
        />
      );
    case 'updatedAt':
      return row.updatedAt.slice(0, 10);
  }
}

export function ledgerColumns(options: {
  keys: ColumnKey[];
  sort: Sort;
  order: Order;
  lang: Lang;
  t: Translate<typeof ledgerMessages>;
  c: Translate<typeof common>;
}): ColumnType<LedgerRow>[] {
  const { keys, sort, order, lang, t, c } = options;
  return keys.map((key) => {
    const sortKey = SORT_OF[key];
    return {
      key,
      className: `ledger-col-${key}`,
      title: columnTitle(key, t, c),
      width: key === 'title' ? undefined : WIDTHS[lang][key],
      ellipsis: key !== 'marks' && key !== 'state' && key !== 'result',
      sorter: sortKey ? true : undefined,
      sortOrder: sortKey && sort === sortKey ? (order === 'asc' ? 'ascend' : 'descend') : null,
      sortDirections: sortKey ? ['ascend', 'descend', 'ascend'] : undefined,
      // 序号 is not the whole default order: rows are grouped by unit with the flagged ones first, which the header says.
      showSorterTooltip: key === 'number' ? { title: t('numberOrder') } : undefined,
      render: (_: unknown, row: LedgerRow) => cell(key, row),
    };
  });
}
