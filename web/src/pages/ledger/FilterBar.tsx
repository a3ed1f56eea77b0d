import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Checkbox, DatePicker, Flex, Input, Select, type SelectProps, Switch } from 'antd';
import dayjs from 'dayjs';
import { memo, useEffect, useMemo, useState } from 'react';
import type { SessionUser } from '../../api/queries/auth.ts';
import { type Inspection, useInspection } from '../../api/queries/inspections.ts';
import { useRounds } from '../../api/queries/rounds.ts';
import { useUnits } from '../../api/queries/units.ts';
import { useUsers } from '../../api/queries/users.ts';
import { InspectionPicker } from '../../components/InspectionPicker.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { statusMessages } from '../../components/messages.ts';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { countFilters, type LedgerFilters, MORE_FILTERS, RESULT_LABELS, WORKFLOW_STATES } from './ledgerQuery.ts';
import { ledgerMessages } from './messages.ts';

const WIDE = 260;
const NARROW = 150;

const boolValue = (v: boolean | undefined) => (v === undefined ? undefined : String(v));
const boolOf = (v: string | undefined) => (v === undefined ? undefined : v === 'true');

/**
 * Filters for every column GET /api/items filters on: the common ones in view, the rest one click away. Memoised:
 * it only changes with the filters, not each time the rows load.
 */
export const FilterBar = memo(function FilterBar({
  filters,
  onChange,
  user,
  spansUnits,
  inspections,
}: {
  filters: LedgerFilters;
  onChange: (next: LedgerFilters) => void;
  user: SessionUser;
  spansUnits: boolean;
  inspections: Inspection[];
}) {
  const t = useT(ledgerMessages);
  const c = useT(common);
  const s = useT(statusMessages);
  const hiddenCount = countFilters(filters, MORE_FILTERS);
  const [more, setMore] = useState(hiddenCount > 0);
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);

  const set = (patch: Partial<LedgerFilters>) => {
    const next = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof LedgerFilters)[]) {
      const v = next[key];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) delete next[key];
    }
    onChange(next);
  };

  // A phone stacks the filters in one full-width column.
  const narrow = useNarrow();
  const w = (px: number) => (narrow ? '100%' : px);
  const stateOptions = WORKFLOW_STATES.map((v) => ({ value: v, label: s(v) }));
  const resultOptions = RESULT_LABELS.map((v) => ({ value: v, label: s(v) }));

  return (
    <search aria-label={t('title')} style={{ display: 'block', marginBottom: 12 }}>
      <Flex wrap gap={8} vertical={narrow} align={narrow ? 'stretch' : 'center'}>
        <InspectionPicker
          width={w(WIDE)}
          value={filters.inspectionId ?? null}
          onChange={(id) => set({ inspectionId: id ?? undefined, problemId: undefined })}
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          aria-label={c('state')}
          placeholder={c('state')}
          style={{ width: w(190) }}
          options={stateOptions}
          value={filters.state ?? []}
          onChange={(v) => set({ state: v })}
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          aria-label={c('result')}
          placeholder={c('result')}
          style={{ width: w(170) }}
          options={resultOptions}
          value={filters.result ?? []}
          onChange={(v) => set({ result: v })}
        />
        <Select
          allowClear
          aria-label={t('anyOverdue')}
          placeholder={t('anyOverdue')}
          style={{ width: w(120) }}
          value={boolValue(filters.overdue)}
          options={[
            { value: 'true', label: t('onlyOverdue') },
            { value: 'false', label: t('notOverdue') },
          ]}
          onChange={(v?: string) => set({ overdue: boolOf(v) })}
        />
        <Input.Search
          allowClear
          aria-label={t('searchText')}
          placeholder={t('searchText')}
          style={{ width: w(200) }}
          maxLength={100}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
        />
        <Flex align="center" gap={6} style={{ whiteSpace: 'nowrap' }}>
          <Switch
            id="ledger-show-archived"
            size="small"
            checked={filters.archived !== undefined}
            onChange={(on) => set({ archived: on ? 'include' : undefined })}
          />
          <label htmlFor="ledger-show-archived">{t('showArchived')}</label>
        </Flex>
        <Flex gap={8} wrap align="center">
          <Badge count={hiddenCount} size="small" offset={[-4, 4]}>
            <Button icon={<FilterOutlined />} aria-expanded={more} onClick={() => setMore((m) => !m)}>
              {more ? t('fewerFilters') : t('moreFilters')}
            </Button>
          </Badge>
          {Object.keys(filters).length > 0 && (
            <Button type="link" onClick={() => onChange({})}>
              {t('clearFilters')}
            </Button>
          )}
        </Flex>
      </Flex>
      {more && (
        <MoreFilters
          filters={filters}
          set={set}
          user={user}
          spansUnits={spansUnits}
          inspections={inspections}
          narrow={narrow}
        />
      )}
    </search>
  );
});

function MoreFilters({
  filters,
  set,
  user,
  spansUnits,
  inspections,
  narrow,
}: {
  filters: LedgerFilters;
  set: (patch: Partial<LedgerFilters>) => void;
  user: SessionUser;
  spansUnits: boolean;
  inspections: Inspection[];
  narrow: boolean;
}) {
  const w = (px: number) => (narrow ? '100%' : px);
  const t = useT(ledgerMessages);
  const c = useT(common);
  const rounds = useRounds();
  const units = useUnits();
  const detail = useInspection(filters.inspectionId ?? null);
  // Only the system administrator may list accounts; everyone else can still narrow to their own measures.
  const users = useUsers(user.role === 'admin');

  const roundOfInspection = inspections.find((i) => i.id === filters.inspectionId)?.roundId;
  const roundId = filters.roundId ?? roundOfInspection;
  const allRounds = rounds.data?.rounds ?? [];
  const aspectOptions = useMemo((): SelectProps['options'] => {
    const shown = roundId ? allRounds.filter((r) => r.id === roundId) : allRounds;
    if (shown.length === 1) return shown[0].aspects.map((a) => ({ value: a.id, label: a.name }));
    return shown.map((r) => ({
      label: r.name,
      title: r.name,
      options: r.aspects.map((a) => ({ value: a.id, label: a.name })),
    }));
  }, [allRounds, roundId]);

  const byId = useMemo(() => new Map((units.data?.units ?? []).map((u) => [u.id, u])), [units.data]);
  const unitOptions = (units.data?.units ?? [])
    .filter((u) => u.kind === 'unit')
    .map((u) => ({ value: u.id, label: u.name }));
  const departmentOptions = (units.data?.units ?? [])
    .filter((u) => u.kind === 'department')
    .map((u) => {
      const parent = u.parentId ? byId.get(u.parentId) : undefined;
      return { value: u.id, label: spansUnits && parent ? `${parent.name} · ${u.name}` : u.name };
    });
  const problemOptions = (detail.data?.problems ?? []).map((p) => ({
    value: p.id,
    label: p.number ? `${p.number}. ${p.title}` : p.title,
  }));
  const userOptions = (users.data?.users ?? [])
    .filter((u) => u.active !== false)
    .map((u) => ({ value: u.id, label: `${u.displayName}（${u.unitName}）` }));
  const search = { optionFilterProp: 'label' } as const;

  return (
    <Flex wrap gap={8} vertical={narrow} align={narrow ? 'stretch' : 'center'} style={{ marginTop: 8 }}>
      {allRounds.length > 1 && (
        <Select
          allowClear
          aria-label={c('round')}
          placeholder={c('round')}
          style={{ width: w(NARROW + 40) }}
          loading={rounds.isFetching}
          value={filters.roundId}
          options={allRounds.map((r) => ({ value: r.id, label: r.name }))}
          onChange={(v?: number) => set({ roundId: v, aspectId: undefined })}
        />
      )}
      {spansUnits && unitOptions.length > 0 && (
        <Select
          allowClear
          showSearch={search}
          aria-label={c('unit')}
          placeholder={c('unit')}
          style={{ width: w(WIDE - 40) }}
          loading={units.isFetching}
          value={filters.unitId}
          options={unitOptions}
          onChange={(v?: number) => set({ unitId: v })}
        />
      )}
      <Select
        allowClear
        showSearch={search}
        aria-label={c('aspect')}
        placeholder={c('aspect')}
        style={{ width: w(WIDE) }}
        popupMatchSelectWidth={false}
        loading={rounds.isFetching}
        value={filters.aspectId}
        options={aspectOptions}
        onChange={(v?: number) => set({ aspectId: v })}
      />
      <Select
        allowClear
        showSearch={search}
        aria-label={c('problem')}
        placeholder={filters.inspectionId ? c('problem') : t('problemNeedsInspection')}
        disabled={!filters.inspectionId}
        style={{ width: w(WIDE) }}
        popupMatchSelectWidth={false}
        loading={detail.isFetching}
        value={filters.problemId}
        options={problemOptions}
        onChange={(v?: number) => set({ problemId: v })}
      />
      <Select
        allowClear
        showSearch={search}
        aria-label={c('department')}
        placeholder={c('department')}
        style={{ width: w(WIDE - 40) }}
        popupMatchSelectWidth={false}
        loading={units.isFetching}
        value={filters.departmentId}
        options={departmentOptions}
        onChange={(v?: number) => set({ departmentId: v })}
      />
      {user.role === 'admin' ? (
        <Select
          allowClear
          showSearch={search}
          aria-label={c('person')}
          placeholder={c('person')}
          style={{ width: w(NARROW + 30) }}
          popupMatchSelectWidth={false}
          loading={users.isFetching}
          value={filters.responsiblePersonId}
          options={userOptions}
          onChange={(v?: number) => set({ responsiblePersonId: v })}
        />
      ) : (
        <Checkbox
          checked={filters.responsiblePersonId === user.id}
          indeterminate={filters.responsiblePersonId !== undefined && filters.responsiblePersonId !== user.id}
          onChange={(e) => set({ responsiblePersonId: e.target.checked ? user.id : undefined })}
        >
          {filters.responsiblePersonId !== undefined && filters.responsiblePersonId !== user.id
            ? t('personId', { id: filters.responsiblePersonId })
            : t('onlyMine')}
        </Checkbox>
      )}
      <Select
        allowClear
        aria-label={t('anyFlagged')}
        placeholder={t('anyFlagged')}
        style={{ width: w(130) }}
        value={boolValue(filters.flagged)}
        options={[
          { value: 'true', label: t('onlyFlagged') },
          { value: 'false', label: t('notFlagged') },
        ]}
        onChange={(v?: string) => set({ flagged: boolOf(v) })}
      />
      <DatePicker
        aria-label={t('deadlineFrom')}
        placeholder={t('deadlineFrom')}
        style={{ width: w(130) }}
        value={filters.deadlineFrom ? dayjs(filters.deadlineFrom) : null}
        onChange={(d) => set({ deadlineFrom: d ? d.format('YYYY-MM-DD') : undefined })}
      />
      <DatePicker
        aria-label={t('deadlineTo')}
        placeholder={t('deadlineTo')}
        style={{ width: w(130) }}
        value={filters.deadlineTo ? dayjs(filters.deadlineTo) : null}
        onChange={(d) => set({ deadlineTo: d ? d.format('YYYY-MM-DD') : undefined })}
      />
    </Flex>
  );
}
