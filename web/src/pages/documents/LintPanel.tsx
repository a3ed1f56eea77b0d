import { Button, Card, Col, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { useGeneratedNoticeLint, useLintText } from '../../api/queries/notices.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type LintFinding, LintFindings } from '../../components/LintFindings.tsx';
import { useT } from '../../i18n/index.tsx';
import { documentMessages } from './messages.ts';

/** The linter's findings in this page's words, with the line and excerpt of each. */
function Findings({ findings }: { findings: LintFinding[] }) {
  const t = useT(documentMessages);
  return (
    <LintFindings
      findings={findings}
      text={{
        label: t('findingsFor'),
        verdict: ({ errors, warnings }) =>
          errors > 0
            ? t('wouldFail', { n: errors })
            : warnings > 0
              ? t('wouldPassWithWarnings', { n: warnings })
              : t('wouldPass'),
        severity: t('severity'),
        error: t('error'),
        warning: t('warning'),
        message: t('message'),
        place: { line: t('line'), excerpt: t('excerpt') },
      }}
    />
  );
}

/** Checks the notice the ledger would produce now, and any notice pasted in, with the same linter publishing will use. */
export function LintPanel({ inspectionId }: { inspectionId: number }) {
  const t = useT(documentMessages);
  const generated = useGeneratedNoticeLint(inspectionId);
  // A check that failed shows why, not the findings of an earlier one.
  const generatedFindings = generated.isError ? null : generated.data?.findings;
  const pasted = useLintText();
  const [text, setText] = useState('');
  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Card title={t('lintGenerated')} size="small">
          <Typography.Paragraph type="secondary">{t('lintGeneratedHint')}</Typography.Paragraph>
          <Button
            type="primary"
            loading={generated.isFetching}
            onClick={() => generated.refetch()}
            style={{ marginBottom: 12 }}
          >
            {t('runLint')}
          </Button>
          <ErrorAlert error={generated.error} />
          {generatedFindings && <Findings findings={generatedFindings} />}
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
            loading={pasted.isPending}
            disabled={!text.trim()}
            onClick={() => pasted.mutate({ text })}
            style={{ marginBottom: 12 }}
          >
            {t('checkPasted')}
          </Button>
          <ErrorAlert error={pasted.error} />
          {pasted.data && <Findings findings={pasted.data.findings} />}
        </Card>
      </Col>
    </Row>
  );
}
