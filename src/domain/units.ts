/** The kinds of node in the unit tree: the committee, its office, inspected units, their departments, supervisors. */
export const UNIT_KINDS = ['committee', 'inspection_office', 'unit', 'department', 'supervision'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
