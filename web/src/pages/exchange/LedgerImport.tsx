import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  List,
  Popconfirm,
  Progress,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import type { Inspection } from '../../api/queries/inspections.ts';
import { type Job, jobError, jobPercent, useJob } from '../../api/queries/jobs.ts';
import {
  type AspectSuggestion,
  isImportStarted,
  type LedgerImportCheck,
  type LedgerImportDone,
  type LedgerImportError,
  type LedgerImportRow,
  type Mapping,
  refusedImport,
  type UnmatchedNames,
  useDownloadTemplate,
  useImportFinished,
  useLedgerImport,
  useLedgerImports,
  useUndoImport,
} from '../../api/queries/ledgerImports.ts';
import type { Plan } from '../../api/queries/plan.ts';
import { AppLinkButton } from '../../components/AppLinkButton.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { localise, useLang, useT } from '../../i18n/index.tsx';
import { exchangeMessages } from './messages.ts';

type Phase = 'idle' | 'checking' | 'checked' | 'importing' | 'done';

type Names = UnmatchedNames;

/**
 * Every name any check of this file reported keeps its choice: once mapped, a name is no longer reported as unmatched,
 * but the import still needs the mapping for it. A person left blank keeps only the name.
 */
function mappingFor(names: Names, chosen: Mapping): Mapping {
  return {
    departments: Object.fromEntries(names.departments.map((n) => [n, chosen.departments[n] ?? null])),
    people: Object.fromEntries(names.people.map((n) => [n, chosen.people[n]?.trim() || null])),
    aspects: chosen.aspects,
  };
}

const NO_CHOICES: Mapping = { departments: {}, people: {}, aspects: {} };

const mergeNames = (a: Names, b: Names): Names => ({
  departments: [...new Set([...a.departments, ...b.departments])],
  people: [...new Set([...a.people, ...b.people])],
});
const NO_NAMES: Names = { departments: [], people: [] };

function ErrorsTable({ errors }: { errors: LedgerImportError[] }) {
  const t = useT(exchangeMessages);
  const { lang } = useLang();
  return (
    <Table<LedgerImportError>
      size="small"
      tableLayout="fixed"
      pagination={errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      rowKey={(e, i) => `${e.sheet}-${e.row}-${e.column}-${i}`}
      dataSource={errors}
      columns={[
        { title: t('sheet'), dataIndex: 'sheet', width: 120, ellipsis: true },
        { title: t('row'), dataIndex: 'row', width: 60, render: (r: number | null) => r ?? '—' },
        { title: t('column'), dataIndex: 'column', width: 150, render: (c: string | null) => c ?? '—' },
        { title: t('problem'), dataIndex: 'message', render: (m: string) => localise(m, lang) },
      ]}
    />
  );
}

/** One column of names the file used, each beside the choice of what it stands for here. */
function NameChoices({
  title,
  names,
  choose,
}: {
  title: string;
  names: string[];
  choose: (name: string) => ReactNode;
}) {
  if (names.length === 0) return null;
  return (
    <Col xs={24} lg={12}>
      <Typography.Text strong>{title}</Typography.Text>
      {names.map((name) => (
        <Row key={name} gutter={8} align="middle" style={{ marginTop: 8 }}>
          <Col span={9}>
            <Typography.Text>{name}</Typography.Text>
          </Col>
          <Col span={15}>{choose(name)}</Col>
        </Row>
      ))}
    </Col>
  );
}

type Status = LedgerImportRow['status'];
const STATUS_COLOUR: Record<Status, string> = { new: 'green', same: 'default', update: 'blue', error: 'red' };
const STATUS_WORD = { new: 'statusNew', same: 'statusSame', update: 'statusUpdate', error: 'statusError' } as const;
const FIELD_WORD = {
  title: 'fieldTitle',
  kind: 'fieldKind',
  deadline: 'fieldDeadline',
  responsibleLeader: 'fieldResponsibleLeader',
  leadDepartment: 'fieldLeadDepartment',
} as const;

/** What the preview says of one row: the item it matches or the number it gets, each change old → new, or why not. */
function RowDetail({ row }: { row: LedgerImportRow }) {
  const t = useT(exchangeMessages);
  const { lang } = useLang();
  const lines: ReactNode[] = [];
  if (row.match) {
    lines.push(
      t('matchedBy', {
        number: row.match.number ?? '',
        title: row.match.title,
        by: t(row.match.by === 'number' ? 'byNumber' : 'byTitle'),
      }),
    );
  } else if (row.status === 'new') lines.push(t('newNumbered', { number: row.number ?? '' }));
  for (const c of row.changes) {
    lines.push(`${t(FIELD_WORD[c.field])}：${c.from ?? t('blank')} → ${c.to ?? t('blank')}`);
  }
  for (const e of row.errors) lines.push(<Typography.Text type="danger">{localise(e, lang)}</Typography.Text>);
  return (
    <Space orientation="vertical" size={0}>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one row, in a fixed order
        <span key={i}>{line}</span>
      ))}
    </Space>
  );
}

/** Every row of the file with its class — a table on a wide screen, cards on a phone — filtered by class. */
function PreviewRows({ summary }: { summary: LedgerImportCheck }) {
  const t = useT(exchangeMessages);
  const wide = !useNarrow();
  const [shown, setShown] = useState<Status | 'all'>('all');
  const rows = shown === 'all' ? summary.rows : summary.rows.filter((r) => r.status === shown);
  const tag = (status: Status) => <Tag color={STATUS_COLOUR[status]}>{t(STATUS_WORD[status])}</Tag>;
  const filters: { value: Status | 'all'; label: string }[] = [
    { value: 'all', label: `${t('statusAll')} ${summary.rows.length}` },
    ...(['new', 'update', 'same', 'error'] as const).map((s) => ({
      value: s,
      label: `${t(STATUS_WORD[s])} ${summary.counts[s]}`,
    })),
  ];
  return (
    <section aria-label={t('previewTitle')}>
      <Typography.Title level={5}>{t('previewTitle')}</Typography.Title>
      {wide ? (
        <Segmented<Status | 'all'> value={shown} onChange={setShown} style={{ marginBottom: 8 }} options={filters} />
      ) : (
        // A Segmented scrolls sideways on a phone and hides 错误, the one the clerk most needs: chips wrap instead.
        <Flex wrap gap={6} style={{ marginBottom: 8 }} role="group" aria-label={t('previewFilter')}>
          {filters.map((f) => (
            <Button
              key={f.value}
              aria-pressed={shown === f.value}
              type={shown === f.value ? 'primary' : 'default'}
              onClick={() => setShown(f.value)}
            >
              {f.label}
            </Button>
          ))}
        </Flex>
      )}
      {wide ? (
        <Table<LedgerImportRow>
          size="small"
          tableLayout="fixed"
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          rowKey={(r) => `${r.sheet}-${r.row}`}
          dataSource={rows}
          columns={[
            { title: t('row'), dataIndex: 'row', width: 56 },
            { title: t('colNumber'), dataIndex: 'number', width: 60, render: (n: string | null) => n ?? '—' },
            { title: t('colTitle'), dataIndex: 'title', ellipsis: true },
            { title: t('colStatus'), dataIndex: 'status', width: 80, render: tag },
            { title: t('colDetail'), key: 'detail', render: (_: unknown, r) => <RowDetail row={r} /> },
          ]}
        />
      ) : (
        <List<LedgerImportRow>
          size="small"
          bordered
          pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
          dataSource={rows}
          rowKey={(r) => `${r.sheet}-${r.row}`}
          renderItem={(r) => (
            <List.Item>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space size={6} wrap>
                  {tag(r.status)}
                  <Typography.Text strong>{r.title}</Typography.Text>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('row')} {r.row}
                </Typography.Text>
                <RowDetail row={r} />
              </Space>
            </List.Item>
          )}
        />
      )}
      {summary.rowsOmitted > 0 && (
        <Typography.Paragraph type="secondary">{t('previewOmitted', { n: summary.rowsOmitted })}</Typography.Paragraph>
      )}
    </section>
  );
}

/** "Did you mean …": each aspect written otherwise than the round names it, confirmed (or not) by the user. */
function AspectChoices({
  suggestions,
  chosen,
  choose,
}: {
  suggestions: AspectSuggestion[];
  chosen: Record<string, number>;
  choose: (written: string, aspectId: number | null) => void;
}) {
  const t = useT(exchangeMessages);
  if (suggestions.length === 0) return null;
  return (
    <section aria-label={t('aspectsTitle')} style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('aspectsTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('aspectsHint')}</Typography.Paragraph>
      {suggestions.map((s) => (
        <div key={s.written} style={{ marginBottom: 8 }}>
          <Typography.Text>{t('didYouMean', { written: s.written, aspect: s.aspectName })}</Typography.Text>{' '}
          <Checkbox
            checked={chosen[s.written] === s.aspectId}
            onChange={(e) => choose(s.written, e.target.checked ? s.aspectId : null)}
          >
            {t('confirmAspect')}
          </Checkbox>
        </div>
      ))}
    </section>
  );
}

const chinaTime = (at: string) =>
  new Date(at).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }).replace(/:\d\d$/, '');

/** The inspection's recent imports; one still within its day is undone here (撤销导入), after a confirmation. */
export function ImportHistory({ inspection }: { inspection: Inspection }) {
  const t = useT(exchangeMessages);
  const imports = useLedgerImports(inspection.id);
  const undo = useUndoImport(inspection.id);
  if (imports.error && !imports.data) return <ErrorAlert error={imports.error} onRetry={imports.refetch} />;
  if (!imports.data) return null;
  return (
    <Card size="small" title={t('historyTitle')} style={{ marginTop: 16 }}>
      {undo.data && (
        <Alert type="success" showIcon role="status" title={t('undoDone', undo.data)} style={{ marginBottom: 12 }} />
      )}
      <ErrorAlert error={undo.error} />
      {imports.data.length === 0 ? (
        <Typography.Text type="secondary">{t('historyEmpty')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={imports.data}
          rowKey="id"
          renderItem={(record) => (
            <List.Item
              actions={
                record.undoableUntil
                  ? [
                      <Popconfirm
                        key="undo"
                        title={t('undoConfirm')}
                        okText={t('yes')}
                        cancelText={t('no')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => undo.mutate(record.id)}
                      >
                        <Button size="small" danger loading={undo.isPending && undo.variables === record.id}>
                          {t('undo')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : record.undoneAt
                    ? [<Tag key="undone">{t('undone')}</Tag>]
                    : []
              }
            >
              <Space orientation="vertical" size={0}>
                <Typography.Text>
                  {t('historyLine', {
                    at: chinaTime(record.createdAt),
                    who: record.actorName,
                    file: record.fileName,
                    created: record.itemsCreated,
                    updated: record.itemsUpdated,
                  })}
                </Typography.Text>
                {record.undoableUntil && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('undoUntil', { at: chinaTime(record.undoableUntil) })}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The import job's progress: rows read while the server checks the file, then items written of all of them. */
function JobProgress({ job }: { job: Job | undefined }) {
  const t = useT(exchangeMessages);
  const percent = jobPercent(job);
  const label =
    job?.phase === 'write' && job.progress.total !== null
      ? t('jobWriting', { done: job.progress.done, total: job.progress.total })
      : job?.status === 'queued' || !job
        ? t('jobQueued')
        : t('jobReading', { rows: job.progress.done });
  return (
    <div aria-live="polite" style={{ marginTop: 12 }}>
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={percent ?? 0} status="active" aria-label={t('importing')} />
    </div>
  );
}

/**
 * An Excel/CSV ledger into one inspection: always checked first (nothing written), the names it could not match resolved
 * by the user, then imported whole with the same file and those choices, or not at all.
 */
export function LedgerImport({
  inspection,
  choices,
  loading,
}: {
  inspection: Inspection;
  /** The unit's departments and people, which unmatched names can be mapped to. */
  choices: Plan;
  loading: boolean;
}) {
  const t = useT(exchangeMessages);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState(0);
  const [summary, setSummary] = useState<LedgerImportCheck | null>(null);
  const [done, setDone] = useState<LedgerImportDone | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState(false);
  const [chosen, setChosen] = useState<Mapping>(NO_CHOICES);
  const [names, setNames] = useState<Names>(NO_NAMES);
  // The choices the shown preview was made with: 确认导入 sends exactly these, with the preview's token.
  const [previewed, setPreviewed] = useState<Mapping | null>(null);
  const upload = useLedgerImport(inspection.id);
  const template = useDownloadTemplate();
  // A real import runs on the server as a job: the upload answers with its id, and the page follows it until it ends.
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useJob(jobId);
  const importFinished = useImportFinished(inspection.id);

  const failed = (e: unknown) => {
    const details = refusedImport(e);
    if (details && summary) {
      setSummary({ ...summary, ...details });
      setNames((n) => mergeNames(n, details.unmatched));
      setRefused(true);
      setPhase('checked');
    } else {
      setError(e);
      setPhase(summary ? 'checked' : 'idle');
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to the job's end only
  useEffect(() => {
    const data = job.data;
    if (jobId === null || !data || data.id !== jobId) return;
    if (data.status === 'succeeded') {
      setJobId(null);
      setDone(data.result as LedgerImportDone);
      setPhase('done');
      importFinished();
    } else if (data.status === 'failed') {
      setJobId(null);
      failed(jobError(data));
    }
  }, [job.data, jobId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to a failed poll only
  useEffect(() => {
    if (jobId !== null && job.error) {
      setJobId(null);
      failed(job.error);
    }
  }, [job.error, jobId]);

  const send = (target: File, dryRun: boolean, mapping: Mapping) => {
    setPhase(dryRun ? 'checking' : 'importing');
    setProgress(0);
    setError(null);
    setRefused(false);
    upload.mutate(
      {
        file: target,
        dryRun,
        mapping,
        previewToken: dryRun ? undefined : summary?.previewToken,
        onProgress: setProgress,
      },
      {
        onSuccess: (answer) => {
          if (isImportStarted(answer)) {
            setJobId(answer.jobId);
          } else {
            setSummary(answer);
            setPreviewed(mapping);
            setNames((n) => mergeNames(n, answer.unmatched));
            setPhase('checked');
          }
        },
        onError: failed,
      },
    );
  };

  const pick = (next: File) => {
    if (!/\.(xlsx|csv)$/i.test(next.name)) {
      setError(new Error(t('chooseFile')));
      return;
    }
    setFile(next);
    setSummary(null);
    setDone(null);
    setChosen(NO_CHOICES);
    setNames(NO_NAMES);
    void send(next, true, mappingFor(NO_NAMES, NO_CHOICES));
  };

  const restart = () => {
    setFile(null);
    setSummary(null);
    setDone(null);
    setPhase('idle');
    setError(null);
    setRefused(false);
  };

  if (phase === 'done' && done) {
    const ledgerUrl = `/ledger?inspectionId=${inspection.id}`;
    return (
      <>
        <Result
          status="success"
          title={t('importedTitle')}
          subTitle={t('importedLive', { ...done.created, updated: done.updated })}
          extra={[
            <AppLinkButton key="ledger" type="primary" to={ledgerUrl}>
              {t('openLedger')}
            </AppLinkButton>,
            <Button key="again" onClick={restart}>
              {t('importAnother')}
            </Button>,
          ]}
        />
        <ImportHistory inspection={inspection} />
      </>
    );
  }

  const busy = phase === 'checking' || phase === 'importing';
  const unmatchedDepartments = names.departments;
  const unmatchedPeople = names.people;
  const allDepartmentsChosen = unmatchedDepartments.every((n) => n in chosen.departments);
  const current = mappingFor(names, chosen);
  const stale = previewed !== null && JSON.stringify(current) !== JSON.stringify(previewed);
  const canImport = summary !== null && summary.errors.length === 0 && allDepartmentsChosen && !busy && !stale;
  const departmentOptions = [
    { value: '', label: t('keepDepartmentName') },
    ...choices.departments.map((d) => ({ value: d.name, label: d.name })),
  ];
  const personOptions = [
    { value: '', label: t('keepName') },
    // By account: two people may share a name, and the importer matches a user name exactly.
    ...choices.people.map((p) => ({ value: p.username, label: `${p.displayName}（${p.unitName}）` })),
  ];

  return (
    <>
      <Card
        size="small"
        title={t('importTitle')}
        extra={
          <Button
            size="small"
            icon={<DownloadOutlined />}
            loading={template.isPending}
            onClick={() => template.mutate(inspection.id)}
          >
            {t('downloadTemplate')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('templateHint')}
        </Typography.Paragraph>
        <ErrorAlert error={template.error} />
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          disabled={busy}
          showUploadList={false}
          beforeUpload={(f) => {
            pick(f);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{file ? file.name : t('drop')}</p>
          <p className="ant-upload-hint">{t('dropHint')}</p>
        </Upload.Dragger>
        {busy && jobId === null && (
          <div aria-live="polite" style={{ marginTop: 12 }}>
            <Typography.Text>{phase === 'checking' ? t('uploading') : t('importing')}</Typography.Text>
            <Progress percent={progress} status="active" aria-label={t('uploading')} />
          </div>
        )}
        {busy && jobId !== null && <JobProgress job={job.data} />}
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} />
        </div>
        {refused && <Alert type="error" showIcon role="alert" title={t('refused')} style={{ marginBottom: 12 }} />}
        {summary && (
          <section aria-label={t('importTitle')}>
            <Alert
              type={summary.errors.length > 0 ? 'error' : 'info'}
              showIcon
              role="status"
              title={t('previewCounts', summary.counts)}
              description={summary.errors.length > 0 ? t('errorsHint') : t('noErrors')}
              style={{ marginBottom: 12 }}
            />
            <PreviewRows summary={summary} />
            <AspectChoices
              suggestions={summary.aspectSuggestions}
              chosen={chosen.aspects}
              choose={(written, aspectId) =>
                setChosen((m) => {
                  const aspects = { ...m.aspects };
                  if (aspectId === null) delete aspects[written];
                  else aspects[written] = aspectId;
                  return { ...m, aspects };
                })
              }
            />
            {summary.errors.length > 0 && (
              <>
                <Typography.Title level={5}>{t('errorsTitle', { n: summary.errors.length })}</Typography.Title>
                <ErrorsTable errors={summary.errors} />
              </>
            )}
            {(unmatchedDepartments.length > 0 || unmatchedPeople.length > 0) && (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('unmatchedTitle')}
                </Typography.Title>
                <Typography.Paragraph type="secondary">{t('unmatchedHint')}</Typography.Paragraph>
                <Row gutter={16}>
                  <NameChoices
                    title={t('departmentsTitle')}
                    names={unmatchedDepartments}
                    choose={(name) => (
                      <Select
                        aria-label={`${t('mapTo')}：${name}`}
                        placeholder={t('chooseDepartment')}
                        showSearch={{ optionFilterProp: 'label' }}
                        style={{ width: '100%' }}
                        options={departmentOptions}
                        loading={loading}
                        value={name in chosen.departments ? (chosen.departments[name] ?? '') : undefined}
                        onChange={(department: string) =>
                          setChosen((m) => ({
                            ...m,
                            departments: { ...m.departments, [name]: department || null },
                          }))
                        }
                      />
                    )}
                  />
                  <NameChoices
                    title={t('peopleTitle')}
                    names={unmatchedPeople}
                    choose={(name) => (
                      <Select
                        aria-label={`${t('mapTo')}：${name}`}
                        showSearch={{ optionFilterProp: 'label' }}
                        style={{ width: '100%' }}
                        options={personOptions}
                        loading={loading}
                        value={chosen.people[name] ?? ''}
                        onChange={(person: string) =>
                          setChosen((m) => ({ ...m, people: { ...m.people, [name]: person || null } }))
                        }
                      />
                    )}
                  />
                </Row>
                {!allDepartmentsChosen && (
                  <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
                    {t('mapAll')}
                  </Typography.Paragraph>
                )}
              </>
            )}
            {stale && (
              <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
                {t('previewStale')}
              </Typography.Paragraph>
            )}
            <Space wrap style={{ marginTop: 16 }}>
              <Button disabled={!file || busy} onClick={() => file && send(file, true, current)}>
                {t('checkAgain')}
              </Button>
              <Button
                type="primary"
                disabled={!canImport}
                loading={phase === 'importing'}
                onClick={() => file && previewed && send(file, false, previewed)}
              >
                {t('confirmImport')}
              </Button>
            </Space>
          </section>
        )}
      </Card>
      <ImportHistory inspection={inspection} />
    </>
  );
}
