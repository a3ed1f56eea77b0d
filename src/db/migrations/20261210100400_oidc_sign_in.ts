import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 13 (oidc): single sign-on through an OpenID Connect provider.
// - external_identities links an account to the person the directory knows (issuer and subject, never the name, which
//   can be reused); an account with a link is directory-managed: its role and unit follow the directory at each sign-in.
//   The LDAP sign-in can link its accounts here too, with its own provider name.
// - oidc_logins holds a sign-in between the redirect to the provider and the callback: the hash of its state, and the
//   nonce and PKCE verifier the answer is checked against. In the database rather than in the process, so the callback
//   may reach any server, and `used_at` tells a replayed callback from one that never started.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  await db.schema
    .createTable('external_identities')
    .addColumn('id', id.type, id.build)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('external_identities_subject', ['provider', 'issuer', 'subject'])
    .execute();
  await db.schema.createIndex('external_identities_user').on('external_identities').column('user_id').execute();

  await db.schema
    .createTable('oidc_logins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('oidc_logins_expires').on('oidc_logins').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('oidc_logins').execute();
  await db.schema.dropTable('external_identities').execute();
}
