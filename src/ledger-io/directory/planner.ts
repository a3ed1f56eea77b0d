import { createHash } from 'node:crypto';
import {
  type AccountField,
  activeOfWord,
  DISPLAY_NAME_MAX,
  EMAIL_MAX,
  EMAIL_PATTERN,
  roleOfWord,
  UNIT_CODE_PATTERN,
  UNIT_KIND_ZH,
  UNIT_NAME_MAX,
  type UnitField,
  USERNAME_PATTERN,
  unitKindOfWord,
} from '../../domain/directory.ts';
import { ROLE_ZH, type Role } from '../../domain/roles.ts';
import type { UnitKind } from '../../domain/units.ts';
import { type Actor, isAdministratorRole, mayGrantRole } from '../../policies/policies.ts';
import type {
  DirectoryAccount,
  DirectoryAccountChanges,
  DirectorySnapshot,
  DirectoryUnit,
} from '../../repositories/directory.repository.ts';
import { normalise } from '../import/cells.ts';
import type { DirectoryRow, DirectoryRows } from './read.ts';

export interface DirectoryProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

export type ChangeKind = 'unit' | 'department' | 'account';

/** One row that would change something, as the dry-run table shows it. */
export interface PlannedChange {
  sheet: string;
  row: number;
  kind: ChangeKind;
  action: 'add' | 'change';
  /** The unit's code or the account's user name. */
  key: string;
  name: string;
  fields: { field: string; before: string | null; after: string | null }[];
}

interface Counts {
  add: number;
  change: number;
  unchanged: number;
}

/** A new unit, written after its parent (depth order): by code, since a new parent has no id yet. */
export interface NewUnit {
  code: string;
  name: string;
  kind: UnitKind;
  sortOrder: number;
  parent: { id: number } | { code: string };
  depth: number;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  unit: { id: number } | { code: string };
  teamId: number | null;
  email: string | null;
  active: boolean;
}

export interface DirectoryWrites {
  newUnits: NewUnit[];
  unitChanges: { id: number; version: number; name?: string; sortOrder?: number }[];
  newAccounts: NewAccount[];
  accountChanges: {
    id: number;
    version: number;
    changes: DirectoryAccountChanges;
    /** A move to a unit the same import adds, by its code (its id is known only once it is written). */
    moveToNew?: string;
    before: DirectoryAccount;
  }[];
}

export interface DirectoryPlan {
  counts: { units: Counts; departments: Counts; accounts: Counts };
  changes: PlannedChange[];
  errors: DirectoryProblem[];
  ignoredSheets: string[];
  /** A fingerprint of what would be written: confirming with it refuses when the database moved since the check. */
  planId: string;
  writes: DirectoryWrites;
}

/** A unit as the import will leave it: an existing one (perhaps renamed by a row), or a new one from a row. */
interface Node {
  existing: DirectoryUnit | null;
  code: string | null;
  name: string;
  kind: UnitKind;
  sortOrder: number;
  parent: Node | null;
  /** For an existing unit whose parent lies outside the tree (the actor's own root). */
  parentOutside: boolean;
  row: DirectoryRow<UnitField> | null;
  sheetKind: 'units' | 'departments' | null;
  /** A row without a code that turned out to be an existing unit. */
  mergedInto: Node | null;
  failed: boolean;
}

const key = (text: string) => normalise(text).toLowerCase();
const deref = (n: Node): Node => {
  let x = n;
  while (x.mergedInto) x = x.mergedInto;
  return x;
};

/**
 * Plans a directory import: what each row adds or changes, and every problem, per sheet, row and column, in Chinese.
 * Pure: the rows as read, the tree and accounts as they are, the actor. Rows never delete; a unit never moves (its
 * place decides everyone's access); an account is deactivated only by a row that says 停用; what the file leaves out is
 * left alone.
 */
export function planDirectory(rows: DirectoryRows, snapshot: DirectorySnapshot, actor: Actor): DirectoryPlan {
  const errors: DirectoryProblem[] = [...rows.errors];
  const changes: PlannedChange[] = [];
  const fail = <F extends string>(row: DirectoryRow<F>, field: F | null, message: string) => {
    errors.push({
      sheet: row.sheet,
      row: row.row,
      column: field === null ? null : (row.column[field] ?? null),
      message,
    });
  };

  // ---- the tree as it stands
  const nodeById = new Map<number, Node>();
  const nodeByCode = new Map<string, Node>();
  for (const u of snapshot.units) {
    const node: Node = {
      existing: u,
      code: u.code,
      name: u.name,
      kind: u.kind,
      sortOrder: u.sortOrder,
      parent: null,
      parentOutside: false,
      row: null,
      sheetKind: null,
      mergedInto: null,
      failed: false,
    };
    nodeById.set(u.id, node);
    nodeByCode.set(u.code, node);
  }
  for (const u of snapshot.units) {
    const node = nodeById.get(u.id) as Node;
    node.parent = u.parentId === null ? null : (nodeById.get(u.parentId) ?? null);
    node.parentOutside = node.parent === null;
  }
  const inTree = new Set(snapshot.units.map((u) => u.code));
  const takenCodes = new Set(snapshot.takenCodes);

  // ---- unit rows: each becomes (or attaches to) a node
  interface UnitEntry {
    row: DirectoryRow<UnitField>;
    sheetKind: 'units' | 'departments';
    node: Node;
    parentText: string | null;
    kindGiven: UnitKind | null;
    sortGiven: number | null;
  }
  const entries: UnitEntry[] = [];
  const rowOfCode = new Map<string, DirectoryRow<UnitField>>();
  const unitRows = [
    ...rows.units.map((r) => ({ r, sheetKind: 'units' as const })),
    ...rows.departments.map((r) => ({ r, sheetKind: 'departments' as const })),
  ];
  for (const { r, sheetKind } of unitRows) {
    const v = r.values;
    const name = v.name?.replace(/\s+/g, ' ').trim() ?? '';
    const code = v.code?.trim() || null;
    let bad = false;
    if (!name) {
      fail(r, 'name', '名称不能为空');
      bad = true;
    } else if (name.length > UNIT_NAME_MAX) {
      fail(r, 'name', `名称超过 ${UNIT_NAME_MAX} 个字`);
      bad = true;
    }
    let kindGiven: UnitKind | null = sheetKind === 'departments' ? 'department' : null;
    if (sheetKind === 'units' && v.kind) {
      kindGiven = unitKindOfWord(v.kind) ?? null;
      if (!kindGiven) {
        fail(r, 'kind', `无法识别的单位类型“${v.kind}”（可填：${Object.values(UNIT_KIND_ZH).join('、')}）`);
        bad = true;
      }
    }
    let sortGiven: number | null = null;
    if (v.sortOrder) {
      const n = Number(normalise(v.sortOrder));
      if (!Number.isInteger(n) || n < 0 || n > 100_000) {
        fail(r, 'sortOrder', `排序须为 0–100000 的整数，而不是“${v.sortOrder}”`);
        bad = true;
      } else sortGiven = n;
    }
    if (code !== null) {
      if (!UNIT_CODE_PATTERN.test(code)) {
        fail(r, 'code', `编码“${code}”只能由 1–40 个字母、数字、“-”“_”“.”组成`);
        continue;
      }
      const earlier = rowOfCode.get(code);
      if (earlier) {
        fail(r, 'code', `编码“${code}”与${where(earlier, r)}重复`);
        continue;
      }
      rowOfCode.set(code, r);
      if (!inTree.has(code) && takenCodes.has(code)) {
        fail(r, 'code', `编码“${code}”已被管理范围以外的单位使用`);
        continue;
      }
    }
    const existing = code === null ? undefined : nodeByCode.get(code);
    let node: Node;
    if (existing) {
      node = existing;
      node.row = r;
      node.sheetKind = sheetKind;
      if (name && !bad) node.name = name;
    } else {
      node = {
        existing: null,
        code,
        name,
        kind: kindGiven ?? 'unit',
        sortOrder: sortGiven ?? 0,
        parent: null,
        parentOutside: false,
        row: r,
        sheetKind,
        mergedInto: null,
        failed: bad,
      };
      if (code !== null) nodeByCode.set(code, node);
    }
    if (bad) node.failed = true;
    entries.push({ row: r, sheetKind, node, parentText: v.parent?.trim() || null, kindGiven, sortGiven });
  }

  // ---- references by code or by name (indexes built once: rows only ever merge into existing units afterwards)
  const pool = [...new Set<Node>([...nodeById.values(), ...entries.map((e) => e.node)])];
  const allNodes = () => new Set(pool.map(deref));
  const byCodeExact = new Map<string, Node>();
  const byCodeLower = new Map<string, Node>();
  const byName = new Map<string, Node[]>();
  for (const n of pool) {
    if (n.code !== null) {
      byCodeExact.set(n.code, n);
      byCodeLower.set(n.code.toLowerCase(), n);
    }
    for (const name of new Set([key(n.name), ...(n.existing ? [key(n.existing.name)] : [])])) {
      byName.set(name, [...(byName.get(name) ?? []), n]);
    }
  }
  type Resolved = { node: Node } | { error: string };
  const resolve = (text: string, within: (n: Node) => boolean = () => true): Resolved => {
    const coded = byCodeExact.get(text) ?? byCodeLower.get(text.toLowerCase());
    if (coded && within(deref(coded))) return { node: deref(coded) };
    // "交通运输局（T-A）": a name with its code, as some people write both.
    const withCode = /^(.*?)\s*[（(]\s*([A-Za-z0-9_.-]{1,40})\s*[)）]$/.exec(text.normalize('NFKC'));
    const alsoCoded = withCode && byCodeExact.get(withCode[2]);
    if (alsoCoded && within(deref(alsoCoded))) return { node: deref(alsoCoded) };
    const named = [...new Set((byName.get(key(text)) ?? []).map(deref))].filter(within);
    if (named.length === 1) return { node: named[0] };
    if (named.length > 1) {
      const codes = named.map((n) => n.code).filter((c): c is string => c !== null);
      return {
        error: `有 ${named.length} 个名为“${text}”的单位或部门，请改填编码${codes.length ? `（${codes.join('、')}）` : ''}`,
      };
    }
    return { error: `找不到单位或部门“${text}”（按编码和名称都未找到）` };
  };
  const existingChild = new Map<string, Node>();
  for (const n of nodeById.values()) {
    if (n.parent) existingChild.set(`${n.parent.existing?.id}|${key(n.existing?.name ?? '')}`, n);
  }

  // A row without a code is the existing unit of that name under the same parent, when there is one; that is decided
  // once its parent is known, and parents may be such rows too, so it goes round until nothing more is learnt.
  const uncoded = entries.filter((e) => e.node.code === null && !e.node.existing);
  for (let progress = true, round = 0; progress && round < 20; round++) {
    progress = false;
    for (const e of uncoded) {
      if (e.node.mergedInto || e.node.parent || !e.parentText) continue;
      const found = resolve(e.parentText);
      if (!('node' in found)) continue;
      const parent = deref(found.node);
      e.node.parent = parent;
      progress = true;
      const twin = parent.existing ? existingChild.get(`${parent.existing.id}|${key(e.node.name)}`) : undefined;
      // Merged even when another row already describes it: the same unit twice is then reported as such.
      if (twin) {
        e.node.mergedInto = twin;
        twin.row ??= e.row;
        twin.sheetKind ??= e.sheetKind;
      }
    }
  }

  // ---- each unit row checked against where it points
  const rowOfNode = new Map<Node, DirectoryRow<UnitField>>();
  for (const e of entries) {
    const node = deref(e.node);
    const r = e.row;
    const earlier = rowOfNode.get(node);
    if (earlier && earlier !== r) {
      fail(r, 'name', `与${where(earlier, r)}是同一单位“${node.name}”，请合并为一行`);
      continue;
    }
    rowOfNode.set(node, r);
    let parent: Node | null = null;
    if (e.parentText) {
      const found = resolve(e.parentText);
      if ('error' in found) {
        fail(r, 'parent', found.error);
        node.failed = true;
      } else parent = deref(found.node);
    }
    if (node.existing) {
      if (e.kindGiven && e.kindGiven !== node.kind) {
        fail(r, 'kind', `已有单位的类型不能通过导入修改（现为“${UNIT_KIND_ZH[node.kind]}”）`);
      }
      if (parent && parent !== node.parent) {
        fail(
          r,
          'parent',
          `已有单位不能通过导入调整上级（现为“${node.parent?.name ?? '无'}”）：调整上级会改变所有账号的权限范围`,
        );
      }
      if (e.sortGiven !== null) node.sortOrder = e.sortGiven;
      continue;
    }
    if (!e.parentText) {
      fail(r, 'parent', '新增单位须填写上级单位（名称或编码）');
      node.failed = true;
      continue;
    }
    if (parent) {
      node.parent = parent;
      if (node.kind !== 'department' && parent.kind === 'department') {
        fail(r, 'parent', `“${parent.name}”是部门，其下只能设部门；单位请填在“单位”表并选择单位作上级`);
      }
      if (parent === node) fail(r, 'parent', '上级不能是自己');
    }
  }

  // ---- cycles among new units (existing ones never move, so a cycle runs through new rows only)
  const depthOf = new Map<Node, number>();
  const reported = new Set<Node>();
  for (const e of entries) {
    const start = deref(e.node);
    if (start.existing || depthOf.has(start)) continue;
    const chain: Node[] = [];
    let at: Node | null = start;
    while (at && !at.existing && !depthOf.has(at) && !chain.includes(at)) {
      chain.push(at);
      at = at.parent;
    }
    if (at && chain.includes(at)) {
      const loop = chain.slice(chain.indexOf(at));
      for (const n of loop) {
        if (reported.has(n) || !n.row) continue;
        reported.add(n);
        fail(n.row, 'parent', `上级关系形成循环：${[...loop, loop[0]].map((x) => x.name).join(' → ')}`);
        n.failed = true;
      }
      for (const n of chain) depthOf.set(n, -1);
      continue;
    }
    let depth = at ? (depthOf.get(at) ?? 0) : 0;
    for (const n of chain.reverse()) depthOf.set(n, depth < 0 ? -1 : ++depth);
  }

  // ---- two units of one name under one parent: a name would then stand for either
  const byParentName = new Map<Node | null, Map<string, Node[]>>();
  for (const n of allNodes()) {
    // A new row whose parent could not be found is reported for that already.
    if (!n.parent && !n.existing) continue;
    const names = byParentName.get(n.parent) ?? new Map<string, Node[]>();
    byParentName.set(n.parent, names);
    names.set(key(n.name), [...(names.get(key(n.name)) ?? []), n]);
  }
  for (const group of [...byParentName.values()].flatMap((names) => [...names.values()])) {
    if (group.length < 2) continue;
    const first = group.find((n) => !n.row) ?? group[0];
    for (const n of group) {
      if (n === first || !n.row) continue;
      fail(
        n.row,
        'name',
        `“${n.parent?.name ?? ''}”下已有名为“${n.name}”的${n.kind === 'department' ? '部门' : '单位'}${first.row ? `（${where(first.row, n.row)}）` : ''}`,
      );
      n.failed = true;
    }
  }

  // ---- codes for new units the file gave none: the parent's code and the next free number, as the units page suggests
  const newNodes = entries
    .map((e) => deref(e.node))
    .filter((n, i, all) => !n.existing && all.indexOf(n) === i)
    .sort((a, b) => (depthOf.get(a) ?? 0) - (depthOf.get(b) ?? 0));
  const usedCodes = new Set([...takenCodes, ...rowOfCode.keys()]);
  const childCount = new Map<Node, number>();
  for (const n of allNodes()) if (n.parent) childCount.set(n.parent, (childCount.get(n.parent) ?? 0) + 1);
  for (const n of newNodes) {
    if (n.code !== null || !n.parent) continue;
    let i = childCount.get(n.parent) ?? 1;
    let code = `${n.parent.code ?? 'U'}-${i}`;
    while (usedCodes.has(code)) code = `${n.parent.code ?? 'U'}-${++i}`;
    if (code.length > 40 && n.row) {
      fail(n.row, 'code', '无法为该单位自动生成编码（上级编码过长），请填写编码');
      n.failed = true;
    }
    usedCodes.add(code);
    n.code = code;
  }

  // ---- what the unit rows change
  const writes: DirectoryWrites = { newUnits: [], unitChanges: [], newAccounts: [], accountChanges: [] };
  const counts = {
    units: { add: 0, change: 0, unchanged: 0 },
    departments: { add: 0, change: 0, unchanged: 0 },
    accounts: { add: 0, change: 0, unchanged: 0 },
  };
  for (const [node, r] of rowOfNode) {
    const kind: ChangeKind = node.kind === 'department' ? 'department' : 'unit';
    const tally = counts[kind === 'department' ? 'departments' : 'units'];
    const parentLabel = (p: Node | null) => (p ? p.name : null);
    if (!node.existing) {
      tally.add++;
      const parent = node.parent;
      if (parent && node.code && !node.failed) {
        writes.newUnits.push({
          code: node.code,
          name: node.name,
          kind: node.kind,
          sortOrder: node.sortOrder,
          parent: parent.existing ? { id: parent.existing.id } : { code: parent.code as string },
          depth: depthOf.get(node) ?? 1,
        });
      }
      changes.push({
        sheet: r.sheet,
        row: r.row,
        kind,
        action: 'add',
        key: node.code ?? '',
        name: node.name,
        fields: [
          { field: '上级', before: null, after: parentLabel(node.parent) },
          { field: '类型', before: null, after: UNIT_KIND_ZH[node.kind] },
        ],
      });
      continue;
    }
    const before = node.existing;
    const fields: PlannedChange['fields'] = [];
    const patch: { name?: string; sortOrder?: number } = {};
    if (node.name !== before.name) {
      fields.push({ field: '名称', before: before.name, after: node.name });
      patch.name = node.name;
    }
    if (node.sortOrder !== before.sortOrder) {
      fields.push({ field: '排序', before: String(before.sortOrder), after: String(node.sortOrder) });
      patch.sortOrder = node.sortOrder;
    }
    if (fields.length === 0) {
      tally.unchanged++;
      continue;
    }
    tally.change++;
    writes.unitChanges.push({ id: before.id, version: before.version, ...patch });
    changes.push({ sheet: r.sheet, row: r.row, kind, action: 'change', key: before.code, name: node.name, fields });
  }

  planAccounts(rows.accounts, rows.columns.accounts, {
    snapshot,
    actor,
    resolve,
    nodeById,
    fail,
    changes,
    writes,
    counts: counts.accounts,
  });

  // In the file's order: sheet by sheet as they were read, row by row.
  const sheetOrder = new Map<string, number>();
  for (const r of [...rows.units, ...rows.departments, ...rows.accounts, ...rows.errors]) {
    if (!sheetOrder.has(r.sheet)) sheetOrder.set(r.sheet, sheetOrder.size);
  }
  const inFileOrder = (a: { sheet: string; row: number | null }, b: { sheet: string; row: number | null }) =>
    (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || (a.row ?? 0) - (b.row ?? 0);
  const orderedChanges = changes.sort(inFileOrder);
  const sortedErrors = errors.sort(inFileOrder);
  writes.newUnits.sort((a, b) => a.depth - b.depth);
  return {
    counts,
    changes: orderedChanges,
    errors: sortedErrors,
    ignoredSheets: rows.ignoredSheets,
    planId: createHash('sha256')
      .update(JSON.stringify({ writes, changes: orderedChanges }))
      .digest('hex')
      .slice(0, 32),
    writes,
  };

  function where(earlier: DirectoryRow<string>, here: DirectoryRow<string>) {
    return earlier.sheet === here.sheet ? `第 ${earlier.row} 行` : `“${earlier.sheet}”表第 ${earlier.row} 行`;
  }
}

interface AccountContext {
  snapshot: DirectorySnapshot;
  actor: Actor;
  resolve: (text: string, within?: (n: Node) => boolean) => { node: Node } | { error: string };
  nodeById: Map<number, Node>;
  fail: <F extends string>(row: DirectoryRow<F>, field: F | null, message: string) => void;
  changes: PlannedChange[];
  writes: DirectoryWrites;
  counts: Counts;
}

const isUnder = (n: Node, ancestor: Node) => {
  for (let at: Node | null = n; at; at = at.parent) if (deref(at) === ancestor) return true;
  return false;
};

function planAccounts(rows: DirectoryRow<AccountField>[], present: AccountField[], c: AccountContext) {
  const { snapshot, actor, fail } = c;
  const byUsername = new Map(snapshot.accounts.map((a) => [a.username.toLowerCase(), a]));
  const taken = new Set(snapshot.takenUsernames.map((u) => u.toLowerCase()));
  const seen = new Map<string, number>();
  const teamLabel = (t: { name: string; roundName: string }) => `${t.name}（${t.roundName}）`;
  const nodeName = (id: number) => c.nodeById.get(id)?.name ?? String(id);
  const teamName = (id: number | null) => {
    const t = id === null ? undefined : snapshot.teams.find((x) => x.id === id);
    return t ? teamLabel(t) : null;
  };
  // 三员分立: the last active holder of an administrator role stays.
  const activeLeft = { ...snapshot.activeByRole };
  const hasEmail = present.includes('email');
  for (const r of rows) {
    const v = r.values;
    const username = v.username?.trim() ?? '';
    if (!USERNAME_PATTERN.test(username)) {
      fail(r, 'username', username ? `用户名“${username}”须为 3–40 个字母、数字、“-”“_”“.”` : '用户名不能为空');
      continue;
    }
    const first = seen.get(username.toLowerCase());
    if (first !== undefined) {
      fail(r, 'username', `用户名“${username}”与第 ${first} 行重复`);
      continue;
    }
    seen.set(username.toLowerCase(), r.row);
    const before = byUsername.get(username.toLowerCase());
    if (!before && taken.has(username.toLowerCase())) {
      fail(r, 'username', `用户名“${username}”已被管理范围以外的账号使用`);
      continue;
    }
    let bad = false;
    const displayName = v.displayName?.replace(/\s+/g, ' ').trim() ?? '';
    if (!displayName || displayName.length > DISPLAY_NAME_MAX) {
      fail(r, 'displayName', displayName ? `姓名超过 ${DISPLAY_NAME_MAX} 个字` : '姓名不能为空');
      bad = true;
    }
    const role = v.role ? roleOfWord(v.role) : undefined;
    if (!role) {
      fail(
        r,
        'role',
        v.role ? `无法识别的角色“${v.role}”（可填：${Object.values(ROLE_ZH).join('、')}）` : '角色不能为空',
      );
      bad = true;
    }
    let unit: Node | null = null;
    if (!v.unit) {
      fail(r, 'unit', '单位不能为空');
      bad = true;
    } else {
      const found = c.resolve(v.unit);
      if ('error' in found) {
        fail(r, 'unit', found.error);
        bad = true;
      } else unit = deref(found.node);
    }
    if (unit && v.department) {
      const within = unit;
      const found = c.resolve(v.department, (n) => n.kind === 'department' && isUnder(n, within));
      if ('error' in found) {
        fail(r, 'department', `“${within.name}”下：${found.error}`);
        bad = true;
      } else unit = deref(found.node);
    }
    if (unit?.failed) {
      fail(r, 'unit', `所在单位“${unit.name}”的那一行有问题，请先修改那一行`);
      bad = true;
    }
    let teamId: number | null = null;
    if (role === 'team') {
      const wanted = key(v.team ?? '');
      const matches = wanted
        ? snapshot.teams.filter((t) => key(teamLabel(t)) === wanted || key(t.name) === wanted)
        : [];
      const exact = matches.find((t) => key(teamLabel(t)) === wanted);
      if (!wanted) {
        fail(r, 'team', '巡察组角色须填写所属巡察组');
        bad = true;
      } else if (!exact && matches.length !== 1) {
        fail(
          r,
          'team',
          matches.length > 1
            ? `有 ${matches.length} 个“${v.team}”，请写成“组名（轮次）”`
            : `找不到巡察组“${v.team}”（请先在轮次页面建组）`,
        );
        bad = true;
      } else teamId = (exact ?? matches[0]).id;
    } else if (role && v.team) {
      fail(r, 'team', `只有巡察组角色属于巡察组；“${ROLE_ZH[role]}”请留空`);
      bad = true;
    }
    let email: string | null | undefined;
    if (hasEmail) {
      email = v.email?.trim() || null;
      if (email !== null && (email.length > EMAIL_MAX || !EMAIL_PATTERN.test(email))) {
        fail(r, 'email', `电子邮箱“${email}”格式不对`);
        bad = true;
      }
    }
    let active: boolean | undefined;
    if (v.active) {
      active = activeOfWord(v.active);
      if (active === undefined) {
        fail(r, 'active', `无法识别的状态“${v.active}”（可填：启用、停用）`);
        bad = true;
      }
    }
    if (bad || !role || !unit) continue;
    const unitRef = unit.existing ? { id: unit.existing.id } : { code: unit.code as string };

    if (!before) {
      if (!mayGrantRole(actor, role, role)) {
        fail(r, 'role', `不能授予“${ROLE_ZH[role]}”角色：三员分立下由安全管理员授予`);
        continue;
      }
      c.counts.add++;
      c.writes.newAccounts.push({
        username,
        displayName,
        role,
        unit: unitRef,
        teamId,
        email: email ?? null,
        active: active ?? true,
      });
      c.changes.push({
        sheet: r.sheet,
        row: r.row,
        kind: 'account',
        action: 'add',
        key: username,
        name: displayName,
        fields: [
          { field: '角色', before: null, after: ROLE_ZH[role] },
          { field: '单位', before: null, after: unit.name },
          ...(active === false ? [{ field: '状态', before: null, after: '停用' }] : []),
        ],
      });
      continue;
    }

    const changes: DirectoryAccountChanges = {};
    const fields: PlannedChange['fields'] = [];
    if (displayName !== before.displayName) {
      changes.displayName = displayName;
      fields.push({ field: '姓名', before: before.displayName, after: displayName });
    }
    if (role !== before.role) {
      changes.role = role;
      fields.push({ field: '角色', before: ROLE_ZH[before.role], after: ROLE_ZH[role] });
    }
    let moveToNew: string | undefined;
    if (!unit.existing || unit.existing.id !== before.unitId) {
      if (unit.existing) changes.unitId = unit.existing.id;
      else moveToNew = unit.code as string;
      fields.push({ field: '单位', before: nodeName(before.unitId), after: unit.name });
    }
    if (teamId !== before.teamId) {
      changes.teamId = teamId;
      fields.push({ field: '巡察组', before: teamName(before.teamId), after: teamName(teamId) });
    }
    if (email !== undefined && email !== before.email) {
      changes.email = email;
      fields.push({ field: '电子邮箱', before: before.email, after: email });
    }
    if (active !== undefined && active !== before.active) {
      changes.active = active;
      fields.push({ field: '状态', before: before.active ? '启用' : '停用', after: active ? '启用' : '停用' });
    }
    if (fields.length === 0) {
      c.counts.unchanged++;
      continue;
    }
    if (before.id === actor.id && (changes.role !== undefined || changes.active === false)) {
      fail(r, changes.role !== undefined ? 'role' : 'active', '不能停用自己的账号或修改自己的角色');
      continue;
    }
    if (changes.role !== undefined && !mayGrantRole(actor, before.role, role)) {
      fail(r, 'role', `不能将“${ROLE_ZH[before.role]}”改为“${ROLE_ZH[role]}”：三员分立下由安全管理员授予`);
      continue;
    }
    const leaves = before.active && (changes.role !== undefined || changes.active === false);
    if (leaves && actor.separationOfDuties && isAdministratorRole(before.role)) {
      if ((activeLeft[before.role] ?? 0) <= 1) {
        fail(r, changes.active === false ? 'active' : 'role', `“${ROLE_ZH[before.role]}”至少保留一个启用的账号`);
        continue;
      }
      activeLeft[before.role] = (activeLeft[before.role] ?? 0) - 1;
    }
    c.counts.change++;
    c.writes.accountChanges.push({
      id: before.id,
      version: before.version,
      changes,
      ...(moveToNew ? { moveToNew } : {}),
      before,
    });
    c.changes.push({
      sheet: r.sheet,
      row: r.row,
      kind: 'account',
      action: 'change',
      key: username,
      name: displayName,
      fields,
    });
  }
}
