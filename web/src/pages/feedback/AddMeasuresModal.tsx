import { Button, Form, Modal, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { NewMeasureFields, type NewMeasureValues, newMeasureBody } from './MeasureFields.tsx';
import { feedbackMessages } from './messages.ts';
import { orderedItems, type Plan } from './types.ts';
import { useSave } from './useSave.ts';

interface Values extends NewMeasureValues {
  itemIds: number[];
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
            measure: newMeasureBody(v),
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
        <SaveErrorAlert error={error} />
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
          <NewMeasureFields plan={plan} />
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
