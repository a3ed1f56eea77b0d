import type { Db } from '../db/database.ts';
import type { NewItem } from '../db/schema.ts';
import { addDays, addMonths } from '../domain/dates.ts';
import { insertInspection, insertProblem } from '../repositories/inspections.repository.ts';
import { insertItem } from '../repositories/items.repository.ts';
import { insertRound, insertTeam, listRounds, setRoundArchived } from '../repositories/rounds.repository.ts';

/**
 * The demo's earlier round (issue 15, repeats across rounds): two years before the live one, archived, with its aspects
 * named the way they were then, so that the live round's renamed aspects hide its repeats until the office maps them
 * (the suggestion finds every pair). One unit, the transport bureau, was inspected; its items were all closed.
 * Seeded before the live round so the live round stays the newest (the pages open on it).
 */
export const EARLIER_ROUND = {
  name: '九届市委第一轮巡察',
  aspects: [
    '一、学习贯彻习近平新时代中国特色社会主义思想和落实党中央决策部署方面存在的问题',
    '二、落实全面从严治党主体责任方面存在的问题',
    '三、落实党的组织路线方面存在的问题',
    '四、巡察审计发现问题整改方面存在的问题',
  ],
  team: { name: '市委第二巡察组', leader: '马俊峰' },
  unitCode: 'JL-JTJ',
  /** By aspect: the problem and its items, each reworded again by the live round's findings. */
  problems: [
    {
      aspectIndex: 1,
      title: '落实中央八项规定精神有差距',
      items: ['公务接待审批管理不规范', '公务用车管理使用不规范'],
    },
    { aspectIndex: 1, title: '工程建设领域监管薄弱', items: ['工程设计变更审批不严'] },
    { aspectIndex: 2, title: '干部管理监督不严', items: ['干部人事档案管理不够规范'] },
  ],
} as const;

export interface EarlierRound {
  roundId: number;
  aspectIds: number[];
  teamId: number;
  startsOn: string;
}

/** The round, its aspects and its team (no team account: the round is over). */
export async function seedEarlierRound(trx: Db, committeeId: number, today: string, now: Date): Promise<EarlierRound> {
  const startsOn = addDays(today, -760);
  const roundId = await insertRound(
    trx,
    {
      committeeUnitId: committeeId,
      name: EARLIER_ROUND.name,
      startsOn,
      endsOn: addDays(startsOn, 75),
      aspects: [...EARLIER_ROUND.aspects],
    },
    now,
  );
  const aspectIds = (await listRounds(trx)).find((r) => r.id === roundId)?.aspects.map((a) => a.id) ?? [];
  const teamId = await insertTeam(
    trx,
    { roundId, name: EARLIER_ROUND.team.name, leaderName: EARLIER_ROUND.team.leader },
    now,
  );
  return { roundId, aspectIds, teamId, startsOn };
}

/** The transport bureau's inspection in the earlier round, its problems and closed items; then the round is archived. */
export async function seedEarlierInspection(
  trx: Db,
  round: EarlierRound,
  unitId: number,
  archivedBy: number,
  now: Date,
): Promise<{ items: number }> {
  const from = addDays(round.startsOn, 5);
  const to = addDays(from, 45);
  const feedbackOn = addDays(to, 20);
  const inspectionId = await insertInspection(
    trx,
    {
      roundId: round.roundId,
      teamId: round.teamId,
      unitId,
      kind: 'regular',
      from,
      to,
      feedbackOn,
      concentratedUntil: addMonths(feedbackOn, 3),
      reportDueOn: addMonths(feedbackOn, 2),
    },
    now,
  );
  let number = 0;
  for (const [p, problem] of EARLIER_ROUND.problems.entries()) {
    const aspectId = round.aspectIds[problem.aspectIndex] ?? null;
    const problemId = await insertProblem(
      trx,
      { inspectionId, aspectId, number: String(p + 1), title: problem.title, description: null, sortOrder: p + 1 },
      now,
    );
    for (const title of problem.items) {
      number++;
      const at = `${addDays(feedbackOn, 5)}T02:00:00.000Z`;
      const row: NewItem = {
        inspection_id: inspectionId,
        unit_id: unitId,
        round_id: round.roundId,
        aspect_id: aspectId,
        problem_id: problemId,
        number: String(number),
        title,
        description: null,
        suggestion: null,
        target: null,
        kind: 'deadline',
        deadline: addMonths(feedbackOn, 3),
        lead_department_id: null,
        responsible_leader: null,
        state: 'closed',
        close_stage: null,
        close_requested_by: null,
        close_approved_by: null,
        result: 'completed',
        closed_on: addMonths(feedbackOn, 3),
        withheld_reason: null,
        sort_order: number,
        created_at: at,
        updated_at: at,
      };
      await insertItem(trx, row);
    }
  }
  await setRoundArchived(trx, round.roundId, 1, { at: now.toISOString(), by: archivedBy }, now);
  return { items: number };
}
