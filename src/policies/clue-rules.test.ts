import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../domain/roles.ts';
import { type Actor, allows, CLUE_RULES, type ClueAbility, sessionAbilities } from './policies.ts';

/** Issue 15 (问题线索): who may do what to a clue, every role in both modes of 三员分立, inside and outside their tree. */
const actor = (role: Role, separationOfDuties = false): Actor => ({
  id: 1,
  role,
  unitId: 1,
  unitPath: '/1/',
  teamId: 7,
  separationOfDuties,
});

const decide = (a: Actor, ability: ClueAbility, unitPath: string) => {
  const rule = CLUE_RULES[ability] as (typeof CLUE_RULES)[ClueAbility];
  if (!rule.role(a)) return 403;
  if (!rule.seen(a, { unitPath })) return 404;
  return allows(rule, a, { unitPath }) ? 'yes' : 403;
};

describe('CLUE_RULES', () => {
  const expected: Record<Role, Record<ClueAbility, 'yes' | 403>> = {
    office: { read: 'yes', mark: 'yes', record: 'yes' },
    supervisor: { read: 'yes', mark: 403, record: 'yes' },
    admin: { read: 'yes', mark: 'yes', record: 'yes' },
    security_admin: { read: 403, mark: 403, record: 403 },
    auditor: { read: 403, mark: 403, record: 403 },
    team: { read: 403, mark: 403, record: 403 },
    unit_admin: { read: 403, mark: 403, record: 403 },
    unit_leader: { read: 403, mark: 403, record: 403 },
    department: { read: 403, mark: 403, record: 403 },
  };
  for (const role of ROLES) {
    for (const ability of Object.keys(CLUE_RULES) as ClueAbility[]) {
      it(`${role} ${ability}: ${expected[role][ability]} inside the tree, never outside`, () => {
        expect(decide(actor(role), ability, '/1/4/')).toBe(expected[role][ability]);
        expect(decide(actor(role), ability, '/2/')).not.toBe('yes');
      });
    }
    it(`${role} under 三员分立: the system administrator follows no clue`, () => {
      const strict = actor(role, true);
      const any = (Object.keys(CLUE_RULES) as ClueAbility[]).some((a) => decide(strict, a, '/1/4/') === 'yes');
      expect(any).toBe(role === 'office' || role === 'supervisor');
      expect(sessionAbilities(strict).seeClues).toBe(role === 'office' || role === 'supervisor');
    });
  }
  it('offers the menu entry and marking as the rules allow', () => {
    expect(ROLES.filter((r) => sessionAbilities(actor(r)).seeClues).sort()).toEqual(['admin', 'office', 'supervisor']);
    expect(ROLES.filter((r) => sessionAbilities(actor(r)).markClues).sort()).toEqual(['admin', 'office']);
  });
});
