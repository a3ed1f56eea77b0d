import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { responsibleName } from '../../../src/domain/people.ts';
import { useT } from '../i18n/index.tsx';
import { personMessages } from './messages.ts';

/** A measure's 责任人 as stored: an account, a written name, or both (an imported cell linked to its account). */
export interface PersonValue {
  id: number | null;
  name: string | null;
}

export interface PersonChoice {
  id: number;
  displayName: string;
  unitName: string;
}

const keyOf = (v: PersonValue | null | undefined): string | undefined => {
  if (!v) return undefined;
  if (v.id !== null && v.name) return `linked:${v.id}:${v.name}`;
  if (v.id !== null) return `account:${v.id}`;
  if (v.name) return `name:${v.name}`;
  return undefined;
};

const personOfKey = (key: string | undefined): PersonValue => {
  if (!key) return { id: null, name: null };
  const [kind, ...rest] = key.split(':');
  if (kind === 'account') return { id: Number(rest[0]), name: null };
  if (kind === 'linked') return { id: Number(rest[0]), name: rest.slice(1).join(':') };
  return { id: null, name: rest.join(':') };
};

/**
 * One field for the 责任人, showing exactly what is stored (so a save without touching it keeps it, and the list shows
 * what the field showed): pick an account of the unit, or type a name — a deputy head, someone without an account —
 * and keep it as written. Printed by the same rule as every list (src/domain/people.ts).
 */
export function PersonPicker({
  value,
  onChange,
  people,
  size,
  style,
  id,
  'aria-label': ariaLabel,
}: {
  value?: PersonValue | null;
  onChange?: (value: PersonValue) => void;
  people: PersonChoice[];
  size?: 'small' | 'middle';
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}) {
  const t = useT(personMessages);
  const [search, setSearch] = useState('');
  const current = keyOf(value);
  const options = useMemo(() => {
    const accountName = (personId: number | null) => people.find((p) => p.id === personId)?.displayName ?? null;
    const accounts = people.map((p) => ({ value: `account:${p.id}`, label: `${p.displayName}（${p.unitName}）` }));
    const names: { value: string; label: string }[] = [];
    if (value?.name) {
      const printed = responsibleName({ personId: value.id, personName: value.name });
      const account = accountName(value.id);
      names.push({
        value: current ?? '',
        label: value.id !== null && account ? t('written', { name: printed ?? '', account }) : (printed ?? ''),
      });
    } else if (value?.id !== null && value?.id !== undefined && !people.some((p) => p.id === value.id)) {
      // An account no longer among the unit's (moved, disabled): still shown as what is stored.
      names.push({ value: current ?? '', label: `#${value.id}` });
    }
    const typed = search.trim();
    if (typed && !names.some((n) => n.value === `name:${typed}`)) {
      names.push({ value: `name:${typed}`, label: t('writeName', { name: typed }) });
    }
    return [
      ...(names.length > 0 ? [{ label: t('names'), options: names }] : []),
      { label: t('accounts'), options: accounts },
    ];
  }, [people, value, current, search, t]);

  return (
    <Select<string>
      id={id}
      aria-label={ariaLabel}
      size={size}
      style={style}
      allowClear
      showSearch={{ optionFilterProp: 'label', onSearch: setSearch }}
      popupMatchSelectWidth={false}
      placeholder={t('placeholder')}
      value={current}
      options={options}
      onChange={(key) => {
        setSearch('');
        onChange?.(personOfKey(key));
      }}
    />
  );
}
