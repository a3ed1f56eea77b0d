import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  type PublicationPeriod,
  type PublicationVersion,
  type Publishing,
  usePrepareDraft,
  usePublicationPreview,
  usePublishing,
  useVersionStep,
  useVersionText,
  type VersionState,
} from '../../api/queries/publications.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { InspectionPicker } from '../../components/InspectionPicker.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { type LintFinding, LintFindings } from '../../components/LintFindings.tsx';
import { useT } from '../../i18n/index.tsx';
import { publicationMessages, versionStateText } from './messages.ts';

const ISO = 'YYYY-MM-DD';
export const VERSION_COLOR: Record<VersionState, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'processing',
  returned: 'warning',
  published: 'success',
  superseded: 'default',
};
const at = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

function Findings({ findings, correction }: { findings: LintFinding[]; correction: boolean }) {
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
              : correction
                ? t('passedCorrection')
                : t('passed'),
        severity: t('severity'),
        error: t('error'),
        warning: t('warning'),
        message: t('message'),
      }}
    />
  );
}

const periodOf = (range: [Dayjs, Dayjs] | null): PublicationPeriod =>
  range ? { publicFrom: range[0].format(ISO), publicTo: range[1].format(ISO) } : {};

/** The publisher's part: the one period, the check, and 生成草稿 (or 生成更正稿 when the notice is public already). */
function Prepare({ inspectionId, publishing }: { inspectionId: number; publishing: Publishing }) {
  const t = useT(publicationMessages);
  const { message } = App.useApp();
  const correction = publishing.prepares === 'correction';
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [asked, setAsked] = useState<PublicationPeriod>({});
  const check = usePublicationPreview(inspectionId, asked);
  const preview = check.isError ? null : (check.data ?? null);
  const preparing = usePrepareDraft();
  const checkAgain = (period: PublicationPeriod) => {
    preparing.reset();
    if (period.publicFrom === asked.publicFrom && period.publicTo === asked.publicTo) void check.refetch();
    else setAsked(period);
  };
  // A check without a period offers the one the notice already states.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each answer that arrives offers it
  useEffect(() => {
    const given = check.data;
    if (asked.publicFrom === undefined && given?.publicFrom && given.publicTo) {
      setRange([dayjs(given.publicFrom), dayjs(given.publicTo)]);
    }
  }, [check.dataUpdatedAt]);
  const errors = preview?.findings.filter((f) => f.severity === 'error').length ?? 0;
  const busy = check.isFetching || preparing.isPending;
  const prepare = () => {
    if (!range) return;
    preparing.mutate(
      { inspectionId, body: { publicFrom: range[0].format(ISO), publicTo: range[1].format(ISO) } },
      { onSuccess: () => message.success(t('draftSaved')) },
    );
  };
  return (
    <section aria-label={correction ? t('prepareCorrection') : t('prepareDraft')}>
      {correction && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('correctionHint')} />}
      <Space wrap align="start" style={{ marginBottom: 8 }}>
        <DatePicker.RangePicker
          aria-label={t('period')}
          placeholder={[t('periodStart'), t('periodEnd')]}
          value={range}
          onChange={(v) => {
            const next = v?.[0] && v[1] ? ([v[0], v[1]] as [Dayjs, Dayjs]) : null;
            setRange(next);
            if (next) checkAgain(periodOf(next));
          }}
        />
        <Button loading={busy} onClick={() => checkAgain(periodOf(range))}>
          {t('check')}
        </Button>
        <Button type="primary" disabled={!range || errors > 0 || !preview} loading={busy} onClick={prepare}>
          {correction ? t('prepareCorrection') : t('prepareDraft')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('periodHint')}</Typography.Paragraph>
      <ErrorAlert error={preparing.error ?? check.error} />
      {preview && (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {preview.title}
          </Typography.Title>
          {range ? (
            <Findings findings={preview.findings} correction={correction} />
          ) : (
            <Alert type="info" showIcon role="status" title={t('choosePeriod')} />
          )}
        </>
      )}
    </section>
  );
}

/** A version on its way: where it stands, who did what, its text, and the reader's steps (from the server). */
function OpenVersion({ v }: { v: PublicationVersion }) {
  const t = useT(publicationMessages);
  const vs = useT(versionStateText);
  const { message } = App.useApp();
  const step = useVersionStep();
  const [reason, setReason] = useState('');
  const [showText, setShowText] = useState(false);
  const text = useVersionText(showText ? v.id : null);
  const act = (action: 'submit' | 'approve' | 'return') =>
    step.mutate(
      { id: v.id, action, version: v.version, reason: action === 'return' ? reason : undefined },
      { onSuccess: (r) => message.success(t(`done_${r.state}`)) },
    );
  const approve = v.events.find((e) => e === 'approve_unit' || e === 'approve_office');
  const returns = v.events.some((e) => e === 'return_unit' || e === 'return_office');
  const approveLabel = approve === 'approve_unit' && v.needsOffice ? t('approveToOffice') : t('approvePublish');
  return (
    <Card
      size="small"
      type="inner"
      style={{ marginBottom: 12 }}
      title={
        <Flex wrap gap={8} align="center" style={{ whiteSpace: 'normal' }}>
          <Tag color={VERSION_COLOR[v.state]}>{vs(v.state)}</Tag>
          <span>{v.number > 1 ? t('correctionNumber', { n: v.number }) : t('firstVersion')}</span>
        </Flex>
      }
    >
      {v.state === 'returned' && v.returnReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('returnedBy', { name: v.returnedByName ?? '', reason: v.returnReason })}
        />
      )}
      <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('period')}>
          {v.publicFrom} ~ {v.publicTo}
        </Descriptions.Item>
        <Descriptions.Item label={t('preparedBy')}>
          {v.preparedByName} {at(v.preparedAt)}
        </Descriptions.Item>
        {v.submittedAt && <Descriptions.Item label={t('submittedAt')}>{at(v.submittedAt)}</Descriptions.Item>}
        {v.leaderAt && (
          <Descriptions.Item label={t('leaderApproved')}>
            {v.leaderByName} {at(v.leaderAt)}
          </Descriptions.Item>
        )}
        {v.needsOffice && (
          <Descriptions.Item label={t('officeApproved')}>
            {v.officeAt ? `${v.officeByName ?? ''} ${at(v.officeAt)}` : t('officePending')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <ErrorAlert error={step.error} />
      <Flex wrap gap={8} align="center">
        <Button onClick={() => setShowText((s) => !s)}>{showText ? t('hideText') : t('showText')}</Button>
        {v.events.includes('submit') && (
          <Button type="primary" loading={step.isPending} onClick={() => act('submit')}>
            {t('submit')}
          </Button>
        )}
        {approve && (
          <Popconfirm title={t('approveConfirm')} onConfirm={() => act('approve')}>
            <Button type="primary" loading={step.isPending}>
              {approveLabel}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {returns && (
        <Flex wrap gap={8} style={{ marginTop: 8 }}>
          <Input
            aria-label={t('returnReason')}
            placeholder={t('returnReason')}
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            style={{ flex: '1 1 200px', minWidth: 0 }}
          />
          <Button danger disabled={reason.trim() === ''} loading={step.isPending} onClick={() => act('return')}>
            {t('return')}
          </Button>
        </Flex>
      )}
      {showText && (
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginTop: 12, maxHeight: 360, overflow: 'auto' }}
        >
          {text.data?.text ?? ''}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** Every version of the inspection's notice, newest first: the internal history. */
function History({ history, publicationId }: { history: PublicationVersion[]; publicationId: number }) {
  const t = useT(publicationMessages);
  const vs = useT(versionStateText);
  // The current address's versions only: a notice withdrawn earlier had its own address and history.
  const kept = history.filter(
    (v) => v.publicationId === publicationId && (v.state === 'published' || v.state === 'superseded'),
  );
  if (kept.length === 0) return null;
  return (
    <section aria-label={t('history')}>
      <Typography.Title level={5}>{t('history')}</Typography.Title>
      <ul className="publication-history">
        {kept.map((v) => (
          <li key={v.id}>
            <Flex wrap gap={8} align="center">
              <span>{t('versionN', { n: v.number })}</span>
              <Tag color={VERSION_COLOR[v.state]}>{vs(v.state)}</Tag>
              <Typography.Text type="secondary">
                {t('publishedOn', { at: at(v.publishedAt) })}
                {v.leaderByName ? ` · ${t('approvedBy', { name: v.leaderByName })}` : ''}
                {v.officeByName ? ` · ${v.officeByName}` : ''}
              </Typography.Text>
              {v.publicationId !== null && v.state === 'superseded' && (
                <a href={`/public/notices/${v.publicationId}/versions/${v.number}`} target="_blank" rel="noopener">
                  {t('openVersion')}
                </a>
              )}
            </Flex>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * 发布公告 as a workflow (issue 15): choose the inspection; see its current notice (and whether it needs a
 * correction), the version on its way with the reader's steps, the history; prepare a draft — a correction when the
 * notice is public already, never "可以发布" followed by a refusal.
 */
export function PublishingCard({ initialInspection }: { initialInspection: number | null }) {
  const t = useT(publicationMessages);
  const [inspectionId, setInspectionId] = useState<number | null>(initialInspection);
  const publishing = usePublishing(inspectionId);
  const p = publishing.data;
  const narrow = useNarrow();
  const editableOpen = !p?.open || p.open.state === 'draft' || p.open.state === 'returned';
  return (
    <Card title={t('publishTitle')} style={{ marginBottom: 16 }}>
      <div style={{ marginBottom: 12, maxWidth: narrow ? '100%' : 480 }}>
        <InspectionPicker value={inspectionId} onChange={setInspectionId} />
      </div>
      <ErrorAlert error={publishing.error} onRetry={publishing.refetch} />
      {inspectionId === null && <Typography.Text type="secondary">{t('pickFirst')}</Typography.Text>}
      {p && (
        <>
          {p.current && (
            <Alert
              type={p.current.needsCorrection ? 'warning' : 'success'}
              showIcon
              style={{ marginBottom: 12 }}
              title={
                <span style={{ overflowWrap: 'anywhere' }}>
                  {t('currentIs', { n: p.current.shownVersion })}
                  <a href={`/public/notices/${p.current.id}`} target="_blank" rel="noopener">
                    {p.current.title}
                  </a>
                  {p.current.correctedAt ? ` · ${t('correctedOn', { at: p.current.correctedAt })}` : ''}
                </span>
              }
              description={
                p.current.needsCorrection
                  ? t('needsCorrectionBecause', { reason: p.current.correctionReason ?? '' })
                  : undefined
              }
            />
          )}
          {p.open && <OpenVersion key={`${p.open.id}-${p.open.version}`} v={p.open} />}
          {p.mayPrepare && editableOpen && (
            <Prepare key={inspectionId} inspectionId={inspectionId as number} publishing={p} />
          )}
          {!editableOpen && p.mayPrepare && (
            <Typography.Paragraph type="secondary">{t('inReview')}</Typography.Paragraph>
          )}
          {p.current && <History history={p.history} publicationId={p.current.id} />}
        </>
      )}
    </Card>
  );
}
