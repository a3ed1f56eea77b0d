import type { Role } from '../api/queries/auth.ts';

/** Which menu entries a role sees; the server enforces the same rules, this only keeps the menu honest. */
export const CAN_ENTER_FEEDBACK: Role[] = ['admin', 'office', 'team', 'unit_admin'];
export const CAN_WRITE_DOCUMENTS: Role[] = ['admin', 'office', 'team', 'unit_admin', 'unit_leader', 'supervisor'];
export const CAN_EXCHANGE: Role[] = ['admin', 'office', 'unit_admin', 'unit_leader', 'team'];
export const CAN_ADMINISTER: Role[] = ['admin', 'office'];
export const CAN_PUBLISH: Role[] = ['admin', 'office', 'unit_admin', 'unit_leader', 'supervisor'];
export const CAN_SUPERVISE: Role[] = ['admin', 'office', 'team', 'unit_admin', 'unit_leader', 'supervisor'];
export const CAN_SEE_RECURRENCE: Role[] = ['admin', 'office', 'team', 'supervisor'];
