import type { Kysely } from 'kysely';

// LDAP/AD sign-in (issue 13): an account the directory manages signs in with its directory password, and its role and
// unit follow its groups at each sign-in; every other account stays local (the embedded administrator, the demo).
export async function up(db: Kysely<any>): Promise<void> {
  // 'local' or 'ldap'.
  await db.schema
    .alterTable('users')
    .addColumn('auth_source', 'text', (c) => c.notNull().defaultTo('local'))
    .execute();
  // The entry the directory last signed the account in as (it moves when the person changes OU).
  await db.schema.alterTable('users').addColumn('directory_dn', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('directory_dn').execute();
  await db.schema.alterTable('users').dropColumn('auth_source').execute();
}
