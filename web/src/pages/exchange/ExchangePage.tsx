import { DownloadOutlined, FileZipOutlined } from '@ant-design/icons';
import { Button, Card, Col, Progress, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { customaryColumnLabels } from '../../../../src/domain/ledger-columns.ts';
import { type Inspection, useInspections } from '../../api/queries/inspections.ts';
import { jobError, jobPercent, useJob } from '../../api/queries/jobs.ts';
import { useDownloadLedger, useStartBinder } from '../../api/queries/ledgerExports.ts';
import { usePlan } from '../../api/queries/plan.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { InspectionPicker } from '../../components/InspectionPicker.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useT } from '../../i18n/index.tsx';
import { LedgerImport } from './LedgerImport.tsx';
import { exchangeMessages } from './messages.ts';

/** The column names offices customarily use, from the list the importer reads. */
const CUSTOMARY_COLUMNS = customaryColumnLabels();

/** The binder is built on the server as a job: a progress bar by files while it runs, then the download link. */
function Binder({ inspection }: { inspection: Inspection }) {
  const t = useT(exchangeMessages);
  const start = useStartBinder();
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useJob(jobId).data;
  const running = start.isPending || (jobId !== null && (!job || job.status === 'queued' || job.status === 'running'));
  const total = job?.progress.total ?? null;
  return (
    <>
      <Button
        icon={<FileZipOutlined />}
        loading={running}
        onClick={() => start.mutate(inspection.id, { onSuccess: (answer) => setJobId(answer.jobId) })}
      >
        {t('exportBinder')}
      </Button>
      {running && (
        <div aria-live="polite">
          <Typography.Text>
            {total !== null ? t('binderFiles', { done: job?.progress.done ?? 0, total }) : t('binderBuilding')}
          </Typography.Text>
          <Progress percent={jobPercent(job) ?? 0} status="active" aria-label={t('binderBuilding')} />
        </div>
      )}
      {job?.status === 'succeeded' && job.download && (
        <div role="status">
          <Typography.Text type="success">{t('binderReady')}</Typography.Text>{' '}
          {/* A plain link: the browser streams the binder to disk instead of holding gigabytes in the page. */}
          <Button type="primary" size="small" href={job.download} download>
            {t('binderDownload')}
          </Button>
        </div>
      )}
      <ErrorAlert error={start.error ?? (job ? jobError(job) : null)} />
    </>
  );
}

function Exports({ inspection }: { inspection: Inspection }) {
  const t = useT(exchangeMessages);
  const exporting = useDownloadLedger();
  return (
    <Card size="small" title={t('exportTitle')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting.isPending}
          onClick={() => exporting.mutate(inspection.id)}
        >
          {t('exportLedger')}
        </Button>
        <Binder key={inspection.id} inspection={inspection} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('binderNote')}
        </Typography.Text>
        <ErrorAlert error={exporting.error} />
      </Space>
    </Card>
  );
}

function ImportSection({ inspection }: { inspection: Inspection }) {
  const t = useT(exchangeMessages);
  // The plan's lists are the unit's own departments and people, the same ones the importer matches names against.
  const choices = usePlan(inspection.id);
  if (choices.error && !choices.data) return <ErrorAlert error={choices.error} onRetry={choices.refetch} />;
  if (!choices.data) return <PageLoading />;
  if (!choices.data.rights.importLedger) {
    return (
      <Card size="small" title={t('importTitle')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('importNotYours')}
        </Typography.Paragraph>
      </Card>
    );
  }
  return (
    <LedgerImport key={inspection.id} inspection={inspection} choices={choices.data} loading={choices.isFetching} />
  );
}

function ColumnHelp() {
  const t = useT(exchangeMessages);
  return (
    <Card size="small" title={t('helpTitle')}>
      <Typography.Paragraph style={{ fontSize: 13 }}>{t('helpText')}</Typography.Paragraph>
      <Space size={[4, 6]} wrap style={{ marginBottom: 12 }}>
        {CUSTOMARY_COLUMNS.map((name) => (
          <Tag key={name}>{name}</Tag>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
        {t('helpMore')}
      </Typography.Paragraph>
    </Card>
  );
}

export default function ExchangePage() {
  const t = useT(exchangeMessages);
  const [params, setParams] = useSearchParams();
  const inspections = useInspections().data?.inspections;
  const inspectionId = Number(params.get('inspectionId')) || null;
  const inspection = inspections?.find((i) => i.id === inspectionId) ?? null;
  const choose = (id: number | null) => setParams(id === null ? {} : { inspectionId: String(id) }, { replace: true });

  // A unit sees one inspection as a rule: open it rather than ask.
  // biome-ignore lint/correctness/useExhaustiveDependencies: choose only writes the URL
  useEffect(() => {
    if (inspectionId === null && inspections?.length === 1) choose(inspections[0].id);
  }, [inspectionId, inspections]);

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <div style={{ marginBottom: 16 }}>
        <InspectionPicker value={inspectionId} onChange={choose} />
      </div>
      {!inspection ? (
        <Typography.Paragraph>{t('pickFirst')}</Typography.Paragraph>
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <ImportSection inspection={inspection} />
          </Col>
          <Col xs={24} xl={8}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Exports inspection={inspection} />
              <ColumnHelp />
            </Space>
          </Col>
        </Row>
      )}
    </div>
  );
}
