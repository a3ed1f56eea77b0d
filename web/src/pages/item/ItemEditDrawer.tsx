import { Button, Checkbox, Descriptions, Drawer, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { type ItemDetail, useFetchLatestItem, usePatchItem } from '../../api/queries/items.ts';
import { DeadlinePicker, useDeadlineRules } from '../../components/DeadlinePicker.tsx';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { validated } from '../../components/forms.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { itemMessages } from './messages.ts';
import { changedFields, SaveError, useDepartments } from './shared.tsx';

interface Values {
  title: string;
  deadline: Dayjs | null;
  leadDepartmentId: number | null;
  responsibleLeader: string | null;
  flagged: boolean;
  withheld: boolean;
  withheldReason: string | null;
}

const valuesOf = (item: ItemDetail): Values => ({
  title: item.title,
  deadline: item.deadline ? dayjs(item.deadline) : null,
  leadDepartmentId: item.leadDepartmentId,
  responsibleLeader: item.responsibleLeader,
  flagged: item.flagged,
  withheld: item.withheld,
  withheldReason: item.withheldReason,
});

/** The fields as the API takes them, so the form and a loaded version compare like for like. */
const bodyOf = (v: Values) => ({
  title: v.title?.trim() ?? '',
  deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
  leadDepartmentId: v.leadDepartmentId ?? null,
  responsibleLeader: v.responsibleLeader?.trim() || null,
  flagged: Boolean(v.flagged),
  withheld: Boolean(v.withheld),
  withheldReason: v.withheld ? v.withheldReason?.trim() || null : null,
});

/**
 * Edits the item's header fields at the version the user opened. When someone saved first the server answers 409:
 * the form keeps what the user typed, and "load the latest" shows the newer values beside it and saves against them.
 */
export function ItemEditDrawer({ item, open, onClose }: { item: ItemDetail; open: boolean; onClose: () => void }) {
  const t = useT(itemMessages);
  const c = useT(common);
  const deadlineRules = useDeadlineRules(item.inspection.feedbackOn);
  const [form] = Form.useForm<Values>();
  const [base, setBase] = useState(item);
  const patch = usePatchItem();
  const fetchLatest = useFetchLatestItem();
  const [reloadError, setReloadError] = useState<unknown>(null);
  const [latest, setLatest] = useState<ItemDetail | null>(null);
  const departments = useDepartments(item.inspection.unitId, open);
  const withheld = Form.useWatch('withheld', form);

  // Only on opening: a background reload of the page must not overwrite what is being typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: deliberately keyed on `open` alone
  useEffect(() => {
    if (!open) return;
    setBase(item);
    patch.reset();
    setReloadError(null);
    setLatest(null);
    form.setFieldsValue(valuesOf(item));
  }, [open]);

  const save = async () => {
    const values = await validated(form);
    if (!values) return;
    const changed = changedFields(bodyOf(values), bodyOf(valuesOf(base)));
    if (Object.keys(changed).length === 0) {
      onClose();
      return;
    }
    setReloadError(null);
    patch.mutate(
      { itemId: item.id, body: { ...changed, version: base.version } },
      { onSuccess: onClose, onError: () => setLatest(null) },
    );
  };

  /** After a stale-version refusal: the newer values beside the typed ones, and the page behind shows them too. */
  const reloadLatest = async () => {
    try {
      const fresh = await fetchLatest(item.id);
      setBase(fresh);
      setLatest(fresh);
      patch.reset();
    } catch (e) {
      setReloadError(e);
    }
  };
  const error = reloadError ?? patch.error;

  const departmentName = (id: number | null) =>
    id === null ? '—' : (departments.find((d) => d.id === id)?.name ?? String(id));
  const latestValues = latest ? bodyOf(valuesOf(latest)) : null;
  const mine = latest ? bodyOf(form.getFieldsValue(true) as Values) : null;
  const differing = latestValues && mine ? Object.keys(changedFields(latestValues, mine)) : [];
  const show = (key: string, v: unknown) =>
    key === 'leadDepartmentId'
      ? departmentName(v as number | null)
      : typeof v === 'boolean'
        ? v
          ? c('yes')
          : c('no')
        : ((v as string | null) ?? '—');
  const labelOf: Record<string, string> = {
    title: t('field.title'),
    deadline: c('deadline'),
    leadDepartmentId: t('leadDepartment'),
    responsibleLeader: c('leader'),
    flagged: t('flagged'),
    withheld: t('withheld'),
    withheldReason: t('withheldReason'),
  };

  return (
    <Drawer
      open={open}
      title={t('editItem')}
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
      <SaveError error={error} reloaded={latest !== null} onReloadLatest={reloadLatest} />
      {latestValues && differing.length > 0 ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          title={t('latestValues')}
          style={{ marginBottom: 16 }}
          items={differing.map((k) => ({
            key: k,
            label: labelOf[k],
            children: show(k, latestValues[k as keyof typeof latestValues]),
          }))}
        />
      ) : null}
      <Form form={form} name="item-edit" layout="vertical" onFinish={save}>
        <Form.Item
          name="title"
          label={t('field.title')}
          rules={[{ required: true, whitespace: true, message: t('noteRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={c('deadline')}
          rules={deadlineRules}
          extra={item.planSubmitted ? t('deadlineLocked') : undefined}
        >
          <DeadlinePicker
            style={{ width: '100%' }}
            feedbackOn={item.inspection.feedbackOn}
            disabled={item.planSubmitted}
          />
        </Form.Item>
        <Form.Item name="leadDepartmentId" label={t('leadDepartment')}>
          <DepartmentSelect departments={departments} />
        </Form.Item>
        <Form.Item name="responsibleLeader" label={c('leader')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="flagged" valuePropName="checked">
          <Checkbox>{t('flagged')}</Checkbox>
        </Form.Item>
        <Form.Item name="withheld" valuePropName="checked">
          <Checkbox>{t('withheld')}</Checkbox>
        </Form.Item>
        {withheld ? (
          <Form.Item
            name="withheldReason"
            label={t('withheldReason')}
            rules={[{ required: true, whitespace: true, message: t('noteRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
