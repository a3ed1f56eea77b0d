import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { updateOwnContact, updateUnitChannels } from '../../../commands/channels.commands.ts';
import { getOwnContact, getUnitChannelsView } from '../../../queries/channels.queries.ts';
import { contextOf } from '../../auth.ts';
import { errorResponses, idParams, noContentResponse } from '../../schemas.ts';
import { ownContact, patchOwnContactBody, patchUnitChannelsBody, unitChannels } from './channels.schema.ts';

/** Issue 13: where each person is reached (their profile) and each unit's robots and SMS hook. */
export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/account/contact',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: 'Your e-mail, mobile and the channels you chose (in-app is always on)',
        response: { 200: ownContact, ...errorResponses },
      },
    },
    async (request) => getOwnContact(contextOf(app, request)),
  );

  app.patch(
    '/account/contact',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: 'Change your e-mail, mobile or channel choices; an empty string clears an address',
        body: patchOwnContactBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version, ...input } = request.body;
      await updateOwnContact(contextOf(app, request), version, input);
      return reply.status(204).send();
    },
  );

  app.get(
    '/units/:id/channels',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: "A unit's 钉钉 / 企业微信 robots and SMS hook, tokens masked (office, the unit's administrator)",
        params: idParams,
        response: { 200: unitChannels, ...errorResponses },
      },
    },
    async (request) => getUnitChannelsView(contextOf(app, request), request.params.id),
  );

  app.patch(
    '/units/:id/channels',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary:
          "Set a unit's robots and SMS hook: a field left out stays, null clears it (office, the unit's administrator)",
        params: idParams,
        body: patchUnitChannelsBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await updateUnitChannels(contextOf(app, request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
};
