import { Alert, Table, Tag, Typography } from 'antd';
import type { ElementOf, ResponseOf } from '../api/client.ts';
import { localise, useLang } from '../i18n/index.tsx';

/** One finding of the notice linter, as the linter and the publication preview return it. */
export type LintFinding = ElementOf<ResponseOf<'/api/notices/lint', 'post'>['findings']>;

/** The words of the page showing the findings: each page says the verdict in terms of what it lets the user do next. */
export interface LintFindingsText {
  /** The section's name for screen readers. */
  label: string;
  verdict: (counts: { errors: number; warnings: number }) => string;
  severity: string;
  error: string;
  warning: string;
  message: string;
  /** With these, each finding also shows its line and the text it quotes (a pasted or generated notice). */
  place?: { line: string; excerpt: string };
}

/** Whether the findings would let the notice be published (errors block it, warnings do not), then every finding. */
export function LintFindings({ findings, text }: { findings: LintFinding[]; text: LintFindingsText }) {
  const { lang } = useLang();
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const type = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'success';
  return (
    <section aria-label={text.label}>
      <Alert
        type={type}
        showIcon
        title={text.verdict({ errors, warnings })}
        role="status"
        style={{ marginBottom: 12 }}
      />
      {findings.length > 0 && (
        <Table<LintFinding>
          size="small"
          tableLayout="fixed"
          pagination={false}
          rowKey={(f, i) => `${f.code}-${f.line}-${i}`}
          dataSource={findings}
          columns={[
            {
              title: text.severity,
              dataIndex: 'severity',
              width: 80,
              render: (s: LintFinding['severity']) =>
                s === 'error' ? <Tag color="error">{text.error}</Tag> : <Tag color="warning">{text.warning}</Tag>,
            },
            { title: text.message, dataIndex: 'message', render: (m: string) => localise(m, lang) },
            ...(text.place
              ? [
                  {
                    title: text.place.line,
                    dataIndex: 'line',
                    width: 48,
                    render: (l: number | null) => l ?? '—',
                  },
                  {
                    title: text.place.excerpt,
                    dataIndex: 'excerpt',
                    width: '38%',
                    render: (e: string | null) => <Typography.Text type="secondary">{e ?? '—'}</Typography.Text>,
                  },
                ]
              : []),
          ]}
        />
      )}
    </section>
  );
}
