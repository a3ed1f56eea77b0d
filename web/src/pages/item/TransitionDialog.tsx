import { Alert, App, Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import type { WorkflowEvent } from '../../../../src/domain/workflow.ts';
import { type ItemDetail, useTransition } from '../../api/queries/items.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { statusMessages } from '../../components/messages.ts';
import { useT } from '../../i18n/index.tsx';
import { itemMessages } from './messages.ts';

/** Which note each move asks for, and whether the domain refuses the move without it. */
const NOTE: Record<WorkflowEvent, { label: keyof typeof itemMessages; required: boolean } | null> = {
  start: null,
  request_close: { label: 'verificationNote', required: true },
  approve: { label: 'approveNote', required: false },
  confirm: { label: 'confirmNote', required: false },
  return: { label: 'returnReason', required: true },
  reopen: { label: 'reopenFinding', required: true },
};

interface Values {
  note?: string;
  result?: 'completed' | 'partially_completed';
}

export function TransitionDialog({
  item,
  event,
  onClose,
  onDone,
}: {
  item: ItemDetail;
  event: WorkflowEvent | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT(itemMessages);
  const s = useT(statusMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const move = useTransition();
  const { reset } = move;

  useEffect(() => {
    if (event) {
      reset();
      form.resetFields();
    }
  }, [event, form, reset]);

  if (!event) return null;
  const note = NOTE[event];

  const submit = async () => {
    const values = await form.validateFields();
    // A refusal leaves the typed note in the form so the user can correct and try again.
    move.mutate(
      {
        itemId: item.id,
        body: {
          event,
          version: item.version,
          note: values.note?.trim() || null,
          result: event === 'confirm' ? (values.result ?? 'completed') : null,
        },
      },
      {
        onSuccess: () => {
          message.success(t('transitionDone', { action: t(event) }));
          onDone();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t(event)}
      okText={t(event)}
      okButtonProps={{ danger: event === 'return', loading: move.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {event === 'request_close' && item.evidence.length === 0 ? (
        <Alert type="warning" showIcon title={t('needsEvidence')} style={{ marginBottom: 16 }} />
      ) : null}
      <ErrorAlert error={move.error} />
      <Form form={form} name="transition" layout="vertical" initialValues={{ result: 'completed' }}>
        {event === 'confirm' ? (
          <Form.Item name="result" label={t('closeResult')}>
            <Radio.Group
              options={[
                { value: 'completed', label: s('completed') },
                { value: 'partially_completed', label: s('partially_completed') },
              ]}
            />
          </Form.Item>
        ) : null}
        {note ? (
          <Form.Item
            name="note"
            label={t(note.label)}
            extra={event === 'request_close' ? t('verificationHint') : undefined}
            rules={note.required ? [{ required: true, whitespace: true, message: t('noteRequired') }] : []}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
