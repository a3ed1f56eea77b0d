import { App, Button, Card, Form, Input, Typography } from 'antd';
import { PASSWORD_RULE } from '../../../src/domain/password.ts';
import { useChangePassword } from '../api/queries/auth.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n/index.tsx';
import { authMessages } from './messages.ts';

/**
 * The password form. `forced`: the server requires a change before anything else (a password someone else set, or an
 * expired one); then the page stands alone, says why, and `onChanged` lets the app in.
 */
export function PasswordForm({ forced = false, onChanged }: { forced?: boolean; onChanged?: () => void }) {
  const t = useT(authMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const change = useChangePassword();

  const submit = (values: { currentPassword: string; newPassword: string }) =>
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          message.success(t('passwordChanged'));
          onChanged?.();
        },
      },
    );

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{forced ? t('mustChangeTitle') : t('changePassword')}</h1>}
      style={{ maxWidth: 480 }}
    >
      {forced && <Typography.Paragraph>{t('mustChangeText')}</Typography.Paragraph>}
      <ErrorAlert error={change.error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('currentPassword')} name="currentPassword" rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('newPassword')}
          name="newPassword"
          rules={[{ required: true, min: PASSWORD_RULE.minLength }]}
          extra={t('passwordRule')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('repeatPassword')}
          name="repeat"
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
