import { Alert, Button, Result, Space } from 'antd';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useItem } from '../../api/queries/items.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useT } from '../../i18n/index.tsx';
import { EvidenceCard } from './EvidenceCard.tsx';
import { ExtensionsCard } from './ExtensionsCard.tsx';
import { formatTime } from './format.ts';
import { HistoryCard } from './HistoryCard.tsx';
import { ItemHeader } from './ItemHeader.tsx';
import { MeasuresCard } from './MeasuresCard.tsx';
import { itemMessages } from './messages.ts';
import { OutcomesCard } from './OutcomesCard.tsx';
import { ProgressCard } from './ProgressCard.tsx';

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
  const item = detail.data?.id === itemId ? detail.data : undefined;

  useEffect(() => {
    if (item) document.title = `${item.number ?? ''} ${item.title}`.trim();
  }, [item]);

  if (!valid || isNotFound(detail.error)) return <ItemNotFound />;
  if (!item) return detail.error ? <ErrorAlert error={detail.error} onRetry={detail.refetch} /> : <PageLoading />;

  const can = item.abilities;
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
      <ExtensionsCard item={item} />
      <MeasuresCard item={item} editable={can.editPlan} />
      <ProgressCard item={item} canRecord={can.recordProgress} openForm={recordOpen} onFormClosed={closeRecord} />
      <EvidenceCard item={item} canUpload={can.addEvidence} />
      <OutcomesCard item={item} canAdd={can.addOutcome} />
      <HistoryCard item={item} />
    </Space>
  );
}
