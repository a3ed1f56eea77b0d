import { type CommandContext, today } from '../context.ts';
import { CHECKLIST_TOTAL, type ChecklistEntry, DEFAULT_CHECKLIST } from '../domain/evaluation.ts';
import { type SatisfactionSummary, summarize } from '../domain/satisfaction.ts';
import { type Suggestion, suggestDeductions } from '../domain/suggested-deductions.ts';
import { authorizeInspection, authorizePublication } from '../policies/authorize.ts';
import { evaluationFacts } from '../repositories/evaluation-facts.repository.ts';
import { answersOfInspection, answersOfPublication } from '../repositories/satisfaction.repository.ts';

/**
 * Issue 15, point 4: what the office sees when it opens a unit's evaluation: the checklist with a suggested deduction
 * and its reasons per entry (computed from the ledger now), the public's satisfaction over the inspection's notices,
 * and the weight the satisfaction will have. Read by whoever sees the inspection (the unit sees what it will be scored on).
 */

export interface SatisfactionOfInspection extends SatisfactionSummary {
  publications: { id: number; title: string; answers: number; score: number | null }[];
}

export async function satisfactionOfInspection(
  ctx: Pick<CommandContext, 'db'>,
  inspectionId: number,
): Promise<SatisfactionOfInspection> {
  const { publications, answers } = await answersOfInspection(ctx.db, inspectionId);
  return {
    ...summarize(answers),
    publications: publications.map((p) => {
      const own = summarize(answers.filter((a) => a.publicationId === p.id));
      return { id: p.id, title: p.title, answers: own.answers, score: own.score };
    }),
  };
}

/** The suggestions as the save records them: computed again at the moment of saving, never taken from the client. */
export async function suggestionsFor(ctx: CommandContext, inspectionId: number): Promise<Suggestion[]> {
  const facts = await evaluationFacts(ctx.db, inspectionId, today(ctx), ctx.config.reportMonths);
  return suggestDeductions(facts, DEFAULT_CHECKLIST);
}

export interface EvaluationDraft {
  inspectionId: number;
  total: number;
  entries: (ChecklistEntry & { suggestion: Suggestion })[];
  satisfaction: SatisfactionOfInspection;
  satisfactionWeight: number;
}

export async function getEvaluationDraft(ctx: CommandContext, inspectionId: number): Promise<EvaluationDraft> {
  await authorizeInspection(ctx, inspectionId, 'read');
  const suggestions = await suggestionsFor(ctx, inspectionId);
  const byKey = new Map(suggestions.map((s) => [s.key, s]));
  return {
    inspectionId,
    total: CHECKLIST_TOTAL,
    entries: DEFAULT_CHECKLIST.map((e) => ({
      ...e,
      suggestion: byKey.get(e.key) ?? { key: e.key, deduction: 0, capped: false, reasons: [] },
    })),
    satisfaction: await satisfactionOfInspection(ctx, inspectionId),
    satisfactionWeight: ctx.config.satisfactionWeight,
  };
}

/** One notice's questionnaire results, for the unit and the office (never an address, remarks included). */
export async function getPublicationSatisfaction(ctx: CommandContext, publicationId: number) {
  await authorizePublication(ctx, publicationId, 'read');
  const answers = await answersOfPublication(ctx.db, publicationId);
  return {
    publicationId,
    ...summarize(answers),
    remarks: answers
      .filter((a) => a.remark !== null)
      .slice(0, 100)
      .map((a) => ({ answeredOn: a.answeredOn, overall: a.overall, remark: a.remark as string })),
  };
}
