import { Select } from 'antd';
import { useMemo } from 'react';
import type { Inspection } from '../api/types.ts';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/index.tsx';
import { useApi } from './useApi.ts';

/** Inspections the user can see, newest round first; picks the only one when there is just one. */
export function useInspections() {
  const state = useApi<{ inspections: Inspection[] }>('/api/inspections');
  return { ...state, inspections: state.data?.inspections ?? [] };
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
  const { inspections, loading } = useInspections();
  const options = useMemo(
    () =>
      inspections.map((i) => ({
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
      loading={loading}
      style={{ width, maxWidth: '100%' }}
      value={value ?? undefined}
      options={options}
      onChange={(id?: number) => onChange(id ?? null, inspections.find((i) => i.id === id) ?? null)}
    />
  );
}
