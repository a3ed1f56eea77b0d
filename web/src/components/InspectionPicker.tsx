import { Select } from 'antd';
import { useMemo } from 'react';
import { type Inspection, useInspections } from '../api/queries/inspections.ts';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/index.tsx';

export function InspectionPicker({
  value,
  onChange,
  width = 420,
}: {
  value: number | null;
  onChange: (id: number | null, inspection: Inspection | null) => void;
  /** Pixels, or a share of the parent (`'100%'` in a phone's one-column form), which then bounds it. */
  width?: number | string;
}) {
  const c = useT(common);
  const list = useInspections();
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
      // A percentage cannot cap it inside antd's Space (its items size to their content): the screen's width can.
      style={{ width, maxWidth: typeof width === 'number' ? 'calc(100vw - 80px)' : undefined }}
      value={value ?? undefined}
      options={options}
      onChange={(id?: number) => onChange(id ?? null, inspections?.find((i) => i.id === id) ?? null)}
    />
  );
}
