import { App, Button, Card, Descriptions, Empty, Form, Input, Result, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { todayInChina } from '../../../../src/domain/dates.ts';
import {
  type CommentDetail,
  useAddCommentRemark,
  useCommentAnswer,
  useCommentDetail,
  useLinkCommentItem,
  useTransferComment,
} from '../../api/queries/comments.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { DateInput, inputMessages, notBefore } from '../../components/forms.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { useT } from '../../i18n/index.tsx';
import { commentMessages } from './messages.ts';

type Detail = CommentDetail;
const STATUS_COLOR: Record<Detail['comment']['publicStatus'], string> = {
  received: 'warning',
  processing: 'processing',
  transferred: 'processing',
  handled: 'success',
};
const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

function TransferCard({ d }: { d: Detail }) {
  const t = useT(commentMessages);
  const m = useT(inputMessages);
  const { message } = App.useApp();
  const transfer = useTransferComment();
  const [form] = Form.useForm<{ departmentId: number; dueOn: dayjs.Dayjs; note?: string }>();
  const c = d.comment;
  const today = todayInChina();
  return (
    <Card size="small" title={t('transferTitle')} style={{ marginBottom: 12 }}>
      {c.transferDepartmentName && c.transferDueOn && (
        <Typography.Paragraph type={c.transferOverdue ? 'danger' : undefined} strong={c.transferOverdue}>
          {c.transferOverdue
            ? `${t('transferredTo', { department: c.transferDepartmentName, date: c.transferDueOn })} · ${t('transferOverdue', { date: c.transferDueOn })}`
            : t('transferredTo', { department: c.transferDepartmentName, date: c.transferDueOn })}
          {c.transferNote && (
            <>
              <br />
              <Typography.Text type="secondary">{t('transferNoteShown', { note: c.transferNote })}</Typography.Text>
            </>
          )}
        </Typography.Paragraph>
      )}
      {d.can.transfer && (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            transfer.mutate(
              {
                id: c.id,
                body: {
                  version: c.version,
                  departmentId: v.departmentId,
                  dueOn: v.dueOn.format('YYYY-MM-DD'),
                  note: v.note?.trim() || null,
                },
              },
              { onSuccess: () => message.success(t('transferred')) },
            )
          }
        >
          <Form.Item
            name="departmentId"
            label={t('department')}
            rules={[{ required: true, message: t('chooseDepartment') }]}
          >
            <Select
              placeholder={t('chooseDepartment')}
              options={d.departments.map((x) => ({ value: x.id, label: x.name }))}
              style={{ maxWidth: 320 }}
            />
          </Form.Item>
          <Form.Item
            name="dueOn"
            label={t('dueOn')}
            rules={[
              { required: true, message: t('dueOn') },
              notBefore(today, m('dateBeforeToday', { field: t('dueOn'), date: today })),
            ]}
          >
            <DateInput format="YYYY-MM-DD" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="note" label={t('transferNote')}>
            <Input maxLength={500} />
          </Form.Item>
          <ErrorAlert error={transfer.error} />
          <Button type="primary" htmlType="submit" loading={transfer.isPending}>
            {c.transferDepartmentId ? t('retransfer') : t('transfer')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function ItemCard({ d }: { d: Detail }) {
  const t = useT(commentMessages);
  const { message } = App.useApp();
  const link = useLinkCommentItem();
  const c = d.comment;
  const [itemId, setItemId] = useState<number | null>(c.itemId);
  const save = (value: number | null) =>
    link.mutate(
      { id: c.id, body: { version: c.version, itemId: value } },
      { onSuccess: () => message.success(t('linked')) },
    );
  return (
    <Card size="small" title={t('itemTitle')} style={{ marginBottom: 12 }}>
      <Typography.Paragraph>
        {c.itemId ? (
          <Link to={`/items/${c.itemId}`}>{[c.itemNumber, c.itemTitle].filter(Boolean).join(' ')}</Link>
        ) : (
          <Typography.Text type="secondary">{t('noItem')}</Typography.Text>
        )}
      </Typography.Paragraph>
      {d.can.linkItem && (
        <Space wrap style={{ width: '100%' }}>
          <Select
            aria-label={t('chooseItem')}
            placeholder={t('chooseItem')}
            showSearch={{ optionFilterProp: 'label' }}
            value={itemId ?? undefined}
            onChange={(v: number) => setItemId(v)}
            options={d.items.map((i) => ({ value: i.id, label: [i.number, i.title].filter(Boolean).join(' ') }))}
            style={{ width: 'min(420px, 80vw)' }}
          />
          <Button
            onClick={() => save(itemId)}
            disabled={itemId === null || itemId === c.itemId}
            loading={link.isPending}
          >
            {t('link')}
          </Button>
          {c.itemId && (
            <Button onClick={() => save(null)} loading={link.isPending}>
              {t('unlink')}
            </Button>
          )}
        </Space>
      )}
      <ErrorAlert error={link.error} />
    </Card>
  );
}

function AnswerCard({ d }: { d: Detail }) {
  const t = useT(commentMessages);
  const { message } = App.useApp();
  const c = d.comment;
  const [answer, setAnswer] = useState(c.answer ?? '');
  const saving = useCommentAnswer();
  const save = (handled: boolean) =>
    saving.mutate(
      { id: c.id, body: { version: c.version, answer: answer.trim() === '' ? null : answer, handled } },
      { onSuccess: () => message.success(t('saved')) },
    );
  const editable = d.can.answer || d.can.draft;
  return (
    <Card size="small" title={t('answerTitle')} style={{ marginBottom: 12 }}>
      {c.answeredByName && c.answeredAt && (
        <Typography.Paragraph type="secondary">
          {t('answeredBy', { name: c.answeredByName, at: at(c.answeredAt) })}
        </Typography.Paragraph>
      )}
      {editable ? (
        <>
          <Typography.Paragraph type="secondary">
            {d.can.answer ? t('answerHint') : t('draftHint')}
          </Typography.Paragraph>
          <Input.TextArea
            aria-label={t('answerTitle')}
            value={answer}
            maxLength={2000}
            autoSize={{ minRows: 3, maxRows: 8 }}
            onChange={(e) => setAnswer(e.target.value)}
            style={{ marginBottom: 8 }}
          />
          <ErrorAlert error={saving.error} />
          <Space wrap>
            <Button
              onClick={() => save(false)}
              loading={saving.isPending}
              disabled={answer.trim() === '' || answer === (c.answer ?? '')}
            >
              {t('saveAnswer')}
            </Button>
            {d.can.answer && c.status !== 'handled' && (
              <Button
                type="primary"
                onClick={() => save(true)}
                loading={saving.isPending}
                disabled={answer.trim() === ''}
              >
                {t('answerAndClose')}
              </Button>
            )}
          </Space>
        </>
      ) : c.answer ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {c.answer}
        </Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">{t('noAnswer')}</Typography.Text>
      )}
    </Card>
  );
}

function RemarksCard({ d }: { d: Detail }) {
  const t = useT(commentMessages);
  const { message } = App.useApp();
  const add = useAddCommentRemark();
  const [body, setBody] = useState('');
  if (!d.can.remark && d.remarks.length === 0) return null;
  return (
    <Card size="small" title={t('remarksTitle')} style={{ marginBottom: 12 }}>
      {d.remarks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noRemarks')} />
      ) : (
        <ul style={{ paddingInlineStart: 18, marginTop: 0 }}>
          {d.remarks.map((r) => (
            <li key={r.id} style={{ marginBottom: 8, overflowWrap: 'anywhere' }}>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.body}</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {r.authorName} · {at(r.createdAt)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {d.can.remark && (
        <>
          <Input.TextArea
            aria-label={t('remarkLabel')}
            placeholder={t('remarkLabel')}
            value={body}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            onChange={(e) => setBody(e.target.value)}
            style={{ marginBottom: 8 }}
          />
          <ErrorAlert error={add.error} />
          <Button
            onClick={() =>
              add.mutate(
                { id: d.comment.id, body: { body } },
                {
                  onSuccess: () => {
                    setBody('');
                    message.success(t('remarkAdded'));
                  },
                },
              )
            }
            disabled={body.trim() === ''}
            loading={add.isPending}
          >
            {t('addRemark')}
          </Button>
        </>
      )}
    </Card>
  );
}

/** Issue 15: one public comment: what was sent, its public status, 转办, the item, the answer, the supervisors' remarks. */
export default function CommentPage() {
  const t = useT(commentMessages);
  const id = Number(useParams().id);
  const narrow = useNarrow();
  const { data: d, error, isPending, refetch } = useCommentDetail(id);
  if (!Number.isInteger(id) || id < 1) return <Result status="404" />;
  if (error) return <ErrorAlert error={error} onRetry={refetch} />;
  if (isPending || !d) return <Card loading />;
  const c = d.comment;
  return (
    <div style={{ maxWidth: 900 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Tag color={STATUS_COLOR[c.publicStatus]} title={t('publicStatusHint')}>
            {t(`status_${c.publicStatus}`)}
          </Tag>
          {c.transferOverdue && c.transferDueOn && (
            <Tag color="error">{t('transferOverdue', { date: c.transferDueOn })}</Tag>
          )}
        </Space>
        <Descriptions
          size="small"
          column={1}
          layout={narrow ? 'vertical' : 'horizontal'}
          items={[
            {
              key: 'notice',
              label: t('notice'),
              children: (
                <a href={`/public/notices/${d.publication.id}`} target="_blank" rel="noopener">
                  {d.publication.title}
                </a>
              ),
            },
            { key: 'sent', label: t('sentAt'), children: at(c.createdAt) },
            {
              key: 'sender',
              label: t('sender'),
              children: [c.name ?? t('anonymous'), c.contact].filter(Boolean).join(' · '),
            },
          ]}
        />
        <Typography.Paragraph
          aria-label={t('content')}
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginTop: 8, marginBottom: 0 }}
        >
          {c.content}
        </Typography.Paragraph>
      </Card>
      {(d.can.transfer || c.transferDepartmentId !== null) && <TransferCard key={`t${c.version}`} d={d} />}
      <AnswerCard key={`a${c.version}`} d={d} />
      {(d.can.linkItem || c.itemId !== null) && <ItemCard key={`i${c.version}`} d={d} />}
      <RemarksCard d={d} />
    </div>
  );
}
