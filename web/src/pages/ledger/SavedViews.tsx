import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert, errorText } from '../../components/ErrorAlert.tsx';
import { useApi } from '../../components/useApi.ts';
import { common } from '../../i18n/common.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import type { ColumnKey } from './columns.tsx';
import type { LedgerFilters, Order, PageSize, Sort } from './ledgerQuery.ts';
import { ledgerMessages } from './messages.ts';

/** What a ledger view keeps: the same shape POST /api/views checks. */
export interface ViewState {
  filters: LedgerFilters;
  sort: Sort;
  order: Order;
  columns: ColumnKey[];
  pageSize: PageSize;
}
interface SavedView {
  id: number;
  name: string;
  state: ViewState;
}

/** The person's saved views (kept on the server, so they follow them to another computer): pick, save, delete. */
export function SavedViews({ current, onApply }: { current: ViewState; onApply: (state: ViewState) => void }) {
  const t = useT(ledgerMessages);
  const c = useT(common);
  const { lang } = useLang();
  const { message } = App.useApp();
  const views = useApi<{ views: SavedView[] }>('/api/views?page=ledger');
  const [chosen, setChosen] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ name: string }>();
  const list = views.data?.views ?? [];
  const chosenView = list.find((v) => v.id === chosen);

  const save = async ({ name }: { name: string }) => {
    setBusy(true);
    setError(null);
    try {
      const view = await api<SavedView>('/api/views', { body: { page: 'ledger', name, state: current } });
      setChosen(view.id);
      setSaving(false);
      views.reload();
      message.success(t('viewSaved', { name: view.name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (view: SavedView) => {
    try {
      await api(`/api/views/${view.id}`, { method: 'DELETE' });
      setChosen(null);
      views.reload();
      message.success(t('viewDeleted'));
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  return (
    <>
      <Space.Compact>
        <Select
          allowClear
          aria-label={t('views')}
          placeholder={t('chooseView')}
          style={{ width: 170 }}
          loading={views.loading}
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
            setError(null);
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
        confirmLoading={busy}
        destroyOnHidden
        onOk={() => form.submit()}
        onCancel={() => setSaving(false)}
      >
        <ErrorAlert error={error} />
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
