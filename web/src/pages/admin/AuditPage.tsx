import { CheckCircleOutlined, DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  type AuditEvent,
  type ChainCheck,
  useAuditEvents,
  useExportAuditTrail,
  useVerifyAuditChain,
} from '../../api/queries/audit.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type Translate, useT } from '../../i18n/index.tsx';
import { auditMessages } from './audit-messages.ts';
import { AdminGate } from './shared.tsx';

const PAGE = 100;
const OUTCOME_COLOURS: Record<string, string> = { success: 'green', failure: 'orange', refused: 'red' };

export default function AuditPage() {
  const t = useT(auditMessages);
  return (
    <AdminGate ability="readAuditLog" reason={t('notAllowed')}>
      <AuditTrail />
    </AdminGate>
  );
}

function AuditTrail() {
  const t = useT(auditMessages);
  const { message } = App.useApp();
  const [beforeId, setBeforeId] = useState<number | undefined>(undefined);
  const events = useAuditEvents({ limit: PAGE, ...(beforeId ? { beforeId } : {}) });
  const verification = useVerifyAuditChain();
  const exporter = useExportAuditTrail();
  const rows = events.data?.events ?? [];

  const exportAs = (format: 'jsonl' | 'csv') =>
    exporter.mutate(format, { onSuccess: () => void message.success(t('exported')) });

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('intro')}
        </Typography.Paragraph>
      </div>
      <Space wrap>
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={verification.isFetching}
          onClick={() => void verification.refetch()}
        >
          {verification.isFetching ? t('verifying') : t('verify')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => exportAs('jsonl')}>
          {t('exportJsonl')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={() => exportAs('csv')}>
          {t('exportCsv')}
        </Button>
      </Space>
      {verification.data && <VerificationResult result={verification.data} t={t} />}
      {verification.error && <ErrorAlert error={verification.error} />}
      {exporter.error && <ErrorAlert error={exporter.error} />}
      {events.error && <ErrorAlert error={events.error} />}
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        loading={events.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('colSeq'), dataIndex: 'seq', width: 80 },
          {
            title: t('colAt'),
            dataIndex: 'at',
            width: 170,
            render: (at: string) => chinaTime(at),
          },
          { title: t('colActor'), dataIndex: 'actorName', width: 120, render: (name) => name ?? t('system') },
          { title: t('colAction'), dataIndex: 'action', width: 180, render: (a: string) => <code>{a}</code> },
          {
            title: t('colEntity'),
            key: 'entity',
            width: 220,
            render: (_, e) => entityText(e),
          },
          {
            title: t('colOutcome'),
            dataIndex: 'outcome',
            width: 90,
            render: (o: string | null) =>
              o ? <Tag color={OUTCOME_COLOURS[o]}>{t(`outcome_${o}` as 'outcome_success')}</Tag> : null,
          },
          {
            title: t('colOrigin'),
            key: 'origin',
            render: (_, e) =>
              [e.via ? t(`via_${e.via}` as 'via_web') : null, e.sourceAddress].filter(Boolean).join(' · '),
          },
        ]}
      />
      <Space>
        {beforeId !== undefined && <Button onClick={() => setBeforeId(undefined)}>{t('newest')}</Button>}
        <Button disabled={rows.length < PAGE} onClick={() => setBeforeId(rows[rows.length - 1]?.id)}>
          {t('older')}
        </Button>
      </Space>
    </Flex>
  );
}

/** The trail's moments in China's time, whatever the reader's computer is set to. */
const chinaTime = (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

/** Refusals and downloads name the route; changes name their record. */
function entityText(e: AuditEvent): string {
  const after = e.after as { method?: string; route?: string; file?: string | null } | null;
  if (e.entity === 'route' && after?.route)
    return `${after.method ?? ''} ${after.route}${after.file ? ` (${after.file})` : ''}`;
  return e.entityId === null ? e.entity : `${e.entity} #${e.entityId}`;
}

function VerificationResult({ result, t }: { result: ChainCheck; t: Translate<typeof auditMessages> }) {
  if (result.intact) {
    return (
      <Alert
        type={result.checkpoints.lastSeq === null ? 'warning' : 'success'}
        showIcon
        icon={<CheckCircleOutlined />}
        title={t('intact', { checked: result.checked, last: result.lastSeq, keyed: result.keyedFromSeq ?? '—' })}
        description={
          result.checkpoints.lastSeq === null || result.checkpoints.lastAt === null
            ? t('noCheckpoint')
            : t('checkpoints', {
                count: result.checkpoints.count,
                cpSeq: result.checkpoints.lastSeq,
                cpAt: chinaTime(result.checkpoints.lastAt),
              })
        }
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t('broken', { seq: result.brokenAtSeq ?? '—' })}
      description={t('brokenDetail', {
        checked: result.checked,
        problem: t(`problem_${result.problem ?? 'hash'}` as 'problem_hash'),
      })}
    />
  );
}
