import { describe, expect, it } from 'vitest';
import {
  type LadderCandidates,
  nextReminderOn,
  recipients,
  reminderText,
  STAGES,
  stageOn,
  stageToSend,
} from './reminders.ts';

const thresholds = { green: 20, yellow: 10 };
const deadline = '2026-09-30';

describe('the stage of a deadline', () => {
  it.each([
    ['2026-09-09', STAGES.none], // 21 days left
    ['2026-09-10', STAGES.green], // 20
    ['2026-09-19', STAGES.green], // 11
    ['2026-09-20', STAGES.yellow], // 10
    ['2026-09-30', STAGES.yellow], // the last day is still not late
    ['2026-10-01', STAGES.overdue], // -1
    ['2027-01-01', STAGES.overdue],
  ])('on %s is %i', (today, stage) => {
    expect(stageOn(deadline, today, thresholds)).toBe(stage);
  });

  it('follows configured thresholds', () => {
    expect(stageOn(deadline, '2026-09-01', { green: 30, yellow: 5 })).toBe(STAGES.green);
    expect(stageOn(deadline, '2026-09-25', { green: 30, yellow: 5 })).toBe(STAGES.yellow);
    expect(stageOn(deadline, '2026-09-24', { green: 30, yellow: 5 })).toBe(STAGES.green);
  });
});

describe('the next reminder', () => {
  it('is the first day of the stage after the last one sent, and none after overdue', () => {
    expect(nextReminderOn(deadline, STAGES.none, thresholds)).toBe('2026-09-10');
    expect(nextReminderOn(deadline, STAGES.green, thresholds)).toBe('2026-09-20');
    expect(nextReminderOn(deadline, STAGES.yellow, thresholds)).toBe('2026-10-01');
    expect(nextReminderOn(deadline, STAGES.overdue, thresholds)).toBeNull();
  });

  it('sends only a stage beyond the last one sent, skipping to the current stage when first seen late', () => {
    expect(stageToSend(deadline, STAGES.none, '2026-09-09', thresholds)).toBeNull();
    expect(stageToSend(deadline, STAGES.none, '2026-09-10', thresholds)).toBe(STAGES.green);
    expect(stageToSend(deadline, STAGES.green, '2026-09-15', thresholds)).toBeNull();
    expect(stageToSend(deadline, STAGES.none, '2026-10-05', thresholds)).toBe(STAGES.overdue);
    expect(stageToSend(deadline, STAGES.overdue, '2026-10-05', thresholds)).toBeNull();
  });
});

describe('the ladder', () => {
  const c: LadderCandidates = {
    responsiblePerson: null,
    departmentUsers: [11, 12],
    unitLeaders: [21],
    unitAdmins: [31],
    office: [41, 42],
  };
  it('tells the department at green, adds the leaders at yellow, the unit and the office when overdue', () => {
    expect(recipients('measure', STAGES.none, c)).toEqual([]);
    expect(recipients('measure', STAGES.green, c)).toEqual([11, 12]);
    expect(recipients('measure', STAGES.yellow, c)).toEqual([11, 12, 21]);
    expect(recipients('measure', STAGES.overdue, c)).toEqual([11, 12, 21, 31, 41, 42]);
  });
  it('tells the named responsible person instead of the whole department', () => {
    expect(recipients('measure', STAGES.green, { ...c, responsiblePerson: 99 })).toEqual([99]);
    expect(recipients('item', STAGES.yellow, { ...c, responsiblePerson: 99 })).toEqual([99, 21]);
  });
  it('tells nobody twice when one account holds two places', () => {
    expect(recipients('measure', STAGES.overdue, { ...c, unitAdmins: [21, 31] })).toEqual([11, 12, 21, 31, 41, 42]);
  });
  it('sends the report due date to the unit administrators at every stage', () => {
    for (const stage of [STAGES.green, STAGES.yellow, STAGES.overdue])
      expect(recipients('report', stage, c)).toEqual([31]);
  });
});

describe('the words of a reminder', () => {
  it('say the stage, the unit, the subject and the days in Chinese first', () => {
    const s = { title: '财务审批不规范', unitName: '江澜市交通运输局', deadline, measure: '修订财务审批制度' };
    const text = reminderText('measure', STAGES.overdue, s, '2026-10-03');
    expect(text.title).toBe('【已逾期】江澜市交通运输局：财务审批不规范 / Overdue: 江澜市交通运输局: 财务审批不规范');
    expect(text.body).toContain('整改问题“财务审批不规范”的整改措施“修订财务审批制度”的期限为 2026-09-30，已逾期 3 天');
    expect(text.body).toMatch(
      / \/ The measure “修订财务审批制度” of the item “财务审批不规范” is due on 2026-09-30: 3 days overdue\./,
    );
    // The reader's half is everything before or after the one separator.
    expect(text.body.split(' / ')).toHaveLength(2);
    const item = reminderText('item', STAGES.yellow, { ...s, measure: null }, '2026-09-29').body;
    expect(item).toContain('整改问题“财务审批不规范”的期限为 2026-09-30，距期限还有 1 天。');
    expect(item).toContain(' / The item “财务审批不规范” is due on 2026-09-30: 1 day left.');
  });
});
