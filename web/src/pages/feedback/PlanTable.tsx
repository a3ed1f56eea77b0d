import { App, Button, Card, Empty, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { MEASURE_KINDS, type MeasureKind } from '../../../../src/domain/measure.ts';
import { type MeasureOwners, type Plan, useChangeMeasures, usePatchPlanMeasure } from '../../api/queries/plan.ts';
import { DeadlinePicker } from '../../components/DeadlinePicker.tsx';
import { PersonPicker } from '../../components/PersonPicker.tsx';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';
import { KindText } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { AddMeasuresButton } from './AddMeasuresModal.tsx';
import { feedbackMessages } from './messages.ts';
import { type MeasureRow, measureRows } from './outline.ts';

/** The owner fields the row editor and the bulk bar edit. */
type Owners = MeasureOwners;
const OWNER_FIELDS = [
  'kind',
  'responsibleLeader',
  'departmentId',
  'responsiblePersonId',
  'responsiblePersonName',
  'deadline',
] as const satisfies readonly (keyof MeasureOwners)[];

function useChoices(plan: Plan) {
  return useMemo(
    () => ({
      departments: plan.departments.map((d) => ({ value: d.id, label: d.name })),
      people: plan.people.map((p) => ({ value: p.id, label: `${p.displayName}（${p.unitName}）` })),
      accounts: plan.people,
      kinds: MEASURE_KINDS.map((k) => ({ value: k, label: <KindText kind={k} /> })),
    }),
    [plan],
  );
}

/**
 * An account chosen alone is stored alone: its name is printed from the account (src/domain/people.ts), so a written
 * name from before does not linger beside it.
 */
function withPersonName(owners: Owners): MeasureOwners {
  if (owners.responsiblePersonId === undefined || owners.responsiblePersonName !== undefined) return owners;
  return { ...owners, responsiblePersonName: null };
}

/** The owners that differ from the row's, so a save sends only what it changes. */
function changedOwners(row: MeasureRow, owners: MeasureOwners): MeasureOwners {
  const out: MeasureOwners = {};
  const keep = <K extends (typeof OWNER_FIELDS)[number]>(key: K) => {
    if (owners[key] !== undefined && owners[key] !== row[key]) out[key] = owners[key];
  };
  for (const key of OWNER_FIELDS) keep(key);
  return out;
}

const isEmpty = (owners: MeasureOwners) => Object.values(owners).every((v) => v === undefined);

export function PlanTable({ plan, reload }: { plan: Plan; reload: () => void }) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const { message } = App.useApp();
  const rows = useMemo(() => measureRows(plan), [plan]);
  const choices = useChoices(plan);
  const editable = plan.rights.editPlan;
  const [selected, setSelected] = useState<number[]>([]);
  const [bulk, setBulk] = useState<Owners>({});
  const [editing, setEditing] = useState<{ id: number; values: Owners } | null>(null);
  const bulkSave = useChangeMeasures(plan.inspection.id);
  const rowSave = usePatchPlanMeasure(plan.inspection.id);
  const present = selected.filter((id) => rows.some((r) => r.id === id));

  const applyBulk = () => {
    const changes = withPersonName(bulk);
    if (isEmpty(changes)) return;
    const versions = Object.fromEntries(rows.filter((r) => present.includes(r.id)).map((r) => [r.id, r.version]));
    const n = present.length;
    bulkSave.mutate(
      { measureIds: present, changes, versions },
      {
        onSuccess: () => {
          message.success(t('bulkDone', { n }));
          setBulk({});
          setSelected([]);
        },
      },
    );
  };

  const saveRow = (row: MeasureRow) => {
    if (!editing) return;
    const patch = changedOwners(row, withPersonName(editing.values));
    if (isEmpty(patch)) {
      setEditing(null);
      return;
    }
    rowSave.mutate(
      { id: row.id, body: { version: row.version, ...patch } },
      {
        onSuccess: () => {
          message.success(c('saved'));
          setEditing(null);
        },
      },
    );
  };

  const isEditing = (r: MeasureRow) => editing?.id === r.id;
  const setField = (values: Owners) => editing && setEditing({ ...editing, values: { ...editing.values, ...values } });

  const columns: ColumnsType<MeasureRow> = [
    { title: t('serial'), dataIndex: 'row', width: 56, align: 'center' },
    {
      title: t('itemColumn'),
      key: 'item',
      width: 150,
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.item.title }} style={{ margin: 0 }}>
          {r.item.number ? `${r.item.number}. ${r.item.title}` : r.item.title}
        </Typography.Paragraph>
      ),
    },
    {
      title: c('measure'),
      dataIndex: 'content',
      width: 212,
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 3, tooltip: v }} style={{ margin: 0 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('kind'),
      key: 'kind',
      width: 88,
      render: (_, r) =>
        isEditing(r) ? (
          <Select
            aria-label={t('kind')}
            size="small"
            style={{ width: '100%' }}
            value={editing?.values.kind ?? r.kind}
            options={choices.kinds}
            onChange={(kind: MeasureKind) => setField({ kind })}
          />
        ) : (
          <KindText kind={r.kind} />
        ),
    },
    {
      title: t('leaderColumn'),
      key: 'leader',
      width: 88,
      render: (_, r) =>
        isEditing(r) ? (
          <Input
            aria-label={c('leader')}
            size="small"
            maxLength={50}
            value={editing?.values.responsibleLeader ?? r.responsibleLeader ?? ''}
            onChange={(e) => setField({ responsibleLeader: e.target.value.trim() || null })}
          />
        ) : (
          (r.responsibleLeader ?? '—')
        ),
    },
    {
      title: c('department'),
      key: 'department',
      width: 116,
      render: (_, r) =>
        isEditing(r) ? (
          <Select
            aria-label={c('department')}
            size="small"
            allowClear
            style={{ width: '100%' }}
            value={editing?.values.departmentId !== undefined ? editing.values.departmentId : r.departmentId}
            options={choices.departments}
            onChange={(departmentId?: number) => setField({ departmentId: departmentId ?? null })}
          />
        ) : (
          (r.department ?? '—')
        ),
    },
    {
      title: t('personColumn'),
      key: 'person',
      width: 96,
      render: (_, r) =>
        isEditing(r) ? (
          <PersonPicker
            aria-label={c('person')}
            size="small"
            style={{ width: '100%' }}
            people={choices.accounts}
            value={{
              id:
                editing?.values.responsiblePersonId !== undefined
                  ? editing.values.responsiblePersonId
                  : r.responsiblePersonId,
              name:
                editing?.values.responsiblePersonName !== undefined
                  ? editing.values.responsiblePersonName
                  : r.responsiblePersonName,
            }}
            onChange={(v) => setField({ responsiblePersonId: v.id, responsiblePersonName: v.name })}
          />
        ) : (
          (r.responsiblePerson ?? '—')
        ),
    },
    {
      title: c('deadline'),
      key: 'deadline',
      width: 112,
      render: (_, r) => {
        if (!isEditing(r)) return r.deadline ?? '—';
        const value = editing?.values.deadline !== undefined ? editing.values.deadline : r.deadline;
        return (
          <DeadlinePicker
            aria-label={c('deadline')}
            size="small"
            style={{ width: '100%' }}
            feedbackOn={plan.inspection.feedbackOn}
            inlineMessage
            value={value ? dayjs(value) : null}
            onChange={(d) => setField({ deadline: d ? d.format('YYYY-MM-DD') : null })}
          />
        );
      },
    },
  ];
  if (editable) {
    columns.push({
      title: c('actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, r) =>
        isEditing(r) ? (
          <Space size={4}>
            <Button size="small" type="primary" loading={rowSave.isPending} onClick={() => saveRow(r)}>
              {c('save')}
            </Button>
            <Button
              size="small"
              onClick={() => {
                setEditing(null);
                rowSave.reset();
              }}
            >
              {c('cancel')}
            </Button>
          </Space>
        ) : (
          <Button
            size="small"
            type="link"
            aria-label={t('editRow', { n: r.row })}
            onClick={() => {
              rowSave.reset();
              setEditing({ id: r.id, values: {} });
            }}
          >
            {c('edit')}
          </Button>
        ),
    });
  }

  if (rows.length === 0 && !editable) return <Empty description={t('noPlan')} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {editable && plan.items.length > 0 && (
        <div className="no-print">
          <AddMeasuresButton plan={plan} />
        </div>
      )}
      {editable && present.length > 0 && (
        <Card size="small" className="plan-bulk" role="region" aria-label={t('selected', { n: present.length })}>
          <Space wrap align="center" size={8}>
            <Typography.Text strong>{t('selected', { n: present.length })}</Typography.Text>
            <Typography.Text type="secondary">{t('bulkHint')}</Typography.Text>
            <Select
              aria-label={c('department')}
              placeholder={t('deptPick')}
              allowClear
              style={{ width: 150 }}
              value={bulk.departmentId ?? undefined}
              options={choices.departments}
              onChange={(departmentId?: number) => setBulk({ ...bulk, departmentId })}
            />
            <Select
              aria-label={c('person')}
              placeholder={t('personPick')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              popupMatchSelectWidth={false}
              style={{ width: 150 }}
              value={bulk.responsiblePersonId ?? undefined}
              options={choices.people}
              onChange={(responsiblePersonId?: number) => setBulk({ ...bulk, responsiblePersonId })}
            />
            <Input
              aria-label={c('leader')}
              placeholder={t('leaderInput')}
              allowClear
              maxLength={50}
              style={{ width: 130 }}
              value={bulk.responsibleLeader ?? ''}
              onChange={(e) => setBulk({ ...bulk, responsibleLeader: e.target.value.trim() || undefined })}
            />
            <DeadlinePicker
              aria-label={c('deadline')}
              placeholder={c('deadline')}
              feedbackOn={plan.inspection.feedbackOn}
              inlineMessage
              value={bulk.deadline ? dayjs(bulk.deadline) : null}
              onChange={(d) => setBulk({ ...bulk, deadline: d ? d.format('YYYY-MM-DD') : undefined })}
            />
            <Select
              aria-label={t('kind')}
              placeholder={t('kindPick')}
              allowClear
              style={{ width: 120 }}
              value={bulk.kind}
              options={choices.kinds}
              onChange={(kind?: MeasureKind) => setBulk({ ...bulk, kind })}
            />
            <Button
              type="primary"
              loading={bulkSave.isPending}
              disabled={Object.values(bulk).every((v) => v === undefined)}
              onClick={applyBulk}
            >
              {t('apply')}
            </Button>
            <Button onClick={() => setSelected([])}>{t('clearSelection')}</Button>
          </Space>
          <div style={{ marginTop: 8 }}>
            <SaveErrorAlert error={bulkSave.error} onReload={reload} />
          </div>
        </Card>
      )}
      <SaveErrorAlert error={rowSave.error} onReload={reload} />
      <Table<MeasureRow>
        aria-label={t('planTableLabel')}
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: true } : false}
        scroll={{ x: 1070 }}
        rowSelection={
          editable
            ? {
                selectedRowKeys: present,
                onChange: (keys) => setSelected(keys.map(Number)),
                getCheckboxProps: (r) => ({ 'aria-label': t('selectRow', { n: r.row }) }),
              }
            : undefined
        }
      />
    </Space>
  );
}
