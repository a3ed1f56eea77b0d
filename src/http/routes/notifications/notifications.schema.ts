import { Type } from 'typebox';
import { DELIVERY_STATUSES } from '../../../domain/reminders.ts';
import { errorResponses, id, nullable, stringEnum, withDefault } from '../../schemas.ts';

export const notificationSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'reminder.green, reminder.yellow or reminder.overdue' }),
  title: Type.String(),
  body: Type.String(),
  link: nullable(Type.String({ description: 'the page it is about, e.g. /items/12' })),
  createdAt: Type.String(),
  readAt: nullable(Type.String()),
});

export const listNotificationsQuery = Type.Object(
  {
    limit: withDefault(Type.Integer({ minimum: 1, maximum: 100 }), 20),
    before: Type.Optional(Type.Integer({ ...id, description: 'the last id of the previous page' })),
    unread: Type.Optional(Type.Boolean({ description: 'only unread ones' })),
  },
  { additionalProperties: false },
);

export const notificationsResponses = {
  200: Type.Object({
    notifications: Type.Array(notificationSchema),
    unread: Type.Integer(),
    nextBefore: nullable(Type.Integer()),
  }),
  ...errorResponses,
};

export const unreadCountResponses = { 200: Type.Object({ unread: Type.Integer() }), ...errorResponses };

export const readAllResponses = { 200: Type.Object({ marked: Type.Integer() }), ...errorResponses };

const deliveryStatus = stringEnum(DELIVERY_STATUSES);

const deliverySchema = Type.Object({
  id: Type.Integer(),
  channel: stringEnum(['email', 'webhook', 'dingtalk', 'wecom', 'sms']),
  recipient: Type.String(),
  subject: Type.String(),
  status: deliveryStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastError: nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: nullable(Type.String()),
});

export const deliveriesQuery = Type.Object(
  {
    status: Type.Optional(deliveryStatus),
    limit: withDefault(Type.Integer({ minimum: 1, maximum: 200 }), 50),
    before: Type.Optional(id),
  },
  { additionalProperties: false },
);

export const deliveriesResponses = {
  200: Type.Object({
    counts: Type.Object({ pending: Type.Integer(), sent: Type.Integer(), failed: Type.Integer() }),
    deliveries: Type.Array(deliverySchema),
  }),
  ...errorResponses,
};

const count = Type.Integer();
export const sweepResponses = {
  200: Type.Object({
    scheduled: count,
    rearmed: count,
    unscheduled: count,
    reminders: count,
    notifications: count,
    queued: count,
    delivered: count,
    retrying: count,
    failed: count,
  }),
  ...errorResponses,
};
