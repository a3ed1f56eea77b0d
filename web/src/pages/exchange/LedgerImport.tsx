import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Progress, Result, Row, Select, Space, Table, Typography, Upload } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import type { Inspection } from '../../api/queries/inspections.ts';
import { type Job, jobError, jobPercent, useJob } from '../../api/queries/jobs.ts';
import {
  isImportStarted,
  type LedgerImportCheck,
  type LedgerImportDone,
  type LedgerImportError,
  type Mapping,
  refusedImport,
  type UnmatchedNames,
  useImportFinished,
  useLedgerImport,
} from '../../api/queries/ledgerImports.ts';
import type { Plan } from '../../api/queries/plan.ts';
import { AppLinkButton } from '../../components/AppLinkButton.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
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
  };
}

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
  const [chosen, setChosen] = useState<Mapping>({ departments: {}, people: {} });
  const [names, setNames] = useState<Names>(NO_NAMES);
  const upload = useLedgerImport(inspection.id);
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

  const send = (target: File, dryRun: boolean, mapping: Mapping | null) => {
    setPhase(dryRun ? 'checking' : 'importing');
    setProgress(0);
    setError(null);
    setRefused(false);
    upload.mutate(
      { file: target, dryRun, mapping, onProgress: setProgress },
      {
        onSuccess: (answer) => {
          if (isImportStarted(answer)) {
            setJobId(answer.jobId);
          } else {
            setSummary(answer);
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
    setChosen({ departments: {}, people: {} });
    setNames(NO_NAMES);
    void send(next, true, null);
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
      <Result
        status="success"
        title={t('importedTitle')}
        subTitle={t('imported', done.created)}
        extra={[
          <AppLinkButton key="ledger" type="primary" to={ledgerUrl}>
            {t('openLedger')}
          </AppLinkButton>,
          <Button key="again" onClick={restart}>
            {t('importAnother')}
          </Button>,
        ]}
      />
    );
  }

  const busy = phase === 'checking' || phase === 'importing';
  const unmatchedDepartments = names.departments;
  const unmatchedPeople = names.people;
  const allDepartmentsChosen = unmatchedDepartments.every((n) => n in chosen.departments);
  const canImport = summary !== null && summary.errors.length === 0 && allDepartmentsChosen && !busy;
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
    <Card size="small" title={t('importTitle')}>
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
            title={t('checked', {
              aspects: summary.aspects,
              problems: summary.problems,
              items: summary.items,
              measures: summary.measures,
            })}
            description={summary.errors.length > 0 ? t('errorsHint') : t('noErrors')}
            style={{ marginBottom: 12 }}
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
          <Space wrap style={{ marginTop: 16 }}>
            <Button disabled={!file || busy} onClick={() => file && send(file, true, mappingFor(names, chosen))}>
              {t('checkAgain')}
            </Button>
            <Button
              type="primary"
              disabled={!canImport}
              loading={phase === 'importing'}
              onClick={() => file && send(file, false, mappingFor(names, chosen))}
            >
              {t('import')}
            </Button>
          </Space>
        </section>
      )}
    </Card>
  );
}
