import { App, Descriptions, Form, Input, List, Modal, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import { closeRequestGaps, type WorkflowEvent } from '../../../../src/domain/workflow.ts';
import { evidenceFileUrl, type ItemDetail, useTransition } from '../../api/queries/items.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { validated } from '../../components/forms.tsx';
import { statusMessages } from '../../components/messages.ts';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from './format.ts';
import { itemMessages } from './messages.ts';

/** Which note each move asks for, and whether the domain refuses the move without it. */
const NOTE: Record<WorkflowEvent, { label: keyof typeof itemMessages; required: boolean } | null> = {
  start: null,
  request_close: { label: 'verificationNote', required: true },
  withdraw: { label: 'withdrawNote', required: false },
  approve: { label: 'approveNote', required: false },
  confirm: { label: 'confirmNote', required: false },
  return: { label: 'returnReason', required: true },
  reopen: { label: 'reopenFinding', required: true },
};

/** What the dialog says will happen, for the moves whose consequence is not in their name. */
const EXPLAIN: Partial<Record<WorkflowEvent, keyof typeof itemMessages>> = {
  start: 'startExplain',
  request_close: 'requestExplain',
  withdraw: 'withdrawExplain',
};

/** The reviewers' moves: they decide on the department's note, files and measures, shown beside the buttons. */
const REVIEWS: WorkflowEvent[] = ['approve', 'confirm', 'return'];

/** The request under review: its 核查说明, the evidence and the measures, as the reviewer decides on them. */
function RequestUnderReview({ item }: { item: ItemDetail }) {
  const t = useT(itemMessages);
  const requestIndex = item.reviews.findLastIndex((r) => r.event === 'request_close');
  const request = item.reviews[requestIndex];
  // The office confirms after the unit leader: their words on this request belong beside the department's.
  const approval = item.reviews.slice(requestIndex + 1).find((r) => r.event === 'approve');
  return (
    <section aria-label={t('reviewContext')} style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'note',
            label: t('requestedNote'),
            children: request ? (
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                  {request.note}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  {t('requestedByAt', { who: request.actor ?? '—', at: formatTime(request.createdAt) })}
                </Typography.Text>
              </>
            ) : (
              t('noRequestNote')
            ),
          },
          ...(approval && requestIndex >= 0
            ? [
                {
                  key: 'approval',
                  label: t('unitReview'),
                  children: (
                    <>
                      {approval.note ? (
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                          {approval.note}
                        </Typography.Paragraph>
                      ) : null}
                      <Typography.Text type="secondary">
                        {t('approvedByAt', { who: approval.actor ?? '—', at: formatTime(approval.createdAt) })}
                      </Typography.Text>
                    </>
                  ),
                },
              ]
            : []),
          {
            key: 'evidence',
            label: t('reviewEvidence', { n: item.evidence.length }),
            children: (
              <List
                size="small"
                split={false}
                dataSource={item.evidence}
                locale={{ emptyText: t('noEvidence') }}
                renderItem={(e) => (
                  <List.Item style={{ padding: '2px 0', display: 'block' }}>
                    <a href={evidenceFileUrl(e.id)} target="_blank" rel="noreferrer">
                      {e.fileName}
                    </a>
                    {e.note ? <Typography.Text type="secondary"> · {e.note}</Typography.Text> : null}
                  </List.Item>
                )}
              />
            ),
          },
          {
            key: 'measures',
            label: t('reviewMeasures', { n: item.measures.length }),
            children: (
              <List
                size="small"
                split={false}
                dataSource={item.measures}
                renderItem={(m, i) => (
                  <List.Item style={{ padding: '2px 0', display: 'block' }}>
                    {i + 1}. {m.content}{' '}
                    <Typography.Text type="secondary">
                      （{m.completedOn ? t('measureDone', { on: m.completedOn }) : t('measureOpen')}）
                    </Typography.Text>
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
    </section>
  );
}

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
  const typedNote = Form.useWatch('note', form);

  useEffect(() => {
    if (event) {
      reset();
      form.resetFields();
    }
  }, [event, form, reset]);

  if (!event) return null;
  const note = NOTE[event];
  const explain = EXPLAIN[event];
  // The server's own rule, so the button is enabled exactly when the request would be accepted.
  const gaps =
    event === 'request_close' ? closeRequestGaps({ evidenceCount: item.evidence.length, note: typedNote }) : [];
  const reviewing = REVIEWS.includes(event);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
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
      okButtonProps={{
        danger: event === 'return',
        loading: move.isPending,
        disabled: gaps.length > 0,
        title: gaps.length > 0 ? gaps.map((g) => t(`needs_${g}`)).join('；') : undefined,
      }}
      onOk={submit}
      onCancel={onClose}
      width={reviewing ? 'min(760px, calc(100vw - 32px))' : undefined}
      footer={(buttons) => (
        <>
          {gaps.length > 0 ? (
            <Typography.Text type="warning" role="status" style={{ marginRight: 12 }}>
              {gaps.map((g) => t(`needs_${g}`)).join('；')}
            </Typography.Text>
          ) : null}
          {buttons}
        </>
      )}
      destroyOnHidden
    >
      {explain ? <Typography.Paragraph>{t(explain)}</Typography.Paragraph> : null}
      {reviewing ? <RequestUnderReview item={item} /> : null}
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
