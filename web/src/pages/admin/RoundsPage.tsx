import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  EditOutlined,
  InboxOutlined,
  PlusOutlined,
  TableOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  type Aspect,
  type Round,
  type Team,
  useAddAspect,
  useArchiveRound,
  useCreateRound,
  useCreateTeam,
  useOrderAspects,
  usePatchRound,
  usePatchTeam,
  useRenameAspect,
  useRounds,
  useTeams,
} from '../../api/queries/rounds.ts';
import { useUnits } from '../../api/queries/units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { summaryMessages } from '../round-summary/messages.ts';
import { adminMessages } from './messages.ts';
import { AdminGate, FormModal, IsoDatePicker, useFieldErrors, useRules } from './shared.tsx';

export default function RoundsPage() {
  const t = useT(adminMessages);
  return (
    <AdminGate ability="administer" reason={t('notAllowedAdmin')}>
      <Rounds />
    </AdminGate>
  );
}

function Rounds() {
  const t = useT(adminMessages);
  const c = useT(common);
  const s = useT(summaryMessages);
  const navigate = useNavigate();
  const rounds = useRounds();
  const teams = useTeams();
  const committees = useUnits({ kind: ['committee'] });
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [editing, setEditing] = useState<Round | 'new' | null>(null);
  const list = rounds.data?.rounds ?? [];
  const selected = list.find((r) => r.id === chosenId) ?? list[0];
  const teamsByRound = useMemo(() => {
    const map = new Map<number, Team[]>();
    for (const team of teams.data?.teams ?? []) map.set(team.roundId, [...(map.get(team.roundId) ?? []), team]);
    return map;
  }, [teams.data]);
  const committeeId = committees.data?.units[0]?.id;
  const archiving = useArchiveRound();
  const { message } = App.useApp();
  const setArchived = (round: Round, archived: boolean) =>
    archiving.mutate(
      { id: round.id, archived },
      { onSuccess: () => void message.success(archived ? t('archivedOk') : t('unarchivedOk')) },
    );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={16}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('roundsTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('roundsIntro')}
          </Typography.Paragraph>
        </div>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          disabled={committees.isFetching || !committeeId}
        >
          {t('newRound')}
        </Button>
      </Flex>
      <ErrorAlert error={rounds.error ?? teams.error ?? committees.error} onRetry={rounds.refetch} />
      {!committees.isFetching && !committees.error && !committeeId && (
        <ErrorAlert error={new Error(t('noCommittee'))} />
      )}
      <SaveErrorAlert
        error={archiving.error}
        onReload={() => {
          archiving.reset();
          void rounds.refetch();
        }}
      />
      <Table<Round>
        rowKey="id"
        size="middle"
        loading={rounds.isPending}
        dataSource={list}
        pagination={false}
        // On a phone the table scrolls sideways inside itself, so the round's name keeps its room.
        scroll={{ x: 930, y: 260 }}
        locale={{ emptyText: <Empty description={t('noRounds')} /> }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: selected ? [selected.id] : [],
          onChange: (keys) => setChosenId(Number(keys[0])),
          columnWidth: 48,
        }}
        onRow={(round) => ({ onClick: () => setChosenId(round.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('roundName'),
            dataIndex: 'name',
            ellipsis: true,
            render: (name: string, r) => (
              <Space size={6}>
                <span>{name}</span>
                {r.archivedAt && <Tag color="default">{t('archivedTag')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('period'),
            width: 230,
            render: (_, r) => (r.startsOn || r.endsOn ? `${r.startsOn ?? '…'} — ${r.endsOn ?? '…'}` : c('none')),
          },
          { title: t('aspectCount'), width: 100, align: 'right', render: (_, r) => r.aspects.length },
          { title: t('teamCount'), width: 90, align: 'right', render: (_, r) => teamsByRound.get(r.id)?.length ?? 0 },
          {
            title: c('actions'),
            width: 260,
            render: (_, r) => (
              // The row selects its round on click; the actions must not.
              <Space size={0} onClick={(e) => e.stopPropagation()}>
                <Button
                  type="link"
                  size="small"
                  icon={<TableOutlined />}
                  aria-label={`${s('summaryLink')} ${r.name}`}
                  onClick={() => navigate(`/rounds/${r.id}/summary`)}
                >
                  {s('summaryLink')}
                </Button>
                {!r.archivedAt && (
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={`${c('edit')} ${r.name}`}
                    onClick={() => setEditing(r)}
                  >
                    {c('edit')}
                  </Button>
                )}
                <Popconfirm
                  title={t(r.archivedAt ? 'confirmUnarchive' : 'confirmArchive', { name: r.name })}
                  description={
                    <div style={{ maxWidth: 320 }}>
                      {t(r.archivedAt ? 'confirmUnarchiveBody' : 'confirmArchiveBody')}
                    </div>
                  }
                  okText={c('confirm')}
                  cancelText={c('cancel')}
                  onConfirm={() => setArchived(r, !r.archivedAt)}
                >
                  <Button
                    type="link"
                    size="small"
                    icon={r.archivedAt ? <UndoOutlined /> : <InboxOutlined />}
                    loading={archiving.isPending && archiving.variables?.id === r.id}
                    aria-label={`${t(r.archivedAt ? 'unarchiveRound' : 'archiveRound')} ${r.name}`}
                  >
                    {t(r.archivedAt ? 'unarchiveRound' : 'archiveRound')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {selected?.archivedAt && (
        <Alert type="info" showIcon message={t('archivedNote', { at: selected.archivedAt.slice(0, 10) })} />
      )}
      {selected ? (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <AspectsCard round={selected} reload={rounds.refetch} />
          </Col>
          <Col xs={24} lg={12}>
            <TeamsCard round={selected} teams={teamsByRound.get(selected.id) ?? []} reload={teams.refetch} />
          </Col>
        </Row>
      ) : (
        !rounds.isFetching && <Typography.Text type="secondary">{t('selectRound')}</Typography.Text>
      )}
      {editing && committeeId && (
        <RoundModal
          round={editing === 'new' ? null : editing}
          committeeId={committeeId}
          onClose={() => setEditing(null)}
          reload={rounds.refetch}
          onSaved={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}

interface RoundForm {
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  aspects?: string;
}

function RoundModal({
  round,
  committeeId,
  onClose,
  onSaved,
  reload,
}: {
  round: Round | null;
  committeeId: number;
  onClose: () => void;
  onSaved: () => void;
  reload: () => void;
}) {
  const t = useT(adminMessages);
  const rules = useRules();
  const create = useCreateRound();
  const patch = usePatchRound();
  const submit = (v: RoundForm, version: number | undefined) => {
    const base = { name: v.name.trim(), startsOn: v.startsOn ?? null, endsOn: v.endsOn ?? null };
    if (!round) return create.mutateAsync({ committeeUnitId: committeeId, ...base, aspects: aspectLines(v.aspects) });
    return patch.mutateAsync({ id: round.id, body: { version: version ?? round.version, ...base } });
  };
  return (
    <FormModal<RoundForm>
      name="round"
      title={round ? t('editRound') : t('newRound')}
      initialValues={{ name: round?.name, startsOn: round?.startsOn ?? null, endsOn: round?.endsOn ?? null }}
      version={round?.version}
      submit={submit}
      onClose={onClose}
      onSaved={onSaved}
      reload={reload}
    >
      <Form.Item
        name="name"
        label={t('roundName')}
        rules={[rules.required(t('roundName')), rules.max(t('roundName'), 100)]}
      >
        <Input placeholder={t('roundNamePlaceholder')} maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="startsOn" label={t('startsOn')}>
            <IsoDatePicker />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="endsOn"
            label={t('endsOn')}
            dependencies={['startsOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value?: string | null) => {
                  const start = getFieldValue('startsOn') as string | null;
                  return value && start && value < start
                    ? Promise.reject(new Error(t('endBeforeStart')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <IsoDatePicker />
          </Form.Item>
        </Col>
      </Row>
      {!round && (
        <Form.Item
          name="aspects"
          label={t('initialAspects')}
          extra={t('initialAspectsHint')}
          rules={[
            {
              validator: (_, value?: string) => {
                const lines = aspectLines(value);
                const twice = lines.find((line, i) => lines.indexOf(line) !== i);
                return twice ? Promise.reject(new Error(t('duplicateAspects', { name: twice }))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} />
        </Form.Item>
      )}
    </FormModal>
  );
}

const aspectLines = (text?: string) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

function AspectsCard({ round, reload }: { round: Round; reload: () => void }) {
  const t = useT(adminMessages);
  const c = useT(common);
  const rules = useRules();
  const [addForm] = Form.useForm<{ name: string }>();
  const adding = useAddAspect();
  const showFieldErrors = useFieldErrors(addForm);
  const moving = useOrderAspects();
  const rename = useRenameAspect();
  const [renaming, setRenaming] = useState<Aspect | null>(null);

  const add = ({ name }: { name: string }) =>
    adding.mutate(
      { roundId: round.id, body: { name: name.trim() } },
      { onSuccess: () => addForm.resetFields(), onError: showFieldErrors },
    );
  const move = (index: number, delta: number) => {
    const ids = round.aspects.map((a) => a.id);
    [ids[index], ids[index + delta]] = [ids[index + delta], ids[index]];
    moving.mutate({ roundId: round.id, body: { version: round.version, aspectIds: ids } });
  };

  return (
    <Card
      title={<span style={{ whiteSpace: 'normal' }}>{t('aspectsOf', { round: round.name })}</span>}
      size="small"
      styles={{ body: { paddingTop: 8 } }}
    >
      <SaveErrorAlert
        error={moving.error}
        onReload={() => {
          moving.reset();
          reload();
        }}
      />
      <List
        size="small"
        dataSource={round.aspects}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noAspects')} /> }}
        renderItem={(aspect, index) => (
          <List.Item
            actions={
              round.archivedAt
                ? []
                : [
                    <Button
                      key="up"
                      size="small"
                      type="text"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('moveUp', { name: aspect.name })}
                      title={t('moveUp', { name: aspect.name })}
                      disabled={index === 0 || moving.isPending}
                      onClick={() => move(index, -1)}
                    />,
                    <Button
                      key="down"
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('moveDown', { name: aspect.name })}
                      title={t('moveDown', { name: aspect.name })}
                      disabled={index === round.aspects.length - 1 || moving.isPending}
                      onClick={() => move(index, 1)}
                    />,
                    <Button
                      key="rename"
                      size="small"
                      type="link"
                      aria-label={`${t('renameAspect')} ${aspect.name}`}
                      onClick={() => setRenaming(aspect)}
                    >
                      {t('renameAspect')}
                    </Button>,
                  ]
            }
          >
            <Space align="start">
              <Typography.Text type="secondary" style={{ minWidth: 20, display: 'inline-block' }}>
                {index + 1}.
              </Typography.Text>
              <span>{aspect.name}</span>
            </Space>
          </List.Item>
        )}
      />
      <SaveErrorAlert error={adding.error} />
      {!round.archivedAt && (
        <Form name="addAspect" form={addForm} onFinish={add} style={{ marginTop: 12 }}>
          <Flex gap={8} align="start">
            <Form.Item
              name="name"
              label={t('newAspect')}
              rules={[rules.required(t('aspectName')), rules.max(t('aspectName'), 200)]}
              style={{ flex: 1, marginBottom: 0 }}
            >
              <Input placeholder={t('newAspectPlaceholder')} maxLength={200} />
            </Form.Item>
            <Button htmlType="submit" icon={<PlusOutlined />} loading={adding.isPending}>
              {c('add')}
            </Button>
          </Flex>
        </Form>
      )}
      {renaming && (
        <FormModal<{ name: string }>
          name="aspect"
          title={`${t('renameAspect')} · ${renaming.name}`}
          initialValues={{ name: renaming.name }}
          version={renaming.version}
          submit={(v, version) =>
            rename.mutateAsync({ id: renaming.id, body: { version: version ?? renaming.version, name: v.name.trim() } })
          }
          onClose={() => setRenaming(null)}
          reload={reload}
          onSaved={() => setRenaming(null)}
        >
          <Form.Item
            name="name"
            label={t('aspectName')}
            rules={[rules.required(t('aspectName')), rules.max(t('aspectName'), 200)]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}

function TeamsCard({ round, teams, reload }: { round: Round; teams: Team[]; reload: () => void }) {
  const t = useT(adminMessages);
  const c = useT(common);
  const rules = useRules();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const team = editing === 'new' ? null : editing;
  const create = useCreateTeam();
  const patch = usePatchTeam();
  return (
    <Card
      title={<span style={{ whiteSpace: 'normal' }}>{t('teamsOf', { round: round.name })}</span>}
      size="small"
      extra={
        !round.archivedAt && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('newTeam')}
          </Button>
        )
      }
    >
      <Table<Team>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={teams}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noTeams')} /> }}
        columns={[
          { title: t('teamName'), dataIndex: 'name' },
          { title: t('leaderName'), dataIndex: 'leaderName', width: 120, render: (v) => v ?? '—' },
          {
            title: c('actions'),
            width: 90,
            render: (_, row) =>
              !round.archivedAt && (
                <Button
                  type="link"
                  size="small"
                  aria-label={`${c('edit')} ${row.name}`}
                  onClick={() => setEditing(row)}
                >
                  {c('edit')}
                </Button>
              ),
          },
        ]}
      />
      {editing && (
        <FormModal<{ name: string; leaderName?: string | null }>
          name="team"
          title={team ? t('editTeam') : t('newTeam')}
          initialValues={team ?? {}}
          version={team?.version}
          submit={(v, version) => {
            const body = { name: v.name.trim(), leaderName: v.leaderName?.trim() || null };
            return team
              ? patch.mutateAsync({ id: team.id, body: { version: version ?? team.version, ...body } })
              : create.mutateAsync({ roundId: round.id, ...body });
          }}
          onClose={() => setEditing(null)}
          reload={reload}
          onSaved={() => setEditing(null)}
        >
          <Form.Item
            name="name"
            label={t('teamName')}
            rules={[rules.required(t('teamName')), rules.max(t('teamName'), 100)]}
          >
            <Input placeholder={t('teamNamePlaceholder')} maxLength={100} />
          </Form.Item>
          <Form.Item name="leaderName" label={t('leaderName')} rules={[rules.max(t('leaderName'), 50)]}>
            <Input maxLength={50} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
