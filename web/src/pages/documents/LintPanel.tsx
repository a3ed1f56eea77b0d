import { Alert, Button, Card, Col, Input, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { localise, useLang, useT } from '../../i18n/index.tsx';
import { documentMessages } from './messages.ts';
import type { Finding } from './types.ts';

/** Whether the findings would let the notice be published (errors block it, warnings do not), then every finding. */
function Findings({ findings }: { findings: Finding[] }) {
  const t = useT(documentMessages);
  const { lang } = useLang();
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const verdict =
    errors > 0
      ? { type: 'error' as const, text: t('wouldFail', { n: errors }) }
      : warnings > 0
        ? { type: 'warning' as const, text: t('wouldPassWithWarnings', { n: warnings }) }
        : { type: 'success' as const, text: t('wouldPass') };
  return (
    <section aria-label={t('findingsFor')}>
      <Alert type={verdict.type} showIcon title={verdict.text} role="status" style={{ marginBottom: 12 }} />
      {findings.length > 0 && (
        <Table<Finding>
          size="small"
          tableLayout="fixed"
          pagination={false}
          rowKey={(f, i) => `${f.code}-${f.line}-${i}`}
          dataSource={findings}
          columns={[
            {
              title: t('severity'),
              dataIndex: 'severity',
              width: 72,
              render: (s: Finding['severity']) =>
                s === 'error' ? <Tag color="error">{t('error')}</Tag> : <Tag color="warning">{t('warning')}</Tag>,
            },
            { title: t('message'), dataIndex: 'message', render: (m: string) => localise(m, lang) },
            { title: t('line'), dataIndex: 'line', width: 48, render: (l: number | null) => l ?? '—' },
            {
              title: t('excerpt'),
              dataIndex: 'excerpt',
              width: '38%',
              render: (e: string | null) => <Typography.Text type="secondary">{e ?? '—'}</Typography.Text>,
            },
          ]}
        />
      )}
    </section>
  );
}

function useLint() {
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const run = async (call: () => Promise<{ findings: Finding[] }>) => {
    setLoading(true);
    setError(null);
    try {
      setFindings((await call()).findings);
    } catch (e) {
      setFindings(null);
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  return { findings, error, loading, run };
}

/** Checks the notice the ledger would produce now, and any notice pasted in, with the same linter publishing will use. */
export function LintPanel({ inspectionId }: { inspectionId: number }) {
  const t = useT(documentMessages);
  const generated = useLint();
  const pasted = useLint();
  const [text, setText] = useState('');
  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Card title={t('lintGenerated')} size="small">
          <Typography.Paragraph type="secondary">{t('lintGeneratedHint')}</Typography.Paragraph>
          <Button
            type="primary"
            loading={generated.loading}
            onClick={() => generated.run(() => api(`/api/inspections/${inspectionId}/documents/notice/lint`))}
            style={{ marginBottom: 12 }}
          >
            {t('runLint')}
          </Button>
          <ErrorAlert error={generated.error} />
          {generated.findings && <Findings findings={generated.findings} />}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('pasteTitle')} size="small">
          <label htmlFor="lint-paste">
            <Typography.Text type="secondary">{t('pasteHint')}</Typography.Text>
          </label>
          <Input.TextArea
            id="lint-paste"
            aria-label={t('pasteLabel')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 8, maxRows: 18 }}
            style={{ margin: '8px 0 12px' }}
          />
          <Button
            loading={pasted.loading}
            disabled={!text.trim()}
            onClick={() => pasted.run(() => api('/api/notices/lint', { method: 'POST', body: { text } }))}
            style={{ marginBottom: 12 }}
          >
            {t('checkPasted')}
          </Button>
          <ErrorAlert error={pasted.error} />
          {pasted.findings && <Findings findings={pasted.findings} />}
        </Card>
      </Col>
    </Row>
  );
}
