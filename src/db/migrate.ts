import { readdir } from 'node:fs/promises';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import type { MigrationContext } from './migration-helpers.ts';

const folder = new URL('./migrations/', import.meta.url);

/** Loads the timestamped files of the one migrations folder, giving each the dialect it runs on. */
class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly ctx: MigrationContext) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(folder)).filter((f) => /^\d{14}_.+\.ts$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const mod = await import(new URL(file, folder).href);
      migrations[file.replace(/\.ts$/, '')] = {
        up: (db) => mod.up(db, this.ctx),
        down: mod.down ? (db) => mod.down(db, this.ctx) : undefined,
      };
    }
    return migrations;
  }
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrator = new Migrator({ db: handle.db, provider: new FolderMigrationProvider({ dialect: handle.dialect }) });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations this code knows, oldest first (their names are what a backup's manifest records as its level). */
export async function knownMigrations(dialect: DatabaseHandle['dialect']): Promise<string[]> {
  return Object.keys(await new FolderMigrationProvider({ dialect }).getMigrations()).sort();
}

/** Migrates up to and including `name` and no further: a restore first brings an empty database to its backup's level. */
export async function migrateUpTo(handle: DatabaseHandle, name: string): Promise<string[]> {
  const migrator = new Migrator({ db: handle.db, provider: new FolderMigrationProvider({ dialect: handle.dialect }) });
  const { error, results }: MigrationResultSet = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
