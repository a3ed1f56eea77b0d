import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { type Key, useMemo, useState } from 'react';
import { type Unit, type UnitKind, useCreateUnit, usePatchUnit, useUnits } from '../../api/queries/units.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useNumberRule } from '../../components/forms.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { DirectoryExchange } from './DirectoryExchange.tsx';
import { adminMessages } from './messages.ts';
import { AdminGate, FormModal, unitTree, useRules } from './shared.tsx';

const KIND_COLOURS: Record<UnitKind, string> = {
  committee: 'red',
  inspection_office: 'volcano',
  supervision: 'purple',
  unit: 'blue',
  department: 'default',
};
/** What is usually added under a unit of each kind, offered first in the dialog. */
const CHILD_KIND: Record<UnitKind, UnitKind> = {
  committee: 'unit',
  inspection_office: 'department',
  supervision: 'department',
  unit: 'department',
  department: 'department',
};

interface UnitRow extends Unit {
  children?: UnitRow[];
}

export default function UnitsPage() {
  const t = useT(adminMessages);
  return (
    <AdminGate ability={['administer', 'manageUsers']} reason={t('notAllowedAdmin')}>
      <Units />
    </AdminGate>
  );
}

function Units() {
  const t = useT(adminMessages);
  const c = useT(common);
  const { user } = useSession();
  const canEdit = user.role === 'admin';
  const units = useUnits();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const [editing, setEditing] = useState<{ unit: Unit } | { parent: Unit } | null>(null);

  const all = units.data?.units ?? [];
  const tree = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const rows = unitTree<UnitRow>(all, (u, children) => ({ ...u, children }));
    if (!needle) return rows;
    // A match keeps its ancestors, so the tree still says where the unit sits.
    const keep = (row: UnitRow): UnitRow | null => {
      const children = (row.children ?? []).map(keep).filter((r): r is UnitRow => r !== null);
      const hit = row.name.toLowerCase().includes(needle) || row.code.toLowerCase().includes(needle);
      return hit || children.length ? { ...row, children: children.length ? children : undefined } : null;
    };
    return rows.map(keep).filter((r): r is UnitRow => r !== null);
  }, [all, search]);
  // The committee and its direct children open at first: fifty units are visible, their departments one click away.
  const firstLevels = useMemo(() => tree.map((r) => r.id), [tree]);
  const everyParent = useMemo(() => all.filter((u) => all.some((x) => x.parentId === u.id)).map((u) => u.id), [all]);
  const expandedKeys = search.trim() ? everyParent : (expanded ?? firstLevels);

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('unitsTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('unitsIntro')}
        </Typography.Paragraph>
      </div>
      {!canEdit && <Alert type="info" showIcon title={t('readOnlyUnits')} />}
      <Flex gap={12} wrap align="center">
        <Input.Search
          aria-label={t('searchPlaceholder')}
          placeholder={t('searchPlaceholder')}
          allowClear
          style={{ width: 300 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Button onClick={() => setExpanded(everyParent)}>{t('expandAll')}</Button>
        <Button onClick={() => setExpanded([])}>{t('collapseAll')}</Button>
        <DirectoryExchange />
      </Flex>
      <ErrorAlert error={units.error} onRetry={units.refetch} />
      <Table<UnitRow>
        rowKey="id"
        size="small"
        loading={units.isPending}
        dataSource={tree}
        pagination={false}
        expandable={{
          expandedRowKeys: expandedKeys,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          indentSize: 20,
        }}
        locale={{ emptyText: <Empty description={t('noUnits')} /> }}
        columns={[
          { title: t('unitName'), dataIndex: 'name' },
          { title: t('unitCode'), dataIndex: 'code', width: 170 },
          {
            title: t('unitKind'),
            dataIndex: 'kind',
            width: 150,
            render: (kind: UnitKind) => (
              <Tag color={KIND_COLOURS[kind]} variant="outlined">
                {t(`unitKind_${kind}`)}
              </Tag>
            ),
          },
          { title: t('sortOrder'), dataIndex: 'sortOrder', width: 90, align: 'right' },
          ...(canEdit
            ? [
                {
                  title: c('actions'),
                  width: 190,
                  render: (_: unknown, unit: UnitRow) => (
                    <Space size={0}>
                      <Button
                        type="link"
                        size="small"
                        icon={<PlusOutlined />}
                        aria-label={`${t('addChild')} ${unit.name}`}
                        onClick={() => setEditing({ parent: unit })}
                      >
                        {t('addChild')}
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        icon={<EditOutlined />}
                        aria-label={`${c('edit')} ${unit.name}`}
                        onClick={() => setEditing({ unit })}
                      >
                        {c('edit')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <UnitModal
          target={editing}
          siblings={all}
          onClose={() => setEditing(null)}
          reload={units.refetch}
          onSaved={(parentId) => {
            setEditing(null);
            if (parentId !== null) setExpanded((keys) => [...(keys ?? firstLevels), parentId]);
          }}
        />
      )}
    </Flex>
  );
}

interface UnitForm {
  name: string;
  code: string;
  kind: UnitKind;
  sortOrder: number;
}

function UnitModal({
  target,
  siblings,
  onClose,
  onSaved,
  reload,
}: {
  target: { unit: Unit } | { parent: Unit };
  siblings: Unit[];
  onClose: () => void;
  onSaved: (parentId: number | null) => void;
  reload: () => void;
}) {
  const t = useT(adminMessages);
  const within = useNumberRule();
  const rules = useRules();
  const unit = 'unit' in target ? target.unit : null;
  const parent = 'parent' in target ? target.parent : null;
  const create = useCreateUnit();
  const patch = usePatchUnit();
  const nextSortOrder = parent
    ? Math.max(-1, ...siblings.filter((u) => u.parentId === parent.id).map((u) => u.sortOrder)) + 1
    : 0;
  const submit = (v: UnitForm, version: number | undefined) => {
    if (unit) {
      return patch.mutateAsync({
        id: unit.id,
        body: { version: version ?? unit.version, name: v.name.trim(), sortOrder: v.sortOrder },
      });
    }
    return create.mutateAsync({
      parentId: parent?.id ?? null,
      name: v.name.trim(),
      code: v.code.trim(),
      kind: v.kind,
      sortOrder: v.sortOrder,
    });
  };
  return (
    <FormModal<UnitForm>
      name="unit"
      title={unit ? `${t('editUnit')} · ${unit.name}` : t('addChildTitle', { parent: parent?.name ?? '' })}
      initialValues={
        unit ?? {
          kind: parent ? CHILD_KIND[parent.kind] : 'unit',
          sortOrder: nextSortOrder,
          code: parent ? `${parent.code}-` : '',
        }
      }
      version={unit?.version}
      submit={submit}
      onClose={onClose}
      onSaved={() => onSaved(parent?.id ?? null)}
      reload={reload}
    >
      <Form.Item
        name="name"
        label={t('unitName')}
        rules={[rules.required(t('unitName')), rules.max(t('unitName'), 100)]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('unitCode')}
        extra={unit ? undefined : t('unitCodeHint')}
        rules={[rules.required(t('unitCode')), { pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: t('unitCodeInvalid') }]}
      >
        <Input disabled={!!unit} maxLength={40} />
      </Form.Item>
      <Form.Item name="kind" label={t('unitKind')} rules={[rules.choose(t('unitKind'))]}>
        <Select
          disabled={!!unit}
          options={(['unit', 'department', 'inspection_office', 'supervision', 'committee'] as UnitKind[]).map((k) => ({
            value: k,
            label: t(`unitKind_${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="sortOrder"
        label={t('sortOrder')}
        extra={t('sortOrderHint')}
        rules={[rules.choose(t('sortOrder')), within(t('sortOrder'), 0, 100000)]}
      >
        <InputNumber style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
