import { Select, Space, Spin, Tag } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api, query } from '../../api/client.ts';
import type { LedgerPage, LedgerRow, WorkflowState } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { supervisionMessages } from './messages.ts';
import type { Grade, OrderStatus } from './types.ts';

const ORDER_COLOURS: Record<OrderStatus, string> = {
  open: 'processing',
  answered: 'warning',
  returned: 'orange',
  closed: 'success',
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
  states?: WorkflowState[];
  placeholder: string;
  ariaLabel: string;
}) {
  const [text, setText] = useState('');
  const [rows, setRows] = useState<LedgerRow[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<number, LedgerRow>());
  const stateKey = states?.join(',') ?? '';

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      api<LedgerPage>(`/api/items${query({ q: text, limit: 20, state: stateKey ? stateKey.split(',') : undefined })}`, {
        signal: controller.signal,
      })
        .then((page) => {
          for (const r of page.items) known.current.set(r.id, r);
          setRows(page.items);
        })
        .catch(() => setRows([]))
        .finally(() => setLoading(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, stateKey]);

  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      aria-label={ariaLabel}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
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
