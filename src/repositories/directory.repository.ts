import type { Db } from '../db/database.ts';
import type { Role } from '../domain/roles.ts';
import type { UnitKind } from '../domain/units.ts';
import type { Unit } from './units.repository.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

/** A unit as the directory workbook holds it: the unit tree's own shape. */
export type DirectoryUnit = Unit;

export interface DirectoryAccount {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  teamId: number | null;
  email: string | null;
  active: boolean;
  version: number;
}

export interface DirectoryTeam {
  id: number;
  name: string;
  roundName: string;
}

/** Everything an export writes and an import compares against: the part of the tree under `unitPath`. */
export interface DirectorySnapshot {
  units: DirectoryUnit[];
  accounts: DirectoryAccount[];
  teams: DirectoryTeam[];
  /** Codes and user names taken anywhere, in or out of the tree: a new one must not collide with any. */
  takenCodes: string[];
  takenUsernames: string[];
  /** Active accounts per administrator role, the whole system's (三员分立 keeps one of each). */
  activeByRole: Partial<Record<Role, number>>;
}

export async function loadDirectory(db: Db, unitPath: string): Promise<DirectorySnapshot> {
  const [units, accounts, teams, codes, usernames, byRole] = await Promise.all([
    db
      .selectFrom('units')
      .select(['id', 'parent_id', 'path', 'name', 'code', 'kind', 'sort_order', 'version'])
      .where('path', 'like', `${unitPath}%`)
      .orderBy('path')
      .execute(),
    db
      .selectFrom('users as u')
      .innerJoin('units as un', 'un.id', 'u.unit_id')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.unit_id',
        'u.team_id',
        'u.email',
        'u.active',
        'u.version',
      ])
      .where('un.path', 'like', `${unitPath}%`)
      .orderBy('un.path')
      .orderBy('u.id')
      .execute(),
    db
      .selectFrom('teams as t')
      .innerJoin('rounds as r', 'r.id', 't.round_id')
      .select(['t.id', 't.name', 'r.name as round_name'])
      .orderBy('t.round_id', 'desc')
      .orderBy('t.id')
      .execute(),
    db.selectFrom('units').select('code').execute(),
    db.selectFrom('users').select('username').execute(),
    db
      .selectFrom('users')
      .select(['role', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('active', '=', 1)
      .groupBy('role')
      .execute(),
  ]);
  return {
    units: units.map((r) => ({
      id: r.id,
      parentId: r.parent_id,
      path: r.path,
      name: r.name,
      code: r.code,
      kind: r.kind as UnitKind,
      sortOrder: r.sort_order,
      version: r.version,
    })),
    accounts: accounts.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role as Role,
      unitId: r.unit_id,
      teamId: r.team_id,
      email: r.email,
      active: r.active === 1,
      version: r.version,
    })),
    teams: teams.map((r) => ({ id: r.id, name: r.name, roundName: r.round_name })),
    takenCodes: codes.map((r) => r.code),
    takenUsernames: usernames.map((r) => r.username),
    activeByRole: Object.fromEntries(byRole.map((r) => [r.role, Number(r.n)])),
  };
}

/** What an import changes on an account: the administrator's fields and the e-mail address (null sends none). */
export interface DirectoryAccountChanges {
  displayName?: string;
  role?: Role;
  unitId?: number;
  teamId?: number | null;
  active?: boolean;
  email?: string | null;
}

/** One versioned write per account, the address included, so a stale row is refused like any other edit. */
export async function patchDirectoryAccount(
  trx: Db,
  id: number,
  version: number,
  changes: DirectoryAccountChanges,
  now: Date,
) {
  const columns = columnsOf<VersionedPatch<'users'>, DirectoryAccountChanges>(changes, {
    displayName: 'display_name',
    role: 'role',
    unitId: 'unit_id',
    teamId: 'team_id',
    active: 'active',
    email: 'email',
  });
  // columnsOf leaves out undefined, not null: a cleared address is written as null.
  await updateVersioned(trx, 'users', id, version, columns, now);
}

/** What insertUser does not take: a new account's address, and its being created already deactivated. */
export async function setNewAccountExtras(trx: Db, userId: number, extras: { email: string | null; active: boolean }) {
  if (extras.email === null && extras.active) return;
  await trx
    .updateTable('users')
    .set({ email: extras.email, active: extras.active ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}
