import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { ROLE_EN, ROLE_ZH, ROLES, type Role } from '../domain/roles.ts';
import { demoUserIds } from '../repositories/demo.repository.ts';
import { listUsers } from '../repositories/users.repository.ts';
import { CliError, type Io, openMigrated } from './context.ts';

/** An account as a terminal prints it: a role's words in both languages, and the unit it sits in. */
export interface AccountLine {
  username: string;
  role: Role;
  unit: string;
}

const roleWords = (role: Role) => `${ROLE_ZH[role]} ${ROLE_EN[role]}`;

/** Aligned lines `username  角色 Role · unit`, the unit left out where it is the committee everyone sits under. */
export function accountLines(accounts: AccountLine[], { withUnit = true } = {}): string[] {
  const width = Math.max(0, ...accounts.map((a) => a.username.length)) + 2;
  return accounts.map((a) => `  ${a.username.padEnd(width)}${roleWords(a.role)}${withUnit ? ` · ${a.unit}` : ''}`);
}

/**
 * What start-up prints of the demo's accounts: one per role, in the order people meet them (the office, a team, a unit
 * and its departments, the supervisors, then 三员分立's administrators), so a newcomer can try each view; the rest are
 * one command away.
 */
export function oneAccountPerRole(accounts: AccountLine[]): AccountLine[] {
  const order: Role[] = [
    'office',
    'team',
    'unit_admin',
    'unit_leader',
    'department',
    'supervisor',
    'security_admin',
    'auditor',
  ];
  return order.flatMap((role) => accounts.find((a) => a.role === role) ?? []);
}

/** `rectify users [--demo] [--role ROLE] [--json]`: the accounts, the demo's alone with --demo. */
export async function usersCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      demo: { type: 'boolean', default: false },
      role: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const role = values.role;
  if (role !== undefined && !(ROLES as readonly string[]).includes(role))
    throw new CliError(`Unknown role "${role}" / 未知角色; one of: ${ROLES.join(', ')}`);
  const handle = await openMigrated(loadConfig());
  try {
    // The CLI runs with the operator's full view: every unit's accounts, as the server's administrator sees them.
    const [all, demo] = await Promise.all([listUsers(handle.db, '/'), demoUserIds(handle.db)]);
    const rows = all.filter((u) => (!values.demo || demo.has(u.id)) && (role === undefined || u.role === role));
    if (values.json) {
      const shaped = rows.map((u) => ({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        unit: u.unitName,
        active: u.active,
        demo: demo.has(u.id),
      }));
      io.out(JSON.stringify(shaped, null, 2));
      return 0;
    }
    if (rows.length === 0) {
      io.out(values.demo ? 'No demo accounts / 没有演示账号' : 'No accounts / 没有账号');
      return 0;
    }
    const lines = accountLines(rows.map((u) => ({ username: u.username, role: u.role, unit: u.unitName })));
    rows.forEach((u, i) => {
      io.out(`${lines[i]}${u.active ? '' : '  (disabled / 已停用)'}`);
    });
    io.out(`${rows.length} accounts / 个账号`);
    return 0;
  } finally {
    await handle.close();
  }
}
