import { Alert, Form, type FormInstance, type FormProps, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorText } from '../../components/ErrorAlert.tsx';
import { useLang } from '../../i18n/index.tsx';

/**
 * A dialog that sends one form: OK submits it, the button spins while `send` runs, and a refusal is shown in words
 * under the form, the dialog staying open so nothing typed is lost.
 */
export function FormDialog<Values>({
  form,
  title,
  okText,
  width,
  initialValues,
  intro,
  send,
  onClose,
  children,
}: {
  form: FormInstance<Values>;
  title: ReactNode;
  okText: ReactNode;
  width?: number;
  initialValues?: FormProps<Values>['initialValues'];
  /** Shown above the form. */
  intro?: ReactNode;
  send: (values: Values) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { lang } = useLang();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      await send(values);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={width}
    >
      {intro}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        {children}
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error, lang)} /> : null}
    </Modal>
  );
}
