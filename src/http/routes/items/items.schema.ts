import { Type } from 'typebox';
import { MEASURE_KINDS } from '../../../domain/measure.ts';
import { ACCOUNTABILITY_KINDS, OUTCOME_KINDS } from '../../../domain/outcome.ts';
import { RESULT_LABELS } from '../../../domain/result.ts';
import { ITEM_SORTS } from '../../../domain/views.ts';
import { CLOSE_STAGES, WORKFLOW_EVENTS, WORKFLOW_STATES } from '../../../domain/workflow.ts';
import { CLOSEOUT_FORMS_MAX } from '../../../queries/closeout-form.queries.ts';
import {
  id,
  isoDate,
  nullable,
  nullableId,
  nullableIsoDate,
  nullableText,
  patchBody,
  stringEnum,
  text,
  version,
  withDefault,
} from '../../schemas.ts';
import { auditEvent } from '../audit/audit.schema.ts';
import { deadlineHistoryEntry, extensionSchema } from '../extensions/extensions.schema.ts';
import { archivedQueryParam } from '../rounds/rounds.schema.ts';

const nullableString = nullable(Type.String());
const nullableInteger = nullable(Type.Integer());

/** The three-colour deadline warning (deadline.ts), 'none' for closed items and items without a deadline. */
export const warningLevel = stringEnum(['none', 'green', 'yellow', 'red']);

/** Issue 13: 原定时限, 调整后时限 and 延期次数, beside the deadline in force. */
const deadlineFields = {
  originalDeadline: nullable(Type.String({ description: '原定时限: the deadline before any extension' })),
  adjustedDeadline: nullable(
    Type.String({ description: '调整后时限: the deadline in force, when an extension moved it' }),
  ),
  extensionCount: Type.Integer({ description: 'extensions approved' }),
};

export const ledgerRowSchema = Type.Object({
  id: Type.Integer(),
  number: nullableString,
  title: Type.String(),
  unitId: Type.Integer(),
  unit: Type.String(),
  inspectionId: Type.Integer(),
  roundId: Type.Integer(),
  aspectId: nullableInteger,
  aspect: nullableString,
  problemId: nullableInteger,
  problem: nullableString,
  kind: stringEnum(MEASURE_KINDS),
  deadline: nullableString,
  leadDepartmentId: nullableInteger,
  leadDepartment: nullableString,
  responsibleLeader: nullableString,
  responsiblePeople: Type.Array(Type.String(), {
    description: 'the 责任人 of its measures as printed, each once, in measure order',
  }),
  state: stringEnum(WORKFLOW_STATES),
  closeStage: nullable(stringEnum(CLOSE_STAGES)),
  result: stringEnum(RESULT_LABELS),
  closedOn: nullableString,
  ...deadlineFields,
  overdue: Type.Boolean(),
  wasLate: Type.Boolean(),
  warning: warningLevel,
  withheld: Type.Boolean(),
  flagged: Type.Boolean(),
  reopenedCount: Type.Integer(),
  /** 已退回: the close-out was returned and not yet put forward again. */
  returned: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Type.String(),
});

export const listQuerySchema = Type.Object(
  {
    unitId: Type.Optional(id),
    roundId: Type.Optional(id),
    inspectionId: Type.Optional(id),
    includeCarriedOver: Type.Optional(
      Type.Boolean({
        description: 'with inspectionId: also the open items of earlier inspections carried over into it',
      }),
    ),
    aspectId: Type.Optional(id),
    problemId: Type.Optional(id),
    departmentId: Type.Optional(id),
    responsiblePersonId: Type.Optional(id),
    state: Type.Optional(Type.Array(stringEnum(WORKFLOW_STATES))),
    result: Type.Optional(Type.Array(stringEnum(RESULT_LABELS))),
    overdue: Type.Optional(Type.Boolean()),
    flagged: Type.Optional(Type.Boolean()),
    deadlineFrom: Type.Optional(isoDate),
    deadlineTo: Type.Optional(isoDate),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    archived: archivedQueryParam,
    sort: withDefault(stringEnum(ITEM_SORTS), 'number'),
    order: withDefault(stringEnum(['asc', 'desc']), 'asc'),
    limit: withDefault(Type.Integer({ minimum: 1, maximum: 500 }), 50),
    offset: withDefault(
      Type.Integer({
        minimum: 0,
        maximum: 100000,
        description: 'rows to skip; a deep offset is answered by a seek in the sort order, as fast as `after`',
      }),
      0,
    ),
    after: Type.Optional(
      Type.String({ maxLength: 200, description: 'nextCursor of the previous page (keyset paging)' }),
    ),
    count: Type.Optional(
      Type.Boolean({
        description: 'count the matching rows on a later page too; the first page (no offset, no after) always does',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ledgerPage = Type.Object({
  items: Type.Array(ledgerRowSchema),
  total: nullable(
    Type.Integer({
      description:
        'how many rows match: on the first page, or when count=true; null on later pages (the first page said it)',
    }),
  ),
  nextCursor: nullableString,
});

export const measureInputSchema = Type.Object(
  {
    content: text(2000),
    kind: withDefault(stringEnum(MEASURE_KINDS), 'deadline'),
    responsibleLeader: withDefault(nullableText(50), null),
    departmentId: withDefault(nullableId, null),
    responsiblePersonId: withDefault(nullableId, null),
    responsiblePersonName: withDefault(nullableText(50), null),
    deadline: withDefault(nullableIsoDate, null),
  },
  { additionalProperties: false },
);

export const itemFieldSchemas = {
  number: nullableText(20),
  title: text(500),
  description: nullableText(5000),
  suggestion: nullableText(5000),
  target: nullableText(2000),
  kind: stringEnum(MEASURE_KINDS),
  deadline: nullableIsoDate,
  leadDepartmentId: nullableId,
  responsibleLeader: nullableText(50),
  withheld: Type.Boolean(),
  withheldReason: nullableText(500),
  flagged: Type.Boolean(),
  aspectId: nullableId,
  problemId: nullableId,
};

/** Creating an item takes the inspection, a title and a kind; every other field may be left out. */
export const createItemBody = Type.Object(
  {
    inspectionId: id,
    ...Type.Partial(Type.Object(itemFieldSchemas)).properties,
    title: itemFieldSchemas.title,
    kind: itemFieldSchemas.kind,
    measures: withDefault(Type.Array(measureInputSchema, { maxItems: 30 }), []),
  },
  { additionalProperties: false },
);

export const patchItemBody = patchBody({ ...itemFieldSchemas, result: stringEnum(RESULT_LABELS) });

export const transitionBody = Type.Object(
  {
    event: stringEnum(WORKFLOW_EVENTS),
    version,
    note: Type.Optional(nullableText(2000)),
    result: Type.Optional(nullable(stringEnum(RESULT_LABELS))),
  },
  { additionalProperties: false },
);

export const progressBody = Type.Object(
  { measureId: withDefault(nullableId, null), entryOn: isoDate, content: text(5000) },
  { additionalProperties: false },
);

export const outcomeBody = Type.Object(
  {
    kind: stringEnum(OUTCOME_KINDS),
    title: text(500),
    accountabilityKind: withDefault(nullable(stringEnum(ACCOUNTABILITY_KINDS)), null),
    peopleCount: withDefault(nullable(Type.Integer({ minimum: 1, maximum: 10000 })), null),
    amountYuan: withDefault(nullable(Type.Number({ minimum: 0, maximum: 1e12 })), null),
    occurredOn: withDefault(nullableIsoDate, null),
  },
  { additionalProperties: false },
);

export const evidenceLimits = Type.Object({ maxBytes: Type.Integer(), types: Type.Array(Type.String()) });

const measure = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  sortOrder: Type.Integer(),
  content: Type.String(),
  kind: stringEnum(MEASURE_KINDS),
  responsibleLeader: nullableString,
  departmentId: nullableInteger,
  department: nullableString,
  responsiblePersonId: nullableInteger,
  responsiblePersonName: nullableString,
  responsiblePerson: Type.Union([Type.String(), Type.Null()], {
    description: '责任人 as printed: the written name, else the account’s display name (src/domain/people.ts)',
  }),
  deadline: nullableString,
  completedOn: nullableString,
  version: Type.Integer(),
  warning: warningLevel,
});

const progressEntry = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  measureId: nullableInteger,
  entryOn: Type.String(),
  content: Type.String(),
  authorId: nullableInteger,
  author: nullableString,
  createdAt: Type.String(),
});

const evidence = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  measureId: nullableInteger,
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  effectiveOn: Type.String(),
  note: nullableString,
  uploadedBy: nullableInteger,
  uploader: nullableString,
  uploadedAt: Type.String(),
});

/** Issue 14: on the item page each file says whether this reader may remove or replace it now. */
const itemEvidence = Type.Object({ ...evidence.properties, removable: Type.Boolean() });

const outcome = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  kind: stringEnum(OUTCOME_KINDS),
  title: Type.String(),
  accountabilityKind: nullable(stringEnum(ACCOUNTABILITY_KINDS)),
  peopleCount: nullableInteger,
  amountYuan: nullable(Type.Number({ description: 'yuan with fen as decimals; stored as integer fen' })),
  occurredOn: nullableString,
  version: Type.Integer(),
});

const closeReview = Type.Object({
  id: Type.Integer(),
  event: Type.String(),
  actorId: Type.Integer(),
  actor: nullableString,
  note: nullableString,
  createdAt: Type.String(),
});

/** What the reader may do to this item now (itemAbilities in src/policies/policies.ts). */
export const itemAbilities = Type.Object({
  events: Type.Array(stringEnum(WORKFLOW_EVENTS)),
  editFeedback: Type.Boolean(),
  editPlan: Type.Boolean(),
  recordProgress: Type.Boolean(),
  addEvidence: Type.Boolean(),
  addOutcome: Type.Boolean(),
  supervise: Type.Boolean(),
  requestExtension: Type.Boolean(),
  decideExtension: Type.Boolean(),
});

/** One item as its page shows it: the ledger fields, where it came from, everything recorded against it, what the reader may do. */
export const itemDetail = Type.Object({
  id: Type.Integer(),
  number: nullableString,
  title: Type.String(),
  description: nullableString,
  suggestion: nullableString,
  target: nullableString,
  kind: stringEnum(MEASURE_KINDS),
  deadline: nullableString,
  state: stringEnum(WORKFLOW_STATES),
  closeStage: nullable(stringEnum(CLOSE_STAGES)),
  result: stringEnum(RESULT_LABELS),
  closedOn: nullableString,
  ...deadlineFields,
  overdue: Type.Boolean(),
  wasLate: Type.Boolean(),
  warning: warningLevel,
  withheld: Type.Boolean(),
  withheldReason: nullableString,
  flagged: Type.Boolean(),
  reopenedCount: Type.Integer(),
  responsibleLeader: nullableString,
  leadDepartmentId: nullableInteger,
  leadDepartment: nullableString,
  version: Type.Integer(),
  updatedAt: Type.String(),
  inspection: Type.Object({
    id: Type.Integer(),
    unitId: Type.Integer(),
    unit: Type.String(),
    team: Type.String(),
    round: Type.String(),
    feedbackOn: nullableString,
  }),
  aspect: nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  problem: nullable(Type.Object({ id: Type.Integer(), title: Type.String(), number: nullableString })),
  measures: Type.Array(measure),
  progress: Type.Array(progressEntry),
  evidence: Type.Array(itemEvidence),
  outcomes: Type.Array(outcome),
  reviews: Type.Array(closeReview),
  /** Issue 13: its extension requests, the history of its deadline, and whether the plan is submitted (no direct edit). */
  extensions: Type.Array(extensionSchema),
  deadlineHistory: Type.Array(deadlineHistoryEntry),
  planSubmitted: Type.Boolean(),
  /** 已退回: the last close-out move was a return and the item was not put forward again; its reason for the banner. */
  returned: nullable(Type.Object({ note: Type.String(), by: nullableString, at: Type.String() })),
  abilities: itemAbilities,
});

export const itemHistory = Type.Object({ events: Type.Array(auditEvent) });

/** Issue 14: the items whose 销号审批表 to print together, as `items=1&items=2`. */
export const closeoutFormsQuery = Type.Object(
  {
    items: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: CLOSEOUT_FORMS_MAX }),
  },
  { additionalProperties: false },
);
