import { App, Button, Form, Modal, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { acceptsNewMeasures } from '../../../../src/domain/measure.ts';
import { type Plan, useAddMeasureToItems } from '../../api/queries/plan.ts';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { NewMeasureFields, type NewMeasureValues, newMeasureBody } from './MeasureFields.tsx';
import { feedbackMessages } from './messages.ts';
import { orderedItems } from './outline.ts';

interface Values extends NewMeasureValues {
  itemIds: number[];
}

/** One measure written once for several items (举一反三), saved all or nothing. */
export function AddMeasuresButton({ plan }: { plan: Plan }) {
  const t = useT(feedbackMessages);
  const c = useT(common);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const adding = useAddMeasureToItems(plan.inspection.id);
  const items = useMemo(
    () =>
      // A closed item takes no new measure (the server refuses it), so it is not offered.
      orderedItems(plan)
        .filter((i) => acceptsNewMeasures(i.state))
        .map((i) => ({ value: i.id, label: i.number ? `${i.number}. ${i.title}` : i.title })),
    [plan],
  );
  const submit = (v: Values) =>
    adding.mutate(
      { itemIds: v.itemIds, measure: newMeasureBody(v) },
      {
        onSuccess: () => {
          message.success(t('measuresAdded', { n: v.itemIds.length }));
          setOpen(false);
          form.resetFields();
        },
      },
    );
  return (
    <>
      <Button
        onClick={() => {
          adding.reset();
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
        <SaveErrorAlert error={adding.error} />
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
            <Button type="primary" htmlType="submit" loading={adding.isPending}>
              {c('add')}
            </Button>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
