// moved (issue 10): re-exported for src/http until its imports move. The organisation's commands live one file per
// resource, as the routes do: units, users, rounds (with aspects and teams), inspections (with problems and work log).
import type { CommandContext } from '../context.ts';
import { authorizeInspection } from '../policies/authorize.ts';

export {
  addWorkLog,
  createInspection,
  createProblem,
  updateInspection,
  updateProblem,
} from './inspections.commands.ts';
export {
  addAspect,
  createRound,
  createTeam,
  renameAspect,
  reorderAspects,
  updateRound,
  updateTeam,
} from './rounds.commands.ts';
export { createUnit, updateUnit } from './units.commands.ts';
export { createUser, type UserChanges, updateUser } from './users.commands.ts';

// moved (issue 10): re-exported for src/http until its imports move; authorizeInspection(ctx, id, 'read') of
// src/policies/authorize.ts
export const inspectionScope = (ctx: CommandContext, inspectionId: number) =>
  authorizeInspection(ctx, inspectionId, 'read');
