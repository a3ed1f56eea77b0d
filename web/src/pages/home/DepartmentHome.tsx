import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Drawer, Flex, Form, Input, Row, Space, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { addDays, todayInChina } from '../../../../src/domain/dates.ts';
import type { WorkflowState } from '../../../../src/domain/workflow.ts';
import { query } from '../../api/client.ts';
import { type LedgerRow, useEvidenceLimits, useLedger } from '../../api/queries/items.ts';
import { useWarningStats, type WarningStats } from '../../api/queries/stats.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AddFilesButton, UploadList, uploadMessages, useProgressWithPhotos } from '../../components/FileUploads.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { common } from '../../i18n/common.ts';
import { defineMessages, useT } from '../../i18n/index.tsx';
import { itemMessages } from '../item/messages.ts';
import { TodoSection } from '../todos/TodoSection.tsx';
import { homeMessages } from './messages.ts';
import { ItemList, PageTitle, Section } from './parts.tsx';
import { DEPARTMENT_LIST_SIZE, DEPARTMENT_OPEN } from './prefetch.ts';

// The first list is the one main.tsx asks for as the app starts (prefetch.ts): the same states and size.
const [OPEN, LIST_SIZE]: [WorkflowState[], number] = [DEPARTMENT_OPEN, DEPARTMENT_LIST_SIZE];
type Colour = 'all' | 'red' | 'yellow' | 'green';
const COLOURS: Record<Exclude<Colour, 'all'>, string> = { red: '#ff4d4f', yellow: '#faad14', green: '#52c41a' };

/** The ledger filters that select one warning colour, on the same boundaries the server colours rows by. */
function colourFilter(colour: Colour, stats: WarningStats | undefined) {
  if (colour === 'all' || !stats) return {};
  const { today, thresholds } = stats;
  if (colour === 'red') return { overdue: true };
  if (colour === 'yellow') return { deadlineFrom: today, deadlineTo: addDays(today, thresholds.yellow) };
  return { deadlineFrom: addDays(today, thresholds.yellow + 1), deadlineTo: addDays(today, thresholds.green) };
}

const sheetMessages = defineMessages({
  contentRequired: [
    '请先填写进展情况再提交：进展记录不能为空',
    'Write what was done before submitting: a progress entry cannot be empty',
  ],
  placeholder: ['做了什么、到了哪一步（照片可随后添加）', 'What was done, how far it has got (photos below)'],
});

/**
 * Issue 14: on a phone, 记录进展 opens this sheet over the home page: the text (the cursor in it), 拍照/添加照片 and 提交 —
 * three taps. The entry is saved first, then the photos go up as the item's evidence of the same day, each with its bar
 * (useProgressWithPhotos, as on the item page).
 */
function ProgressSheet({ row, onClose }: { row: LedgerRow | null; onClose: () => void }) {
  const t = useT(sheetMessages);
  const u = useT(uploadMessages);
  const i = useT(itemMessages);
  const c = useT(common);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ content: string }>();
  const limits = useEvidenceLimits(row !== null).data;
  const progress = useProgressWithPhotos(limits);
  const text = useRef<TextAreaRef>(null);

  const finish = () => {
    form.resetFields();
    progress.reset();
    onClose();
  };

  const submit = async ({ content }: { content: string }) => {
    if (!row) return;
    const done = await progress.submit(row.id, { entryOn: todayInChina(), content: content.trim(), measureId: null });
    if (done) {
      message.success(i('progressSaved'));
      finish();
    }
  };

  return (
    <Drawer
      open={row !== null}
      placement="bottom"
      size="auto"
      title={i('recordProgress')}
      onClose={progress.busy ? undefined : finish}
      afterOpenChange={(open) => {
        if (open) text.current?.focus();
      }}
      footer={
        <Flex gap={8} justify="space-between" align="center" wrap>
          <AddFilesButton
            limits={limits}
            onFiles={(files) => void progress.uploads.add(files)}
            disabled={progress.uploads.busy}
          />
          <Button type="primary" onClick={() => form.submit()} loading={progress.busy} style={{ minWidth: 96 }}>
            {c('submit')}
          </Button>
        </Flex>
      }
      // As tall as its content, but never past the top of the screen: with many files the list scrolls inside.
      styles={{
        wrapper: { maxHeight: '92vh' },
        section: { maxHeight: '92vh' },
        body: { paddingTop: 12, paddingBottom: 8, minHeight: 0, overflowY: 'auto' },
      }}
    >
      {row ? (
        <Typography.Paragraph strong style={{ overflowWrap: 'anywhere', marginBottom: 8 }}>
          {row.number ? `${row.number}. ` : ''}
          {row.title}
        </Typography.Paragraph>
      ) : null}
      <ErrorAlert error={progress.record.error} />
      {progress.filesLeft ? (
        <Alert type="warning" showIcon title={u('filesLeft')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} aria-label={i('recordProgress')}>
        <Form.Item
          name="content"
          label={i('progressText')}
          rules={[{ required: true, whitespace: true, message: t('contentRequired') }]}
          style={{ marginBottom: 8 }}
        >
          <Input.TextArea
            ref={text}
            rows={4}
            maxLength={5000}
            placeholder={t('placeholder')}
            disabled={progress.saved}
          />
        </Form.Item>
      </Form>
      <div aria-live="polite">
        <UploadList uploads={progress.uploads} />
      </div>
    </Drawer>
  );
}

/** 责任部门: what I have to do, most urgent first, one click from recording progress. */
export function DepartmentHome() {
  const t = useT(homeMessages);
  const navigate = useNavigate();
  // On a phone 记录进展 opens the sheet here; on a desktop it opens the item's page with the form.
  // (useNarrow answers from the first render: antd's Grid.useBreakpoint answers later and re-renders the whole home.)
  const phone = useNarrow();
  const [sheetFor, setSheetFor] = useState<LedgerRow | null>(null);
  // The sheet (a Drawer and a form, each styled at its first render) joins the page at its first opening, not before:
  // it is not on the first screen. Once there it stays, so it closes with its motion.
  const [sheetUsed, setSheetUsed] = useState(false);
  if (sheetFor && !sheetUsed) setSheetUsed(true);
  const [colour, setColour] = useState<Colour>('all');
  const stats = useWarningStats();
  const list = useLedger(
    colour !== 'all' && !stats.data
      ? null
      : { state: OPEN, sort: 'deadline', limit: LIST_SIZE, ...colourFilter(colour, stats.data) },
  );
  const counts = stats.data?.counts;
  const thresholds = stats.data?.thresholds;
  const today = stats.data?.today ?? '';
  const rows = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  const tiles: { key: Colour; label: string; value: number | undefined; colour?: string }[] = [
    { key: 'red', label: t('red'), value: counts?.red, colour: COLOURS.red },
    {
      key: 'yellow',
      label: t('yellow', { n: thresholds?.yellow ?? 10 }),
      value: counts?.yellow,
      colour: COLOURS.yellow,
    },
    { key: 'green', label: t('green', { n: thresholds?.green ?? 20 }), value: counts?.green, colour: COLOURS.green },
    { key: 'all', label: t('allOpen'), value: counts?.open },
  ];

  return (
    <>
      <PageTitle>{t('myTasks')}</PageTitle>
      <TodoSection />
      <ErrorAlert error={stats.error} onRetry={stats.refetch} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} role="group" aria-label={t('filterBy')}>
        {tiles.map((tile) => (
          <Col key={tile.key} flex="1 1 140px">
            <Card
              size="small"
              hoverable
              role="button"
              tabIndex={0}
              aria-pressed={colour === tile.key}
              aria-label={`${tile.label}：${tile.value ?? '—'}`}
              onClick={() => setColour(tile.key)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  setColour(tile.key);
                }
              }}
              style={{
                borderColor: colour === tile.key ? (tile.colour ?? '#1677ff') : undefined,
                boxShadow: colour === tile.key ? `0 0 0 1px ${tile.colour ?? '#1677ff'}` : undefined,
              }}
            >
              <Space align="center" size={10}>
                <span
                  aria-hidden="true"
                  style={{
                    display: 'inline-block',
                    width: 12,
                    height: 12,
                    borderRadius: 6,
                    background: tile.colour ?? '#d9d9d9',
                  }}
                />
                <Typography.Text type="secondary">{tile.label}</Typography.Text>
              </Space>
              <div style={{ fontSize: 26, fontWeight: 600, color: tile.colour, marginTop: 4 }}>{tile.value ?? '—'}</div>
            </Card>
          </Col>
        ))}
      </Row>
      <Section
        title={t('taskList')}
        extra={
          <Typography.Text type="secondary">
            {t('showingOf', { shown: rows.length, total })}
            {total > rows.length && (
              <>
                {' · '}
                <Link to={`/ledger${query({ state: OPEN, sort: 'deadline' })}`}>{t('openLedger')}</Link>
              </>
            )}
          </Typography.Text>
        }
      >
        <Typography.Paragraph type="secondary">{t('myTasksHint')}</Typography.Paragraph>
        <ErrorAlert error={list.error} onRetry={list.refetch} />
        <ItemList
          label={t('myTasks')}
          rows={rows}
          loading={list.isFetching || (colour !== 'all' && !stats.data)}
          today={today}
          columns={['warning', 'aspect', 'deadline', 'state']}
          empty={colour === 'all' ? t('noTasks') : t('noTasksInColour')}
          action={{
            title: t('recordProgress'),
            render: (r) =>
              r.state === 'close_requested' ? null : (
                <Button
                  size="small"
                  type="primary"
                  ghost
                  icon={<EditOutlined />}
                  aria-label={t('recordProgressFor', { title: r.title })}
                  onClick={() => (phone ? setSheetFor(r) : navigate(`/items/${r.id}?record=1`))}
                >
                  {t('recordProgress')}
                </Button>
              ),
          }}
        />
      </Section>
      {(sheetFor || sheetUsed) && <ProgressSheet row={sheetFor} onClose={() => setSheetFor(null)} />}
    </>
  );
}
