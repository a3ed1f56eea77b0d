import { Type } from 'typebox';
import { text } from '../../schemas.ts';
import { account } from '../users/users.schema.ts';

/** What the menu and the pages offer this user (sessionAbilities in src/policies/policies.ts). */
export const sessionAbilities = Type.Object({
  enterFeedback: Type.Boolean(),
  writeDocuments: Type.Boolean(),
  editNotice: Type.Boolean(),
  readInternal: Type.Boolean(),
  importNotice: Type.Boolean(),
  exchangeLedgers: Type.Boolean(),
  importLedger: Type.Boolean(),
  publish: Type.Boolean(),
  seeSupervision: Type.Boolean(),
  supervise: Type.Boolean(),
  answerOrders: Type.Boolean(),
  seeRecurrence: Type.Boolean(),
  administer: Type.Boolean(),
  manageUsers: Type.Boolean(),
  seeAccounts: Type.Boolean(),
  secureAccounts: Type.Boolean(),
  grantRoles: Type.Boolean(),
  grantAdministratorRoles: Type.Boolean(),
  operateReminders: Type.Boolean(),
  configureUnitChannels: Type.Boolean(),
  readAuditLog: Type.Boolean(),
  /** Issue 15 (问题线索): the clue list and the item page's clue section; marking and handing over. */
  seeClues: Type.Boolean(),
  markClues: Type.Boolean(),
});

/** The signed-in user, what they may do, the CSRF token every write sends back, and when the session ends. */
export const sessionBody = Type.Object({
  csrfToken: Type.String(),
  expiresAt: Type.String(),
  user: Type.Omit(account, ['active', 'lockedUntil', 'version']),
  abilities: sessionAbilities,
  /** Demo accounts with the published password still exist (`rectify demo --remove` deletes them): the web says so. */
  demo: Type.Boolean(),
  /** Only the session, sign-out and the password change answer until the password is changed. */
  mustChangePassword: Type.Boolean(),
});

export const loginBody = Type.Object({ username: text(64), password: text(256) }, { additionalProperties: false });

export const passwordBody = Type.Object(
  { currentPassword: text(256), newPassword: text(256) },
  { additionalProperties: false },
);

/** One of the signed-in person's sessions ("my sessions"). */
export const sessionSummary = Type.Object({
  id: Type.String(),
  /** The session this request came with. */
  current: Type.Boolean(),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  expiresAt: Type.String(),
  sourceAddress: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
});

export const sessionsBody = Type.Object({ sessions: Type.Array(sessionSummary) });

export const sessionIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
