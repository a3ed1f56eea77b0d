import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { MESSAGE_KINDS, type MessageKind } from '../domain/messages.ts';
import { insertNotifications } from '../repositories/notifications.repository.ts';
import { insertVersion } from '../repositories/publication-versions.repository.ts';
import { insertPublication } from '../repositories/publications.repository.ts';
import { getOrder } from '../repositories/supervision.repository.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import {
  addEvidenceRow,
  buildWorld,
  TEST_NOW,
  testConfig,
  type World,
  type WorldUser,
  worldContext,
} from '../test/factories.ts';
import { submitComment, transferComment } from './comments.commands.ts';
import { transitionItem } from './items.commands.ts';
import { sendWorkflowMessage } from './messages.ts';
import {
  answerSupervisionOrder,
  closeSupervisionOrder,
  createSupervisionOrders,
  returnSupervisionOrder,
} from './supervision.commands.ts';
import { recallSupervisionOrder } from './supervision-documents.commands.ts';

/**
 * Issue 13's proof: every workflow event produces exactly the expected messages to exactly the expected people, in the
 * bell (notifications) and in the outbox (one e-mail per recipient with an address, one webhook post), and steps that
 * hand nothing on produce none. The steps run in order on one world, each checked by what it added.
 */
describe.each(testDialects())('workflow messages on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  const config = testConfig({
    RECTIFY_SMTP_URL: 'smtp://127.0.0.1:2525',
    RECTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
    RECTIFY_WEBHOOK_SECRET: 'test-secret',
  });
  const as = (user: WorldUser) => worldContext(handle.db, w, user, { config });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    // Everyone has an address, so the e-mail outbox must list exactly the recipients.
    for (const [key, u] of Object.entries(w.users)) {
      await handle.db
        .updateTable('users')
        .set({ email: `${key}@example.test` })
        .where('id', '=', u.id)
        .execute();
    }
  });
  afterAll(() => handle.close());

  async function marks() {
    const n = await handle.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    const d = await handle.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    return { n: Number(n?.m ?? 0), d: Number(d?.m ?? 0) };
  }

  /** What a step added: the bell's rows as "user kind link", the outbox's e-mail recipients and webhook posts. */
  async function added(since: { n: number; d: number }) {
    const byId = new Map(Object.entries(w.users).map(([k, u]) => [u.id, k]));
    const notes = await handle.db
      .selectFrom('notifications')
      .where('id', '>', since.n)
      .orderBy('id')
      .select(['user_id', 'kind', 'link', 'title', 'body', 'created_at'])
      .execute();
    const outbox = await handle.db
      .selectFrom('deliveries')
      .where('id', '>', since.d)
      .orderBy('id')
      .select(['channel', 'recipient', 'payload'])
      .execute();
    return {
      bell: notes.map((r) => `${byId.get(r.user_id)} ${r.kind} ${r.link}`).sort(),
      texts: notes.map((r) => r.body),
      at: [...new Set(notes.map((r) => r.created_at))],
      mail: outbox
        .filter((r) => r.channel === 'email')
        .map((r) => r.recipient.replace('@example.test', ''))
        .sort(),
      hooks: outbox.filter((r) => r.channel === 'webhook').map((r) => JSON.parse(r.payload).type),
    };
  }

  const itemLink = () => `/items/${w.itemA1}`;
  const itemA2Link = () => `/items/${w.itemA2}`;
  const version = async (itemId: number) =>
    (await handle.db.selectFrom('items').where('id', '=', itemId).select('version').executeTakeFirstOrThrow()).version;
  let orderId = 0;
  let recalledId = 0;
  let publicationId = 0;
  let versionId: number | undefined;

  interface Step {
    name: string;
    act: () => Promise<unknown>;
    kind: MessageKind | null;
    to: WorldUser[];
    link: () => string;
    says?: string;
  }

  let commentLink = '';
  const steps: Step[] = [
    {
      name: 'a close-out request goes to the unit leader',
      act: async () => {
        await addEvidenceRow(handle.db, w.itemA1, w.users.deptA1.id);
        await transitionItem(as('deptA1'), w.itemA1, {
          event: 'request_close',
          version: await version(w.itemA1),
          note: '已整改到位',
        });
      },
      kind: 'close_requested',
      to: ['leaderA'],
      link: itemLink,
      says: '已整改到位',
    },
    {
      name: "the leader's return goes back to the requester, with the reason",
      act: async () =>
        transitionItem(as('leaderA'), w.itemA1, {
          event: 'return',
          version: await version(w.itemA1),
          note: '佐证不足',
        }),
      kind: 'close_returned',
      to: ['deptA1'],
      link: itemLink,
      says: '退回理由：佐证不足',
    },
    {
      name: 'asked again, the leader hears again',
      act: async () =>
        transitionItem(as('unitAdminA'), w.itemA1, {
          event: 'request_close',
          version: await version(w.itemA1),
          note: '补充了佐证',
        }),
      kind: 'close_requested',
      to: ['leaderA'],
      link: itemLink,
    },
    {
      name: "the leader's approval goes to the office",
      act: async () => transitionItem(as('leaderA'), w.itemA1, { event: 'approve', version: await version(w.itemA1) }),
      kind: 'close_approved',
      to: ['office', 'office2'],
      link: itemLink,
    },
    {
      name: "the office's return goes to whoever asked (the unit administrator this time)",
      act: async () =>
        transitionItem(as('office'), w.itemA1, { event: 'return', version: await version(w.itemA1), note: '台账不符' }),
      kind: 'close_returned',
      to: ['unitAdminA'],
      link: itemLink,
      says: '台账不符',
    },
    {
      name: 'the office confirming a close-out hands nothing on',
      act: async () => {
        const ctx = (u: WorldUser) => as(u);
        await transitionItem(ctx('deptA1'), w.itemA1, {
          event: 'request_close',
          version: await version(w.itemA1),
          note: '再次申请',
        });
        await transitionItem(ctx('leaderA'), w.itemA1, { event: 'approve', version: await version(w.itemA1) });
        const since = await marks();
        await transitionItem(ctx('office2'), w.itemA1, { event: 'confirm', version: await version(w.itemA1) });
        return since;
      },
      kind: null,
      to: [],
      link: itemLink,
    },
    {
      name: 'a 督办 order goes to the unit: its administrators and leaders',
      act: async () => {
        const { ids } = await createSupervisionOrders(as('office'), {
          targets: [{ unitId: w.unitA.id, itemId: w.itemA2 }],
          title: '加快公车整改',
          content: '请于月底前完成',
          dueOn: '2026-08-31',
        });
        orderId = ids[0];
      },
      kind: 'supervision_ordered',
      to: ['unitAdminA', 'leaderA'],
      link: itemA2Link,
      says: '2026-08-31',
    },
    {
      name: "the unit's answer goes to the office that issued it",
      act: async () =>
        answerSupervisionOrder(as('unitAdminA'), orderId, {
          answer: '已完成',
          version: (await getOrder(handle.db, orderId, '2026-08-15')).version,
        }),
      kind: 'supervision_answered',
      to: ['office', 'office2'],
      link: itemA2Link,
    },
    {
      name: 'an answer returned for more goes back to the unit',
      act: async () =>
        returnSupervisionOrder(as('office'), orderId, {
          reason: '请补充材料',
          version: (await getOrder(handle.db, orderId, '2026-08-15')).version,
        }),
      kind: 'supervision_returned',
      to: ['unitAdminA', 'leaderA'],
      link: itemA2Link,
      says: '请补充材料',
    },
    {
      name: 'answered again by the leader, the office hears again',
      act: async () =>
        answerSupervisionOrder(as('leaderA'), orderId, {
          answer: '已补充',
          version: (await getOrder(handle.db, orderId, '2026-08-15')).version,
        }),
      kind: 'supervision_answered',
      to: ['office', 'office2'],
      link: itemA2Link,
    },
    {
      name: 'closing an order hands nothing on',
      act: async () =>
        closeSupervisionOrder(as('office'), orderId, {
          version: (await getOrder(handle.db, orderId, '2026-08-15')).version,
        }),
      kind: null,
      to: [],
      link: itemLink,
    },
    {
      name: 'issue 15: another order, sent to be recalled',
      act: async () => {
        const { ids } = await createSupervisionOrders(as('office'), {
          targets: [{ unitId: w.unitA.id, itemId: w.itemA2 }],
          title: '发错的督办',
          content: '请整改',
          dueOn: '2026-08-31',
        });
        recalledId = ids[0];
      },
      kind: 'supervision_ordered',
      to: ['unitAdminA', 'leaderA'],
      link: itemA2Link,
    },
    {
      name: 'issue 15: an order recalled before it was answered tells the unit, with the note',
      act: async () =>
        recallSupervisionOrder(as('office'), recalledId, {
          version: (await getOrder(handle.db, recalledId, '2026-08-15')).version,
          reason: '发送对象有误',
        }),
      kind: 'supervision_recalled',
      to: ['unitAdminA', 'leaderA'],
      link: itemA2Link,
      says: '发送对象有误',
    },
    {
      name: 'a public comment goes to the unit',
      act: async () => {
        publicationId = await insertPublication(handle.db, {
          inspectionId: w.inspectionA,
          title: '关于巡察整改进展情况的通报',
          body: { html: '<p>通报</p>', text: '通报' },
          publicFrom: '2026-08-10',
          publicTo: '2026-08-30',
          contacts: { phone: ['0731-6661234'], email: [], postal: null, postcode: null },
          publishedBy: w.users.unitAdminA.id,
          publishedAt: TEST_NOW.toISOString(),
        });
        await submitComment({ db: handle.db, config, now: () => TEST_NOW }, publicationId, '198.51.100.9', {
          content: '公车整改要落到实处',
        });
      },
      kind: 'comment_received',
      to: ['unitAdminA', 'leaderA'],
      link: () => '/publications',
    },
    {
      name: 'issue 15: a comment passed to a department (转办) goes to its accounts, linking to the comment',
      act: async () => {
        const c = await handle.db
          .selectFrom('public_comments')
          .select(['id', 'version'])
          .where('content', '=', '公车整改要落到实处')
          .executeTakeFirstOrThrow();
        commentLink = `/comments/${c.id}`;
        await transferComment(as('unitAdminA'), c.id, {
          version: c.version,
          departmentId: w.deptA1.id,
          dueOn: '2026-08-25',
          note: '请核实',
        });
      },
      kind: 'comment_transferred',
      to: ['deptA1'],
      link: () => commentLink,
      says: '2026-08-25',
    },
    {
      name: 'an extension request goes to the unit leader at the unit stage',
      act: () =>
        handle.db.transaction().execute((trx) =>
          sendWorkflowMessage(trx, { config, now: () => TEST_NOW }, w.users.deptA2.id, {
            kind: 'extension_requested',
            itemId: w.itemA2,
            stage: 'unit',
            newDeadline: '2026-10-31',
            reason: '需要招标',
          }),
        ),
      kind: 'extension_requested',
      to: ['leaderA'],
      link: itemA2Link,
      says: '2026-10-31',
    },
    {
      name: 'a 挂牌督办 extension at the office stage goes to the office',
      act: () =>
        handle.db.transaction().execute((trx) =>
          sendWorkflowMessage(trx, { config, now: () => TEST_NOW }, w.users.leaderA.id, {
            kind: 'extension_requested',
            itemId: w.itemA2,
            stage: 'office',
            newDeadline: '2026-10-31',
            reason: '需要招标',
          }),
        ),
      kind: 'extension_requested',
      to: ['office', 'office2'],
      link: itemA2Link,
    },
    {
      name: 'an extension decided goes to the requester',
      act: () =>
        handle.db.transaction().execute((trx) =>
          sendWorkflowMessage(trx, { config, now: () => TEST_NOW }, w.users.leaderA.id, {
            kind: 'extension_decided',
            itemId: w.itemA2,
            requesterId: w.users.deptA2.id,
            approved: true,
            deadline: '2026-10-31',
            note: null,
          }),
        ),
      kind: 'extension_decided',
      to: ['deptA2'],
      link: itemA2Link,
      says: '已批准',
    },
    {
      name: 'issue 15: publication_submitted',
      act: async () => {
        versionId ??= await insertVersion(
          handle.db,
          {
            inspectionId: w.inspectionA,
            publicationId: null,
            number: 1,
            title: '关于巡察整改进展情况的通报',
            body: { html: '<p>通报</p>', text: '通报' },
            publicFrom: '2026-08-10',
            publicTo: '2026-08-30',
            contacts: { phone: [], email: [], postal: null, postcode: null },
            preparedBy: w.users.unitAdminA.id,
          },
          TEST_NOW,
        );
        const id = versionId;
        await handle.db.transaction().execute((trx) =>
          sendWorkflowMessage(trx, { config, now: () => TEST_NOW }, w.users.unitAdminA.id, {
            kind: 'publication_submitted',
            versionId: id,
          }),
        );
      },
      kind: 'publication_submitted',
      to: ['leaderA'],
      link: () => '/publications',
    },
    {
      name: 'issue 15: publication_office',
      act: async () => {
        versionId ??= await insertVersion(
          handle.db,
          {
            inspectionId: w.inspectionA,
            publicationId: null,
            number: 1,
            title: '关于巡察整改进展情况的通报',
            body: { html: '<p>通报</p>', text: '通报' },
            publicFrom: '2026-08-10',
            publicTo: '2026-08-30',
            contacts: { phone: [], email: [], postal: null, postcode: null },
            preparedBy: w.users.unitAdminA.id,
          },
          TEST_NOW,
        );
        const id = versionId;
        await handle.db.transaction().execute((trx) =>
          sendWorkflowMessage(trx, { config, now: () => TEST_NOW }, w.users.leaderA.id, {
            kind: 'publication_office',
            versionId: id,
          }),
        );
      },
      kind: 'publication_office',
      to: ['office', 'office2'],
      link: () => '/publications',
    },
    {
      name: 'issue 15: publication_returned',
      act: async () => {
        versionId ??= await insertVersion(
          handle.db,
          {
            inspectionId: w.inspectionA,
            publicationId: null,
            number: 1,
            title: '关于巡察整改进展情况的通报',
            body: { html: '<p>通报</p>', text: '通报' },
            publicFrom: '2026-08-10',
            publicTo: '2026-08-30',
            contacts: { phone: [], email: [], postal: null, postcode: null },
            preparedBy: w.users.unitAdminA.id,
          },
          TEST_NOW,
        );
        const id = versionId;
        await handle.db.transaction().execute((trx) =>
          sendWorkflowMessage(trx, { config, now: () => TEST_NOW }, w.users.leaderA.id, {
            kind: 'publication_returned',
            versionId: id,
            requesterId: w.users.unitAdminA.id,
            reason: '请补充联系电话',
          }),
        );
      },
      kind: 'publication_returned',
      to: ['unitAdminA'],
      link: () => '/publications',
      says: '请补充联系电话',
    },
    {
      name: 'issue 15: publication_published',
      act: async () => {
        versionId ??= await insertVersion(
          handle.db,
          {
            inspectionId: w.inspectionA,
            publicationId: null,
            number: 1,
            title: '关于巡察整改进展情况的通报',
            body: { html: '<p>通报</p>', text: '通报' },
            publicFrom: '2026-08-10',
            publicTo: '2026-08-30',
            contacts: { phone: [], email: [], postal: null, postcode: null },
            preparedBy: w.users.unitAdminA.id,
          },
          TEST_NOW,
        );
        const id = versionId;
        await handle.db.transaction().execute((trx) =>
          sendWorkflowMessage(trx, { config, now: () => TEST_NOW }, w.users.leaderA.id, {
            kind: 'publication_published',
            versionId: id,
            requesterId: w.users.unitAdminA.id,
            publicFrom: '2026-08-10',
          }),
        );
      },
      kind: 'publication_published',
      to: ['unitAdminA'],
      link: () => '/publications',
      says: '2026-08-10',
    },
    {
      name: 'issue 15: publication_needs_correction',
      act: async () => {
        versionId ??= await insertVersion(
          handle.db,
          {
            inspectionId: w.inspectionA,
            publicationId: null,
            number: 1,
            title: '关于巡察整改进展情况的通报',
            body: { html: '<p>通报</p>', text: '通报' },
            publicFrom: '2026-08-10',
            publicTo: '2026-08-30',
            contacts: { phone: [], email: [], postal: null, postcode: null },
            preparedBy: w.users.unitAdminA.id,
          },
          TEST_NOW,
        );
        const _id = versionId;
        await handle.db.transaction().execute((trx) =>
          sendWorkflowMessage(trx, { config, now: () => TEST_NOW }, w.users.office.id, {
            kind: 'publication_needs_correction',
            publicationId,
            requesterId: w.users.unitAdminA.id,
            reason: '事项已设为不宜公开',
          }),
        );
      },
      kind: 'publication_needs_correction',
      to: ['unitAdminA'],
      link: () => '/publications',
      says: '不宜公开',
    },
  ];

  it('the table covers every kind of message', () => {
    expect(new Set(steps.map((s) => s.kind).filter((k) => k !== null))).toEqual(new Set(MESSAGE_KINDS));
  });

  it.each(steps.map((s) => [s.name, s] as const))('%s', async (_name, step) => {
    const before = await marks();
    const since = ((await step.act()) as { n: number; d: number } | undefined) ?? before;
    const got = await added(step.kind === null ? since : before);
    expect(got.bell).toEqual(step.to.map((u) => `${u} workflow.${step.kind} ${step.link()}`).sort());
    expect(got.mail).toEqual([...step.to].sort());
    expect(got.hooks).toEqual(step.kind === null ? [] : [`workflow.${step.kind}`]);
    if (step.says) for (const text of got.texts) expect(text).toContain(step.says);
    if (step.kind !== null) expect(got.at).toEqual([TEST_NOW.toISOString()]);
  });

  it('a refused step writes no message', async () => {
    const before = await marks();
    // Refused by the policy (another department's item), then by the stale version inside the transaction.
    await expect(
      transitionItem(as('deptA1'), w.itemA2, { event: 'request_close', version: 0, note: 'x' }),
    ).rejects.toThrow();
    await addEvidenceRow(handle.db, w.itemA2, w.users.deptA2.id);
    await expect(
      transitionItem(as('deptA2'), w.itemA2, { event: 'request_close', version: 0, note: 'x' }),
    ).rejects.toThrow();
    expect(await added(before)).toMatchObject({ bell: [], mail: [], hooks: [] });
  });

  it('a closed item stops counting its deadline reminders in the bell', async () => {
    // Reproduced first: the reminders sent before the close stayed unread in the bell after it.
    const link = `/items/${w.itemB1}`;
    const leader = w.users.leaderB.id;
    await insertNotifications(
      handle.db,
      [
        { userId: leader, kind: 'reminder.yellow', title: 'r', body: 'b', link },
        { userId: w.users.deptB1.id, kind: 'reminder.green', title: 'r', body: 'b', link },
        { userId: leader, kind: 'reminder.yellow', title: 'other item', body: 'b', link: `/items/${w.itemA2}` },
      ],
      TEST_NOW.toISOString(),
    );
    const unreadReminders = async () =>
      (
        await handle.db
          .selectFrom('notifications')
          .where('link', '=', link)
          .where('kind', 'like', 'reminder.%')
          .where('read_at', 'is', null)
          .select('id')
          .execute()
      ).length;
    await addEvidenceRow(handle.db, w.itemB1, w.users.deptB1.id);
    await transitionItem(as('deptB1'), w.itemB1, {
      event: 'request_close',
      version: await version(w.itemB1),
      note: 'ok',
    });
    await transitionItem(as('leaderB'), w.itemB1, { event: 'approve', version: await version(w.itemB1) });
    expect(await unreadReminders()).toBe(2);
    await transitionItem(as('office'), w.itemB1, { event: 'confirm', version: await version(w.itemB1) });
    expect(await unreadReminders()).toBe(0);
    const other = await handle.db
      .selectFrom('notifications')
      .where('link', '=', `/items/${w.itemA2}`)
      .where('kind', '=', 'reminder.yellow')
      .select('read_at')
      .executeTakeFirstOrThrow();
    expect(other.read_at).toBeNull();
    // The workflow's own messages about the item are left as they are: they record what happened.
    const workflow = await handle.db
      .selectFrom('notifications')
      .where('link', '=', link)
      .where('kind', 'like', 'workflow.%')
      .where('read_at', 'is', null)
      .select('id')
      .execute();
    expect(workflow.length).toBeGreaterThan(0);
  });
});
