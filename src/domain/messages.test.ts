import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, type MessageKind, type MessageScope, messageRecipients, messageText } from './messages.ts';

// Distinct ids per group, so a wrong group shows in the expectation: leaders 1x, admins 2x, office 3x, requester 40.
const scope: MessageScope = {
  unitLeaders: [11, 12],
  unitAdmins: [21],
  office: [31, 32],
  requester: 40,
  actorId: 99,
  department: [51],
};

const EXPECTED: Record<MessageKind, number[]> = {
  close_requested: [11, 12],
  close_approved: [31, 32],
  close_returned: [40],
  supervision_ordered: [21, 11, 12],
  supervision_answered: [31, 32],
  supervision_returned: [21, 11, 12],
  comment_received: [21, 11, 12],
  extension_requested: [11, 12],
  extension_decided: [40],
  supervision_recalled: [21, 11, 12],
  comment_transferred: [51],
  publication_submitted: [11, 12],
  publication_office: [31, 32],
  publication_returned: [40],
  publication_published: [40],
  publication_needs_correction: [40, 21],
};

describe('messageRecipients', () => {
  it.each(MESSAGE_KINDS)('%s goes to exactly its audience', (kind) => {
    expect(messageRecipients(kind, scope)).toEqual(EXPECTED[kind]);
  });

  it('an extension waiting at the office stage goes to the office, at the unit stage to the leaders', () => {
    expect(messageRecipients('extension_requested', { ...scope, stage: 'office' })).toEqual([31, 32]);
    expect(messageRecipients('extension_requested', { ...scope, stage: 'unit' })).toEqual([11, 12]);
  });

  it.each(MESSAGE_KINDS)('%s never goes to the account that caused it', (kind) => {
    for (const actorId of [11, 21, 31, 40]) {
      const got = messageRecipients(kind, { ...scope, actorId, stage: 'office' });
      expect(got).not.toContain(actorId);
      expect(messageRecipients(kind, { ...scope, actorId: null })).toEqual(EXPECTED[kind]);
    }
  });

  it('an account in two groups is told once', () => {
    const both = { ...scope, unitLeaders: [21, 12], unitAdmins: [21] };
    expect(messageRecipients('supervision_ordered', both)).toEqual([21, 12]);
  });

  it('nobody to tell: no requester, empty groups', () => {
    const empty: MessageScope = { unitLeaders: [], unitAdmins: [], office: [], requester: null, actorId: 1 };
    for (const kind of MESSAGE_KINDS) expect(messageRecipients(kind, empty)).toEqual([]);
  });
});

describe('messageText', () => {
  it.each(MESSAGE_KINDS)('%s names the subject and its unit in both languages', (kind) => {
    const text = messageText(kind, { title: '公车私用', unitName: '交通局', note: '材料不全', date: '2026-12-31' });
    expect(text.title).toMatch(/^【.+】交通局：公车私用 \/ .+: 交通局: 公车私用$/);
    expect(text.body).toContain('公车私用');
    expect(text.body).toContain(' / ');
  });

  it('a return carries its reason; an extension its date and verdict', () => {
    expect(messageText('close_returned', { title: 't', unitName: 'u', note: '佐证不足' }).body).toContain(
      '退回理由：佐证不足',
    );
    const yes = messageText('extension_decided', { title: 't', unitName: 'u', date: '2026-12-31', approved: true });
    expect(yes.body).toContain('已批准，期限调整为 2026-12-31');
    const no = messageText('extension_decided', { title: 't', unitName: 'u', approved: false });
    expect(no.body).toContain('未获批准');
  });
});
