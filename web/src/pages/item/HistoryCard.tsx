import { Card, List, Space, Table, Tabs, Typography } from 'antd';
import { type AuditEvent, type CloseReview, type ItemDetail, useItemHistory } from '../../api/queries/items.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { statusMessages } from '../../components/messages.ts';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { formatBytes, formatTime } from './format.ts';
import { itemMessages } from './messages.ts';
import { measureLabels } from './ProgressCard.tsx';
import { useDepartments } from './shared.tsx';

/** Bookkeeping fields that mean nothing to a reader of the history. */
const HIDDEN = new Set([
  'id',
  'item_id',
  'inspection_id',
  'unit_id',
  'round_id',
  'sort_order',
  'version',
  'created_at',
  'updated_at',
  'close_requested_by',
  'close_approved_by',
  'responsible_person_id',
  'content_type',
  'sha256',
  'uploaded_by',
  'uploader',
  'uploaded_at',
  'department',
]);
const STATUS_VALUES = new Set(['state', 'close_stage', 'result', 'kind']);
const BOOLEAN_VALUES = new Set(['withheld', 'flagged']);

interface Change {
  field: string;
  /** Whether the event recorded the old value; transitions record the state fields only. */
  hadBefore: boolean;
  before: unknown;
  after: unknown;
}

// Commands record some snapshots with API names (itemId) and some with column names (item_id): read both alike.
const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
// A snapshot is the record as it was written (the API types it as any JSON); anything but an object records no fields.
const normalise = (record: unknown) =>
  record && typeof record === 'object'
    ? Object.fromEntries(Object.entries(record).map(([k, v]) => [snake(k), v]))
    : null;

/**
 * One audit event as the fields it touched, before and after. An edit shows the fields it wrote (its `after`), even
 * when the `before` snapshot holds the whole record; a value without a recorded old one shows only when it says
 * something (a note, a date), so a creation lists what was filled in.
 */
export function changesOf(event: AuditEvent): Change[] {
  const before = normalise(event.before);
  // A removal (issue 14: evidence deleted) records only what was there: its fields show as emptied.
  const removal = event.after === null && before !== null;
  const after = removal ? {} : (normalise(event.after) ?? {});
  const fields = Object.keys(removal ? before : after).filter((f) => !HIDDEN.has(f));
  return fields
    .map((field) => ({
      field,
      hadBefore: before !== null && field in before,
      before: before?.[field] ?? null,
      after: after[field] ?? null,
    }))
    .filter((c) => (c.hadBefore ? c.before !== c.after : c.after !== null && c.after !== '' && c.after !== 0));
}

export function HistoryCard({ item }: { item: ItemDetail }) {
  const t = useT(itemMessages);
  const history = useItemHistory(item.id);
  const c = useT(common);
  const s = useT(statusMessages);
  const departments = useDepartments(item.inspection.unitId, item.abilities.editPlan);
  // Users who may not list the unit tree still read the names the item itself carries.
  const departmentNames = new Map<number, string>();
  if (item.leadDepartmentId !== null && item.leadDepartment)
    departmentNames.set(item.leadDepartmentId, item.leadDepartment);
  for (const m of item.measures)
    if (m.departmentId !== null && m.department) departmentNames.set(m.departmentId, m.department);

  const eventName = (event: string) => (event in itemMessages ? t(event as keyof typeof itemMessages) : event);
  const actionName = (action: string) => {
    const key = `action.${action}`;
    return key in itemMessages ? t(key as keyof typeof itemMessages) : eventName(action.replace(/^item\./, ''));
  };
  const numbers = measureLabels(item);
  const fieldName = (field: string) => {
    const key = `field.${field}`;
    return key in itemMessages ? t(key as keyof typeof itemMessages) : field;
  };
  const valueText = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('empty');
    if (STATUS_VALUES.has(field) && typeof value === 'string' && value in statusMessages)
      return s(value as keyof typeof statusMessages);
    if (BOOLEAN_VALUES.has(field)) return value === 1 || value === true ? c('yes') : c('no');
    if (field === 'measure_id') return t('measureNo', { n: numbers.get(value as number) ?? `#${value}` });
    if (field === 'size_bytes') return formatBytes(Number(value));
    if ((field === 'accountability_kind' || field === 'kind') && typeof value === 'string' && value in itemMessages)
      return t(value as keyof typeof itemMessages);
    if (field === 'lead_department_id' || field === 'department_id')
      return departments.find((d) => d.id === value)?.name ?? departmentNames.get(value as number) ?? `#${value}`;
    if (field === 'aspect_id') return value === item.aspect?.id ? item.aspect.name : `#${value}`;
    if (field === 'problem_id') return value === item.problem?.id ? item.problem.title : `#${value}`;
    return String(value);
  };

  // A phone has no room for four columns: there each review and each change is a block, what happened first.
  const narrow = useNarrow();
  const heading = (what: string, who: string, at: string) => (
    <Space size={[8, 0]} wrap>
      <Typography.Text strong>{what}</Typography.Text>
      <Typography.Text type="secondary">
        {who} · {formatTime(at)}
      </Typography.Text>
    </Space>
  );
  const changeList = (e: AuditEvent) => (
    <ul style={{ margin: 0, paddingInlineStart: 18, overflowWrap: 'anywhere' }}>
      {changesOf(e).map((ch) => (
        <li key={ch.field}>
          <Typography.Text strong>{fieldName(ch.field)}</Typography.Text>
          {'：'}
          {!ch.hadBefore ? null : (
            <>
              <Typography.Text delete type="secondary">
                {valueText(ch.field, ch.before)}
              </Typography.Text>
              {' → '}
            </>
          )}
          <span style={{ whiteSpace: 'pre-wrap' }}>{valueText(ch.field, ch.after)}</span>
        </li>
      ))}
    </ul>
  );

  const reviews = narrow ? (
    <List<CloseReview>
      dataSource={item.reviews}
      locale={{ emptyText: t('noReviews') }}
      renderItem={(r) => (
        <List.Item key={r.id}>
          <div style={{ minWidth: 0, width: '100%' }}>
            {heading(eventName(r.event), r.actor ?? t('system'), r.createdAt)}
            {r.note ? (
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {r.note}
              </Typography.Paragraph>
            ) : null}
          </div>
        </List.Item>
      )}
    />
  ) : (
    <Table<CloseReview>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={item.reviews}
      locale={{ emptyText: t('noReviews') }}
      columns={[
        { key: 'when', title: t('when'), width: 150, render: (_, r) => formatTime(r.createdAt) },
        { key: 'who', title: t('who'), width: 120, render: (_, r) => r.actor ?? t('system') },
        { key: 'what', title: t('what'), width: 140, render: (_, r) => eventName(r.event) },
        {
          key: 'note',
          title: t('reviewNote'),
          render: (_, r) => <span style={{ whiteSpace: 'pre-wrap' }}>{r.note ?? '—'}</span>,
        },
      ]}
    />
  );

  const changes = (
    <>
      <ErrorAlert error={history.error} onRetry={history.refetch} />
      {narrow ? (
        <List<AuditEvent>
          loading={history.isPending}
          dataSource={history.data?.events ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
          locale={{ emptyText: t('noHistory') }}
          renderItem={(e) => (
            <List.Item key={e.id}>
              <div style={{ minWidth: 0, width: '100%' }}>
                {heading(actionName(e.action), e.actorName ?? t('system'), e.at)}
                {changeList(e)}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          loading={history.isPending}
          dataSource={history.data?.events ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('noHistory') }}
          columns={[
            { key: 'when', title: t('when'), width: 150, render: (_, e) => formatTime(e.at) },
            { key: 'who', title: t('who'), width: 120, render: (_, e) => e.actorName ?? t('system') },
            { key: 'what', title: t('what'), width: 140, render: (_, e) => actionName(e.action) },
            {
              key: 'changes',
              title: t('changes'),
              render: (_, e) => changeList(e),
            },
          ]}
        />
      )}
    </>
  );

  return (
    <Card id="history">
      <Tabs
        items={[
          { key: 'reviews', label: t('tabCount', { label: t('reviews'), n: item.reviews.length }), children: reviews },
          {
            key: 'history',
            label: t('tabCount', { label: t('history'), n: history.data?.events.length ?? 0 }),
            children: changes,
          },
        ]}
      />
    </Card>
  );
}
