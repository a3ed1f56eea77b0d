import { FieldTimeOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { addDays } from '../../../../src/domain/dates.ts';
import { EXTENSION_REASON_MAX, type ExtensionStatus } from '../../../../src/domain/extensions.ts';
import { type Extension, useDecideExtension, useRequestExtension } from '../../api/queries/extensions.ts';
import type { ItemDetail } from '../../api/queries/items.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { DateInput, inputMessages, notBefore, validated } from '../../components/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { itemMessages } from './messages.ts';

const STATUS_COLOR: Record<ExtensionStatus, string> = {
  unit_review: 'processing',
  office_review: 'processing',
  approved: 'success',
  refused: 'default',
};

interface RequestValues {
  deadline: Dayjs;
  reason: string;
  evidenceIds?: number[];
}

/** 申请延期: a later date, a reason, and any of the item's evidence in support. */
function RequestDialog({ item, open, onClose }: { item: ItemDetail; open: boolean; onClose: () => void }) {
  const t = useT(itemMessages);
  const m = useT(inputMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<RequestValues>();
  const ask = useRequestExtension();
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    ask.mutate(
      {
        itemId: item.id,
        body: { deadline: v.deadline.format('YYYY-MM-DD'), reason: v.reason.trim(), evidenceIds: v.evidenceIds ?? [] },
      },
      {
        onSuccess: () => {
          message.success(t('extensionRequested'));
          form.resetFields();
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('requestExtension')}
      okText={t('submitRequest')}
      okButtonProps={{ loading: ask.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t(item.flagged ? 'extensionFlowFlagged' : 'extensionFlow')}
      </Typography.Paragraph>
      <ErrorAlert error={ask.error} />
      <Form form={form} name="extension" layout="vertical">
        <Form.Item label={t('currentDeadline')}>{item.deadline ?? t('notSet')}</Form.Item>
        <Form.Item
          name="deadline"
          label={t('newDeadline')}
          rules={[
            { required: true, message: t('newDeadlineRequired') },
            // The new deadline must come after the current one; said in words, not by making the typed day vanish.
            notBefore(
              item.deadline ? addDays(item.deadline, 1) : null,
              m('dateNotLater', { field: t('newDeadline'), date: item.deadline ?? '' }),
            ),
          ]}
        >
          <DateInput format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('extensionReason')}
          rules={[{ required: true, whitespace: true, message: t('extensionReasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={EXTENSION_REASON_MAX} showCount />
        </Form.Item>
        {item.evidence.length > 0 ? (
          <Form.Item name="evidenceIds" label={t('extensionEvidence')} extra={t('extensionEvidenceHint')}>
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={item.evidence.map((e) => ({ value: e.id, label: `${e.fileName}（${e.effectiveOn}）` }))}
            />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary">{t('extensionEvidenceNone')}</Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}

/** The approver's decision on the open request: approve, or refuse with a reason. */
function DecideDialog({
  item,
  request,
  decision,
  onClose,
}: {
  item: ItemDetail;
  request: Extension;
  decision: 'approve' | 'refuse' | null;
  onClose: () => void;
}) {
  const t = useT(itemMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useDecideExtension();
  if (!decision) return null;
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    decide.mutate(
      {
        extensionId: request.id,
        itemId: item.id,
        body: { decision, note: v.note?.trim() || null, version: request.version },
      },
      {
        onSuccess: () => {
          message.success(t(decision === 'approve' ? 'extensionApproved' : 'extensionRefused'));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t(decision === 'approve' ? 'approveExtension' : 'refuseExtension')}
      okButtonProps={{ danger: decision === 'refuse', loading: decide.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={decide.error} />
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'from', label: t('currentDeadline'), children: request.fromDeadline ?? t('notSet') },
          { key: 'to', label: t('newDeadline'), children: request.toDeadline },
          { key: 'reason', label: t('extensionReason'), children: request.reason },
        ]}
      />
      <Form form={form} name="decision" layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item
          name="note"
          label={t(decision === 'approve' ? 'approveNote' : 'refusalReason')}
          rules={decision === 'refuse' ? [{ required: true, whitespace: true, message: t('noteRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The open request (with the unit or the office), if any. */
export const openExtension = (item: ItemDetail) =>
  item.extensions.find((e) => e.status === 'unit_review' || e.status === 'office_review');

/** Whether the card has anything to show or offer: no requests, no changes and no right to ask leave it out. */
export const showsExtensions = (item: ItemDetail) =>
  item.extensions.length > 0 || item.deadlineHistory.length > 0 || item.abilities.requestExtension;

/** 延期申请与时限调整: the requests, who decided them, and every change of the deadline, oldest first. */
export function ExtensionsCard({ item }: { item: ItemDetail }) {
  const t = useT(itemMessages);
  const [asking, setAsking] = useState(false);
  const [decision, setDecision] = useState<'approve' | 'refuse' | null>(null);
  const can = item.abilities;
  const open = openExtension(item);
  const evidenceName = new Map(item.evidence.map((e) => [e.id, e.fileName]));
  const nothing = item.extensions.length === 0 && item.deadlineHistory.length === 0;
  if (!showsExtensions(item)) return null;

  return (
    <Card
      title={t('extensions')}
      id="extensions"
      extra={
        <Space wrap>
          {can.decideExtension && open ? (
            <>
              <Button type="primary" onClick={() => setDecision('approve')}>
                {t('approveExtension')}
              </Button>
              <Button danger onClick={() => setDecision('refuse')}>
                {t('refuseExtension')}
              </Button>
            </>
          ) : null}
          {can.requestExtension ? (
            <Button icon={<FieldTimeOutlined />} onClick={() => setAsking(true)}>
              {t('requestExtension')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {nothing ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noExtensions')} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {item.extensions.length > 0 ? (
            <List
              size="small"
              dataSource={[...item.extensions].reverse()}
              renderItem={(e) => (
                <List.Item key={e.id}>
                  <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                    <Space wrap size={6}>
                      <Tag color={STATUS_COLOR[e.status]}>{t(`extension.${e.status}`)}</Tag>
                      <Typography.Text strong>
                        {e.fromDeadline ?? t('notSet')} → {e.toDeadline}
                      </Typography.Text>
                      {e.needsOffice ? <Tag color="red">{t('extensionNeedsOffice')}</Tag> : null}
                    </Space>
                    <Typography.Text>{e.reason}</Typography.Text>
                    {e.evidenceIds.length > 0 ? (
                      <Typography.Text type="secondary">
                        {t('extensionEvidence')}：
                        {e.evidenceIds.map((id) => evidenceName.get(id) ?? `#${id}`).join('、')}
                      </Typography.Text>
                    ) : null}
                    <Typography.Text type="secondary">
                      {t('requestedBy', { who: e.requestedByName ?? '—', at: e.requestedAt.slice(0, 10) })}
                      {e.unitDecidedByName
                        ? ` · ${t('unitDecided', { who: e.unitDecidedByName, at: (e.unitDecidedAt ?? '').slice(0, 10) })}`
                        : ''}
                      {e.officeDecidedByName
                        ? ` · ${t('officeDecided', { who: e.officeDecidedByName, at: (e.officeDecidedAt ?? '').slice(0, 10) })}`
                        : ''}
                    </Typography.Text>
                    {e.decisionNote ? (
                      <Typography.Text type="secondary">
                        {t('decisionNote')}：{e.decisionNote}
                      </Typography.Text>
                    ) : null}
                  </Space>
                </List.Item>
              )}
            />
          ) : null}
          {item.deadlineHistory.length > 0 ? (
            <div>
              <Typography.Title level={5}>{t('deadlineHistory')}</Typography.Title>
              <Timeline
                items={[
                  {
                    key: 'original',
                    children: t('historyOriginal', { date: item.deadlineHistory[0].fromDeadline ?? t('notSet') }),
                  },
                  ...item.deadlineHistory.map((h) => ({
                    key: h.id,
                    color: h.source === 'extension' ? 'blue' : 'gray',
                    children: t(h.source === 'extension' ? 'historyExtension' : 'historyEdit', {
                      date: h.toDeadline ?? t('notSet'),
                      on: h.changedOn,
                      who: h.changedByName ?? '—',
                    }),
                  })),
                ]}
              />
            </div>
          ) : null}
        </Space>
      )}
      <RequestDialog item={item} open={asking} onClose={() => setAsking(false)} />
      {open ? <DecideDialog item={item} request={open} decision={decision} onClose={() => setDecision(null)} /> : null}
    </Card>
  );
}
