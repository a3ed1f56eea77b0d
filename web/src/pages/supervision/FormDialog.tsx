import { Alert, Form, type FormInstance, type FormProps, Modal } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from '../../components/ErrorAlert.tsx';
import { useLang } from '../../i18n/index.tsx';

/**
 * A dialog that sends one form: OK submits it, the button spins while the write is under way, and a refusal is shown
 * in words under the form, the dialog staying open so nothing typed is lost.
 */
export function FormDialog<Values>({
  form,
  title,
  okText,
  width,
  initialValues,
  intro,
  sending,
  error,
  onSubmit,
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
  /** The write's state (a mutation from api/queries): whether it is under way, and why it was refused. */
  sending: boolean;
  error: unknown;
  onSubmit: (values: Values) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { lang } = useLang();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={width}
    >
      {intro}
      <Form<Values> form={form} layout="vertical" onFinish={onSubmit} initialValues={initialValues}>
        {children}
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error, lang)} /> : null}
    </Modal>
  );
}
