import { Alert, Button, Collapse, Grid, Result, Space, Typography } from 'antd';
import { Fragment, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type ItemDetail, useItem } from '../../api/queries/items.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useT } from '../../i18n/index.tsx';
import { ClueSection } from '../clues/ClueSection.tsx';
import { ItemCommentsCard } from '../comments/ItemCommentsCard.tsx';
import { EvidenceCard } from './EvidenceCard.tsx';
import { ExtensionsCard, openExtension, showsExtensions } from './ExtensionsCard.tsx';
import { formatTime } from './format.ts';
import { HistoryCard } from './HistoryCard.tsx';
import { ItemHeader } from './ItemHeader.tsx';
import { MeasuresCard } from './MeasuresCard.tsx';
import { itemMessages } from './messages.ts';
import { OutcomesCard } from './OutcomesCard.tsx';
import { ProgressCard } from './ProgressCard.tsx';
import './item.css';

/** A missing item and one outside the user's reach look the same, so a URL reveals nothing about other units. */
function ItemNotFound() {
  const t = useT(itemMessages);
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('itemNotFound')}
      extra={
        <Link to="/ledger">
          <Button type="primary">{t('backToLedger')}</Button>
        </Link>
      }
    />
  );
}

/** 已退回: why the close-out came back, above everything else, until the item is put forward again. */
function ReturnedBanner({ returned }: { returned: { note: string; by: string | null; at: string } }) {
  const t = useT(itemMessages);
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t('returnedTitle')}
      description={
        <>
          <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {t('returnedReason', { note: returned.note })}
          </div>
          <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>
            {t('returnedBy', { by: returned.by ?? '—', at: formatTime(returned.at) })}
          </div>
        </>
      }
    />
  );
}

const isNotFound = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 400);

export default function ItemPage() {
  const { id } = useParams();
  const itemId = Number(id);
  const valid = Number.isInteger(itemId) && itemId > 0;
  const [params, setParams] = useSearchParams();
  const detail = useItem(valid ? itemId : null);
  const { abilities } = useSession();
  const item = detail.data?.id === itemId ? detail.data : undefined;

  useEffect(() => {
    if (item) document.title = `${item.number ?? ''} ${item.title}`.trim();
  }, [item]);

  if (!valid || isNotFound(detail.error)) return <ItemNotFound />;
  if (!item) return detail.error ? <ErrorAlert error={detail.error} onRetry={detail.refetch} /> : <PageLoading />;

  const recordOpen = params.get('record') === '1';
  const closeRecord = () => {
    if (!recordOpen) return;
    const next = new URLSearchParams(params);
    next.delete('record');
    setParams(next, { replace: true });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {detail.error ? <ErrorAlert error={detail.error} onRetry={detail.refetch} /> : null}
      {item.returned && <ReturnedBanner returned={item.returned} />}
      <ItemHeader item={item} />
      <ItemSections item={item} recordOpen={recordOpen} onRecordClosed={closeRecord} />
      {abilities.seeClues ? <ClueSection itemId={item.id} /> : null}
      <ItemCommentsCard itemId={item.id} />
    </Space>
  );
}

type SectionKey = 'extensions' | 'measures' | 'progress' | 'evidence' | 'outcomes' | 'history';

/**
 * What a phone shows open on arrival: the work of the day (措施, 进展, 佐证), and 延期 while a request waits for a
 * decision; 成效 and the records stay folded under headers that say how much they hold.
 */
function openOnArrival(item: ItemDetail, recordOpen: boolean): SectionKey[] {
  const open: SectionKey[] = ['measures', 'progress', 'evidence'];
  if (openExtension(item)) open.push('extensions');
  if (recordOpen && !open.includes('progress')) open.push('progress');
  return open;
}

/** Brings a section into view with its header, where a phone shows one. */
function scrollToSection(key: SectionKey) {
  const card = document.getElementById(key);
  (card?.closest('.ant-collapse-item') ?? card)?.scrollIntoView({ block: 'start' });
}

/**
 * The item's cards. On a desktop all of them, one under the other; on a phone (below md) folding sections, so the
 * part the user came for is not under three screens of records. A window narrowed from a desktop keeps all open.
 */
function ItemSections({
  item,
  recordOpen,
  onRecordClosed,
}: {
  item: ItemDetail;
  recordOpen: boolean;
  onRecordClosed: () => void;
}) {
  const t = useT(itemMessages);
  const can = item.abilities;
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const sawDesktop = useRef(false);
  if (screens.md) sawDesktop.current = true;
  const [chosen, setChosen] = useState<SectionKey[] | null>(null);

  const cards: Record<SectionKey, ReactNode> = {
    extensions: <ExtensionsCard item={item} />,
    measures: <MeasuresCard item={item} editable={can.editPlan} />,
    progress: (
      <ProgressCard item={item} canRecord={can.recordProgress} openForm={recordOpen} onFormClosed={onRecordClosed} />
    ),
    evidence: <EvidenceCard item={item} canUpload={can.addEvidence} />,
    outcomes: <OutcomesCard item={item} canAdd={can.addOutcome} />,
    history: <HistoryCard item={item} />,
  };
  const keys = (Object.keys(cards) as SectionKey[]).filter((k) => k !== 'extensions' || showsExtensions(item));
  const open = chosen ?? (sawDesktop.current ? keys : openOnArrival(item, recordOpen));

  // 记录进展 from the home page: the progress section opens and comes into view (the card itself, when it offers the
  // form, scrolls to it and puts the cursor in it).
  useEffect(() => {
    if (!recordOpen) return;
    setChosen((was) => (was && !was.includes('progress') ? [...was, 'progress'] : was));
    if (can.recordProgress) return;
    const timer = setTimeout(() => scrollToSection('progress'), 50);
    return () => clearTimeout(timer);
  }, [recordOpen, can.recordProgress]);

  // A link to a section (the header's 延期 n 次 → #extensions) opens it first, then the browser's jump finds it.
  useEffect(() => {
    const follow = () => {
      const key = window.location.hash.slice(1) as SectionKey;
      if (!keys.includes(key)) return;
      setChosen((was) => {
        const now = was ?? open;
        return now.includes(key) ? now : [...now, key];
      });
      setTimeout(() => scrollToSection(key), 50);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  });

  if (!phone)
    return (
      <>
        {keys.map((k) => (
          <Fragment key={k}>{cards[k]}</Fragment>
        ))}
      </>
    );

  const count = (n: number) => (
    <Typography.Text type="secondary" className="item-section-count">
      {t('sectionCount', { n })}
    </Typography.Text>
  );
  const pending = openExtension(item);
  const latest = item.progress[0]?.entryOn;
  const labels: Record<SectionKey, ReactNode> = {
    extensions: (
      <>
        <span>{t('extensions')}</span>
        {count(item.extensions.length)}
        {pending ? <Typography.Text type="warning"> {t('sectionPending')}</Typography.Text> : null}
      </>
    ),
    measures: (
      <>
        <span>{t('measures')}</span>
        {count(item.measures.length)}
      </>
    ),
    progress: (
      <>
        <span>{t('progress')}</span>
        {count(item.progress.length)}
        {latest ? <Typography.Text type="secondary"> {t('latestProgress', { date: latest })}</Typography.Text> : null}
      </>
    ),
    evidence: (
      <>
        <span>{t('evidence')}</span>
        {count(item.evidence.length)}
      </>
    ),
    outcomes: (
      <>
        <span>{t('outcomes')}</span>
        {count(item.outcomes.length)}
      </>
    ),
    history: (
      <>
        <span>{t('reviews')}</span>
        {count(item.reviews.length)}
        <Typography.Text type="secondary"> · {t('history')}</Typography.Text>
      </>
    ),
  };

  return (
    <Collapse
      className="item-sections"
      activeKey={open}
      onChange={(next) => setChosen(next as SectionKey[])}
      items={keys.map((k) => ({ key: k, label: labels[k], children: cards[k] }))}
    />
  );
}
