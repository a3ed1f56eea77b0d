import { Button, Card, Drawer, Form, Input, List, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { MeasureKind } from '../../../../src/domain/measure.ts';
import { type ItemDetail, type Measure, useFetchLatestItem, usePatchMeasure } from '../../api/queries/items.ts';
import { usePlan } from '../../api/queries/plan.ts';
import { DeadlinePicker, useDeadlineRules } from '../../components/DeadlinePicker.tsx';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { DateInput, validated } from '../../components/forms.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { statusMessages } from '../../components/messages.ts';
import { PersonPicker, type PersonValue } from '../../components/PersonPicker.tsx';
import { KindText, WarningDot } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { itemMessages } from './messages.ts';
import { changedFields, SaveError, useDepartments } from './shared.tsx';

const KINDS: MeasureKind[] = ['immediate', 'deadline', 'ongoing'];

export function MeasuresCard({ item, editable }: { item: ItemDetail; editable: boolean }) {
  const t = useT(itemMessages);
  const c = useT(common);
  const [editing, setEditing] = useState<Measure | null>(null);
  const dash = '—';
  // A phone cannot show eight columns; there each measure is a block, so its 责任人 and deadline are not off-screen.
  const narrow = useNarrow();
  const editButton = (m: Measure) => (
    <Button
      type="link"
      size="small"
      aria-label={`${c('edit')} ${t('measureNo', { n: item.measures.indexOf(m) + 1 })}`}
      onClick={() => setEditing(m)}
    >
      {c('edit')}
    </Button>
  );

  if (narrow)
    return (
      <Card title={t('measures')} id="measures">
        <List<Measure>
          dataSource={item.measures}
          locale={{ emptyText: t('noMeasures') }}
          renderItem={(m, i) => (
            <List.Item extra={editable ? editButton(m) : null}>
              <List.Item.Meta
                title={`${i + 1}. ${m.content}`}
                description={
                  <Space size={[12, 2]} wrap>
                    <span>
                      {c('person')}：{m.responsiblePerson ?? dash}
                    </span>
                    <span>
                      {c('department')}：{m.department ?? dash}
                    </span>
                    <span>
                      {c('leader')}：{m.responsibleLeader ?? dash}
                    </span>
                    <span>
                      <WarningDot level={m.warning} /> {c('deadline')}：{m.deadline ?? dash}
                    </span>
                    {m.completedOn ? (
                      <span>
                        {t('completedOn')}：{m.completedOn}
                      </span>
                    ) : null}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
        {editable ? <MeasureDrawer item={item} measure={editing} onClose={() => setEditing(null)} /> : null}
      </Card>
    );

  return (
    <Card title={t('measures')} id="measures">
      <Table<Measure>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={item.measures}
        locale={{ emptyText: t('noMeasures') }}
        scroll={{ x: 1000 }}
        columns={[
          { key: 'no', title: '#', width: 44, render: (_, _m, i) => i + 1 },
          { key: 'content', title: t('measureContent'), dataIndex: 'content' },
          { key: 'kind', title: t('kind'), width: 96, render: (_, m) => <KindText kind={m.kind} /> },
          { key: 'leader', title: c('leader'), width: 96, render: (_, m) => m.responsibleLeader ?? dash },
          { key: 'department', title: c('department'), width: 140, render: (_, m) => m.department ?? dash },
          { key: 'person', title: c('person'), width: 90, render: (_, m) => m.responsiblePerson ?? dash },
          {
            key: 'deadline',
            title: c('deadline'),
            width: 124,
            render: (_, m) =>
              m.deadline ? (
                <Space size={6}>
                  <WarningDot level={m.warning} />
                  {m.deadline}
                </Space>
              ) : (
                dash
              ),
          },
          { key: 'completed', title: t('completedOn'), width: 110, render: (_, m) => m.completedOn ?? dash },
          ...(editable
            ? [
                {
                  key: 'actions',
                  title: c('actions'),
                  width: 80,
                  render: (_: unknown, m: Measure) => editButton(m),
                },
              ]
            : []),
        ]}
      />
      {editable ? <MeasureDrawer item={item} measure={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

interface MeasureValues {
  content: string;
  kind: MeasureKind;
  responsibleLeader: string | null;
  departmentId: number | null;
  /** The 责任人 as stored (account, written name, or both), so the field shows what a save keeps. */
  person: PersonValue | null;
  deadline: Dayjs | null;
  completedOn: Dayjs | null;
}

const measureValues = (m: Measure): MeasureValues => ({
  content: m.content,
  kind: m.kind,
  responsibleLeader: m.responsibleLeader,
  departmentId: m.departmentId,
  person: { id: m.responsiblePersonId, name: m.responsiblePersonName },
  deadline: m.deadline ? dayjs(m.deadline) : null,
  completedOn: m.completedOn ? dayjs(m.completedOn) : null,
});

const measureBody = (v: MeasureValues) => ({
  content: v.content?.trim() ?? '',
  kind: v.kind,
  responsibleLeader: v.responsibleLeader?.trim() || null,
  departmentId: v.departmentId ?? null,
  responsiblePersonId: v.person?.id ?? null,
  responsiblePersonName: v.person?.name?.trim() || null,
  deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
  completedOn: v.completedOn ? v.completedOn.format('YYYY-MM-DD') : null,
});

/** Edits one measure at the version shown; a stale save keeps the entries and can load the newer version. */
function MeasureDrawer({ item, measure, onClose }: { item: ItemDetail; measure: Measure | null; onClose: () => void }) {
  const t = useT(itemMessages);
  const c = useT(common);
  const s = useT(statusMessages);
  const [form] = Form.useForm<MeasureValues>();
  const deadlineRules = useDeadlineRules(item.inspection.feedbackOn);
  const [base, setBase] = useState<Measure | null>(measure);
  const patch = usePatchMeasure();
  const { reset } = patch;
  const fetchLatest = useFetchLatestItem();
  const [reloadError, setReloadError] = useState<unknown>(null);
  const [reloaded, setReloaded] = useState(false);
  const departments = useDepartments(item.inspection.unitId, measure !== null);
  // The accounts a measure may go to are the plan's (the unit's active accounts), read only while the drawer is open.
  const people = usePlan(measure !== null ? item.inspection.id : null).data?.people ?? [];

  useEffect(() => {
    if (!measure) return;
    setBase(measure);
    reset();
    setReloadError(null);
    setReloaded(false);
    form.setFieldsValue(measureValues(measure));
  }, [measure, form, reset]);

  const save = async () => {
    if (!base) return;
    const values = await validated(form);
    if (!values) return;
    const changed = changedFields(measureBody(values), measureBody(measureValues(base)));
    if (Object.keys(changed).length === 0) {
      onClose();
      return;
    }
    setReloadError(null);
    patch.mutate(
      { itemId: item.id, measureId: base.id, body: { ...changed, version: base.version } },
      { onSuccess: onClose, onError: () => setReloaded(false) },
    );
  };

  /** After a stale-version refusal: the measure as saved now, shown above the typed entries and on the page. */
  const reloadLatest = async () => {
    if (!base) return;
    try {
      const fresh = await fetchLatest(item.id);
      const latest = fresh.measures.find((m) => m.id === base.id);
      if (latest) setBase(latest);
      patch.reset();
      setReloaded(true);
    } catch (e) {
      setReloadError(e);
    }
  };
  const error = reloadError ?? patch.error;

  return (
    <Drawer
      open={measure !== null}
      title={t('editMeasure')}
      size={560}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{c('cancel')}</Button>
          <Button type="primary" loading={patch.isPending} onClick={save}>
            {c('save')}
          </Button>
        </Space>
      }
    >
      <SaveError error={error} reloaded={reloaded} onReloadLatest={reloadLatest} />
      {reloaded && base ? (
        <Typography.Paragraph type="secondary">
          {t('latestValues')}：{base.content} · {base.department ?? '—'} · {base.responsiblePerson ?? '—'} ·{' '}
          {base.deadline ?? '—'}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} name="measure" layout="vertical">
        <Form.Item
          name="content"
          label={t('measureContent')}
          rules={[{ required: true, whitespace: true, message: t('noteRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="kind" label={t('kind')}>
          <Select options={KINDS.map((k) => ({ value: k, label: s(k) }))} />
        </Form.Item>
        <Form.Item name="responsibleLeader" label={c('leader')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="departmentId" label={c('department')}>
          <DepartmentSelect departments={departments} />
        </Form.Item>
        <Form.Item name="person" label={c('person')}>
          <PersonPicker people={people} />
        </Form.Item>
        <Space size={16}>
          <Form.Item name="deadline" label={c('deadline')} rules={deadlineRules}>
            <DeadlinePicker feedbackOn={item.inspection.feedbackOn} />
          </Form.Item>
          <Form.Item name="completedOn" label={t('completedOn')}>
            <DateInput format="YYYY-MM-DD" />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
