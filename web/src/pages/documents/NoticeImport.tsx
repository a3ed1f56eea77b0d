import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import {
  isImportPlan,
  type NoticeImported,
  type NoticeImportFields,
  type NoticeImportPlan,
  refusedPlan,
  useNoticeImport,
} from '../../api/queries/noticeImports.ts';
import { type Team, useRounds, useTeams } from '../../api/queries/rounds.ts';
import { useUnits } from '../../api/queries/units.ts';
import { AppLinkButton } from '../../components/AppLinkButton.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { DateInput } from '../../components/forms.tsx';
import { ItemCards, useNarrow } from '../../components/ItemCards.tsx';
import { ResultTag, StateTag } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { localise, useLang, useT } from '../../i18n/index.tsx';
import { documentMessages } from './messages.ts';
import { EMPTY_PASTE, NoticePasteBox, type PasteState, pastedSource, pasteTooLarge } from './NoticePasteBox.tsx';

interface Target {
  unitId?: number;
  roundId?: number;
  teamId?: number;
  from?: Dayjs | null;
  to?: Dayjs | null;
  feedbackOn?: Dayjs | null;
}

/** A notice often heads its problems with the aspect itself (（一）关于…方面): then the aspect is not said twice. */
function problemLabel(p: NoticeImportPlan['problems'][number]): string {
  if (!p.title) return p.aspectName ?? '';
  if (!p.aspectName || p.title.includes(p.aspectName)) return p.title;
  return `${p.aspectName} · ${p.title}`;
}

type PlanRow = NoticeImportPlan['problems'][number]['items'][number] & { key: string; problem: string };

function PlanPreview({ plan, teams }: { plan: NoticeImportPlan; teams: Team[] }) {
  const t = useT(documentMessages);
  const c = useT(common);
  const { lang } = useLang();
  // Issue 16: on a phone the plan is one column and its items are cards, not a table squeezed to a character a line.
  const narrow = useNarrow();
  const missing = <Typography.Text type="danger">{t('missing')}</Typography.Text>;
  const teamName = teams.find((team) => team.id === plan.inspection.teamId)?.name;
  const rows: PlanRow[] = plan.problems.flatMap((p, pi) =>
    p.items.map((item, ii) => ({
      ...item,
      key: `${pi}-${ii}`,
      problem: problemLabel(p) || t('aspectUnknown'),
    })),
  );
  const n = plan.counts;
  return (
    <section aria-label={t('planInspection')}>
      {plan.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('planErrors')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {plan.errors.map((e) => (
                <li key={e}>{localise(e, lang)}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {plan.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('planWarnings')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {plan.warnings.map((w) => (
                <li key={w}>{localise(w, lang)}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions
        size="small"
        bordered
        column={narrow ? 1 : 2}
        title={t('planInspection')}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'title', label: t('sourceTitle'), children: plan.source.title ?? '—', span: narrow ? 1 : 2 },
          { key: 'issuer', label: t('sourceIssuer'), children: plan.source.issuer ?? '—' },
          { key: 'issuedOn', label: t('sourceIssuedOn'), children: plan.source.issuedOn ?? '—' },
          { key: 'team', label: t('sourceTeam'), children: teamName ?? plan.source.team ?? missing },
          {
            key: 'period',
            label: t('period'),
            children: (
              <>
                {plan.inspection.from ?? missing} ～ {plan.inspection.to ?? missing}
              </>
            ),
          },
          { key: 'feedbackOn', label: t('feedbackOn'), children: plan.inspection.feedbackOn ?? missing },
          {
            key: 'counts',
            label: t('recognised'),
            children: (
              <>
                {t('counts', { problems: n.problems, items: n.items, measures: n.measures })}
                <br />
                {t('resultCounts', {
                  completed: n.completed,
                  partial: n.partiallyCompleted,
                  notCompleted: n.notCompleted,
                  unlabelled: n.unlabelled,
                })}
              </>
            ),
          },
        ]}
      />
      {narrow ? (
        <ItemCards<PlanRow>
          label={t('planInspection')}
          rows={rows}
          rowKey={(r) => r.key}
          card={(r) => ({
            title: r.number ? `${r.number}. ${r.title}` : r.title,
            meta: (
              <>
                <StateTag state={r.state} />
                <ResultTag result={r.result} />
                <Typography.Text type="secondary">
                  {t('measures')} {r.measures.length}
                </Typography.Text>
              </>
            ),
            detail: r.problem,
          })}
        />
      ) : (
        <Table<PlanRow>
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={{ y: 360 }}
          columns={[
            { title: t('itemNo'), dataIndex: 'number', width: 60, render: (v: string | null) => v ?? '—' },
            { title: c('problem'), dataIndex: 'problem', width: '28%' },
            { title: c('item'), dataIndex: 'title' },
            {
              title: c('state'),
              key: 'state',
              width: 190,
              render: (_, r) => (
                <Space size={4}>
                  <StateTag state={r.state} />
                  <ResultTag result={r.result} />
                </Space>
              ),
            },
            { title: t('measures'), key: 'measures', width: 72, render: (_, r) => r.measures.length },
          ]}
        />
      )}
    </section>
  );
}

/**
 * A past notice brought in as an inspection with its ledger: the server reads it, this page shows what it recognised,
 * and nothing is written until 确认导入 (and never while the plan has errors).
 */
export function NoticeImport() {
  const t = useT(documentMessages);
  const narrow = useNarrow();
  const [form] = Form.useForm<Target>();
  const [file, setFile] = useState<File | null>(null);
  // Issue 16: the notice uploaded as a file, or pasted (a page's selection, a Word copy, a page's source, plain text).
  const [mode, setMode] = useState<'file' | 'paste'>('file');
  const [pasted, setPasted] = useState<PasteState>(EMPTY_PASTE);
  const [plan, setPlan] = useState<NoticeImportPlan | null>(null);
  const [imported, setImported] = useState<NoticeImported | null>(null);
  const [error, setError] = useState<unknown>(null);
  const sending = useNoticeImport();
  const busy = sending.isPending ? (sending.variables.confirm ? 'confirm' : 'preview') : null;
  // A preview answers for the file and fields it was made from; any change asks for a new one before 确认导入.
  const [planFresh, setPlanFresh] = useState(false);
  const [askDates, setAskDates] = useState(false);
  const [askTeam, setAskTeam] = useState(false);
  const roundId = Form.useWatch('roundId', form);
  const units = useUnits({ kind: ['unit'] });
  const rounds = useRounds();
  const teams = useTeams();
  const teamList = useMemo(
    () => (roundId ? (teams.data?.teams ?? []).filter((team) => team.roundId === roundId) : []),
    [teams.data, roundId],
  );
  const unitOptions = useMemo(
    () => (units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );
  const showPlan = (next: NoticeImportPlan) => {
    setPlan(next);
    setPlanFresh(true);
    if (!next.inspection.from || !next.inspection.to || !next.inspection.feedbackOn) setAskDates(true);
    if (next.inspection.teamId === null) setAskTeam(true);
  };

  const send = (confirm: boolean) => {
    const values = form.getFieldsValue();
    const source = mode === 'file' ? file : pastedSource(pasted);
    if (!source || !values.unitId || !values.roundId) {
      setError(new Error(t(mode === 'file' ? 'chooseFileUnitRound' : 'choosePasteUnitRound')));
      return;
    }
    const tooLarge = source instanceof File ? null : pasteTooLarge(source);
    if (tooLarge) {
      setError(new Error(t('pastedTooLarge', tooLarge)));
      return;
    }
    const fields: NoticeImportFields = { unitId: values.unitId, roundId: values.roundId, teamId: values.teamId };
    for (const name of ['from', 'to', 'feedbackOn'] as const) fields[name] = values[name]?.format('YYYY-MM-DD');
    setError(null);
    sending.mutate(
      { source, fields, confirm },
      {
        onSuccess: (answer) => (isImportPlan(answer) ? showPlan(answer) : setImported(answer)),
        onError: (e) => {
          // A refused plan still comes with what was recognised: show it with its errors rather than a bare message.
          const refused = refusedPlan(e);
          if (refused) showPlan(refused);
          else {
            setError(e);
            setPlan(null);
          }
        },
      },
    );
  };

  const restart = () => {
    setImported(null);
    setPlan(null);
    setFile(null);
    setPasted(EMPTY_PASTE);
    setAskDates(false);
    setAskTeam(false);
    form.resetFields();
  };

  if (imported) {
    const ledgerUrl = `/ledger?inspectionId=${imported.inspectionId}`;
    return (
      <Result
        status="success"
        title={t('imported', { items: imported.counts.items, measures: imported.counts.measures })}
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

  return (
    <Row gutter={16}>
      <Col xs={24} xl={9}>
        <Card size="small" title={t('tabImport')}>
          <Typography.Paragraph type="secondary">{t('importIntro')}</Typography.Paragraph>
          <Form form={form} layout="vertical" onValuesChange={() => setPlanFresh(false)}>
            <Form.Item label={t('noticeSource')}>
              <Segmented<'file' | 'paste'>
                block
                value={mode}
                onChange={(next) => {
                  setMode(next);
                  setPlanFresh(false);
                }}
                options={[
                  { value: 'file', label: t('sourceUpload') },
                  { value: 'paste', label: t(narrow ? 'sourcePasteShort' : 'sourcePaste') },
                ]}
                style={{ marginBottom: 8 }}
              />
              {mode === 'file' ? (
                <Upload.Dragger
                  accept=".txt,.docx,.pdf,.html,.htm,.doc,.wps"
                  maxCount={1}
                  fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
                  beforeUpload={(f) => {
                    setFile(f);
                    setPlan(null);
                    setAskDates(false);
                    setAskTeam(false);
                    return false;
                  }}
                  onRemove={() => {
                    setFile(null);
                    setPlan(null);
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('dropNotice')}</p>
                </Upload.Dragger>
              ) : (
                <NoticePasteBox
                  value={pasted}
                  onChange={(next, fresh) => {
                    setPasted(next);
                    setPlanFresh(false);
                    if (fresh) {
                      setPlan(null);
                      setAskDates(false);
                      setAskTeam(false);
                    }
                  }}
                />
              )}
            </Form.Item>
            <Form.Item name="unitId" label={t('targetUnit')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} loading={units.isFetching} />
            </Form.Item>
            <Form.Item name="roundId" label={t('targetRound')} rules={[{ required: true }]}>
              <Select
                options={(rounds.data?.rounds ?? []).map((r) => ({ value: r.id, label: r.name }))}
                loading={rounds.isFetching}
                onChange={() => form.setFieldValue('teamId', undefined)}
              />
            </Form.Item>
            <Form.Item name="teamId" label={t('targetTeam')} hidden={!askTeam}>
              <Select allowClear options={teamList.map((team) => ({ value: team.id, label: team.name }))} />
            </Form.Item>
            <fieldset hidden={!askDates} style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('overrideDates')}</legend>
              <Row gutter={8}>
                {(['from', 'to', 'feedbackOn'] as const).map((name) => (
                  <Col span={8} key={name}>
                    <Form.Item name={name} label={t(name)}>
                      <DateInput style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </fieldset>
            <Space wrap>
              <Button onClick={() => send(false)} loading={busy === 'preview'}>
                {t('previewImport')}
              </Button>
              <Button
                type="primary"
                onClick={() => send(true)}
                loading={busy === 'confirm'}
                disabled={!plan || !planFresh || plan.errors.length > 0}
              >
                {t('confirmImport')}
              </Button>
            </Space>
          </Form>
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={error} />
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        {plan && <PlanPreview plan={plan} teams={teamList} />}
      </Col>
    </Row>
  );
}
