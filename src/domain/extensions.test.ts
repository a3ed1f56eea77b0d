import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { DomainError } from './errors.ts';
import {
  adjustedDeadlineOf,
  checkNewExtension,
  closeRecord,
  type DeadlineChange,
  type DeadlineRecord,
  decideExtension,
  type ExtensionSnapshot,
  isLate,
  isOpenExtension,
  moveDeadline,
  originalDeadlineOf,
  reopenRecord,
} from './extensions.ts';
import { type Random, seededRandom } from './random.ts';
import type { WorkflowState } from './workflow.ts';

const fresh = (deadline: string | null): DeadlineRecord => ({
  deadline,
  originalDeadline: null,
  extensionCount: 0,
  missedDeadline: null,
  closedOn: null,
});

const refusalOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e.key;
    throw e;
  }
};

describe('moving a deadline', () => {
  it('keeps the original deadline and counts extensions, not edits', () => {
    const edited = moveDeadline(fresh('2026-09-30'), '2026-10-15', 'edit', '2026-08-01').record;
    expect(originalDeadlineOf(edited)).toBe('2026-10-15');
    expect(edited.extensionCount).toBe(0);
    const once = moveDeadline(edited, '2026-11-30', 'extension', '2026-08-02').record;
    const twice = moveDeadline(once, '2026-12-31', 'extension', '2026-08-03').record;
    expect(originalDeadlineOf(twice)).toBe('2026-10-15');
    expect(adjustedDeadlineOf(twice)).toBe('2026-12-31');
    expect(twice.extensionCount).toBe(2);
    expect(adjustedDeadlineOf(edited)).toBeNull();
  });

  it('writes down lateness against the deadline in force before it moves (an overdue open item stays late)', () => {
    const overdue = fresh('2026-08-10');
    expect(isLate(overdue, '2026-08-15')).toBe(true);
    const extended = moveDeadline(overdue, '2026-10-31', 'extension', '2026-08-15').record;
    expect(extended.missedDeadline).toBe('2026-08-10');
    expect(isLate(extended, '2026-08-15')).toBe(true);
  });

  it('an extension asked in time leaves the item punctual', () => {
    const extended = moveDeadline(fresh('2026-08-31'), '2026-10-31', 'extension', '2026-08-15').record;
    expect(extended.missedDeadline).toBeNull();
    expect(isLate(extended, '2026-08-15')).toBe(false);
  });

  it('a closed late item stays late whatever its deadline becomes (the bug of PATCH {deadline} after closing)', () => {
    const closed = closeRecord(fresh('2026-08-10'), '2026-08-12');
    expect(closed.missedDeadline).toBe('2026-08-10');
    const moved = moveDeadline(closed, '2099-12-31', 'edit', '2026-08-15').record;
    expect(isLate(moved, '2026-08-15')).toBe(true);
    expect(isLate(reopenRecord(moved, '2026-08-16'), '2026-08-16')).toBe(true);
  });
});

describe('asking for an extension', () => {
  const ask = (over: Partial<Parameters<typeof checkNewExtension>[0]> = {}) =>
    refusalOf(() =>
      checkNewExtension({
        state: 'in_progress',
        deadline: '2026-09-30',
        hasOpenRequest: false,
        newDeadline: '2026-10-31',
        reason: '设备到货延迟',
        ...over,
      }),
    );
  it.each([
    ['a closed item', { state: 'closed' as WorkflowState }, 'extension_item_closed'],
    ['a second open request', { hasOpenRequest: true }, 'extension_already_open'],
    ['no reason', { reason: '   ' }, 'extension_reason_required'],
    ['a missing reason', { reason: null }, 'extension_reason_required'],
    ['the same date', { newDeadline: '2026-09-30' }, 'extension_date_not_later'],
    ['an earlier date', { newDeadline: '2026-09-01' }, 'extension_date_not_later'],
  ])('refuses %s', (_name, over, key) => {
    expect(ask(over)).toBe(key);
  });
  it('accepts a later date with a reason, and any date for an item without a deadline', () => {
    expect(ask()).toBeNull();
    expect(ask({ deadline: null, newDeadline: '2026-08-20' })).toBeNull();
  });
});

describe('deciding an extension', () => {
  const request: ExtensionSnapshot = {
    status: 'unit_review',
    requestedBy: 1,
    needsOffice: false,
    toDeadline: '2026-10-31',
    unitDecidedBy: null,
  };
  const open = { state: 'in_progress' as WorkflowState, deadline: '2026-09-30' };
  it('refuses self-approval at either step, and the unit approver deciding the office step too', () => {
    expect(refusalOf(() => decideExtension(request, { decision: 'approve', actorId: 1, note: null, item: open }))).toBe(
      'extension_self_approval',
    );
    const atOffice = { ...request, status: 'office_review' as const, needsOffice: true, unitDecidedBy: 2 };
    expect(
      refusalOf(() => decideExtension(atOffice, { decision: 'approve', actorId: 2, note: null, item: open })),
    ).toBe('extension_self_approval');
  });
  it('goes on to the office for a 挂牌督办 item, and approves at the last step only', () => {
    const flagged = { ...request, needsOffice: true };
    expect(decideExtension(flagged, { decision: 'approve', actorId: 2, note: null, item: open })).toMatchObject({
      status: 'office_review',
      movesDeadline: false,
    });
    expect(decideExtension(request, { decision: 'approve', actorId: 2, note: null, item: open })).toMatchObject({
      status: 'approved',
      movesDeadline: true,
    });
  });
  it('needs a reason to refuse, and refuses deciding a decided request', () => {
    expect(refusalOf(() => decideExtension(request, { decision: 'refuse', actorId: 2, note: ' ', item: open }))).toBe(
      'extension_note_required',
    );
    expect(
      refusalOf(() =>
        decideExtension({ ...request, status: 'approved' }, { decision: 'refuse', actorId: 2, note: 'x', item: open }),
      ),
    ).toBe('extension_not_pending');
  });
  it('will not approve once the item closed or its deadline moved past the asked date', () => {
    const closed = { state: 'closed' as WorkflowState, deadline: '2026-09-30' };
    expect(
      refusalOf(() => decideExtension(request, { decision: 'approve', actorId: 2, note: null, item: closed })),
    ).toBe('extension_item_closed');
    const moved = { ...open, deadline: '2026-11-30' };
    expect(
      refusalOf(() => decideExtension(request, { decision: 'approve', actorId: 2, note: null, item: moved })),
    ).toBe('extension_date_not_later');
  });
});

describe('property: no sequence of requests, decisions, edits and close-outs undoes lateness or loses a deadline', () => {
  interface Model {
    today: string;
    state: WorkflowState;
    planSubmitted: boolean;
    flagged: boolean;
    record: DeadlineRecord;
    request: ExtensionSnapshot | null;
    history: DeadlineChange[];
    initial: string | null;
  }
  const ACTORS = [1, 2, 3, 4];

  /** One random step through the pure rules; a refused step leaves the model as it was (it is returned unchanged). */
  function step(m: Model, rnd: Random): Model {
    const base = m.record.deadline ?? m.today;
    const op = rnd.pick(['day', 'submit', 'edit', 'request', 'decide', 'close', 'reopen', 'flag'] as const);
    try {
      switch (op) {
        case 'day':
          return { ...m, today: addDays(m.today, rnd.int(1, 25)) };
        case 'submit':
          return { ...m, planSubmitted: true };
        case 'flag':
          return { ...m, flagged: !m.flagged };
        case 'edit': {
          if (m.planSubmitted) return m; // refused: deadline_needs_extension
          const to = rnd.next() < 0.1 ? null : addDays(base, rnd.int(-40, 40));
          const moved = moveDeadline(m.record, to, 'edit', m.today);
          return { ...m, record: moved.record, history: [...m.history, moved.change] };
        }
        case 'request': {
          const to = addDays(base, rnd.int(-5, 40));
          const { reason } = checkNewExtension({
            state: m.state,
            deadline: m.record.deadline,
            hasOpenRequest: m.request !== null && isOpenExtension(m.request.status),
            newDeadline: to,
            reason: rnd.next() < 0.15 ? '' : '理由',
          });
          expect(reason).toBe('理由');
          const request = {
            status: 'unit_review' as const,
            requestedBy: rnd.pick(ACTORS),
            needsOffice: m.flagged,
            toDeadline: to,
            unitDecidedBy: null,
          };
          return { ...m, request };
        }
        case 'decide': {
          if (!m.request) return m;
          const actorId = rnd.pick(ACTORS);
          const decided = decideExtension(m.request, {
            decision: rnd.next() < 0.7 ? 'approve' : 'refuse',
            actorId,
            note: rnd.next() < 0.8 ? '意见' : null,
            item: { state: m.state, deadline: m.record.deadline },
          });
          const request = {
            ...m.request,
            status: decided.status,
            unitDecidedBy: m.request.status === 'unit_review' ? actorId : m.request.unitDecidedBy,
          };
          if (!decided.movesDeadline) return { ...m, request };
          const moved = moveDeadline(m.record, m.request.toDeadline, 'extension', m.today);
          return { ...m, request, record: moved.record, history: [...m.history, moved.change] };
        }
        case 'close':
          if (m.state === 'closed') return m;
          return { ...m, state: 'closed', record: closeRecord(m.record, m.today) };
        case 'reopen':
          if (m.state !== 'closed') return m;
          return { ...m, state: 'in_progress', record: reopenRecord(m.record, m.today) };
      }
    } catch (e) {
      if (e instanceof DomainError) return m;
      throw e;
    }
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])('seed %i: 400 runs of 60 steps', (seed) => {
    const rnd = seededRandom(seed);
    let approvals = 0;
    let lateThenMoved = 0;
    for (let run = 0; run < 400; run++) {
      const initial = rnd.next() < 0.1 ? null : addDays('2026-08-15', rnd.int(-10, 60));
      let m: Model = {
        today: '2026-08-15',
        state: 'in_progress',
        planSubmitted: false,
        flagged: false,
        record: fresh(initial),
        request: null,
        history: [],
        initial,
      };
      const held = new Set<string | null>([initial]);
      for (let i = 0; i < 60; i++) {
        const wasLateBefore = isLate(m.record, m.today);
        const before = m;
        m = step(m, rnd);
        held.add(m.record.deadline);
        if (m.record.extensionCount > before.record.extensionCount) {
          approvals++;
          if (wasLateBefore) lateThenMoved++;
        }
        const where = `seed ${seed} run ${run} step ${i}`;
        // Plain checks, with expect only on a failure: a quarter of a million expect calls cost a minute.
        if (wasLateBefore && !isLate(m.record, m.today)) expect.fail(`${where}: was late, is no longer`);
        // The history is a chain from the first deadline to the one in force, so every deadline held is in it.
        let at = m.initial;
        for (const c of m.history) {
          if (c.from !== at) expect.fail(`${where}: the history skips from ${at} to ${c.from}`);
          at = c.to;
        }
        if (at !== m.record.deadline) expect.fail(`${where}: the history ends at ${at}, not ${m.record.deadline}`);
        const inHistory = new Set([m.initial, ...m.history.map((c) => c.to)]);
        for (const d of held) if (!inHistory.has(d)) expect.fail(`${where}: ${d} was lost from the history`);
        const extensions = m.history.filter((c) => c.source === 'extension');
        if (m.record.extensionCount !== extensions.length) expect.fail(`${where}: extension count`);
        if (extensions.length > 0 && originalDeadlineOf(m.record) !== extensions[0].from) {
          expect.fail(`${where}: original deadline ${originalDeadlineOf(m.record)} is not ${extensions[0].from}`);
        }
      }
    }
    // The generator must reach the cases that matter, or the property says nothing.
    expect(approvals).toBeGreaterThan(50);
    expect(lateThenMoved).toBeGreaterThan(5);
  });
});
