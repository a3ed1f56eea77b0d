import { PrinterOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { Plan, PlanItem } from '../../api/queries/plan.ts';
import { KindText, StateTag } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { feedbackMessages } from './messages.ts';
import { type MeasureRow, measureRows, orderedItems } from './outline.ts';

const LISTS = ['problemList', 'taskList', 'responsibilityList'] as const;
type ListKey = (typeof LISTS)[number];

/** How many rows, from each one, share the same group: a merged cell on the first, none on the rest. */
function spans<T>(rows: T[], groupOf: (row: T) => string | number): number[] {
  const out = new Array<number>(rows.length).fill(0);
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || groupOf(rows[i]) !== groupOf(rows[start])) {
      out[start] = i - start;
      start = i;
    }
  }
  return out;
}

const label = (x: { number: string | null; title: string }) => (x.number ? `${x.number}. ${x.title}` : x.title);

/** 问题清单 / 任务清单 / 责任清单: three read-only views of the same plan, laid out to print. */
export function PlanLists({ plan }: { plan: Plan }) {
  const t = useT(feedbackMessages);
  const [list, setList] = useState<ListKey>('problemList');
  return (
    <div className="plan-lists">
      <Space className="no-print" style={{ marginBottom: 12 }} wrap>
        <Segmented<ListKey>
          aria-label={t('tabLists')}
          value={list}
          onChange={setList}
          options={LISTS.map((k) => ({ value: k, label: t(k) }))}
        />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('print')}
        </Button>
      </Space>
      <div className="print-area">
        <Typography.Title level={4} className="print-title">
          {t('listTitle', { unit: plan.inspection.unitName, list: t(list) })}
        </Typography.Title>
        {list === 'problemList' && <ProblemList plan={plan} />}
        {list === 'taskList' && <TaskList plan={plan} />}
        {list === 'responsibilityList' && <ResponsibilityList plan={plan} />}
      </div>
    </div>
  );
}

function ProblemList({ plan }: { plan: Plan }) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const items = useMemo(() => orderedItems(plan), [plan]);
  const aspectName = new Map(plan.aspects.map((a) => [a.id, a.name]));
  const problemOf = new Map(plan.problems.map((p) => [p.id, p]));
  const aspectSpan = spans(items, (i) => i.aspectId ?? 0);
  const problemSpan = spans(items, (i) => `${i.aspectId}/${i.problemId ?? `-${i.id}`}`);
  const columns: ColumnsType<PlanItem> = [
    { title: t('serial'), key: 'n', width: 52, align: 'center', render: (_, __, i) => i + 1 },
    {
      title: c('aspect'),
      key: 'aspect',
      width: 130,
      onCell: (_, i = 0) => ({ rowSpan: aspectSpan[i] }),
      render: (_, r) => (r.aspectId !== null ? aspectName.get(r.aspectId) : null) ?? t('noAspect'),
    },
    {
      title: c('problem'),
      key: 'problem',
      width: 200,
      onCell: (_, i = 0) => ({ rowSpan: problemSpan[i] }),
      render: (_, r) => {
        const p = r.problemId !== null ? problemOf.get(r.problemId) : undefined;
        return p ? label(p) : '—';
      },
    },
    { title: c('item'), key: 'item', width: 220, render: (_, r) => label(r) },
    { title: t('description'), dataIndex: 'description', render: (v: string | null) => v ?? '—' },
    { title: t('suggestion'), dataIndex: 'suggestion', width: 200, render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Table<PlanItem>
      aria-label={t('problemList')}
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={items}
    />
  );
}

function TaskList({ plan }: { plan: Plan }) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const rows = useMemo(() => measureRows(plan), [plan]);
  const itemSpan = spans(rows, (r) => r.itemId);
  const columns: ColumnsType<MeasureRow> = [
    { title: t('serial'), dataIndex: 'row', width: 52, align: 'center' },
    {
      title: c('item'),
      key: 'item',
      width: 220,
      onCell: (_, i = 0) => ({ rowSpan: itemSpan[i] }),
      render: (_, r) => label(r.item),
    },
    { title: c('measure'), dataIndex: 'content' },
    { title: t('kind'), key: 'kind', width: 96, render: (_, r) => <KindText kind={r.kind} /> },
    { title: c('deadline'), dataIndex: 'deadline', width: 108, render: (v: string | null) => v ?? '—' },
    {
      title: c('state'),
      key: 'state',
      width: 96,
      onCell: (_, i = 0) => ({ rowSpan: itemSpan[i] }),
      render: (_, r) => <StateTag state={r.item.state} />,
    },
  ];
  return (
    <Table<MeasureRow>
      aria-label={t('taskList')}
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={rows}
    />
  );
}

function ResponsibilityList({ plan }: { plan: Plan }) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const unassigned = t('unassigned');
  const rows = useMemo(() => {
    const order = new Map(plan.departments.map((d, i) => [d.id, i]));
    const rank = (r: MeasureRow) => (r.departmentId === null ? order.size : (order.get(r.departmentId) ?? order.size));
    return [...measureRows(plan)].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.responsiblePerson ?? '').localeCompare(b.responsiblePerson ?? '', 'zh-CN') ||
        (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
        a.row - b.row,
    );
  }, [plan]);
  const deptSpan = spans(rows, (r) => r.departmentId ?? 0);
  const countOf = new Map<number, { measures: number; items: Set<number> }>();
  for (const r of rows) {
    const k = r.departmentId ?? 0;
    const entry = countOf.get(k) ?? { measures: 0, items: new Set<number>() };
    entry.measures++;
    entry.items.add(r.itemId);
    countOf.set(k, entry);
  }
  const columns: ColumnsType<MeasureRow> = [
    {
      title: c('department'),
      key: 'department',
      width: 150,
      onCell: (_, i = 0) => ({ rowSpan: deptSpan[i] }),
      render: (_, r) => {
        const n = countOf.get(r.departmentId ?? 0);
        return (
          <>
            <div>{r.department ?? unassigned}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('measureCount', { m: n?.measures ?? 0 })} · {t('itemCount', { i: n?.items.size ?? 0 })}
            </Typography.Text>
          </>
        );
      },
    },
    { title: c('leader'), dataIndex: 'responsibleLeader', width: 100, render: (v: string | null) => v ?? '—' },
    { title: c('person'), dataIndex: 'responsiblePerson', width: 100, render: (v: string | null) => v ?? '—' },
    { title: c('measure'), dataIndex: 'content' },
    { title: c('item'), key: 'item', width: 200, render: (_, r) => label(r.item) },
    { title: c('deadline'), dataIndex: 'deadline', width: 108, render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Table<MeasureRow>
      aria-label={t('responsibilityList')}
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={rows}
    />
  );
}
