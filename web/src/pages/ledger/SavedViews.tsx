import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { type SavedView, useDeleteView, useSaveView, useViews, type ViewState } from '../../api/queries/views.ts';
import { ErrorAlert, errorText } from '../../components/ErrorAlert.tsx';
import { common } from '../../i18n/common.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { ledgerMessages } from './messages.ts';

/** The person's saved views (kept on the server, so they follow them to another computer): pick, save, delete. */
export function SavedViews({ current, onApply }: { current: ViewState; onApply: (state: ViewState) => void }) {
  const t = useT(ledgerMessages);
  const c = useT(common);
  const { lang } = useLang();
  const { message } = App.useApp();
  const views = useViews('ledger');
  const saveView = useSaveView();
  const deleteView = useDeleteView();
  const [chosen, setChosen] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const list = views.data?.views ?? [];
  const chosenView = list.find((v) => v.id === chosen);

  const save = ({ name }: { name: string }) =>
    saveView.mutate(
      { page: 'ledger', name, state: current },
      {
        onSuccess: (view) => {
          setChosen(view.id);
          setSaving(false);
          message.success(t('viewSaved', { name: view.name }));
        },
      },
    );

  const remove = (view: SavedView) =>
    deleteView.mutate(view.id, {
      onSuccess: () => {
        setChosen(null);
        message.success(t('viewDeleted'));
      },
      onError: (e) => message.error(errorText(e, lang)),
    });

  return (
    <>
      <Space.Compact>
        <Select
          allowClear
          aria-label={t('views')}
          placeholder={t('chooseView')}
          style={{ width: 170 }}
          loading={views.isFetching}
          value={chosenView?.id}
          options={list.map((v) => ({ value: v.id, label: v.name }))}
          notFoundContent={views.error ? errorText(views.error, lang) : c('empty')}
          onChange={(id?: number) => {
            setChosen(id ?? null);
            const view = list.find((v) => v.id === id);
            if (view) onApply(view.state);
          }}
        />
        {chosenView && (
          <Popconfirm
            title={t('deleteViewConfirm', { name: chosenView.name })}
            okText={c('delete')}
            cancelText={c('cancel')}
            onConfirm={() => remove(chosenView)}
          >
            <Button icon={<DeleteOutlined />} aria-label={t('deleteView')} title={t('deleteView')} />
          </Popconfirm>
        )}
        <Button
          icon={<SaveOutlined />}
          onClick={() => {
            saveView.reset();
            setSaving(true);
          }}
        >
          {t('saveView')}
        </Button>
      </Space.Compact>
      <Modal
        open={saving}
        title={t('saveViewTitle')}
        okText={c('save')}
        cancelText={c('cancel')}
        confirmLoading={saveView.isPending}
        destroyOnHidden
        onOk={() => form.submit()}
        onCancel={() => setSaving(false)}
      >
        <ErrorAlert error={saveView.error} />
        <Form form={form} layout="vertical" initialValues={{ name: chosenView?.name ?? '' }} onFinish={save}>
          <Form.Item
            name="name"
            label={t('viewName')}
            extra={t('viewNameHint')}
            rules={[{ required: true, whitespace: true, message: t('viewNameRequired') }]}
          >
            <Input maxLength={40} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
