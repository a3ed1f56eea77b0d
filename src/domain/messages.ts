/**
 * Workflow messages (issue 13): every step of the close-out flow, of 督办, of the portal's comments and of 延期申请 tells
 * the people whose turn it now is. The table below is the one statement of who hears of what; the commands write the
 * message in the same transaction as the step, so a step and its message are saved together or not at all.
 */

export const MESSAGE_KINDS = [
  'close_requested',
  'close_approved',
  'close_returned',
  'supervision_ordered',
  'supervision_answered',
  'supervision_returned',
  'comment_received',
  'extension_requested',
  'extension_decided',
  // Issue 15: an order recalled (撤回) before the unit answered it.
  'supervision_recalled',
  // Issue 15: a public comment passed to a department (转办).
  'comment_transferred',
  // Issue 15 (point 1): publishing as a workflow.
  'publication_submitted',
  'publication_office',
  'publication_returned',
  'publication_published',
  'publication_needs_correction',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * The groups a message may be addressed to, named by what they answer for:
 * - unit_leaders: the inspected unit's leaders (unit_leader), who approve its close-outs and extensions;
 * - unit_admins: the inspected unit's administrators (unit_admin), who run its rectification, answer 督办 and comments;
 * - office: the inspection office that runs the round (or issued the order), which confirms and supervises;
 * - requester: the one account that asked (for a close-out, an extension);
 * - approvers: whoever decides the request at its current stage (the unit's leaders, then the office for 挂牌督办).
 */
export const AUDIENCES = ['unit_leaders', 'unit_admins', 'office', 'requester', 'approvers', 'department'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * Who gets what. A close-out request waits for the unit's leader; approved, for the office; returned, for the person
 * who asked, with the reason. A 督办 order (and one returned for more) is the unit's to answer, which its administrators
 * and leaders may do (canAnswerSupervision); the answer is the office's to review. A public comment is the unit's to
 * handle. An extension request goes to whoever decides it at its stage; the decision to the person who asked.
 */
export const MESSAGE_AUDIENCE: Record<MessageKind, readonly Audience[]> = {
  close_requested: ['unit_leaders'],
  close_approved: ['office'],
  close_returned: ['requester'],
  supervision_ordered: ['unit_admins', 'unit_leaders'],
  supervision_answered: ['office'],
  supervision_returned: ['unit_admins', 'unit_leaders'],
  comment_received: ['unit_admins', 'unit_leaders'],
  extension_requested: ['approvers'],
  extension_decided: ['requester'],
  supervision_recalled: ['unit_admins', 'unit_leaders'],
  comment_transferred: ['department'],
  publication_submitted: ['unit_leaders'],
  publication_office: ['office'],
  publication_returned: ['requester'],
  publication_published: ['requester'],
  publication_needs_correction: ['requester', 'unit_admins'],
};

/** Which stage of a two-step approval a request waits at: the unit's leaders first, then the office (挂牌督办 items). */
export type ApprovalStage = 'unit' | 'office';

/** The accounts an event's scope offers, gathered by the repository (active accounts only). */
export interface MessageScope {
  unitLeaders: number[];
  unitAdmins: number[];
  office: number[];
  /** The account that asked, when the event has one and it is still active. */
  requester: number | null;
  /** For a request waiting for a decision: the stage it waits at (unit when not stated). */
  stage?: ApprovalStage;
  /** Who caused the event (null for the public): nobody is told of what they did themselves. */
  actorId: number | null;
  /** Issue 15: the accounts of the department a comment was passed to (转办). */
  department?: number[];
}

function audienceMembers(audience: Audience, scope: MessageScope): number[] {
  switch (audience) {
    case 'unit_leaders':
      return scope.unitLeaders;
    case 'unit_admins':
      return scope.unitAdmins;
    case 'office':
      return scope.office;
    case 'requester':
      return scope.requester === null ? [] : [scope.requester];
    case 'approvers':
      return (scope.stage ?? 'unit') === 'office' ? scope.office : scope.unitLeaders;
    case 'department':
      return scope.department ?? [];
  }
}

/** The accounts a message of this kind goes to, each once, in the order the table names them, the actor left out. */
export function messageRecipients(kind: MessageKind, scope: MessageScope): number[] {
  const ids = MESSAGE_AUDIENCE[kind].flatMap((a) => audienceMembers(a, scope));
  return [...new Set(ids)].filter((id) => id !== scope.actorId);
}

/** The notification kind stored for a message (beside reminder.green and the like). */
export const notificationKind = (kind: MessageKind) => `workflow.${kind}`;

/** What a message speaks of: the item or order's title, its unit, and what the event adds (a note, a date, a verdict). */
export interface MessageSubject {
  title: string;
  unitName: string;
  /** The reason of a return, the request's note, the answer's first words. */
  note?: string | null;
  /** The date asked for (an extension) or due (an order). */
  date?: string | null;
  /** An extension's verdict. */
  approved?: boolean;
}

export interface MessageText {
  title: string;
  body: string;
}

const HEAD: Record<MessageKind, [zh: string, en: string]> = {
  close_requested: ['销号申请待审核', 'Close-out awaiting your review'],
  close_approved: ['销号申请待确认', 'Close-out awaiting confirmation'],
  close_returned: ['销号申请被退回', 'Close-out returned'],
  supervision_ordered: ['督办事项待办理', 'Supervision order to answer'],
  supervision_answered: ['督办事项已答复', 'Supervision order answered'],
  supervision_returned: ['督办答复被退回', 'Supervision answer returned'],
  comment_received: ['收到群众意见', 'Public comment received'],
  extension_requested: ['延期申请待审批', 'Extension request awaiting your decision'],
  extension_decided: ['延期申请已审批', 'Extension request decided'],
  supervision_recalled: ['督办事项已撤回', 'Supervision order recalled'],
  comment_transferred: ['群众意见转办', 'Public comment passed to your department'],
  publication_submitted: ['公告待审批', 'Notice awaiting your approval'],
  publication_office: ['公告待巡察办审批', 'Notice awaiting the office’s approval'],
  publication_returned: ['公告被退回', 'Notice returned'],
  publication_published: ['公告已发布', 'Notice published'],
  publication_needs_correction: ['公告需要更正', 'Notice needs a correction'],
};

function bodyOf(kind: MessageKind, s: MessageSubject): [zh: string, en: string] {
  const note = s.note?.trim() ? s.note.trim() : null;
  switch (kind) {
    case 'close_requested':
      return [
        `整改问题“${s.title}”已申请销号，请审核。${note ? `核实说明：${note}` : ''}`,
        `“${s.title}” is put forward for close-out; please review it.${note ? ` Note: ${note}` : ''}`,
      ];
    case 'close_approved':
      return [
        `整改问题“${s.title}”的销号申请已经单位领导审核同意，请确认销号。`,
        `The close-out of “${s.title}” was approved by the unit's leader; please confirm it.`,
      ];
    case 'close_returned':
      return [
        `整改问题“${s.title}”的销号申请被退回。退回理由：${note ?? '—'}`,
        `The close-out of “${s.title}” was returned. Reason: ${note ?? '—'}`,
      ];
    case 'supervision_ordered':
      return [
        `督办事项“${s.title}”请于 ${s.date ?? '—'} 前办理并答复。`,
        `Please act on the order “${s.title}” and answer by ${s.date ?? '—'}.`,
      ];
    case 'supervision_answered':
      return [
        `${s.unitName}已答复督办事项“${s.title}”，请审核。`,
        `${s.unitName} answered the order “${s.title}”; please review the answer.`,
      ];
    case 'supervision_returned':
      return [
        `督办事项“${s.title}”的答复被退回，请补充办理。退回理由：${note ?? '—'}`,
        `The answer to “${s.title}” was returned for more. Reason: ${note ?? '—'}`,
      ];
    case 'comment_received':
      return [
        `公开通报“${s.title}”收到一条群众意见，请及时处理。`,
        `A comment from the public arrived on “${s.title}”; please handle it.`,
      ];
    case 'comment_transferred':
      return [
        `公开通报“${s.title}”的一条群众意见已转你部门办理，请于 ${s.date ?? '—'} 前起草答复。${note ? `转办说明：${note}` : ''}`,
        `A public comment on “${s.title}” was passed to your department; draft the answer by ${s.date ?? '—'}.${note ? ` Note: ${note}` : ''}`,
      ];
    case 'extension_requested':
      return [
        `整改问题“${s.title}”申请将期限延至 ${s.date ?? '—'}，请审批。${note ? `理由：${note}` : ''}`,
        `An extension of “${s.title}” to ${s.date ?? '—'} is requested; please decide.${note ? ` Reason: ${note}` : ''}`,
      ];
    case 'supervision_recalled':
      return [
        `督办事项“${s.title}”已撤回，无需办理。${note ? `撤回说明：${note}` : ''}`,
        `The order “${s.title}” was recalled; nothing is to be done.${note ? ` Note: ${note}` : ''}`,
      ];
    case 'extension_decided':
      return s.approved
        ? [
            `整改问题“${s.title}”的延期申请已批准，期限调整为 ${s.date ?? '—'}。${note ? `意见：${note}` : ''}`,
            `The extension of “${s.title}” was approved: the deadline is now ${s.date ?? '—'}.${note ? ` Note: ${note}` : ''}`,
          ]
        : [
            `整改问题“${s.title}”的延期申请未获批准，原期限不变。${note ? `意见：${note}` : ''}`,
            `The extension of “${s.title}” was refused; the deadline stands.${note ? ` Note: ${note}` : ''}`,
          ];
    case 'publication_submitted':
      return [
        `公告“${s.title}”已提交，请审批。`,
        `The notice “${s.title}” was submitted; please approve or return it.`,
      ];
    case 'publication_office':
      return [
        `公告“${s.title}”已经单位领导审批同意，请巡察办审批。`,
        `The notice “${s.title}” was approved by the unit's leader; please approve or return it.`,
      ];
    case 'publication_returned':
      return [
        `公告“${s.title}”被退回，请修改后重新提交。退回理由：${note ?? '—'}`,
        `The notice “${s.title}” was returned. Reason: ${note ?? '—'}`,
      ];
    case 'publication_published':
      return [
        `公告“${s.title}”已审批通过并发布（公开期限自 ${s.date ?? '—'} 起）。`,
        `The notice “${s.title}” was approved and published (public from ${s.date ?? '—'}).`,
      ];
    case 'publication_needs_correction':
      return [
        `已公开的公告“${s.title}”需要更正：${note ?? '—'}。公开页面在更正发布前保持原文，请尽快生成更正稿并提交审批。`,
        `The published notice “${s.title}” needs a correction: ${note ?? '—'}. The portal keeps the text until a correction is published.`,
      ];
  }
}

/** The words of a message, Chinese first with English beside it, the same in the bell, the e-mail and the robot. */
export function messageText(kind: MessageKind, s: MessageSubject): MessageText {
  const [headZh, headEn] = HEAD[kind];
  const [zh, en] = bodyOf(kind, s);
  return {
    title: `【${headZh}】${s.unitName}：${s.title} / ${headEn}: ${s.unitName}: ${s.title}`,
    body: `${zh} / ${en}`,
  };
}
