import { Select, Space, Spin, Tag } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { WORKFLOW_STATES, type WorkflowState } from '../../../../src/domain/workflow.ts';
import { type LedgerQuery, type LedgerRow, useLedger } from '../../api/queries/items.ts';
import type { Grade, OrderStatus } from '../../api/queries/supervision.ts';
import { StateTag } from '../../components/status.tsx';
import { useT } from '../../i18n/index.tsx';
import { supervisionMessages } from './messages.ts';

const ORDER_COLOURS: Record<OrderStatus, string> = {
  open: 'processing',
  answered: 'warning',
  returned: 'orange',
  closed: 'success',
  recalled: 'default',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const t = useT(supervisionMessages);
  return <Tag color={ORDER_COLOURS[status]}>{t(status)}</Tag>;
}

const GRADE_COLOURS: Record<Grade, string> = { good: 'green', fairly_good: 'cyan', average: 'gold', poor: 'red' };

export function GradeTag({ grade }: { grade: Grade }) {
  const t = useT(supervisionMessages);
  return <Tag color={GRADE_COLOURS[grade]}>{t(grade)}</Tag>;
}

const isWorkflowState = (state: string): state is WorkflowState => WORKFLOW_STATES.some((s) => s === state);

/**
 * A look-back's item state: GET /api/supervision/lookbacks describes it as any string, so it is shown as a state only
 * when it is one.
 */
export function ItemStateTag({ state }: { state: string }) {
  return isWorkflowState(state) ? <StateTag state={state} /> : state;
}

/** Waits for the typing to pause before asking the ledger, so a word typed letter by letter costs one search. */
const SEARCH_DELAY_MS = 250;

function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Finds ledger items by words of their title as the user types (the ledger's own search), optionally in given states. */
export function ItemSearch({
  value,
  onChange,
  multiple,
  states,
  placeholder,
  ariaLabel,
}: {
  value?: number | number[];
  onChange?: (value: number | number[], rows: LedgerRow[]) => void;
  multiple?: boolean;
  states?: LedgerQuery['state'];
  placeholder: string;
  ariaLabel: string;
}) {
  const [text, setText] = useState('');
  const q = useSettled(text, SEARCH_DELAY_MS);
  const search = useLedger({ q, limit: 20, state: states });
  const rows = search.isError ? [] : (search.data?.items ?? []);
  const known = useRef(new Map<number, LedgerRow>());
  for (const r of rows) known.current.set(r.id, r);

  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      aria-label={ariaLabel}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={search.isFetching ? <Spin size="small" /> : undefined}
      value={value}
      style={{ width: '100%' }}
      options={rows.map((r) => ({ value: r.id, label: `${r.unit} · ${r.number ? `${r.number} ` : ''}${r.title}` }))}
      onChange={(v: number | number[]) => {
        const ids = Array.isArray(v) ? v : [v];
        onChange?.(
          v,
          ids.map((id) => known.current.get(id)).filter((r): r is LedgerRow => !!r),
        );
      }}
    />
  );
}

/** A list tab's top row: the status filter (and any other filters) on the left, the tab's one action on the right. */
export function ListToolbar<S extends keyof typeof supervisionMessages>({
  statuses,
  status,
  onStatus,
  filters,
  action,
}: {
  statuses: readonly S[];
  status: S | undefined;
  onStatus: (status: S | undefined) => void;
  filters?: ReactNode;
  action?: ReactNode;
}) {
  const t = useT(supervisionMessages);
  return (
    <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('status')}
          allowClear
          placeholder={t('statusAll')}
          style={{ width: 160 }}
          value={status}
          onChange={(v?: S) => onStatus(v)}
          options={statuses.map((s) => ({ value: s, label: t(s) }))}
        />
        {filters}
      </Space>
      {action}
    </Space>
  );
}
