import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../domain/roles.ts';
import { type Actor, todoKindsFor } from './policies.ts';

const actor = (role: Role, separationOfDuties = false): Actor => ({
  id: 1,
  role,
  unitId: 2,
  unitPath: '/1/2/',
  teamId: role === 'team' ? 5 : null,
  separationOfDuties,
});

/** Every role's 待办 kinds, stated once: the work each role acts on, and nothing it could not act on. */
const EXPECTED: Record<Role, string[]> = {
  admin: ['answer_to_review'],
  security_admin: [],
  auditor: [],
  office: ['close_to_confirm', 'answer_to_review', 'extension_to_decide'],
  team: [],
  unit_admin: ['returned_to_redo', 'order_to_answer', 'comment_to_handle'],
  unit_leader: ['close_to_approve', 'order_to_answer', 'comment_to_handle', 'extension_to_decide', 'notice_to_approve'],
  department: ['returned_to_redo', 'comment_transferred'],
  supervisor: [],
};

describe('todoKindsFor', () => {
  it.each(ROLES)('%s', (role) => {
    expect(todoKindsFor(actor(role))).toEqual(EXPECTED[role]);
  });

  it('the system administrator under 三员分立 reviews no answers (it reads no business data)', () => {
    expect(todoKindsFor(actor('admin', true))).toEqual([]);
  });
});
