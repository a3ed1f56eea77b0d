import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import type { MeasureKind } from '../../api/types.ts';
import { KindText } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { feedbackMessages } from './messages.ts';
import { beforeFeedback, MEASURE_KINDS, orderedItems, type Plan } from './types.ts';
import { useSave } from './useSave.ts';

interface Values {
  itemIds: number[];
  content: string;
  kind: MeasureKind;
  departmentId?: number;
  responsibleLeader?: string;
  deadline?: Dayjs;
}

/** One measure written once for several items (举一反三), saved all or nothing. */
export function AddMeasuresButton({ plan, reload }: { plan: Plan; reload: () => void }) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { run, saving, error, clearError } = useSave();
  const items = useMemo(
    () => orderedItems(plan).map((i) => ({ value: i.id, label: i.number ? `${i.number}. ${i.title}` : i.title })),
    [plan],
  );
  const submit = async (v: Values) => {
    const ok = await run(
      () =>
        api('/api/plan/measures', {
          body: {
            itemIds: v.itemIds,
            measure: {
              content: v.content.trim(),
              kind: v.kind,
              departmentId: v.departmentId ?? null,
              responsibleLeader: v.responsibleLeader?.trim() || null,
              deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
            },
          },
        }),
      t('measuresAdded', { n: v.itemIds.length }),
    );
    if (ok) {
      setOpen(false);
      form.resetFields();
      reload();
    }
  };
  return (
    <>
      <Button
        onClick={() => {
          clearError();
          setOpen(true);
        }}
      >
        {t('addToItems')}
      </Button>
      <Modal
        open={open}
        title={t('addToItems')}
        width={640}
        destroyOnHidden
        onCancel={() => setOpen(false)}
        footer={null}
      >
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={c('errorTitle')}
            description={error.text}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form form={form} name="addMeasures" layout="vertical" initialValues={{ kind: 'deadline' }} onFinish={submit}>
          <Form.Item
            name="itemIds"
            label={t('itemsToAdd')}
            rules={[{ required: true, message: t('required', { field: t('itemsToAdd') }) }]}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={items}
              maxTagCount="responsive"
            />
          </Form.Item>
          <Form.Item
            name="content"
            label={t('measureContent')}
            rules={[{ required: true, whitespace: true, message: t('required', { field: t('measureContent') }) }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="kind" label={t('kind')}>
              <Select
                style={{ width: 130 }}
                options={MEASURE_KINDS.map((k) => ({ value: k, label: <KindText kind={k} /> }))}
              />
            </Form.Item>
            <Form.Item name="departmentId" label={c('department')}>
              <Select
                allowClear
                style={{ width: 160 }}
                placeholder={t('deptPick')}
                options={plan.departments.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Form.Item name="responsibleLeader" label={c('leader')}>
              <Input maxLength={50} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="deadline" label={c('deadline')}>
              <DatePicker placeholder={t('datePick')} disabledDate={beforeFeedback(plan)} />
            </Form.Item>
          </Space>
          <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <Button onClick={() => setOpen(false)}>{c('cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving}>
              {c('add')}
            </Button>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
