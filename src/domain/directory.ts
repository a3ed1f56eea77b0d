/**
 * The directory workbook (通讯录/组织机构表): units, departments and accounts as an office keeps them in Excel. One list of
 * sheet and column names, read by the importer and written by the export, so the two cannot drift apart.
 */
import { ROLE_ZH, ROLES, type Role } from './roles.ts';
import { UNIT_KINDS, type UnitKind } from './units.ts';

export const DIRECTORY_SHEETS = ['units', 'departments', 'accounts'] as const;
export type DirectorySheet = (typeof DIRECTORY_SHEETS)[number];

/** A sheet's names: the first is the one the export writes. */
export const DIRECTORY_SHEET_NAMES: Record<DirectorySheet, readonly string[]> = {
  units: ['单位', '单位表', '单位列表', '机构', '组织机构', '单位信息'],
  departments: ['部门', '部门表', '内设部门', '部门列表', '科室', '处室'],
  accounts: ['账号', '账号表', '帐号', '用户', '用户表', '人员', '账户', '人员名单', '通讯录'],
};

export type UnitField = 'code' | 'name' | 'parent' | 'kind' | 'sortOrder';
export type AccountField = 'username' | 'displayName' | 'role' | 'unit' | 'department' | 'team' | 'email' | 'active';

/** The names people give each column; the first is the export's heading and the one messages use. */
export const UNIT_COLUMN_NAMES: Record<UnitField, readonly string[]> = {
  code: ['单位编码', '编码', '代码', '单位代码', '机构编码', '机构代码', '组织编码'],
  name: ['单位名称', '名称', '单位', '机构名称', '组织名称'],
  parent: ['上级单位', '上级', '上级单位名称', '上级单位编码', '上级编码', '上级机构', '所属上级'],
  kind: ['单位类型', '类型', '类别', '机构类型'],
  sortOrder: ['排序', '排序号', '显示顺序', '顺序'],
};

export const DEPARTMENT_COLUMN_NAMES: Record<UnitField, readonly string[]> = {
  code: ['部门编码', '编码', '代码', '部门代码'],
  name: ['部门名称', '名称', '部门', '科室', '处室', '科室名称', '处室名称'],
  parent: ['所属单位', '上级单位', '上级', '单位', '所属单位编码', '上级部门', '所属单位名称'],
  kind: ['类型'],
  sortOrder: ['排序', '排序号', '显示顺序', '顺序'],
};

export const ACCOUNT_COLUMN_NAMES: Record<AccountField, readonly string[]> = {
  username: ['用户名', '账号', '帐号', '登录名', '登录账号', '用户账号', '账号名'],
  displayName: ['姓名', '显示名', '用户姓名', '真实姓名', '名字'],
  role: ['角色', '用户角色', '账号角色', '身份'],
  unit: ['单位', '所属单位', '单位名称', '单位编码', '工作单位'],
  department: ['部门', '所属部门', '部门名称', '部门编码', '科室', '处室'],
  team: ['巡察组', '所属巡察组'],
  email: ['电子邮箱', '邮箱', '电子邮件', 'email', 'e-mail', '邮件地址', '邮箱地址'],
  active: ['状态', '账号状态', '是否启用', '启用状态'],
};

/** Which columns a sheet cannot do without. */
export const REQUIRED_UNIT_FIELDS: readonly UnitField[] = ['name'];
export const REQUIRED_ACCOUNT_FIELDS: readonly AccountField[] = ['username', 'displayName', 'role', 'unit'];

export const UNIT_KIND_ZH: Record<UnitKind, string> = {
  committee: '党委',
  inspection_office: '巡察办',
  unit: '被巡察单位',
  department: '内设部门',
  supervision: '派驻纪检监察组',
};

const KIND_ALIASES: Record<string, UnitKind> = {
  单位: 'unit',
  被巡察单位: 'unit',
  党组织: 'committee',
  市委: 'committee',
  县委: 'committee',
  巡察机构: 'inspection_office',
  巡察办公室: 'inspection_office',
  部门: 'department',
  纪检监察组: 'supervision',
  派驻纪检组: 'supervision',
};

const ROLE_ALIASES: Record<string, Role> = {
  管理员: 'admin',
  单位管理员: 'unit_admin',
  整改办: 'unit_admin',
  单位领导: 'unit_leader',
  领导: 'unit_leader',
  部门: 'department',
  部门用户: 'department',
  责任部门用户: 'department',
  纪检监察组: 'supervisor',
  派驻纪检组: 'supervisor',
  巡察组成员: 'team',
};

/** What a cell's words mean, spacing, width and case aside; the export's words, the codes and common synonyms. */
const lookup = <T extends string>(codes: readonly T[], labels: Record<T, string>, aliases: Record<string, T>) => {
  const table = new Map<string, T>();
  for (const code of codes) table.set(code.toLowerCase(), code);
  for (const [word, code] of Object.entries(aliases)) table.set(word, code);
  for (const code of codes) table.set(labels[code], code);
  return (text: string): T | undefined => table.get(text.normalize('NFKC').replace(/\s+/g, '').toLowerCase());
};

export const unitKindOfWord = lookup(UNIT_KINDS, UNIT_KIND_ZH, KIND_ALIASES);
export const roleOfWord = lookup(ROLES, ROLE_ZH, ROLE_ALIASES);

export const ACTIVE_ZH = { true: '启用', false: '停用' } as const;
const ACTIVE_WORDS = new Map<string, boolean>([
  ...['启用', '正常', '有效', '是', '在用', '开通', 'true', 'yes', 'y', '1', 'active'].map((w) => [w, true] as const),
  ...['停用', '禁用', '无效', '否', '注销', '冻结', '关闭', 'false', 'no', 'n', '0', 'inactive'].map(
    (w) => [w, false] as const,
  ),
]);

/** 启用/停用 and their synonyms; undefined when the words are not recognised. */
export function activeOfWord(text: string): boolean | undefined {
  return ACTIVE_WORDS.get(text.normalize('NFKC').replace(/\s+/g, '').toLowerCase());
}

/** Codes and user names as the rest of the app accepts them (units.schema.ts, users.schema.ts). */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,40}$/;
export const UNIT_NAME_MAX = 100;
export const DISPLAY_NAME_MAX = 50;
/** Loose on purpose: the address is checked by the mail server; this catches a phone number or a name in the column. */
export const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
export const EMAIL_MAX = 254;

/** More rows than any committee's directory has; a file past this is a mistake (or an attack on the planner). */
export const MAX_DIRECTORY_ROWS = 20_000;
