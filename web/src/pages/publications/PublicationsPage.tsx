import { Alert, App, Button, Card, DatePicker, Empty, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  type Publication,
  type PublicationPeriod,
  type PublicComment,
  useAnswerComment,
  usePublicationComments,
  usePublicationPreview,
  usePublications,
  usePublish,
  useWithdraw,
} from '../../api/queries/publications.ts';
import { usePublicationSummary } from '../../api/queries/stats.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { InspectionPicker } from '../../components/InspectionPicker.tsx';
import { ItemCards, useNarrow } from '../../components/ItemCards.tsx';
import { type LintFinding, LintFindings } from '../../components/LintFindings.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { publicationMessages, stateText } from './messages.ts';

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
const ISO = 'YYYY-MM-DD';

function Findings({ findings }: { findings: LintFinding[] }) {
  const t = useT(publicationMessages);
  return (
    <LintFindings
      findings={findings}
      text={{
        label: t('checkResult'),
        verdict: ({ errors, warnings }) =>
          errors > 0
            ? t('failed', { n: errors })
            : warnings > 0
              ? t('passedWithWarnings', { n: warnings })
              : t('passed'),
        severity: t('severity'),
        error: t('error'),
        warning: t('warning'),
        message: t('message'),
      }}
    />
  );
}

/** The period a check asks about: none at first, so the server answers with the one the unit's draft gives. */
const periodOf = (range: [Dayjs, Dayjs] | null): PublicationPeriod =>
  range ? { publicFrom: range[0].format(ISO), publicTo: range[1].format(ISO) } : {};

function PublishCard() {
  const t = useT(publicationMessages);
  const { message } = App.useApp();
  const [inspectionId, setInspectionId] = useState<number | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [asked, setAsked] = useState<PublicationPeriod>({});
  const check = usePublicationPreview(inspectionId, asked);
  const preview = check.isError ? null : (check.data ?? null);
  const publishing = usePublish();

  const checkAgain = (period: PublicationPeriod) => {
    publishing.reset();
    if (period.publicFrom === asked.publicFrom && period.publicTo === asked.publicTo) void check.refetch();
    else setAsked(period);
  };

  const choose = (id: number | null) => {
    publishing.reset();
    setInspectionId(id);
    setRange(null);
    setAsked({});
  };

  // A check without a period offers the one the unit's draft gives.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each answer that arrives, even one like the last, offers it
  useEffect(() => {
    const given = check.data;
    if (asked.publicFrom === undefined && given?.publicFrom && given.publicTo) {
      setRange([dayjs(given.publicFrom), dayjs(given.publicTo)]);
    }
  }, [check.dataUpdatedAt]);

  const publish = () => {
    if (inspectionId === null || !range) return;
    publishing.mutate(
      { inspectionId, body: { publicFrom: range[0].format(ISO), publicTo: range[1].format(ISO) } },
      { onSuccess: () => message.success(t('published')) },
    );
  };
  const busy = check.isFetching || publishing.isPending;

  const errors = preview?.findings.filter((f) => f.severity === 'error').length ?? 0;
  return (
    <Card title={t('publishTitle')} style={{ marginBottom: 16 }}>
      <Space wrap align="start" style={{ marginBottom: 12 }}>
        <InspectionPicker value={inspectionId} onChange={choose} />
        <DatePicker.RangePicker
          aria-label={t('period')}
          placeholder={[t('periodStart'), t('periodEnd')]}
          value={range}
          disabled={inspectionId === null}
          onChange={(v) => {
            const next = v?.[0] && v[1] ? ([v[0], v[1]] as [Dayjs, Dayjs]) : null;
            setRange(next);
            if (next) checkAgain(periodOf(next));
          }}
        />
        <Button disabled={inspectionId === null} loading={busy} onClick={() => checkAgain(periodOf(range))}>
          {t('check')}
        </Button>
        <Popconfirm title={t('publishConfirm')} onConfirm={publish} disabled={!range || errors > 0 || !preview}>
          <Button type="primary" disabled={!range || errors > 0 || !preview} loading={busy}>
            {t('publish')}
          </Button>
        </Popconfirm>
      </Space>
      <Typography.Paragraph type="secondary">{t('periodHint')}</Typography.Paragraph>
      <ErrorAlert error={publishing.error ?? check.error} />
      {inspectionId === null ? (
        <Typography.Text type="secondary">{t('pickFirst')}</Typography.Text>
      ) : (
        preview && (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {preview.title}
            </Typography.Title>
            {range ? (
              <Findings findings={preview.findings} />
            ) : (
              <Alert type="info" showIcon role="status" title={t('choosePeriod')} />
            )}
          </>
        )
      )}
    </Card>
  );
}

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
      {editable ? <PublishCard /> : <Alert type="info" title={t('readOnly')} style={{ marginBottom: 16 }} />}
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
                width: 90,
                render: (state: Publication['state']) => <Tag color={STATE_COLOR[state]}>{s(state)}</Tag>,
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
