import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Progress, Result, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  type DirectoryChange,
  type DirectoryCheck,
  type DirectoryImported,
  type DirectoryProblem,
  useCheckDirectory,
  useDownloadDirectory,
  useImportDirectory,
} from '../../api/queries/directory.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { adminMessages } from './messages.ts';

/**
 * 通讯录 out to Excel and back, on the units and the accounts pages (the system administrator's): download the
 * workbook; upload it edited, see the dry run (every change and every problem by sheet, row and column); confirm, and
 * it is written whole or not at all. New accounts' one-time passwords are shown once, after the confirmation.
 */
export function DirectoryExchange() {
  const t = useT(adminMessages);
  const { abilities: can } = useSession();
  const downloading = useDownloadDirectory();
  const [open, setOpen] = useState(false);
  if (!can.manageUsers) return null;
  return (
    <>
      <Space wrap>
        <Button icon={<DownloadOutlined />} loading={downloading.isPending} onClick={() => downloading.mutate()}>
          {t('directoryDownload')}
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
          {t('directoryUpload')}
        </Button>
      </Space>
      <ErrorAlert error={downloading.error} />
      {open && <DirectoryImportDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function DirectoryImportDialog({ onClose }: { onClose: () => void }) {
  const t = useT(adminMessages);
  const c = useT(common);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [plan, setPlan] = useState<DirectoryCheck | null>(null);
  const [done, setDone] = useState<DirectoryImported | null>(null);
  const [pickError, setPickError] = useState<Error | null>(null);
  const checking = useCheckDirectory();
  const importing = useImportDirectory();
  const busy = checking.isPending || importing.isPending;

  const pick = (next: File) => {
    checking.reset();
    importing.reset();
    setPlan(null);
    if (!/\.(xlsx|csv)$/i.test(next.name)) {
      setPickError(new Error(t('directoryChooseFile')));
      return;
    }
    setPickError(null);
    setFile(next);
    checking.mutate({ file: next, onProgress: setProgress }, { onSuccess: setPlan });
  };
  const confirm = () => {
    if (!file || !plan) return;
    importing.mutate({ file, planId: plan.planId, onProgress: setProgress }, { onSuccess: setDone });
  };
  const nothingToDo = plan !== null && plan.changes.length === 0;
  const canConfirm = plan !== null && plan.errors.length === 0 && !nothingToDo && !busy;

  return (
    <Modal
      open
      title={t('directoryTitle')}
      width={1040}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            {t('directoryClose')}
          </Button>
        ) : (
          <Space wrap>
            <Button onClick={onClose}>{c('cancel')}</Button>
            <Button type="primary" disabled={!canConfirm} loading={importing.isPending} onClick={confirm}>
              {t('directoryConfirm')}
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <Done result={done} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('directoryIntro')}
          </Typography.Paragraph>
          <Alert type="info" showIcon title={t('directoryNeverDeletes')} />
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
            <p className="ant-upload-text">{file ? file.name : t('directoryDrop')}</p>
          </Upload.Dragger>
          {busy && (
            <div aria-live="polite">
              <Typography.Text>{checking.isPending ? t('directoryChecking') : t('directoryImporting')}</Typography.Text>
              <Progress percent={progress} status="active" aria-label={t('directoryChecking')} />
            </div>
          )}
          <ErrorAlert error={pickError ?? checking.error ?? importing.error} />
          {plan && <PlanView plan={plan} />}
        </Space>
      )}
    </Modal>
  );
}

function PlanView({ plan }: { plan: DirectoryCheck }) {
  const t = useT(adminMessages);
  const { units: u, departments: d, accounts: a } = plan.counts;
  const problems = plan.errors.length;
  return (
    <section aria-label={t('directoryTitle')}>
      <Alert
        type={problems > 0 ? 'error' : plan.changes.length === 0 ? 'info' : 'success'}
        showIcon
        role="status"
        title={t('directoryCounts', {
          ua: u.add,
          uc: u.change,
          uu: u.unchanged,
          da: d.add,
          dc: d.change,
          du: d.unchanged,
          aa: a.add,
          ac: a.change,
          au: a.unchanged,
        })}
        description={
          problems > 0
            ? t('directoryProblems', { n: problems })
            : plan.changes.length === 0
              ? t('directoryNothing')
              : t('directoryNoProblems')
        }
      />
      {plan.ignoredSheets.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('directoryIgnored', { names: plan.ignoredSheets.join('、') })}
        />
      )}
      {problems > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('directoryProblemsTitle')}
          </Typography.Title>
          <ProblemTable problems={plan.errors} />
        </>
      )}
      {plan.changes.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('directoryChangesTitle')}
          </Typography.Title>
          <ChangeTable changes={plan.changes} />
        </>
      )}
    </section>
  );
}

/** Where in the file: the sheet and row, then the column, as the person finds it in WPS or Excel. */
function Place({ sheet, row, column }: { sheet: string; row: number | null; column?: string | null }) {
  const t = useT(adminMessages);
  return (
    <Space orientation="vertical" size={0}>
      <span>{row === null ? sheet : t('directoryPlace', { sheet, row })}</span>
      {column && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {column}
        </Typography.Text>
      )}
    </Space>
  );
}

// Two or three columns, the words taking the width: the tables read on a phone without scrolling sideways.
function ProblemTable({ problems }: { problems: DirectoryProblem[] }) {
  const t = useT(adminMessages);
  return (
    <Table<DirectoryProblem>
      size="small"
      rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.message}`}
      dataSource={problems}
      pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      columns={[
        { title: t('directoryWhere'), width: 128, render: (_, e) => <Place {...e} /> },
        { title: t('directoryProblem'), dataIndex: 'message' },
      ]}
    />
  );
}

function ChangeTable({ changes }: { changes: DirectoryChange[] }) {
  const t = useT(adminMessages);
  return (
    <Table<DirectoryChange>
      size="small"
      rowKey={(c) => `${c.sheet}-${c.row}`}
      dataSource={changes}
      pagination={changes.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      columns={[
        { title: t('directoryWhere'), width: 112, render: (_, c) => <Place sheet={c.sheet} row={c.row} /> },
        {
          title: t('directoryName'),
          width: '32%',
          render: (_, c) => (
            <Space orientation="vertical" size={0}>
              <span>
                <Tag color={c.action === 'add' ? 'green' : 'blue'}>
                  {t('directoryTag', { action: t(`directoryAction_${c.action}`), kind: t(`directoryKind_${c.kind}`) })}
                </Tag>
                {c.name}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.key}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t('directoryFields'),
          render: (_, c) => (
            <Space orientation="vertical" size={0}>
              {c.fields.map((f) => (
                <span key={f.field}>
                  {f.field}：{f.before !== null && <Typography.Text delete>{f.before}</Typography.Text>}
                  {f.before !== null && ' → '}
                  {f.after ?? '—'}
                </span>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}

function Done({ result }: { result: DirectoryImported }) {
  const t = useT(adminMessages);
  const { message } = App.useApp();
  const { units: u, departments: d, accounts: a } = result.counts;
  const all = result.passwords.map((p) => `${p.username}\t${p.displayName}\t${p.password}`).join('\n');
  return (
    <Result
      status="success"
      title={t('directoryDone')}
      subTitle={t('directoryCounts', {
        ua: u.add,
        uc: u.change,
        uu: u.unchanged,
        da: d.add,
        dc: d.change,
        du: d.unchanged,
        aa: a.add,
        ac: a.change,
        au: a.unchanged,
      })}
    >
      {result.passwords.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('directoryPasswords')} />
          <Button
            onClick={() => void navigator.clipboard.writeText(all).then(() => message.success(t('directoryCopied')))}
          >
            {t('directoryCopyAll')}
          </Button>
          <Table
            size="small"
            rowKey="username"
            pagination={false}
            dataSource={result.passwords}
            columns={[
              { title: t('directoryUsername'), dataIndex: 'username' },
              { title: t('directoryName'), dataIndex: 'displayName' },
              {
                title: t('directoryPassword'),
                dataIndex: 'password',
                render: (p: string) => (
                  <Typography.Text code copyable>
                    {p}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Space>
      )}
    </Result>
  );
}
