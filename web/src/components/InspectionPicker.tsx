import { Select } from 'antd';
import { useMemo } from 'react';
import { type Inspection, useInspections as useInspectionsQuery } from '../api/queries/inspections.ts';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/index.tsx';

/**
 * The inspections the user can see as a plain list (empty while loading), for the pages not yet reading
 * `useInspections` from api/queries/inspections.ts themselves: delete it with the last of them.
 */
export function useInspections() {
  const query = useInspectionsQuery();
  return {
    inspections: query.data?.inspections ?? [],
    loading: query.isFetching,
    error: query.error,
    reload: query.refetch,
  };
}

export function InspectionPicker({
  value,
  onChange,
  width = 420,
}: {
  value: number | null;
  onChange: (id: number | null, inspection: Inspection | null) => void;
  width?: number;
}) {
  const c = useT(common);
  const list = useInspectionsQuery();
  const inspections = list.data?.inspections;
  const options = useMemo(
    () =>
      (inspections ?? []).map((i) => ({
        value: i.id,
        label: `${i.unitName} · ${i.teamName}（${i.roundName}）`,
      })),
    [inspections],
  );
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      aria-label={c('chooseInspection')}
      placeholder={c('chooseInspection')}
      loading={list.isFetching}
      style={{ width, maxWidth: '100%' }}
      value={value ?? undefined}
      options={options}
      onChange={(id?: number) => onChange(id ?? null, inspections?.find((i) => i.id === id) ?? null)}
    />
  );
}
