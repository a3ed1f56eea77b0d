/** The kinds of inspection (常规巡察, 专项巡察, 机动巡察, 提级巡察, 交叉巡察, 巡察“回头看”). */
export const INSPECTION_KINDS = ['regular', 'special', 'mobile', 'elevated', 'cross', 'lookback'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** The unit's log of organising the work (领导小组, meetings, study sessions, check visits). */
export const WORK_LOG_KINDS = [
  'leading_group',
  'deployment_meeting',
  'progress_meeting',
  'democratic_life_meeting',
  'study_session',
  'check_visit',
  'other',
] as const;
export type WorkLogKind = (typeof WORK_LOG_KINDS)[number];
