import type { FastifyPluginAsync } from 'fastify';
import {
  deliveriesOverview,
  readAllNotifications,
  readNotification,
  sweepNow,
} from '../../../commands/notifications.commands.ts';
import { countUnread, type DeliveryStatus, listNotifications } from '../../../repositories/notifications.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import { errorResponses, type IdParams, idParams, noContentResponse } from '../../schemas.ts';
import {
  deliveriesQuery,
  deliveriesResponse,
  listNotificationsQuery,
  notificationSchema,
  sweepResponse,
} from './notifications.schema.ts';

export const notificationRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { limit: number; before?: number; unread?: boolean } }>(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first; page on with before=<nextBefore>',
        querystring: listNotificationsQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              notifications: { type: 'array', items: notificationSchema },
              unread: { type: 'integer' },
              nextBefore: { type: ['integer', 'null'] },
            },
          },
          ...errorResponses,
        },
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
      schema: {
        tags: ['notifications'],
        summary: 'How many of your notifications are unread (the bell)',
        response: { 200: { type: 'object', properties: { unread: { type: 'integer' } } }, ...errorResponses },
      },
    },
    async (request) => ({ unread: await countUnread(app.services.db, actorOf(request).id) }),
  );

  app.post<{ Params: IdParams }>(
    '/notifications/:id/read',
    {
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
      schema: {
        tags: ['notifications'],
        summary: 'Mark all your notifications read',
        response: { 200: { type: 'object', properties: { marked: { type: 'integer' } } }, ...errorResponses },
      },
    },
    async (request) => ({ marked: await readAllNotifications(contextOf(app, request)) }),
  );

  app.get<{ Querystring: { status?: DeliveryStatus; limit: number; before?: number } }>(
    '/notifications/deliveries',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The e-mail and webhook outbox: counts by status and the latest deliveries (administrator, office)',
        querystring: deliveriesQuery,
        response: { 200: deliveriesResponse, ...errorResponses },
      },
    },
    async (request) => deliveriesOverview(contextOf(app, request), request.query),
  );

  app.post(
    '/notifications/sweep',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Run a reminder sweep now and return what it did (administrator, office)',
        response: { 200: sweepResponse, ...errorResponses },
      },
    },
    async (request) => sweepNow(contextOf(app, request)),
  );
};
