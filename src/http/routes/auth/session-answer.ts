import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { type Actor, actorUnder, sessionAbilities } from '../../../policies/policies.ts';
import { demoAccountsExist } from '../../../repositories/demo.repository.ts';
import type { User } from '../../../repositories/users.repository.ts';
import type { sessionBody } from './auth.schema.ts';

/** What the web is told of a session, the same after a sign-in, a second factor or a reload. */
export async function sessionAnswer(
  app: FastifyInstance,
  session: { csrfToken: string; expiresAt: string; user: User; actor: Actor; mustChangePassword: boolean },
): Promise<Static<typeof sessionBody>> {
  return {
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    user: session.user,
    abilities: sessionAbilities(actorUnder(app.services.config, session.actor)),
    demo: await demoAccountsExist(app.services.db),
    mustChangePassword: session.mustChangePassword,
  };
}
