import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readAllNotifications, readNotification, sweepNow } from '../../../commands/notifications.commands.ts';
import { deliveriesOverview } from '../../../queries/notifications.queries.ts';
import { countUnread, listNotifications } from '../../../repositories/notifications.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import { idParams, noContentResponse } from '../../schemas.ts';
import {
  deliveriesQuery,
  deliveriesResponses,
  listNotificationsQuery,
  notificationsResponses,
  readAllResponses,
  sweepResponses,
  unreadCountResponses,
} from './notifications.schema.ts';

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/notifications',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first; page on with before=<nextBefore>',
        querystring: listNotificationsQuery,
        response: notificationsResponses,
      },
    },
    async (request) => {
      const userId = actorOf(request).id;
      const { limit, before, unread } = request.query;
      const notifications = await listNotifications(app.services.db, userId, { limit, before, unreadOnly: unread });
      return {
        notifications,
        unread: await countUnread(app.services.db, userId),
        nextBefore: notifications.length === limit ? notifications[notifications.length - 1].id : null,
      };
    },
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: 'How many of your notifications are unread (the bell)',
        response: unreadCountResponses,
      },
    },
    async (request) => ({ unread: await countUnread(app.services.db, actorOf(request).id) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read',
        params: idParams,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await readNotification(contextOf(app, request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/notifications/read-all',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark all your notifications read',
        response: readAllResponses,
      },
    },
    async (request) => ({ marked: await readAllNotifications(contextOf(app, request)) }),
  );

  app.get(
    '/notifications/deliveries',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: 'The e-mail and webhook outbox: counts by status and the latest deliveries (administrator, office)',
        querystring: deliveriesQuery,
        response: deliveriesResponses,
      },
    },
    async (request) => deliveriesOverview(contextOf(app, request), request.query),
  );

  app.post(
    '/notifications/sweep',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: 'Run a reminder sweep now and return what it did (administrator, office)',
        response: sweepResponses,
      },
    },
    async (request) => sweepNow(contextOf(app, request)),
  );
};
