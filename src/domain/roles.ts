/** The roles of PRODUCT.md plus the built-in system administrator, who manages accounts and the unit tree. */
export const ROLES = ['admin', 'office', 'team', 'unit_admin', 'unit_leader', 'department', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_ZH: Record<Role, string> = {
  admin: '系统管理员',
  office: '巡察办',
  team: '巡察组',
  unit_admin: '被巡察单位管理员',
  unit_leader: '被巡察单位领导',
  department: '责任部门',
  supervisor: '派驻纪检监察组',
};
