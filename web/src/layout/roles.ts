import type { Role } from '../api/queries/auth.ts';

/**
 * Rounds, inspections and units: kept only for the admin pages' AdminGate (web/src/pages/admin/shared.tsx), which takes
 * roles; the menu and every other page read the abilities the session sends.
 */
export const CAN_ADMINISTER: Role[] = ['admin', 'office'];
