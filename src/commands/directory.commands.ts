import type { CommandContext } from '../context.ts';
import { generatePassword } from '../domain/password.ts';
import { AppError, appError } from '../errors.ts';
import { writeDirectoryWorkbook } from '../ledger-io/directory/export.ts';
import { type DirectoryPlan, planDirectory } from '../ledger-io/directory/planner.ts';
import { readDirectoryFile } from '../ledger-io/directory/read.ts';
import { type ReadLimits, sha256Of } from '../ledger-io/import/source.ts';
import { canExchangeDirectory } from '../policies/policies.ts';
import { loadDirectory, patchDirectoryAccount, setNewAccountExtras } from '../repositories/directory.repository.ts';
import { insertUnit, renameUnit } from '../repositories/units.repository.ts';
import { deleteSessionsOfUser, insertUser } from '../repositories/users.repository.ts';
import { change } from './context.ts';
import { hashPassword } from './passwords.ts';

export interface DirectoryImportInput {
  filePath: string;
  /** The name the user knows the file by: a CSV's sheet, and the audit record. */
  fileName: string;
  limits?: ReadLimits;
}

/** The dry run as the API answers it: the plan without its internal writes. */
export type DirectoryCheck = Omit<DirectoryPlan, 'writes'>;

/** A new account's one-time password, shown once in the answer to the import and never stored in clear. */
export interface IssuedPassword {
  username: string;
  displayName: string;
  password: string;
}

export interface DirectoryImportResult extends DirectoryCheck {
  passwords: IssuedPassword[];
}

function mayExchange(ctx: CommandContext) {
  if (!canExchangeDirectory(ctx.actor)) throw AppError.forbidden();
}

/** The directory under the actor's unit as an .xlsx workbook; its file name says whose and when. */
export async function exportDirectory(ctx: CommandContext): Promise<Buffer> {
  mayExchange(ctx);
  return writeDirectoryWorkbook(await loadDirectory(ctx.db, ctx.actor.unitPath));
}

async function plan(ctx: CommandContext, input: DirectoryImportInput): Promise<DirectoryPlan> {
  mayExchange(ctx);
  const rows = await readDirectoryFile(input.filePath, input.fileName, input.limits);
  return planDirectory(rows, await loadDirectory(ctx.db, ctx.actor.unitPath), ctx.actor);
}

const shown = ({ writes: _writes, ...check }: DirectoryPlan): DirectoryCheck => check;

/** The dry run: reads the whole file and answers what it would add and change and every problem, writing nothing. */
export async function previewDirectoryImport(
  ctx: CommandContext,
  input: DirectoryImportInput,
): Promise<DirectoryCheck> {
  return shown(await plan(ctx, input));
}

/**
 * The import, all or nothing: the file is planned again against the database as it is now; any problem refuses it
 * whole, and so does a plan that differs from the one the person confirmed (`planId` from their dry run). Then every
 * unit and account is written in one transaction with one audit event. New accounts get a generated password they
 * must change at first sign-in, as an account the administrator creates by hand does.
 */
export async function importDirectory(
  ctx: CommandContext,
  input: DirectoryImportInput & { planId?: string },
): Promise<DirectoryImportResult> {
  const planned = await plan(ctx, input);
  if (planned.errors.length > 0) {
    throw appError('directory_import_refused', { errors: planned.errors.length }, { errors: planned.errors });
  }
  if (input.planId !== undefined && input.planId !== planned.planId) throw appError('directory_plan_changed');
  const { writes } = planned;
  const sha256 = await sha256Of(input.filePath);
  // argon2 runs before the transaction opens (about 40 ms an account, on the hashing pool), so the write stays short.
  const issued = writes.newAccounts.map((a) => ({
    username: a.username,
    displayName: a.displayName,
    password: generatePassword(),
  }));
  const hashes = await Promise.all(issued.map((p) => hashPassword(p.password)));
  const now = ctx.now();
  return change(ctx, async ({ trx, audit }) => {
    const idOfCode = new Map<string, number>();
    const idOf = (ref: { id: number } | { code: string }) =>
      'id' in ref ? ref.id : (idOfCode.get(ref.code) as number);
    const created = { units: [] as number[], accounts: [] as number[] };
    for (const unit of writes.newUnits) {
      const row = await insertUnit(
        trx,
        { parentId: idOf(unit.parent), name: unit.name, code: unit.code, kind: unit.kind, sortOrder: unit.sortOrder },
        now,
      );
      idOfCode.set(unit.code, row.id);
      created.units.push(row.id);
    }
    for (const { id, version, ...patch } of writes.unitChanges) await renameUnit(trx, id, version, patch, now);
    for (const [i, account] of writes.newAccounts.entries()) {
      const id = await insertUser(
        trx,
        {
          username: account.username,
          displayName: account.displayName,
          passwordHash: hashes[i],
          role: account.role,
          unitId: idOf(account.unit),
          teamId: account.teamId,
          mustChangePassword: true,
        },
        now,
      );
      await setNewAccountExtras(trx, id, { email: account.email, active: account.active });
      created.accounts.push(id);
    }
    for (const { id, version, changes, moveToNew } of writes.accountChanges) {
      const all = moveToNew ? { ...changes, unitId: idOfCode.get(moveToNew) } : changes;
      await patchDirectoryAccount(trx, id, version, all, now);
      // A changed role, unit or team, or a deactivation, takes effect now, not at the next sign-in (as updateUser).
      if (all.role || all.unitId || all.teamId !== undefined || all.active === false)
        await deleteSessionsOfUser(trx, id);
    }
    await audit({
      action: 'directory.import',
      entity: 'unit',
      entityId: ctx.actor.unitId,
      after: {
        fileName: input.fileName,
        sha256,
        counts: planned.counts,
        createdUnits: created.units,
        changedUnits: writes.unitChanges,
        createdAccounts: writes.newAccounts.map((a, i) => ({ id: created.accounts[i], ...a })),
        changedAccounts: writes.accountChanges.map(({ id, changes, moveToNew, before }) => ({
          id,
          before,
          after: moveToNew ? { ...changes, unitCode: moveToNew } : changes,
        })),
      },
    });
    return { ...shown(planned), passwords: issued };
  });
}
