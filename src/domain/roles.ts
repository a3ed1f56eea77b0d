/**
 * The roles of PRODUCT.md plus the three administrators of 三员分立 (GB/T 22239-2019 level 3): the system administrator
 * (`admin`: units, accounts, configuration), the security administrator (password and lockout policy, sessions, roles) and
 * the security auditor (reads and exports the audit trail, nothing else).
 */
export const ROLES = [
  'admin',
  'security_admin',
  'auditor',
  'office',
  'team',
  'unit_admin',
  'unit_leader',
  'department',
  'supervisor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_ZH: Record<Role, string> = {
  admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '安全审计员',
  office: '巡察办',
  team: '巡察组',
  unit_admin: '被巡察单位管理员',
  unit_leader: '被巡察单位领导',
  department: '责任部门',
  supervisor: '派驻纪检监察组',
};

/** The glossary's English names (PRODUCT.md), printed beside the Chinese where a terminal or a log names a role. */
export const ROLE_EN: Record<Role, string> = {
  admin: 'System administrator',
  security_admin: 'Security administrator',
  auditor: 'Security auditor',
  office: 'Inspection office',
  team: 'Inspection team',
  unit_admin: 'Unit administrator',
  unit_leader: 'Unit leader',
  department: 'Responsible department',
  supervisor: 'Stationed discipline inspection team',
};
