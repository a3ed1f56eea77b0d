import { describe, expect, it } from 'vitest';
import { ROLES } from '../domain/roles.ts';
import { type Actor, canReadRoundSummary, canRecordReportSubmission } from './policies.ts';

const actor = (role: Actor['role'], unitPath = '/1/4/'): Actor =>
  ({ id: 1, role, unitId: 4, unitPath, teamId: null, separationOfDuties: true }) as Actor;
const unitA = { unitPath: '/1/4/', teamId: 1, departmentPaths: [] };
const unitB = { unitPath: '/1/5/', teamId: 2, departmentPaths: [] };

describe('issue 15 rules', () => {
  it('the unit administrator and leaders record their own report; the office over its tree', () => {
    const allowed = ROLES.filter((r) => canRecordReportSubmission(actor(r), unitA));
    // The office of a tree holding the unit may correct the record; 三员分立 keeps the system administrator out.
    expect(allowed).toEqual(['office', 'unit_admin', 'unit_leader']);
    expect(canRecordReportSubmission(actor('unit_admin'), unitB)).toBe(false);
    expect(canRecordReportSubmission(actor('office', '/1/'), unitB)).toBe(true);
  });

  it('the summary upward is the office’s and the supervisors’', () => {
    expect(ROLES.filter((r) => canReadRoundSummary(actor(r))).sort()).toEqual(['office', 'supervisor']);
    // In the embedded trial (no 三员分立) the administrator stands in for the office, as everywhere.
    expect(canReadRoundSummary({ ...actor('admin'), separationOfDuties: false })).toBe(true);
  });
});
