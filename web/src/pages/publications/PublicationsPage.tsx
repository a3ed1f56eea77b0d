import { Alert, App, Button, Card, Empty, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  type Publication,
  type PublicComment,
  useAnswerComment,
  usePublicationComments,
  usePublications,
  useWithdraw,
} from '../../api/queries/publications.ts';
import { usePublicationSummary } from '../../api/queries/stats.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ItemCards, useNarrow } from '../../components/ItemCards.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { AwaitingNotices } from './AwaitingNotices.tsx';
import { publicationMessages, stateText } from './messages.ts';
import { PublishingCard } from './PublishingCard.tsx';

const STATE_COLOR: Record<Publication['state'], string> = {
  scheduled: 'processing',
  public: 'success',
  archived: 'default',
  withdrawn: 'error',
};
const COMMENT_COLOR: Record<PublicComment['status'], string> = {
  new: 'warning',
  answered: 'processing',
  handled: 'success',
};
const _ISO = 'YYYY-MM-DD';

function CommentCard({ comment, editable }: { comment: PublicComment; editable: boolean }) {
  const t = useT(publicationMessages);
  const s = useT(stateText);
  const { message } = App.useApp();
  const [answer, setAnswer] = useState(comment.answer ?? '');
  const saving = useAnswerComment();
  const save = (handled: boolean) =>
    saving.mutate(
      { id: comment.id, body: { version: comment.version, answer: answer.trim() === '' ? null : answer, handled } },
      { onSuccess: () => message.success(t('saved')) },
    );
  const sender = [comment.name ?? t('anonymous'), comment.contact].filter(Boolean).join(' · ');
  const answerId = `answer-${comment.id}`;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space wrap>
          <Tag color={COMMENT_COLOR[comment.status]}>{s(comment.status)}</Tag>
          <Typography.Text type="secondary">{dayjs(comment.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
          <Typography.Text>{sender}</Typography.Text>
        </Space>
      }
      extra={<Link to={`/comments/${comment.id}`}>{t('commentDetail')}</Link>}
    >
      {/* The public's words, shown as text: React escapes them, and line breaks are kept. */}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {comment.content}
      </Typography.Paragraph>
      {comment.answeredByName && comment.answeredAt && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('answeredBy', { name: comment.answeredByName, at: dayjs(comment.answeredAt).format('YYYY-MM-DD HH:mm') })}
        </Typography.Paragraph>
      )}
      {editable ? (
        <>
          <label htmlFor={answerId}>
            <Typography.Text strong>{t('answerLabel')}</Typography.Text>
          </label>
          <Input.TextArea
            id={answerId}
            value={answer}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            onChange={(e) => setAnswer(e.target.value)}
            style={{ margin: '4px 0 8px' }}
          />
          <ErrorAlert error={saving.error} />
          <Space wrap>
            <Button
              onClick={() => save(false)}
              loading={saving.isPending}
              disabled={answer.trim() === '' || answer === (comment.answer ?? '')}
            >
              {t('saveAnswer')}
            </Button>
            {comment.status !== 'handled' && (
              <Button
                type="primary"
                onClick={() => save(true)}
                loading={saving.isPending}
                disabled={answer.trim() === ''}
                title={answer.trim() === '' ? t('handledNeedsAnswer') : undefined}
              >
                {answer.trim() === '' ? t('markHandled') : t('answerAndClose')}
              </Button>
            )}
          </Space>
        </>
      ) : (
        comment.answer && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            <Typography.Text strong>{t('answer')}：</Typography.Text>
            {comment.answer}
          </Typography.Paragraph>
        )
      )}
    </Card>
  );
}

function Inbox({ publication, editable }: { publication: Publication; editable: boolean }) {
  const t = useT(publicationMessages);
  const { data, error, isPending, refetch } = usePublicationComments(publication.id);
  // On a phone the list sits a screen or more above: the chosen notice's comments come into view.
  const narrow = useNarrow();
  const here = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (narrow) here.current?.scrollIntoView({ block: 'start' });
  }, [narrow]);
  return (
    <Card
      ref={here}
      title={<span style={{ whiteSpace: 'normal' }}>{t('inboxFor', { title: publication.title })}</span>}
      loading={isPending}
      role="region"
      aria-label={t('inboxFor', { title: publication.title })}
    >
      <ErrorAlert error={error} onRetry={refetch} />
      {data && data.comments.length === 0 && <Empty description={t('noComments')} />}
      {data?.comments.map((c) => (
        <CommentCard key={`${c.id}-${c.version}`} comment={c} editable={editable} />
      ))}
    </Card>
  );
}

export default function PublicationsPage() {
  const t = useT(publicationMessages);
  const s = useT(stateText);
  const c = useT(common);
  const { abilities: can } = useSession();
  const { message } = App.useApp();
  const editable = can.editNotice;
  const list = usePublications();
  const summary = usePublicationSummary();
  const [selected, setSelected] = useState<number | null>(null);
  const withdrawal = useWithdraw();
  const withdraw = (p: Publication) =>
    withdrawal.mutateAsync({ id: p.id, body: { version: p.version } }).then(
      () => message.success(t('withdrawn')),
      () => {},
    );
  const publications = list.data?.publications ?? [];
  const current = publications.find((p) => p.id === selected) ?? null;
  const narrow = useNarrow();
  const [params] = useSearchParams();
  const initialInspection = Number(params.get('inspection')) || null;
  const correctionTag = (p: Publication) =>
    p.needsCorrection ? (
      <Tag color="warning" title={p.correctionReason ?? undefined}>
        {t('needsCorrection')}
      </Tag>
    ) : p.correctedAt ? (
      <Tag>{`${t('corrected')} ${p.correctedAt}`}</Tag>
    ) : null;
  const comments = (p: Publication) => (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setSelected(p.id)}>
      {t('commentCounts', p.comments)}
    </Button>
  );
  const withdrawButton = (p: Publication, small: boolean) =>
    editable && (p.state === 'public' || p.state === 'scheduled') ? (
      <Popconfirm title={t('withdrawConfirm')} onConfirm={() => withdraw(p)}>
        <Button danger size={small ? 'small' : undefined}>
          {t('withdraw')}
        </Button>
      </Popconfirm>
    ) : null;
  const noticeLink = (p: Publication) => (
    <a href={`/public/notices/${p.id}`} target="_blank" rel="noopener" title={t('openPublic')}>
      {p.title}
    </a>
  );
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {summary.data && (
        <Alert
          type="info"
          role="status"
          style={{ marginBottom: 16 }}
          title={t('summary', {
            published: summary.data.published,
            total: summary.data.comments.total,
            open: summary.data.comments.open,
            handled: summary.data.comments.handled,
          })}
        />
      )}
      {editable ? (
        <PublishingCard initialInspection={initialInspection} />
      ) : (
        <Alert type="info" title={t('readOnly')} style={{ marginBottom: 16 }} />
      )}
      <AwaitingNotices hideWhenEmpty />
      <Card title={t('listTitle')} style={{ marginBottom: 16 }}>
        <ErrorAlert error={list.error ?? withdrawal.error} onRetry={list.error ? list.refetch : undefined} />
        {narrow ? (
          <ItemCards
            label={t('listTitle')}
            rows={publications}
            rowKey={(p) => p.id}
            loading={list.isFetching}
            empty={t('noPublications')}
            card={(p) => ({
              title: noticeLink(p),
              meta: (
                <>
                  <span>
                    {t('period')} {p.publicFrom} ~ {p.publicTo}
                  </span>
                  <Tag color={STATE_COLOR[p.state]}>{s(p.state)}</Tag>
                  {correctionTag(p)}
                </>
              ),
              detail: p.unitName,
              action: (
                <Space wrap size={[8, 8]}>
                  <Button
                    style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'left' }}
                    onClick={() => setSelected(p.id)}
                  >
                    {t('comments')}：{t('commentCounts', p.comments)}
                  </Button>
                  {withdrawButton(p, false)}
                </Space>
              ),
            })}
          />
        ) : (
          <Table<Publication>
            size="small"
            rowKey="id"
            loading={list.isFetching}
            dataSource={publications}
            pagination={publications.length > 20 ? { pageSize: 20 } : false}
            locale={{ emptyText: t('noPublications') }}
            scroll={{ x: 1000 }}
            columns={[
              {
                title: t('notice'),
                dataIndex: 'title',
                render: (_: string, p) => noticeLink(p),
              },
              { title: c('unit'), dataIndex: 'unitName', width: 170 },
              { title: t('period'), key: 'period', width: 200, render: (_, p) => `${p.publicFrom} ~ ${p.publicTo}` },
              {
                title: t('status'),
                dataIndex: 'state',
                width: 150,
                render: (state: Publication['state'], p) => (
                  <Space size={4} wrap>
                    <Tag color={STATE_COLOR[state]}>{s(state)}</Tag>
                    {correctionTag(p)}
                  </Space>
                ),
              },
              {
                title: t('comments'),
                key: 'comments',
                width: 230,
                render: (_, p) => comments(p),
              },
              {
                title: c('actions'),
                key: 'actions',
                width: 90,
                render: (_, p) => withdrawButton(p, true),
              },
            ]}
          />
        )}
      </Card>
      {current ? (
        <Inbox key={current.id} publication={current} editable={editable} />
      ) : (
        publications.length > 0 && (
          <Card title={t('inbox')}>
            <Typography.Text type="secondary">
              {narrow ? t('pickPublicationCards') : t('pickPublication')}
            </Typography.Text>
          </Card>
        )
      )}
    </div>
  );
}
