import { id } from '../../schemas.ts';

export const notificationSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', description: 'reminder.green, reminder.yellow or reminder.overdue' },
    title: { type: 'string' },
    body: { type: 'string' },
    link: { type: ['string', 'null'], description: 'the page it is about, e.g. /items/12' },
    createdAt: { type: 'string' },
    readAt: { type: ['string', 'null'] },
  },
} as const;

export const listNotificationsQuery = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    before: { ...id, description: 'the last id of the previous page' },
    unread: { type: 'boolean', description: 'only unread ones' },
  },
  additionalProperties: false,
} as const;

const deliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    channel: { type: 'string', enum: ['email', 'webhook'] },
    recipient: { type: 'string' },
    subject: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'sent', 'failed'] },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'string' },
    lastError: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    sentAt: { type: ['string', 'null'] },
  },
} as const;

export const deliveriesQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['pending', 'sent', 'failed'] },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    before: id,
  },
  additionalProperties: false,
} as const;

export const deliveriesResponse = {
  type: 'object',
  properties: {
    counts: {
      type: 'object',
      properties: { pending: { type: 'integer' }, sent: { type: 'integer' }, failed: { type: 'integer' } },
    },
    deliveries: { type: 'array', items: deliverySchema },
  },
} as const;

const count = { type: 'integer' } as const;
export const sweepResponse = {
  type: 'object',
  properties: {
    scheduled: count,
    rearmed: count,
    unscheduled: count,
    reminders: count,
    notifications: count,
    queued: count,
    delivered: count,
    retrying: count,
    failed: count,
  },
} as const;
