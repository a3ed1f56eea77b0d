import { Alert, App, Button, Checkbox, Empty, Form, Input, Radio, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useEvidenceLimits } from '../../api/queries/items.ts';
import {
  type OrderStatus,
  orderDocumentUrl,
  orderFileUrl,
  type SupervisionOrder,
  uploadOrderFile,
  useAnswerOrder,
  useCloseOrder,
  useEditOrder,
  useRecallOrder,
  useRemoveOrderFile,
  useReturnOrder,
  useSendOrders,
  useSupervisionOrders,
} from '../../api/queries/supervision.ts';
import { useUnits } from '../../api/queries/units.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, errorText } from '../../components/ErrorAlert.tsx';
import { AddFilesButton, UploadList, useEvidenceUploads } from '../../components/FileUploads.tsx';
import { ItemCards, useNarrow } from '../../components/ItemCards.tsx';
import { common } from '../../i18n/common.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { FormDialog } from './FormDialog.tsx';
import { supervisionMessages } from './messages.ts';
import { OrderFields, type OrderFieldValues, orderBody } from './OrderFields.tsx';
import { ItemSearch, ListToolbar, OrderStatusTag } from './parts.tsx';

interface NewOrderForm extends OrderFieldValues {
  kind: 'units' | 'items';
  unitIds?: number[];
  itemIds?: number[];
  flagItems?: boolean;
}

/** One order to several units or items at once; the server writes all or none. */
function NewOrderDialog({ onClose, onSent }: { onClose: () => void; onSent: () => void }) {
  const t = useT(supervisionMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<NewOrderForm>();
  const kind = Form.useWatch('kind', form) ?? 'units';
  const units = useUnits({ kind: ['unit'] });
  const [itemUnits, setItemUnits] = useState(new Map<number, number>());
  const sendOrders = useSendOrders();

  const send = (v: NewOrderForm) => {
    const targets =
      v.kind === 'units'
        ? (v.unitIds ?? []).map((unitId) => ({ unitId }))
        : (v.itemIds ?? []).map((itemId) => ({ unitId: itemUnits.get(itemId) as number, itemId }));
    sendOrders.mutate(
      { targets, ...orderBody(v), flagItems: v.kind === 'items' && !!v.flagItems },
      {
        onSuccess: (res) => {
          message.success(t('orderSent', { n: res.ids.length }));
          onSent();
        },
      },
    );
  };

  return (
    <FormDialog<NewOrderForm>
      form={form}
      title={t('newOrder')}
      okText={t('newOrder')}
      width={680}
      initialValues={{ kind: 'units', dueOn: dayjs().add(15, 'day'), flagItems: true }}
      onClose={onClose}
      sending={sendOrders.isPending}
      error={sendOrders.error}
      onSubmit={send}
    >
      <Form.Item name="kind" label={t('targetKind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'units', label: t('byUnit') },
            { value: 'items', label: t('byItem') },
          ]}
        />
      </Form.Item>
      {kind === 'units' ? (
        <Form.Item
          name="unitIds"
          label={t('toUnits')}
          rules={[{ required: true, message: t('requiredChoice', { field: t('toUnits') }) }]}
        >
          <Select
            mode="multiple"
            aria-label={t('toUnits')}
            placeholder={t('chooseUnits')}
            loading={units.isFetching}
            showSearch={{ optionFilterProp: 'label' }}
            options={(units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name="itemIds"
            label={t('toItems')}
            rules={[{ required: true, message: t('requiredChoice', { field: t('toItems') }) }]}
          >
            <ItemSearch
              multiple
              ariaLabel={t('toItems')}
              placeholder={t('chooseItems')}
              onChange={(_, rows) =>
                setItemUnits((m) => new Map([...m, ...rows.map((r) => [r.id, r.unitId] as [number, number])]))
              }
            />
          </Form.Item>
          <Form.Item name="flagItems" valuePropName="checked">
            <Checkbox>{t('flagItems')}</Checkbox>
          </Form.Item>
        </>
      )}
      <OrderFields />
    </FormDialog>
  );
}

/** Answer (the unit) or return (the office): one text and the order's version. */
function TextDialog({
  order,
  mode,
  onClose,
  onDone,
}: {
  order: SupervisionOrder;
  mode: 'answer' | 'return';
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT(supervisionMessages);
  const [form] = Form.useForm<{ text: string }>();
  const label = mode === 'answer' ? t('answer') : t('returnReason');
  const answer = useAnswerOrder();
  const giveBack = useReturnOrder();
  const write = mode === 'answer' ? answer : giveBack;
  // Issue 15: the answer's files go up first, each with its bar (the evidence types and limit); the answer follows.
  const limits = useEvidenceLimits(mode === 'answer');
  const uploads = useEvidenceUploads(limits.data);
  const [filesLeft, setFilesLeft] = useState(false);
  // The order's files as the list now has them (one removed here leaves at once).
  const orders = useSupervisionOrders({});
  const files = orders.data?.orders.find((o) => o.id === order.id)?.files ?? order.files;
  const send = async ({ text }: { text: string }) => {
    const done = { onSuccess: onDone };
    if (mode === 'answer') {
      if (uploads.sendable > 0) {
        const allUp = await uploads.send({ send: (file, onProgress) => uploadOrderFile(order.id, file, onProgress) });
        setFilesLeft(!allUp);
        if (!allUp) return;
      }
      answer.mutate({ id: order.id, body: { answer: text.trim(), version: order.version } }, done);
    } else giveBack.mutate({ id: order.id, body: { reason: text.trim(), version: order.version } }, done);
  };
  return (
    <FormDialog
      form={form}
      title={t(mode === 'answer' ? 'answerTitle' : 'returnTitle', { title: order.title })}
      okText={mode === 'answer' ? t('answerAction') : t('returnAction')}
      intro={<Typography.Paragraph type="secondary">{order.content}</Typography.Paragraph>}
      onClose={onClose}
      sending={write.isPending || uploads.busy}
      error={write.error}
      onSubmit={(v) => void send(v)}
    >
      <Form.Item
        name="text"
        label={label}
        rules={[{ required: true, whitespace: true, message: t('required', { field: label }) }]}
      >
        <Input.TextArea rows={5} maxLength={mode === 'answer' ? 5000 : 2000} />
      </Form.Item>
      {mode === 'answer' && (
        <Form.Item label={t('answerFiles')} extra={t('answerFilesHint')}>
          {files.length > 0 && <OrderFiles order={{ ...order, files }} removable />}
          <AddFilesButton
            limits={limits.data}
            label={t('addAnswerFiles')}
            disabled={uploads.busy}
            onFiles={(files) => void uploads.add(files)}
          />
          <UploadList uploads={uploads} />
          {filesLeft && <Alert type="warning" showIcon title={t('answerFilesLeft')} style={{ marginTop: 8 }} />}
        </Form.Item>
      )}
    </FormDialog>
  );
}

/**
 * The files of an answer, each a link the office (and the unit) downloads it by; while the answer is not sent, the unit
 * may remove one (`removable`).
 */
function OrderFiles({ order, removable = false }: { order: SupervisionOrder; removable?: boolean }) {
  const t = useT(supervisionMessages);
  const { lang } = useLang();
  const { message } = App.useApp();
  const remove = useRemoveOrderFile();
  return (
    <ul aria-label={t('answerFiles')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {order.files.map((f) => (
        <li key={f.id} style={{ overflowWrap: 'anywhere' }}>
          <a href={orderFileUrl(f.id)} download={f.fileName}>
            {f.fileName}
          </a>
          {removable && (
            <Button
              size="small"
              type="text"
              danger
              loading={remove.isPending && remove.variables === f.id}
              aria-label={t('removeFileOf', { name: f.fileName })}
              onClick={() => remove.mutate(f.id, { onError: (e: unknown) => void message.error(errorText(e, lang)) })}
            >
              {t('removeFile')}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The office corrects an order the unit has not answered yet. */
function EditDialog({ order, onClose, onDone }: { order: SupervisionOrder; onClose: () => void; onDone: () => void }) {
  const t = useT(supervisionMessages);
  const [form] = Form.useForm<OrderFieldValues>();
  const edit = useEditOrder();
  return (
    <FormDialog<OrderFieldValues>
      form={form}
      title={t('editTitle', { title: order.title })}
      okText={t('editAction')}
      width={620}
      intro={<Typography.Paragraph type="secondary">{t('editHint')}</Typography.Paragraph>}
      initialValues={{ title: order.title, content: order.content, dueOn: dayjs(order.dueOn) }}
      onClose={onClose}
      sending={edit.isPending}
      error={edit.error}
      onSubmit={(v) =>
        edit.mutate({ id: order.id, body: { ...orderBody(v), version: order.version } }, { onSuccess: onDone })
      }
    >
      <OrderFields />
    </FormDialog>
  );
}

/** The office recalls (撤回) an order sent by mistake, with an optional note the unit is told. */
function RecallDialog({
  order,
  onClose,
  onDone,
}: {
  order: SupervisionOrder;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT(supervisionMessages);
  const [form] = Form.useForm<{ reason?: string }>();
  const recall = useRecallOrder();
  return (
    <FormDialog<{ reason?: string }>
      form={form}
      title={t('recallTitle', { title: order.title })}
      okText={t('recallAction')}
      intro={<Alert type="warning" showIcon title={t('recallHint')} style={{ marginBottom: 12 }} />}
      onClose={onClose}
      sending={recall.isPending}
      error={recall.error}
      onSubmit={(v) =>
        recall.mutate(
          { id: order.id, body: { version: order.version, reason: v.reason?.trim() || null } },
          { onSuccess: onDone },
        )
      }
    >
      <Form.Item name="reason" label={t('recallReason')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

export function OrdersTab() {
  const t = useT(supervisionMessages);
  const c = useT(common);
  const { lang } = useLang();
  const { abilities: can } = useSession();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<OrderStatus | undefined>();
  const [overdue, setOverdue] = useState(false);
  const orders = useSupervisionOrders({ status, overdue: overdue || undefined });
  const closeOrder = useCloseOrder();
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<{ order: SupervisionOrder; mode: 'answer' | 'return' } | null>(null);
  const [changing, setChanging] = useState<{ order: SupervisionOrder; mode: 'edit' | 'recall' } | null>(null);
  const supervises = can.supervise;
  const answers = can.answerOrders;
  const narrow = useNarrow();
  const rows = orders.data?.orders ?? [];

  /** What this reader does next with an order: answer it (the unit), close or return it (the office), or nothing. */
  const nextSteps = (o: SupervisionOrder, size?: 'small') =>
    ((answers && (o.status === 'open' || o.status === 'returned')) ||
      (supervises && (o.status === 'answered' || o.status === 'open'))) && (
      <Space size={4} wrap>
        {supervises && o.status === 'open' && (
          <>
            <Button
              size={size}
              aria-label={t('editFor', { title: o.title })}
              onClick={() => setChanging({ order: o, mode: 'edit' })}
            >
              {t('editAction')}
            </Button>
            <Button
              size={size}
              danger
              aria-label={t('recallFor', { title: o.title })}
              onClick={() => setChanging({ order: o, mode: 'recall' })}
            >
              {t('recallAction')}
            </Button>
          </>
        )}
        {answers && (o.status === 'open' || o.status === 'returned') && (
          <Button
            size={size}
            type="primary"
            aria-label={narrow ? t('answerFor', { title: o.title }) : undefined}
            onClick={() => setDialog({ order: o, mode: 'answer' })}
          >
            {t('answerAction')}
          </Button>
        )}
        {supervises && o.status === 'answered' && (
          <>
            <Button
              size={size}
              type="primary"
              aria-label={narrow ? t('closeFor', { title: o.title }) : undefined}
              onClick={() => close(o)}
            >
              {t('closeAction')}
            </Button>
            <Button
              size={size}
              aria-label={narrow ? t('returnFor', { title: o.title }) : undefined}
              onClick={() => setDialog({ order: o, mode: 'return' })}
            >
              {t('returnAction')}
            </Button>
          </>
        )}
      </Space>
    );
  const answerText = (o: SupervisionOrder) => (
    <Space orientation="vertical" size={0}>
      {o.answer && <span>{o.answer}</span>}
      {o.answeredOn && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o.answeredByName} · {o.answeredOn}
        </Typography.Text>
      )}
      {o.status === 'returned' && o.returnReason && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('returnedFor', { reason: o.returnReason })}
        </Typography.Text>
      )}
      {o.files.length > 0 && <OrderFiles order={o} />}
      {o.status === 'recalled' && o.recalledOn && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('recalledOn', { date: o.recalledOn })}
          {o.recallReason ? `：${o.recallReason}` : ''}
        </Typography.Text>
      )}
    </Space>
  );
  /** The 督办通知书 of the order, as Word, as PDF and as OFD. */
  const documents = (o: SupervisionOrder) => (
    <Space size={8} wrap>
      <a href={orderDocumentUrl(o.id, 'docx')} download aria-label={t('noticeDocxFor', { title: o.title })}>
        {t('noticeDocx')}
      </a>
      <a href={orderDocumentUrl(o.id, 'pdf')} download aria-label={t('noticePdfFor', { title: o.title })}>
        {t('noticePdf')}
      </a>
      <a href={orderDocumentUrl(o.id, 'ofd')} download aria-label={t('noticeOfdFor', { title: o.title })}>
        {t('noticeOfd')}
      </a>
    </Space>
  );
  const numberLine = (o: SupervisionOrder) =>
    o.docNumber && (
      <Typography.Text type="secondary" className="order-number" style={{ fontSize: 12 }}>
        {o.docNumber}
      </Typography.Text>
    );

  const close = (order: SupervisionOrder) =>
    modal.confirm({
      title: t('closeConfirm'),
      content: order.title,
      okText: t('closeAction'),
      onOk: () =>
        closeOrder
          .mutateAsync({ id: order.id, body: { version: order.version } })
          .catch((e: unknown) => message.error(errorText(e, lang))),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ListToolbar
        statuses={
          supervises
            ? (['open', 'answered', 'returned', 'closed', 'recalled'] as const)
            : (['open', 'answered', 'returned', 'closed'] as const)
        }
        status={status}
        onStatus={setStatus}
        filters={
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
            {t('onlyOverdue')}
          </Checkbox>
        }
        action={
          supervises && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('newOrder')}
            </Button>
          )
        }
      />
      {!supervises && !answers && <Alert type="info" showIcon title={t('readOnly')} />}
      {orders.error ? <ErrorAlert error={orders.error} onRetry={orders.refetch} /> : null}
      {narrow ? (
        <ItemCards
          label={t('ordersList')}
          rows={rows}
          rowKey={(o) => o.id}
          loading={orders.isFetching}
          empty={t('noOrders')}
          card={(o) => ({
            title: (
              <span>
                <Typography.Text strong>{o.title}</Typography.Text>
                {o.docNumber && <span style={{ display: 'block' }}>{numberLine(o)}</span>}
              </span>
            ),
            meta: (
              <>
                <span style={{ whiteSpace: 'nowrap' }}>
                  {t('dueOn')} {o.dueOn}
                  {o.overdue && <Typography.Text type="danger">（{t('overdue')}）</Typography.Text>}
                </span>
                <OrderStatusTag status={o.status} />
              </>
            ),
            detail: (
              <>
                <span style={{ display: 'block', whiteSpace: 'pre-wrap' }}>{o.content}</span>
                <span style={{ display: 'block' }}>
                  {o.unit}
                  {o.itemId && (
                    <>
                      {' · '}
                      <Link to={`/items/${o.itemId}`}>{o.itemTitle}</Link>
                    </>
                  )}
                </span>
                {(o.answer || o.returnReason || o.files.length > 0 || o.recalledOn) && answerText(o)}
                <span style={{ display: 'block' }}>{documents(o)}</span>
              </>
            ),
            action: nextSteps(o),
          })}
        />
      ) : (
        <Table<SupervisionOrder>
          rowKey="id"
          size="middle"
          loading={orders.isFetching}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('noOrders')} /> }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          columns={[
            {
              key: 'title',
              title: t('orderTitle'),
              render: (_, o) => (
                <Space orientation="vertical" size={0}>
                  {numberLine(o)}
                  <Typography.Text strong>{o.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {o.content}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              key: 'target',
              title: t('target'),
              width: 220,
              render: (_, o) => (
                <Space orientation="vertical" size={0}>
                  <span>{o.unit}</span>
                  {o.itemId && (
                    <Link to={`/items/${o.itemId}`} style={{ fontSize: 12 }}>
                      {o.itemTitle}
                    </Link>
                  )}
                </Space>
              ),
            },
            {
              key: 'due',
              title: t('dueOn'),
              width: 120,
              render: (_, o) => (
                <Space orientation="vertical" size={0}>
                  <span>{o.dueOn}</span>
                  {o.overdue && <Typography.Text type="danger">{t('overdue')}</Typography.Text>}
                </Space>
              ),
            },
            { key: 'status', title: t('status'), width: 96, render: (_, o) => <OrderStatusTag status={o.status} /> },
            {
              key: 'answer',
              title: t('answer'),
              width: 260,
              render: (_, o) => answerText(o),
            },
            {
              key: 'actions',
              title: c('actions'),
              width: 180,
              render: (_, o) => (
                <Space orientation="vertical" size={4}>
                  {nextSteps(o, 'small')}
                  {documents(o)}
                </Space>
              ),
            },
          ]}
        />
      )}
      {creating && <NewOrderDialog onClose={() => setCreating(false)} onSent={() => setCreating(false)} />}
      {dialog && <TextDialog {...dialog} onClose={() => setDialog(null)} onDone={() => setDialog(null)} />}
      {changing?.mode === 'edit' && (
        <EditDialog
          order={changing.order}
          onClose={() => setChanging(null)}
          onDone={() => {
            setChanging(null);
            message.success(t('orderEdited'));
          }}
        />
      )}
      {changing?.mode === 'recall' && (
        <RecallDialog
          order={changing.order}
          onClose={() => setChanging(null)}
          onDone={() => {
            setChanging(null);
            message.success(t('orderRecalled'));
          }}
        />
      )}
    </Space>
  );
}
