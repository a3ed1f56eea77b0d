import type { Role } from '../../api/queries/auth.ts';

/** Who may issue, close and return orders, schedule look-backs and score: the office and the administrator. */
export const SUPERVISES: Role[] = ['office', 'admin'];
/** Who answers an order for the unit. */
export const ANSWERS: Role[] = ['unit_admin', 'unit_leader'];
