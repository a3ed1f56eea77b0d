import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { isEmailAddress, isMobileNumber } from '../../../../src/domain/channels.ts';
import { generatePassword, isStrongPassword } from '../../../../src/domain/password.ts';
import type { Role } from '../../api/queries/auth.ts';
import { useRounds, useTeams } from '../../api/queries/rounds.ts';
import { useUnits } from '../../api/queries/units.ts';
import {
  type User,
  type UserChanges,
  useCreateUser,
  useEndSessions,
  usePatchUser,
  useUsers,
} from '../../api/queries/users.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { layoutMessages } from '../../layout/messages.ts';
import { DirectoryExchange } from './DirectoryExchange.tsx';
import { adminMessages } from './messages.ts';
import { AdminGate, FormModal, unitTree, useRules } from './shared.tsx';

const ROLES: Role[] = [
  'admin',
  'security_admin',
  'auditor',
  'office',
  'team',
  'supervisor',
  'unit_admin',
  'unit_leader',
  'department',
];
/** 三员分立: under separation of duties only the security administrator grants or withdraws these. */
const ADMINISTRATOR_ROLES: Role[] = ['admin', 'security_admin', 'auditor'];

interface TreeNode {
  value: number;
  title: string;
  children?: TreeNode[];
}

export default function UsersPage() {
  const t = useT(adminMessages);
  return (
    <AdminGate ability="seeAccounts" reason={t('notAllowedUsers')}>
      <Users />
    </AdminGate>
  );
}

function Users() {
  const t = useT(adminMessages);
  const c = useT(common);
  const roleName = useT(layoutMessages);
  const { user: me, abilities: can } = useSession();
  const { message } = App.useApp();
  const endSessions = useEndSessions();
  const users = useUsers();
  const units = useUnits();
  const teams = useTeams();
  const rounds = useRounds();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [shownPassword, setShownPassword] = useState<{ name: string; password: string } | null>(null);
  const action = usePatchUser();

  const unitById = useMemo(() => new Map((units.data?.units ?? []).map((u) => [u.id, u])), [units.data]);
  const treeData = useMemo(
    () => unitTree<TreeNode>(units.data?.units ?? [], (u, children) => ({ value: u.id, title: u.name, children })),
    [units.data],
  );
  const teamLabel = useMemo(() => {
    const roundName = new Map((rounds.data?.rounds ?? []).map((r) => [r.id, r.name]));
    return new Map(
      (teams.data?.teams ?? []).map((team) => [team.id, `${team.name}（${roundName.get(team.roundId) ?? ''}）`]),
    );
  }, [teams.data, rounds.data]);
  const teamOptions = useMemo(
    () => (teams.data?.teams ?? []).map((team) => ({ value: team.id, label: teamLabel.get(team.id) ?? team.name })),
    [teams.data, teamLabel],
  );

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const underPath = unitId !== null ? unitById.get(unitId)?.path : undefined;
    return (users.data?.users ?? []).filter(
      (u) =>
        (!needle || u.displayName.toLowerCase().includes(needle) || u.username.toLowerCase().includes(needle)) &&
        (!role || u.role === role) &&
        (!underPath || (unitById.get(u.unitId)?.path ?? '').startsWith(underPath)),
    );
  }, [users.data, search, role, unitId, unitById]);

  const lockedNow = (u: User) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());
  const patch = (u: User, body: UserChanges, done: () => void) =>
    action.mutate({ id: u.id, body: { version: u.version, ...body } }, { onSuccess: done });
  const resetPassword = (u: User) => {
    const password = generatePassword();
    patch(u, { password }, () => setShownPassword({ name: u.displayName, password }));
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={16}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('usersTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('usersIntro')}
          </Typography.Paragraph>
        </div>
        {can.manageUsers && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('newUser')}
          </Button>
        )}
      </Flex>
      <Flex gap={12} wrap>
        <Input.Search
          aria-label={t('searchUsers')}
          placeholder={t('searchUsers')}
          allowClear
          style={{ width: 240 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select
          aria-label={t('filterRole')}
          placeholder={t('filterRole')}
          allowClear
          style={{ width: 200 }}
          value={role ?? undefined}
          onChange={(v?: Role) => setRole(v ?? null)}
          options={ROLES.map((r) => ({ value: r, label: roleName(`role_${r}`) }))}
        />
        <TreeSelect
          aria-label={t('filterUnit')}
          placeholder={t('filterUnit')}
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          style={{ width: 300 }}
          value={unitId ?? undefined}
          onChange={(v?: number) => setUnitId(v ?? null)}
          treeData={treeData}
          treeDefaultExpandedKeys={treeData.map((n) => n.value)}
          popupMatchSelectWidth={false}
        />
        <DirectoryExchange />
      </Flex>
      <ErrorAlert error={users.error ?? units.error ?? teams.error} onRetry={users.refetch} />
      <SaveErrorAlert
        error={action.error ?? endSessions.error}
        onReload={() => {
          action.reset();
          endSessions.reset();
          users.refetch();
        }}
      />
      <Table<User>
        rowKey="id"
        size="middle"
        loading={users.isPending}
        dataSource={shown}
        scroll={{ x: 980 }}
        pagination={{
          pageSize: 20,
          showSizeChanger: false,
          showTotal: (n) => t('total', { n }),
          hideOnSinglePage: true,
        }}
        locale={{ emptyText: <Empty description={t('noUsers')} /> }}
        columns={[
          {
            title: t('displayName'),
            width: 180,
            render: (_, u) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {u.displayName}
                  {u.id === me.id && <Typography.Text type="secondary"> {t('you')}</Typography.Text>}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {u.username}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('role'), dataIndex: 'role', width: 140, render: (r: Role) => roleName(`role_${r}`) },
          { title: t('unit'), dataIndex: 'unitName', ellipsis: true },
          {
            title: t('team'),
            dataIndex: 'teamId',
            width: 150,
            ellipsis: true,
            render: (id: number | null) =>
              id === null ? '—' : (teams.data?.teams.find((x) => x.id === id)?.name ?? id),
          },
          {
            title: t('status'),
            width: 160,
            render: (_, u) =>
              !u.active ? (
                <Tag color="default">{t('inactive')}</Tag>
              ) : lockedNow(u) ? (
                <Tag color="orange">{t('locked', { time: dayjs(u.lockedUntil).format('HH:mm') })}</Tag>
              ) : (
                <Tag color="green">{t('active')}</Tag>
              ),
          },
          {
            title: c('actions'),
            width: 250,
            render: (_, u) => (
              <Space size={0} wrap>
                {(can.manageUsers || can.grantRoles) && (
                  <Button
                    type="link"
                    size="small"
                    aria-label={`${can.manageUsers ? c('edit') : t('changeRole')} ${u.displayName}`}
                    onClick={() => setEditing(u)}
                  >
                    {can.manageUsers ? c('edit') : t('changeRole')}
                  </Button>
                )}
                {can.manageUsers && (
                  <Popconfirm
                    title={t('confirmReset', { name: u.displayName })}
                    description={<div style={{ maxWidth: 280 }}>{t('confirmResetBody')}</div>}
                    okText={c('confirm')}
                    cancelText={c('cancel')}
                    onConfirm={() => resetPassword(u)}
                  >
                    <Button type="link" size="small" aria-label={`${t('resetPassword')} ${u.displayName}`}>
                      {t('resetPassword')}
                    </Button>
                  </Popconfirm>
                )}
                {can.secureAccounts && u.active && u.id !== me.id && (
                  <Popconfirm
                    title={t('confirmEndSessions', { name: u.displayName })}
                    okText={c('confirm')}
                    cancelText={c('cancel')}
                    onConfirm={() =>
                      endSessions.mutate(u.id, {
                        onSuccess: () => message.success(t('sessionsEnded', { name: u.displayName })),
                      })
                    }
                  >
                    <Button type="link" size="small" aria-label={`${t('endSessions')} ${u.displayName}`}>
                      {t('endSessions')}
                    </Button>
                  </Popconfirm>
                )}
                {can.secureAccounts && lockedNow(u) && (
                  <Button
                    type="link"
                    size="small"
                    aria-label={`${t('unlock')} ${u.displayName}`}
                    onClick={() =>
                      patch(u, { unlock: true }, () => message.success(t('unlocked', { name: u.displayName })))
                    }
                  >
                    {t('unlock')}
                  </Button>
                )}
                {!can.manageUsers ? null : u.active ? (
                  u.id !== me.id && (
                    <Popconfirm
                      title={t('confirmDeactivate', { name: u.displayName })}
                      description={<div style={{ maxWidth: 280 }}>{t('confirmDeactivateBody')}</div>}
                      okText={t('deactivate')}
                      okButtonProps={{ danger: true }}
                      cancelText={c('cancel')}
                      onConfirm={() =>
                        patch(u, { active: false }, () => message.success(t('deactivated', { name: u.displayName })))
                      }
                    >
                      <Button type="link" size="small" danger aria-label={`${t('deactivate')} ${u.displayName}`}>
                        {t('deactivate')}
                      </Button>
                    </Popconfirm>
                  )
                ) : (
                  <Button
                    type="link"
                    size="small"
                    aria-label={`${t('reactivate')} ${u.displayName}`}
                    onClick={() =>
                      patch(u, { active: true }, () => message.success(t('reactivated', { name: u.displayName })))
                    }
                  >
                    {t('reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UserModal
          user={editing === 'new' ? null : editing}
          treeData={treeData}
          teamOptions={teamOptions}
          onClose={() => setEditing(null)}
          reload={users.refetch}
          onSaved={(created) => {
            setEditing(null);
            // A new account is shown at once, wherever it falls in the list.
            if (created) {
              setSearch(created);
              setRole(null);
              setUnitId(null);
            }
          }}
        />
      )}
      <Modal
        open={shownPassword !== null}
        title={shownPassword && t('newPasswordTitle', { name: shownPassword.name })}
        onCancel={() => setShownPassword(null)}
        footer={<Button onClick={() => setShownPassword(null)}>{c('confirm')}</Button>}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('newPasswordOnce')}</Typography.Paragraph>
        <Typography.Paragraph copyable code style={{ fontSize: 18 }} aria-label={t('initialPassword')}>
          {shownPassword?.password}
        </Typography.Paragraph>
      </Modal>
    </Flex>
  );
}

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  teamId?: number | null;
  password: string;
  email?: string | null;
  phone?: string | null;
}

function UserModal({
  user,
  treeData,
  teamOptions,
  onClose,
  onSaved,
  reload,
}: {
  user: User | null;
  treeData: TreeNode[];
  teamOptions: { value: number; label: string }[];
  onClose: () => void;
  onSaved: (createdUsername?: string) => void;
  reload: () => void;
}) {
  const t = useT(adminMessages);
  const roleName = useT(layoutMessages);
  const rules = useRules();
  const { user: me, abilities: can } = useSession();
  // The three administrator roles are offered only to whoever may grant them; an account holding one keeps it shown.
  const grantable = (r: Role) => can.grantAdministratorRoles || !ADMINISTRATOR_ROLES.includes(r);
  const roleLocked = !!user && (user.id === me.id || !grantable(user.role));
  const createdUsername = useRef<string>(undefined);
  const create = useCreateUser();
  const patch = usePatchUser();
  const submit = async (v: UserForm, version: number | undefined) => {
    const teamId = v.role === 'team' ? (v.teamId ?? null) : null;
    if (!user) {
      createdUsername.current = v.username.trim();
      return create.mutateAsync({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
        role: v.role,
        unitId: v.unitId,
        teamId,
      });
    }
    // Only what changed is sent: a changed role, unit or team signs the person out, an unchanged one should not.
    const changes: UserChanges = {};
    if (v.displayName.trim() !== user.displayName) changes.displayName = v.displayName.trim();
    if (v.role !== user.role) changes.role = v.role;
    if (v.unitId !== user.unitId) changes.unitId = v.unitId;
    if (teamId !== user.teamId) changes.teamId = teamId;
    const email = v.email?.trim() || null;
    const phone = v.phone?.replace(/[\s-]/g, '') || null;
    if (email !== user.email) changes.email = email;
    if (phone !== user.phone) changes.phone = phone;
    if (Object.keys(changes).length === 0) return;
    return patch.mutateAsync({ id: user.id, body: { version: version ?? user.version, ...changes } });
  };
  return (
    <FormModal<UserForm>
      name="user"
      title={user ? `${t('editUser')} · ${user.displayName}` : t('newUser')}
      initialValues={user ?? { role: 'department' }}
      version={user?.version}
      submit={submit}
      onClose={onClose}
      onSaved={() => onSaved(user ? undefined : createdUsername.current)}
      reload={reload}
    >
      {(form) => (
        <>
          <Form.Item
            name="username"
            label={t('username')}
            extra={user ? undefined : t('usernameHint')}
            rules={[
              rules.required(t('username')),
              { pattern: /^[A-Za-z0-9_.-]{3,40}$/, message: t('usernameInvalid') },
            ]}
          >
            <Input disabled={!!user} maxLength={40} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('displayName')}
            rules={[rules.required(t('displayName')), rules.max(t('displayName'), 50)]}
          >
            <Input maxLength={50} disabled={!can.manageUsers} />
          </Form.Item>
          <Form.Item
            name="role"
            label={t('role')}
            rules={[rules.choose(t('role'))]}
            extra={roleLocked ? t(user?.id === me.id ? 'ownRoleLocked' : 'roleReserved') : undefined}
          >
            <Select
              disabled={roleLocked || !can.grantRoles}
              options={ROLES.map((r) => ({ value: r, label: roleName(`role_${r}`), disabled: !grantable(r) }))}
            />
          </Form.Item>
          <Form.Item name="unitId" label={t('unit')} rules={[rules.choose(t('unit'))]}>
            <TreeSelect
              disabled={!can.manageUsers}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeData={treeData}
              treeDefaultExpandedKeys={treeData.map((n) => n.value)}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['role']}>
            {() =>
              form.getFieldValue('role') === 'team' && (
                <Form.Item
                  name="teamId"
                  label={t('team')}
                  extra={t('teamHint')}
                  rules={[{ required: true, message: t('teamRequired') }]}
                >
                  <Select showSearch={{ optionFilterProp: 'label' }} options={teamOptions} />
                </Form.Item>
              )
            }
          </Form.Item>
          {user && (
            <>
              <Form.Item
                name="email"
                label={t('email')}
                rules={[
                  {
                    validator: (_, value?: string | null) =>
                      !value?.trim() || isEmailAddress(value.trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('emailInvalid'))),
                  },
                ]}
              >
                <Input inputMode="email" maxLength={254} disabled={!can.manageUsers} autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('phone')}
                rules={[
                  {
                    validator: (_, value?: string | null) =>
                      !value?.trim() || isMobileNumber(value.replace(/[\s-]/g, ''))
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('phoneInvalid'))),
                  },
                ]}
              >
                <Input inputMode="tel" maxLength={13} disabled={!can.manageUsers} autoComplete="off" />
              </Form.Item>
            </>
          )}
          {!user && (
            <Form.Item label={t('initialPassword')} required extra={t('passwordRule')}>
              <Flex gap={8}>
                <Form.Item
                  name="password"
                  noStyle
                  rules={[
                    rules.required(t('initialPassword')),
                    {
                      validator: (_, value?: string) =>
                        !value || isStrongPassword(value)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('passwordWeak'))),
                    },
                  ]}
                >
                  <Input aria-label={t('initialPassword')} autoComplete="new-password" style={{ flex: 1 }} />
                </Form.Item>
                <Button onClick={() => form.setFieldsValue({ password: generatePassword() })}>{t('generate')}</Button>
              </Flex>
            </Form.Item>
          )}
        </>
      )}
    </FormModal>
  );
}
