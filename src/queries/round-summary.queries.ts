import { type CommandContext, today } from '../context.ts';
import { ledgerFigures, type RoundSummary, type RoundSummaryRow, summaryTotals } from '../domain/round-summary.ts';
import { authorizeInspection, authorizeRound } from '../policies/authorize.ts';
import { readScope } from '../policies/policies.ts';
import { clueFigures } from '../repositories/clues.repository.ts';
import { roundOverview } from '../repositories/dashboard.repository.ts';
import { listInspections } from '../repositories/inspections.repository.ts';
import {
  getReportSubmission,
  listReportSubmissions,
  type ReportSubmission,
  type RoundReportStatus,
  roundReportStatuses,
} from '../repositories/report-submissions.repository.ts';
import { roundSummaryExtras } from '../repositories/round-summary.repository.ts';

/**
 * Issue 15 (point 6): the round's summary upward, the one source of the page, the .xlsx and the .docx: the round
 * overview's counts per unit (and its grade from the evaluation), with each unit's problems, outcomes and 报送 beside
 * them. A row per unit inspected in the round (in the tree's order), then the totals row summed from the rows.
 */
export async function getRoundSummary(ctx: CommandContext, roundId: number): Promise<RoundSummary> {
  const round = await authorizeRound(ctx, roundId, 'summarize');
  const scope = readScope(ctx.actor);
  const asOf = today(ctx);
  const [inspections, overview, extras, clues] = await Promise.all([
    listInspections(ctx.db, scope, { roundId }),
    roundOverview(ctx.db, scope, roundId, asOf),
    roundSummaryExtras(ctx.db, roundId),
    // Issue 15 (问题线索): the summary is the office's and the supervisors' (ROUND_RULES.summarize), who follow clues.
    clueFigures(ctx.db, scope.kind === 'subtree' ? scope.path : '/nothing/', { roundId }),
  ]);
  const clueSums = new Map<number, { handedOver: number; disciplined: number }>();
  for (const c of clues) {
    const s = clueSums.get(c.unitId) ?? { handedOver: 0, disciplined: 0 };
    if (c.state !== 'marked') s.handedOver += 1;
    s.disciplined += c.disciplinedPeople;
    clueSums.set(c.unitId, s);
  }
  const counts = new Map(overview.map((o) => [o.unitId, o]));
  const seen = new Set<number>();
  const units: { unitId: number; unit: string }[] = [];
  for (const n of inspections) {
    if (seen.has(n.unitId)) continue;
    seen.add(n.unitId);
    units.push({ unitId: n.unitId, unit: n.unitName });
  }
  // Items of a unit the round holds without an inspection row listed (none in practice) still count.
  for (const o of overview) if (!seen.has(o.unitId)) units.push({ unitId: o.unitId, unit: o.unit });
  const rows: RoundSummaryRow[] = units.map(({ unitId, unit }) => {
    const o = counts.get(unitId);
    const e = extras.get(unitId);
    const ledger = o ? ledgerFigures(o.counts) : { items: 0, completed: 0, partial: 0, inProgress: 0, overdue: 0 };
    return {
      unitId,
      unit,
      problems: e?.problems ?? 0,
      ...ledger,
      rulesMade: e?.rulesMade ?? 0,
      rulesRevised: e?.rulesRevised ?? 0,
      peopleHeld: e?.peopleHeld ?? 0,
      fundsFen: e?.fundsFen ?? 0,
      cluesHandedOver: clueSums.get(unitId)?.handedOver ?? 0,
      cluesDisciplined: clueSums.get(unitId)?.disciplined ?? 0,
      reportSubmittedOn: e?.reportSubmittedOn ?? null,
      reportDocNumber: e?.reportDocNumber ?? null,
      grade: o?.grade ?? null,
    };
  });
  return { roundId, roundName: round.name, asOf, rows, totals: summaryTotals(rows) };
}

/** Issue 15 (报送): who in the round has and has not submitted their report, for the office and the supervisors. */
export async function listRoundReportStatuses(ctx: CommandContext, roundId: number): Promise<RoundReportStatus[]> {
  await authorizeRound(ctx, roundId, 'summarize');
  const scope = readScope(ctx.actor);
  const rows = await roundReportStatuses(ctx.db, roundId);
  return scope.kind === 'subtree' ? rows.filter((r) => r.unitPath.startsWith(scope.path)) : [];
}

/** An inspection's 报送: the current record and the corrected ones, for whoever may read the inspection. */
export async function getInspectionReportSubmissions(
  ctx: CommandContext,
  inspectionId: number,
): Promise<{ current: ReportSubmission | null; history: ReportSubmission[] }> {
  await authorizeInspection(ctx, inspectionId, 'read');
  const all = await listReportSubmissions(ctx.db, inspectionId);
  return { current: all.find((s) => s.supersededAt === null) ?? null, history: all.filter((s) => s.supersededAt) };
}

/** A submitted report's file, for whoever may read its inspection (404 otherwise). */
export async function reportSubmissionForDownload(ctx: CommandContext, id: number): Promise<ReportSubmission> {
  const submission = await getReportSubmission(ctx.db, id);
  await authorizeInspection(ctx, submission.inspectionId, 'read');
  return submission;
}
