import { Select, type SelectProps } from 'antd';

/** Picks one of the inspected unit's departments, searchable by name; the form item around it gives the label. */
export function DepartmentSelect({
  departments,
  ...props
}: Omit<SelectProps<number>, 'options'> & { departments: { id: number; name: string }[] }) {
  return (
    <Select<number>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      {...props}
      options={departments.map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}
