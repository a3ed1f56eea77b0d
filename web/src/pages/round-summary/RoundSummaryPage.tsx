import { ArrowLeftOutlined, FileExcelOutlined, FileWordOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate, useParams } from 'react-router';
import { cellText, fenToWanYuan, SUMMARY_COLUMNS, summarySentences } from '../../../../src/domain/round-summary.ts';
import {
  type RoundReportStatus,
  type RoundSummaryRow,
  reportFileUrl,
  summaryFileUrl,
  useRoundReports,
  useRoundSummary,
} from '../../api/queries/roundSummary.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { useLang, useT } from '../../i18n/index.tsx';
import { PageTitle } from '../home/parts.tsx';
import { summaryMessages } from './messages.ts';

const NUMERIC = new Set(
  SUMMARY_COLUMNS.filter((c) => c.key !== 'unit' && c.key !== 'reportSubmittedOn' && c.key !== 'grade').map(
    (c) => c.key,
  ),
);

/**
 * Issue 15 (points 6 and 7): a round's summary upward, as the .xlsx and the .docx print it (the same figures from the
 * same query), and who has submitted their 整改情况报告. The office's and the supervisors'.
 */
export default function RoundSummaryPage() {
  const t = useT(summaryMessages);
  const { lang } = useLang();
  const navigate = useNavigate();
  const roundId = Number(useParams().id) || null;
  const summary = useRoundSummary(roundId);
  const reports = useRoundReports(roundId);
  const s = summary.data;
  // On a phone the unit's name keeps a narrower fixed column, so the figures beside it have room to scroll.
  const phone = useNarrow();
  const unitWidth = phone ? 112 : 170;
  // Fifteen columns since the clue columns (issue 15): the figures narrow so the table fits 1366 px without scrolling.
  const figureWidth = 58;

  const columns: ColumnsType<RoundSummaryRow> = SUMMARY_COLUMNS.map((c) => ({
    key: c.key,
    title: lang === 'zh' ? c.zh : c.en,
    width: c.key === 'unit' ? unitWidth : c.key === 'reportSubmittedOn' ? 104 : c.key === 'fundsFen' ? 88 : figureWidth,
    fixed: c.key === 'unit' ? ('left' as const) : undefined,
    align: c.key === 'unit' ? ('left' as const) : ('center' as const),
    render: (_: unknown, r: RoundSummaryRow) =>
      c.key === 'reportSubmittedOn' && !r.reportSubmittedOn ? (
        <Typography.Text type="warning">{t('notSubmitted')}</Typography.Text>
      ) : (
        cellText(r, c.key)
      ),
  }));

  const totalCell = (key: (typeof SUMMARY_COLUMNS)[number]['key']) => {
    if (!s) return '';
    if (key === 'unit') return t('totalsRow', { n: s.totals.units });
    if (key === 'reportSubmittedOn') return t('submittedCount', { n: s.totals.reportsSubmitted });
    if (key === 'grade') return '—';
    if (key === 'fundsFen') return fenToWanYuan(s.totals.fundsFen);
    return NUMERIC.has(key) ? String(s.totals[key]) : '';
  };

  const list = reports.data?.reports ?? [];
  const done = list.filter((r) => r.submission).length;

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button
              icon={<FileExcelOutlined />}
              href={roundId ? summaryFileUrl(roundId, 'xlsx') : undefined}
              disabled={!s}
            >
              {t('downloadXlsx')}
            </Button>
            <Button
              icon={<FileWordOutlined />}
              href={roundId ? summaryFileUrl(roundId, 'docx') : undefined}
              disabled={!s}
            >
              {t('downloadDocx')}
            </Button>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/admin/rounds')}>
              {t('backToRounds')}
            </Button>
          </Space>
        }
      >
        {s ? t('title', { round: s.roundName }) : t('titleLoading')}
      </PageTitle>
      <ErrorAlert error={summary.error} onRetry={summary.refetch} />
      {s && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">{t('asOf', { date: s.asOf })}</Typography.Text>
          {summarySentences(s).map((sentence) => (
            <Typography.Paragraph key={sentence} style={{ margin: '4px 0 0' }}>
              {sentence}
            </Typography.Paragraph>
          ))}
        </Card>
      )}
      <Card size="small" title={t('tableTitle')} style={{ marginBottom: 16 }}>
        <Table<RoundSummaryRow>
          aria-label={t('tableTitle')}
          rowKey="unitId"
          size="small"
          bordered
          loading={summary.isPending && roundId !== null}
          dataSource={s?.rows ?? []}
          columns={columns}
          pagination={false}
          // The table scrolls inside its own box on a narrow screen; the page never does.
          scroll={{ x: unitWidth + 104 + 88 + (SUMMARY_COLUMNS.length - 3) * figureWidth }}
          locale={{ emptyText: <Empty description={t('noUnits')} /> }}
          summary={() =>
            s && s.rows.length > 0 ? (
              <Table.Summary fixed>
                <Table.Summary.Row className="round-summary-totals">
                  {SUMMARY_COLUMNS.map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={i} align={c.key === 'unit' ? 'left' : 'center'}>
                      <Typography.Text strong>{totalCell(c.key)}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
      <Card
        size="small"
        title={t('reportsTitle')}
        extra={
          reports.data && <Typography.Text>{t('reportsSummary', { done, open: list.length - done })}</Typography.Text>
        }
      >
        <ErrorAlert error={reports.error} onRetry={reports.refetch} />
        <Table<RoundReportStatus>
          aria-label={t('reportsTitle')}
          rowKey="inspectionId"
          size="small"
          loading={reports.isPending && roundId !== null}
          dataSource={list}
          pagination={false}
          scroll={{ x: unitWidth + 700 }}
          columns={[
            { title: t('unit'), dataIndex: 'unitName', width: unitWidth, fixed: 'left' },
            {
              title: t('status'),
              width: 90,
              render: (_, r) =>
                r.submission ? (
                  <Tag color="success">{t('submitted')}</Tag>
                ) : (
                  <Tag color="warning">{t('notSubmitted')}</Tag>
                ),
            },
            { title: t('submittedOn'), width: 110, render: (_, r) => r.submission?.submittedOn ?? '—' },
            { title: t('docNumber'), width: 130, render: (_, r) => r.submission?.docNumber ?? '—' },
            { title: t('dueOn'), width: 110, render: (_, r) => r.reportDueOn ?? '—' },
            {
              title: t('file'),
              width: 260,
              render: (_, r) =>
                r.submission ? (
                  <Typography.Link href={reportFileUrl(r.submission.id)} target="_blank">
                    <PaperClipOutlined /> {r.submission.fileName}
                  </Typography.Link>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
