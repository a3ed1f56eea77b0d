import { Type } from 'typebox';
import { PUBLIC_COMMENT_STATUSES } from '../../../domain/comments.ts';
import { errorResponses, nullable, stringEnum, version, withDefault } from '../../schemas.ts';

export { idParams } from '../../schemas.ts';

const comment = Type.Object({
  id: Type.Integer(),
  publicationId: Type.Integer(),
  content: Type.String({ description: 'plain text as sent; show it as text, never as markup' }),
  name: nullable(Type.String()),
  contact: nullable(Type.String()),
  status: stringEnum(['new', 'answered', 'handled']),
  answer: nullable(Type.String()),
  answeredAt: nullable(Type.String()),
  answeredBy: nullable(Type.Integer()),
  answeredByName: nullable(Type.String()),
  handledAt: nullable(Type.String()),
  handledBy: nullable(Type.Integer()),
  createdAt: Type.String(),
  version: Type.Integer(),
  transferDepartmentId: nullable(Type.Integer({ description: '转办: the department it was passed to' })),
  transferDepartmentName: nullable(Type.String()),
  transferDueOn: nullable(Type.String()),
  transferNote: nullable(Type.String()),
  transferredAt: nullable(Type.String()),
  itemId: nullable(Type.Integer({ description: 'the item of the same inspection it is linked to' })),
  itemTitle: nullable(Type.String()),
  itemNumber: nullable(Type.String()),
});

export const commentsResponses = { 200: Type.Object({ comments: Type.Array(comment) }), ...errorResponses };

export const answerBody = Type.Object(
  {
    version,
    answer: withDefault(nullable(Type.String({ maxLength: 2000 })), null),
    handled: withDefault(
      Type.Boolean({
        description: 'close it (已办结): needs an answer, given now or stored; it is then public on the receipt page',
      }),
      false,
    ),
  },
  { additionalProperties: false },
);

export const commentResponses = { 200: comment, ...errorResponses };

const publicStatus = stringEnum(PUBLIC_COMMENT_STATUSES, {
  description: 'what the citizen reads: 已收到 received, 处理中 processing, 已转办 transferred, 已办结 handled',
});

const remark = Type.Object({
  id: Type.Integer(),
  commentId: Type.Integer(),
  authorId: Type.Integer(),
  authorName: Type.String(),
  authorRole: Type.String(),
  body: Type.String(),
  createdAt: Type.String(),
});

export const remarksResponses = { 200: Type.Object({ remarks: Type.Array(remark) }), ...errorResponses };

export const commentDetailResponses = {
  200: Type.Object({
    comment: Type.Intersect([comment, Type.Object({ publicStatus, transferOverdue: Type.Boolean() })]),
    publication: Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      inspectionId: Type.Integer(),
      unitName: Type.String(),
    }),
    remarks: Type.Array(remark, { description: 'internal remarks (supervisors, team, office); never public' }),
    can: Type.Object({
      answer: Type.Boolean(),
      transfer: Type.Boolean(),
      linkItem: Type.Boolean(),
      draft: Type.Boolean(),
      remark: Type.Boolean(),
    }),
    departments: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), {
      description: 'the unit’s departments, to pass it to (when the reader may)',
    }),
    items: Type.Array(Type.Object({ id: Type.Integer(), number: nullable(Type.String()), title: Type.String() }), {
      description: 'the inspection’s items, to link it to (when the reader may)',
    }),
  }),
  ...errorResponses,
};

export const transferBody = Type.Object(
  {
    version,
    departmentId: Type.Integer({ minimum: 1 }),
    dueOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD, not before today' }),
    note: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const linkItemBody = Type.Object(
  { version, itemId: nullable(Type.Integer({ minimum: 1, description: 'null unlinks' })) },
  { additionalProperties: false },
);

export const remarkBody = Type.Object({ body: Type.String({ maxLength: 2200 }) }, { additionalProperties: false });

export const itemCommentsResponses = {
  200: Type.Object({
    comments: Type.Array(
      Type.Object({
        id: Type.Integer(),
        content: Type.String(),
        createdAt: Type.String(),
        status: stringEnum(['new', 'answered', 'handled']),
        publicStatus,
        transferDepartmentName: nullable(Type.String()),
        transferDueOn: nullable(Type.String()),
        transferOverdue: Type.Boolean(),
      }),
    ),
  }),
  ...errorResponses,
};

/** The portal's status of a receipt (JSON): never the sender's name or contact, never internal notes. */
export const receiptStatus = Type.Object({
  receipt: Type.String({ description: 'ABCD-EFGH-JKMN' }),
  publicationId: Type.Integer(),
  title: Type.String(),
  unitName: Type.String(),
  noticeShown: Type.Boolean(),
  sentAt: Type.String(),
  status: publicStatus,
  statusZh: Type.String(),
  answer: nullable(Type.String({ description: 'the published answer, once handled' })),
  answeredOn: nullable(Type.String()),
});

export const receiptParams = Type.Object({ receipt: Type.String() });
export const receiptStatusResponses = { 200: receiptStatus, 429: errorResponses[400], ...errorResponses };
const portalPage = Type.String({ description: 'the portal page, HTML rendered on the server' });
export const receiptPageResponses = { 200: portalPage, 404: portalPage, 429: portalPage };
export const receiptPageQuery = Type.Object({
  new: Type.Optional(Type.Unknown({ description: '1 right after sending: the page shows the receipt to save' })),
  sent: Type.Optional(Type.Unknown({ description: 'email or sms when the receipt was also sent' })),
});
export const receiptFormQuery = Type.Object({ receipt: Type.Optional(Type.Unknown()) });
export const receiptFormResponses = { 200: portalPage, 303: Type.Unsafe<undefined>({ type: 'null' }) };
