import { MEASURE_KINDS } from '../../../domain/measure.ts';
import { RESULT_LABELS } from '../../../domain/result.ts';
import { WORKFLOW_EVENTS, WORKFLOW_STATES } from '../../../domain/workflow.ts';
import { ACCOUNTABILITY_KINDS, OUTCOME_KINDS } from '../../../repositories/item-parts.repository.ts';
import { ITEM_SORTS } from '../../../repositories/items.repository.ts';
import { id, isoDate, nullableId, nullableIsoDate, nullableText, patchBody, text, version } from '../../schemas.ts';

export const ledgerRowSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    number: { type: ['string', 'null'] },
    title: { type: 'string' },
    unitId: { type: 'integer' },
    unit: { type: 'string' },
    inspectionId: { type: 'integer' },
    roundId: { type: 'integer' },
    aspectId: { type: ['integer', 'null'] },
    aspect: { type: ['string', 'null'] },
    problemId: { type: ['integer', 'null'] },
    problem: { type: ['string', 'null'] },
    kind: { type: 'string' },
    deadline: { type: ['string', 'null'] },
    leadDepartmentId: { type: ['integer', 'null'] },
    leadDepartment: { type: ['string', 'null'] },
    responsibleLeader: { type: ['string', 'null'] },
    state: { type: 'string', enum: WORKFLOW_STATES },
    closeStage: { type: ['string', 'null'] },
    result: { type: 'string', enum: RESULT_LABELS },
    closedOn: { type: ['string', 'null'] },
    overdue: { type: 'boolean' },
    wasLate: { type: 'boolean' },
    warning: { type: 'string' },
    withheld: { type: 'boolean' },
    flagged: { type: 'boolean' },
    reopenedCount: { type: 'integer' },
    version: { type: 'integer' },
    updatedAt: { type: 'string' },
  },
} as const;

export const listQuerySchema = {
  type: 'object',
  properties: {
    unitId: id,
    roundId: id,
    inspectionId: id,
    includeCarriedOver: {
      type: 'boolean',
      description: 'with inspectionId: also the open items of earlier inspections carried over into it',
    },
    aspectId: id,
    problemId: id,
    departmentId: id,
    responsiblePersonId: id,
    state: { type: 'array', items: { type: 'string', enum: WORKFLOW_STATES } },
    result: { type: 'array', items: { type: 'string', enum: RESULT_LABELS } },
    overdue: { type: 'boolean' },
    flagged: { type: 'boolean' },
    deadlineFrom: isoDate,
    deadlineTo: isoDate,
    q: { type: 'string', maxLength: 100 },
    sort: { type: 'string', enum: ITEM_SORTS, default: 'number' },
    order: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    offset: { type: 'integer', minimum: 0, maximum: 100000, default: 0 },
    after: { type: 'string', maxLength: 200, description: 'nextCursor of the previous page (keyset paging)' },
  },
  additionalProperties: false,
} as const;

export const measureInputSchema = {
  type: 'object',
  required: ['content'],
  properties: {
    content: text(2000),
    kind: { type: 'string', enum: MEASURE_KINDS, default: 'deadline' },
    responsibleLeader: { ...nullableText(50), default: null },
    departmentId: { ...nullableId, default: null },
    responsiblePersonId: { ...nullableId, default: null },
    responsiblePersonName: { ...nullableText(50), default: null },
    deadline: { ...nullableIsoDate, default: null },
  },
  additionalProperties: false,
} as const;

export const itemFieldSchemas = {
  number: nullableText(20),
  title: text(500),
  description: nullableText(5000),
  suggestion: nullableText(5000),
  target: nullableText(2000),
  kind: { type: 'string', enum: MEASURE_KINDS },
  deadline: nullableIsoDate,
  leadDepartmentId: nullableId,
  responsibleLeader: nullableText(50),
  withheld: { type: 'boolean' },
  withheldReason: nullableText(500),
  flagged: { type: 'boolean' },
  aspectId: nullableId,
  problemId: nullableId,
} as const;

export const createItemBody = {
  type: 'object',
  required: ['inspectionId', 'title', 'kind'],
  properties: {
    inspectionId: id,
    ...itemFieldSchemas,
    measures: { type: 'array', items: measureInputSchema, maxItems: 30, default: [] },
  },
  additionalProperties: false,
} as const;

export const patchItemBody = patchBody({ ...itemFieldSchemas, result: { type: 'string', enum: RESULT_LABELS } });

export const transitionBody = {
  type: 'object',
  required: ['event', 'version'],
  properties: {
    event: { type: 'string', enum: WORKFLOW_EVENTS },
    version,
    note: nullableText(2000),
    result: { type: ['string', 'null'], enum: [...RESULT_LABELS, null] },
  },
  additionalProperties: false,
} as const;

export const progressBody = {
  type: 'object',
  required: ['entryOn', 'content'],
  properties: { measureId: { ...nullableId, default: null }, entryOn: isoDate, content: text(5000) },
  additionalProperties: false,
} as const;

export const outcomeBody = {
  type: 'object',
  required: ['kind', 'title'],
  properties: {
    kind: { type: 'string', enum: OUTCOME_KINDS },
    title: text(500),
    accountabilityKind: { type: ['string', 'null'], enum: [...ACCOUNTABILITY_KINDS, null], default: null },
    peopleCount: { type: ['integer', 'null'], minimum: 1, maximum: 10000, default: null },
    amountYuan: { type: ['number', 'null'], minimum: 0, maximum: 1e12, default: null },
    occurredOn: { ...nullableIsoDate, default: null },
  },
  additionalProperties: false,
} as const;
