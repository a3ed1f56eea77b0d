import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Flex, Form, type FormInstance, Row, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  type Inspection,
  useCreateInspection,
  useInspections,
  usePatchInspection,
} from '../../api/queries/inspections.ts';
import { type Round, type Team, useRounds, useTeams } from '../../api/queries/rounds.ts';
import { type Unit, useUnits } from '../../api/queries/units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { adminMessages } from './messages.ts';
import { AdminGate, FormModal, IsoDatePicker, useRules } from './shared.tsx';

const KINDS = ['regular', 'special', 'mobile', 'elevated', 'cross', 'lookback'] as const;
type InspectionKind = (typeof KINDS)[number];
/** Until the server's list says otherwise (RECTIFY_REPORT_MONTHS defaults to 2). */
const DEFAULT_REPORT_MONTHS = 2;

export default function InspectionsPage() {
  const t = useT(adminMessages);
  return (
    <AdminGate ability="administer" reason={t('notAllowedAdmin')}>
      <Inspections />
    </AdminGate>
  );
}

function Inspections() {
  const t = useT(adminMessages);
  const c = useT(common);
  const [roundId, setRoundId] = useState<number | null>(null);
  const [teamId, setTeamId] = useState<number | null>(null);
  const [editing, setEditing] = useState<Inspection | 'new' | null>(null);
  const list = useInspections({ roundId: roundId ?? undefined, teamId: teamId ?? undefined });
  const rounds = useRounds();
  const teams = useTeams();
  const units = useUnits({ kind: ['unit'] });
  const reportMonths = list.data?.reportMonths ?? DEFAULT_REPORT_MONTHS;
  const teamOptions = useMemo(() => {
    // Team names repeat from round to round, so without a chosen round each one says which round it belongs to.
    const roundName = new Map((rounds.data?.rounds ?? []).map((r) => [r.id, r.name]));
    return (teams.data?.teams ?? [])
      .filter((team) => roundId === null || team.roundId === roundId)
      .map((team) => ({
        value: team.id,
        label: roundId === null ? `${team.name}（${roundName.get(team.roundId) ?? ''}）` : team.name,
      }));
  }, [teams.data, rounds.data, roundId]);
  const kindText = (kind: string) => t(`kind_${kind as InspectionKind}`);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={16}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('inspectionsTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('inspectionsIntro', { n: reportMonths })}
          </Typography.Paragraph>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('newInspection')}
        </Button>
      </Flex>
      <Flex gap={12} wrap>
        <Select
          aria-label={t('filterRound')}
          placeholder={t('filterRound')}
          allowClear
          style={{ width: 280 }}
          value={roundId ?? undefined}
          loading={rounds.isFetching}
          options={(rounds.data?.rounds ?? []).map((r) => ({ value: r.id, label: r.name }))}
          onChange={(v?: number) => {
            setRoundId(v ?? null);
            setTeamId(null);
          }}
        />
        <Select
          aria-label={t('filterTeam')}
          placeholder={t('filterTeam')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 240 }}
          value={teamId ?? undefined}
          loading={teams.isFetching}
          options={teamOptions}
          onChange={(v?: number) => setTeamId(v ?? null)}
        />
      </Flex>
      <ErrorAlert error={list.error ?? rounds.error ?? teams.error ?? units.error} onRetry={list.refetch} />
      <Table<Inspection>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.inspections ?? []}
        scroll={{ x: 1040 }}
        pagination={{
          pageSize: 20,
          showSizeChanger: false,
          showTotal: (n) => t('total', { n }),
          hideOnSinglePage: true,
        }}
        locale={{ emptyText: <Empty description={t('noInspections')} /> }}
        columns={[
          { title: c('unit'), dataIndex: 'unitName', ellipsis: true },
          {
            title: t('teamAndRound'),
            width: 190,
            render: (_, r) => (
              <Flex vertical>
                <span>{r.teamName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: r.roundName }}>
                  {r.roundName}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('kind'), dataIndex: 'kind', width: 110, render: kindText },
          {
            title: t('onSite'),
            width: 110,
            render: (_, r) => (
              <Flex vertical>
                <span>{r.from}</span>
                <span>{t('until', { date: r.to })}</span>
              </Flex>
            ),
          },
          { title: t('feedbackOn'), dataIndex: 'feedbackOn', width: 110, render: (v) => v ?? '—' },
          { title: t('concentratedUntil'), dataIndex: 'concentratedUntil', width: 120, render: (v) => v ?? '—' },
          { title: t('reportDueOn'), dataIndex: 'reportDueOn', width: 120, render: (v) => v ?? '—' },
          {
            title: c('actions'),
            width: 80,
            render: (_, r) => (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                aria-label={`${c('edit')} ${r.unitName} ${r.teamName}`}
                onClick={() => setEditing(r)}
              >
                {c('edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <InspectionModal
          inspection={editing === 'new' ? null : editing}
          defaultRoundId={roundId}
          rounds={rounds.data?.rounds ?? []}
          teams={teams.data?.teams ?? []}
          units={units.data?.units ?? []}
          reportMonths={reportMonths}
          onClose={() => setEditing(null)}
          reload={list.refetch}
          onSaved={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}

interface InspectionForm {
  roundId: number;
  unitId: number;
  teamId: number;
  kind: InspectionKind;
  from: string;
  to: string;
  feedbackOn: string | null;
  concentratedUntil: string | null;
  reportDueOn: string | null;
}

function InspectionModal({
  inspection,
  defaultRoundId,
  rounds,
  teams,
  units,
  reportMonths,
  onClose,
  onSaved,
  reload,
}: {
  inspection: Inspection | null;
  defaultRoundId: number | null;
  rounds: Round[];
  teams: Team[];
  units: Unit[];
  reportMonths: number;
  onClose: () => void;
  onSaved: () => void;
  reload: () => void;
}) {
  const t = useT(adminMessages);
  const create = useCreateInspection();
  const patch = usePatchInspection();
  const initialValues: Partial<InspectionForm> = inspection
    ? { ...inspection, kind: inspection.kind as InspectionKind }
    : { roundId: defaultRoundId ?? rounds[0]?.id, kind: 'regular', feedbackOn: null, concentratedUntil: null };

  const submit = (v: InspectionForm, version: number | undefined) => {
    const fields = {
      teamId: v.teamId,
      kind: v.kind,
      from: v.from,
      to: v.to,
      feedbackOn: v.feedbackOn ?? null,
      concentratedUntil: v.concentratedUntil ?? null,
      reportDueOn: v.reportDueOn ?? null,
    };
    if (inspection) {
      return patch.mutateAsync({ id: inspection.id, body: { version: version ?? inspection.version, ...fields } });
    }
    return create.mutateAsync({ roundId: v.roundId, unitId: v.unitId, ...fields });
  };
  return (
    <FormModal<InspectionForm>
      name="inspection"
      title={inspection ? t('editInspection') : t('newInspection')}
      initialValues={initialValues}
      version={inspection?.version}
      submit={submit}
      onClose={onClose}
      onSaved={onSaved}
      reload={reload}
      width={640}
    >
      {(form) => (
        <InspectionFields
          form={form}
          editing={!!inspection}
          fixedUnit={inspection}
          rounds={rounds}
          teams={teams}
          units={units}
          reportMonths={reportMonths}
        />
      )}
    </FormModal>
  );
}

function InspectionFields({
  form,
  editing,
  fixedUnit,
  rounds,
  teams,
  units,
  reportMonths,
}: {
  form: FormInstance<InspectionForm>;
  editing: boolean;
  /** An inspection's unit cannot change, and it may lie outside the list of units offered for new ones. */
  fixedUnit: Inspection | null;
  rounds: Round[];
  teams: Team[];
  units: Unit[];
  reportMonths: number;
}) {
  const t = useT(adminMessages);
  const c = useT(common);
  const rules = useRules();
  const roundId = Form.useWatch('roundId', form);
  const feedbackOn = Form.useWatch('feedbackOn', form);
  const roundTeams = teams.filter((team) => team.roundId === roundId);
  const dueAfter = (feedback: string | null | undefined) =>
    feedback ? dayjs(feedback).add(reportMonths, 'month').format('YYYY-MM-DD') : null;
  const defaultDue = dueAfter(feedbackOn);
  // A report date that was only the default follows a corrected feedback date; one set by hand stays.
  const previousFeedback = useRef<string | null | undefined>(form.getFieldValue('feedbackOn'));
  useEffect(() => {
    if (feedbackOn === undefined || feedbackOn === previousFeedback.current) return;
    const due = form.getFieldValue('reportDueOn') as string | null;
    if (due && due === dueAfter(previousFeedback.current)) form.setFieldValue('reportDueOn', null);
    previousFeedback.current = feedbackOn;
  });
  const after = (field: keyof InspectionForm, message: string, strict: boolean) => ({
    validator: (_: unknown, value?: string | null) => {
      const earlier = form.getFieldValue(field) as string | null;
      const bad = value && earlier && (strict ? value <= earlier : value < earlier);
      return bad ? Promise.reject(new Error(message)) : Promise.resolve();
    },
  });
  return (
    <>
      {editing && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('roundAndUnitFixed')}
        </Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="roundId" label={c('round')} rules={[rules.choose(c('round'))]}>
            <Select
              disabled={editing}
              options={rounds.map((r) => ({ value: r.id, label: r.name }))}
              onChange={() => form.setFieldValue('teamId', undefined)}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="teamId" label={c('team')} rules={[rules.choose(c('team'))]}>
            <Select
              placeholder={roundId ? undefined : t('teamOfOtherRound')}
              options={roundTeams.map((team) => ({ value: team.id, label: team.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="unitId" label={c('unit')} rules={[rules.choose(c('unit'))]}>
            <Select
              disabled={editing}
              showSearch={{ optionFilterProp: 'label' }}
              options={
                fixedUnit
                  ? [{ value: fixedUnit.unitId, label: fixedUnit.unitName }]
                  : units.map((u) => ({ value: u.id, label: u.name }))
              }
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label={t('kind')} rules={[rules.choose(t('kind'))]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="from" label={t('from')} rules={[rules.choose(t('from'))]}>
            <IsoDatePicker />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="to"
            label={t('to')}
            dependencies={['from']}
            rules={[rules.choose(t('to')), after('from', t('toBeforeFrom'), false)]}
          >
            <IsoDatePicker />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="feedbackOn"
            label={t('feedbackOn')}
            dependencies={['to']}
            rules={[after('to', t('feedbackBeforeTo'), true)]}
          >
            <IsoDatePicker />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="concentratedUntil"
            label={t('concentratedUntil')}
            dependencies={['feedbackOn']}
            rules={[after('feedbackOn', t('concentratedBeforeFeedback'), false)]}
          >
            <IsoDatePicker />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="reportDueOn"
        label={t('reportDueOn')}
        extra={
          defaultDue
            ? t('reportDueDefault', { n: reportMonths, date: defaultDue })
            : t('reportDueNoFeedback', { n: reportMonths })
        }
      >
        <IsoDatePicker placeholder={defaultDue ?? undefined} />
      </Form.Item>
    </>
  );
}
