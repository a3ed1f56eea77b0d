import { Readable } from 'node:stream';
import { hashPassword } from '../commands/passwords.ts';
import { publishNotice } from '../commands/publications.commands.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { addDays, addMonths, todayInChina } from '../domain/dates.ts';
import { EMPTY_WRITING } from '../domain/notice-writing.ts';
import type { Role } from '../domain/roles.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { insertInspection, insertProblem, insertWorkLog } from '../repositories/inspections.repository.ts';
import {
  insertCloseReview,
  insertEvidence,
  insertMeasure,
  insertOutcome,
  insertProgress,
} from '../repositories/item-parts.repository.ts';
import { insertItem } from '../repositories/items.repository.ts';
import { insertNoticeDraft } from '../repositories/notice-drafts.repository.ts';
import { insertRound, insertTeam, listRounds } from '../repositories/rounds.repository.ts';
import { insertUnit } from '../repositories/units.repository.ts';
import { insertUser } from '../repositories/users.repository.ts';
import type { EvidenceStore } from '../storage/evidence-store.ts';
import { type DemoContent, demoContent } from './content.ts';

export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoSummary {
  units: number;
  users: { username: string; role: Role; unit: string }[];
  inspections: number;
  items: number;
}

/** Login names from unit codes: 'JL-JTJ' → 'jtj', 'JL-JTJ-BGS' → 'jtj.bgs'. */
function loginOf(code: string, prefix: string) {
  return code
    .replace(new RegExp(`^${prefix}-`), '')
    .toLowerCase()
    .replace(/-/g, '.');
}

/**
 * The workflow state of the n-th demo item, spread so every state appears in every unit:
 * mostly in progress, a fifth closed, some waiting for the leader or the office, a few not started.
 */
function demoState(n: number) {
  const pattern = [
    'in_progress',
    'closed',
    'in_progress',
    'unit_review',
    'not_started',
    'closed',
    'office_review',
    'in_progress',
    'closed_partial',
    'in_progress',
  ] as const;
  return pattern[n % pattern.length];
}

/** A tiny real PDF, so that demo evidence opens in a viewer. */
function demoPdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '').slice(0, 60) || 'Evidence';
  const body = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return !(await db.selectFrom('units').select('id').limit(1).executeTakeFirst());
}

/**
 * Builds a fictional city with one round, its teams, a dozen inspected units with departments and users
 * for every role, and items in every workflow state, dated around `today` so that some are overdue.
 * All in one transaction; the admin account gets `adminPassword`.
 */
export async function seedDemo(
  db: Db,
  options: { adminPassword: string; evidence: EvidenceStore; today?: string; content?: DemoContent },
): Promise<DemoSummary> {
  const c = options.content ?? demoContent;
  const today = options.today ?? todayInChina();
  const now = new Date();
  const [adminHash, demoHash] = await Promise.all([hashPassword(options.adminPassword), hashPassword(DEMO_PASSWORD)]);
  const sharedPdf = await options.evidence.save(
    'evidence.pdf',
    Readable.from([demoPdf('Rectification evidence (demo)')]),
    10 * 1024 * 1024,
  );

  const summary = await db.transaction().execute(async (trx) => {
    const users: DemoSummary['users'] = [];
    const addUser = async (
      username: string,
      displayName: string,
      role: Role,
      unitId: number,
      unitName: string,
      teamId: number | null = null,
      hash = demoHash,
    ) => {
      const id = await insertUser(trx, { username, displayName, passwordHash: hash, role, unitId, teamId }, now);
      users.push({ username, role, unit: unitName });
      return id;
    };
    let unitCount = 0;
    const unit = async (
      parentId: number | null,
      name: string,
      code: string,
      kind: Parameters<typeof insertUnit>[1]['kind'],
      sortOrder = 0,
    ) => {
      unitCount++;
      return insertUnit(trx, { parentId, name, code, kind, sortOrder }, now);
    };

    const committee = await unit(null, c.committee, c.committeeCode, 'committee');
    const office = await unit(committee.id, c.office, `${c.committeeCode}-XCB`, 'inspection_office', 0);
    const supervision = await unit(committee.id, c.supervisorOffice, `${c.committeeCode}-JJZ`, 'supervision', 1);
    const adminId = await addUser('admin', '系统管理员', 'admin', committee.id, committee.name, null, adminHash);
    // The office works on the whole committee's tree, so its accounts sit at the committee.
    const officeIds: number[] = [];
    for (const [i, name] of c.officeStaff.entries())
      officeIds.push(await addUser(`office${i + 1}`, name, 'office', committee.id, office.name));
    for (const [i, name] of c.supervisorStaff.entries())
      await addUser(`supervisor${i + 1}`, name, 'supervisor', committee.id, supervision.name);

    const roundStart = addDays(today, -160);
    const roundId = await insertRound(
      trx,
      {
        committeeUnitId: committee.id,
        name: c.round.name,
        startsOn: roundStart,
        endsOn: addDays(roundStart, 75),
        aspects: c.aspects,
      },
      now,
    );
    const round = (await listRounds(trx)).find((r) => r.id === roundId);
    const aspectIds = round?.aspects.map((a) => a.id) ?? [];
    const teamIds: number[] = [];
    for (const [i, team] of c.teams.entries()) {
      const teamId = await insertTeam(trx, { roundId, name: team.name, leaderName: team.leader }, now);
      teamIds.push(teamId);
      await addUser(`team${i + 1}`, team.leader, 'team', committee.id, team.name, teamId);
    }

    let itemCount = 0;
    let inspectionCount = 0;
    for (const [u, demoUnit] of c.units.entries()) {
      const unitRow = await unit(committee.id, demoUnit.name, demoUnit.code, 'unit', u + 2);
      const login = loginOf(demoUnit.code, c.committeeCode);
      const adminUserId = await addUser(`${login}.admin`, demoUnit.adminStaff, 'unit_admin', unitRow.id, unitRow.name);
      const leaderId = await addUser(
        `${login}.leader`,
        demoUnit.firstResponsible,
        'unit_leader',
        unitRow.id,
        unitRow.name,
      );
      const deptIds: number[] = [];
      const deptUserIds: number[] = [];
      for (const [d, dept] of demoUnit.departments.entries()) {
        const deptRow = await unit(unitRow.id, dept.name, dept.code, 'department', d);
        deptIds.push(deptRow.id);
        deptUserIds.push(
          await addUser(
            loginOf(dept.code, c.committeeCode),
            dept.staff[0] ?? dept.name,
            'department',
            deptRow.id,
            deptRow.name,
          ),
        );
      }

      // Staggered feedback dates: the earliest units are past their concentrated period, the latest just inside it.
      const feedbackOn = addDays(today, -110 + u * 6);
      const to = addDays(feedbackOn, -20);
      const from = addDays(to, -45);
      const inspectionId = await insertInspection(
        trx,
        {
          roundId,
          teamId: teamIds[demoUnit.teamIndex % teamIds.length],
          unitId: unitRow.id,
          kind: demoUnit.inspectionKind,
          from,
          to,
          feedbackOn,
          concentratedUntil: addMonths(feedbackOn, 3),
          reportDueOn: addMonths(feedbackOn, 2),
        },
        now,
      );
      inspectionCount++;
      await insertWorkLog(
        trx,
        {
          inspectionId,
          kind: 'leading_group',
          heldOn: addDays(feedbackOn, 2),
          title: `成立${demoUnit.shortName}巡察整改工作领导小组，${demoUnit.firstResponsible}任组长`,
          note: null,
          createdBy: adminUserId,
        },
        now,
      );
      await insertWorkLog(
        trx,
        {
          inspectionId,
          kind: 'deployment_meeting',
          heldOn: addDays(feedbackOn, 3),
          title: '召开巡察反馈问题整改部署会',
          note: null,
          createdBy: adminUserId,
        },
        now,
      );
      await insertWorkLog(
        trx,
        {
          inspectionId,
          kind: 'study_session',
          heldOn: addDays(feedbackOn, 10),
          title: '党组理论学习中心组专题学习习近平总书记关于巡视工作的重要论述',
          note: null,
          createdBy: adminUserId,
        },
        now,
      );
      await insertWorkLog(
        trx,
        {
          inspectionId,
          kind: 'progress_meeting',
          heldOn: addDays(feedbackOn, 40),
          title: '召开整改工作推进会，逐项对账',
          note: null,
          createdBy: adminUserId,
        },
        now,
      );

      let itemNumber = 0;
      for (const [p, problem] of demoUnit.problems.entries()) {
        const aspectId = aspectIds[problem.aspectIndex] ?? null;
        const problemId = await insertProblem(
          trx,
          {
            inspectionId,
            aspectId,
            number: String(p + 1),
            title: problem.title,
            description: null,
            sortOrder: p + 1,
          },
          now,
        );
        for (const item of problem.items) {
          itemNumber++;
          const state = demoState(itemCount + u);
          itemCount++;
          const deadline =
            item.kind === 'ongoing'
              ? null
              : addMonths(feedbackOn, Math.max(item.deadlineMonths, item.kind === 'immediate' ? 0 : 1));
          const leadDept = deptIds[item.leadDepartmentIndex] ?? deptIds[0];
          const leadUser = deptUserIds[item.leadDepartmentIndex] ?? deptUserIds[0];
          const closed = state === 'closed' || state === 'closed_partial';
          const closedOn = closed
            ? deadline && deadline < today
              ? addDays(deadline, itemCount % 3 === 0 ? 6 : -5)
              : addDays(today, -3)
            : null;
          const createdAt = `${addDays(feedbackOn, 5)}T02:00:00.000Z`;
          const itemId = await insertItem(trx, {
            inspection_id: inspectionId,
            unit_id: unitRow.id,
            round_id: roundId,
            aspect_id: aspectId,
            problem_id: problemId,
            number: String(itemNumber),
            title: item.title,
            description: item.description,
            suggestion: null,
            target: null,
            kind: item.kind,
            deadline,
            lead_department_id: leadDept,
            responsible_leader:
              demoUnit.deputyLeaders[itemNumber % demoUnit.deputyLeaders.length]?.name ?? demoUnit.firstResponsible,
            state:
              state === 'closed_partial'
                ? 'closed'
                : state === 'unit_review' || state === 'office_review'
                  ? 'close_requested'
                  : state,
            close_stage: state === 'unit_review' || state === 'office_review' ? state : null,
            close_requested_by: closed || state === 'unit_review' || state === 'office_review' ? leadUser : null,
            close_approved_by: closed || state === 'office_review' ? leaderId : null,
            result:
              state === 'closed'
                ? 'completed'
                : state === 'closed_partial' || (item.kind === 'ongoing' && state === 'in_progress')
                  ? 'partially_completed'
                  : 'not_completed',
            closed_on: closedOn,
            withheld: item.withheld ? 1 : 0,
            withheld_reason: item.withheld ?? null,
            flagged: itemCount % 17 === 0 ? 1 : 0,
            sort_order: itemNumber,
            created_at: createdAt,
            updated_at: createdAt,
          });
          for (const [m, measure] of item.measures.entries()) {
            await insertMeasure(
              trx,
              itemId,
              m + 1,
              {
                content: measure.content,
                kind: item.kind,
                responsibleLeader: demoUnit.deputyLeaders[m % demoUnit.deputyLeaders.length]?.name ?? null,
                departmentId: deptIds[measure.departmentIndex] ?? leadDept,
                responsiblePersonId: deptUserIds[measure.departmentIndex] ?? leadUser,
                responsiblePersonName: null,
                deadline,
                completedOn: closed ? closedOn : null,
              },
              now,
            );
          }
          if (state !== 'not_started') {
            for (const [k, text] of item.progress.entries()) {
              const entryOn = addDays(feedbackOn, 12 + k * 18);
              if (entryOn > today) break;
              await insertProgress(trx, { itemId, measureId: null, entryOn, content: text, authorId: leadUser }, now);
            }
          }
          if (closed || state === 'unit_review' || state === 'office_review') {
            await insertEvidence(
              trx,
              {
                itemId,
                measureId: null,
                fileName: `${item.title.slice(0, 20)}佐证材料.pdf`,
                contentType: 'application/pdf',
                sizeBytes: sharedPdf.sizeBytes,
                sha256: sharedPdf.sha256,
                effectiveOn: closedOn ?? addDays(today, -2),
                note: null,
                uploadedBy: leadUser,
              },
              now,
            );
            await insertCloseReview(
              trx,
              {
                itemId,
                event: 'request_close',
                actorId: leadUser,
                note: '已按整改措施逐项落实，佐证材料齐全，申请销号。',
              },
              now,
            );
            if (closed || state === 'office_review')
              await insertCloseReview(
                trx,
                { itemId, event: 'approve', actorId: leaderId, note: '经审核，同意销号。' },
                now,
              );
            if (closed)
              await insertCloseReview(
                trx,
                {
                  itemId,
                  event: 'confirm',
                  actorId: officeIds[0],
                  note: '经巡察办核查，予以销号。',
                },
                now,
              );
          }
          if (item.outcome) {
            await insertOutcome(
              trx,
              itemId,
              {
                kind: item.outcome.kind,
                title: item.outcome.title,
                accountabilityKind: item.outcome.accountabilityKind ?? null,
                peopleCount: item.outcome.peopleCount ?? null,
                amountYuan: item.outcome.amountYuan ?? null,
                occurredOn: addDays(feedbackOn, 30),
              },
              leadUser,
              now,
            );
          }
        }
      }
    }
    await recordAudit(
      trx,
      {
        actorId: adminId,
        action: 'demo.seed',
        entity: 'system',
        entityId: null,
        after: { units: unitCount, users: users.length, inspections: inspectionCount, items: itemCount },
      },
      now,
    );
    return { units: unitCount, users, inspections: inspectionCount, items: itemCount };
  });
  await publishDemoNotice(db, today);
  return summary;
}

/**
 * The first unit writes its notice and publishes it, as its administrator would, through the same command: the portal
 * then has one notice inside its public period around `today`.
 */
async function publishDemoNotice(db: Db, today: string): Promise<void> {
  const now = new Date();
  const admin = await db
    .selectFrom('inspections as i')
    .innerJoin('users as us', 'us.unit_id', 'i.unit_id')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id as inspection_id', 'us.id', 'us.unit_id', 'u.path'])
    .where('us.role', '=', 'unit_admin')
    .orderBy('i.id')
    .executeTakeFirstOrThrow();
  const issuedOn = addDays(today, -4);
  const period = { publicFrom: addDays(today, -3), publicTo: addDays(today, 11) };
  await insertNoticeDraft(
    db,
    admin.inspection_id,
    'notice',
    {
      ...EMPTY_WRITING,
      issuedOn,
      asOf: issuedOn,
      ...period,
      organising:
        '收到巡察反馈意见后，党组第一时间召开专题会议，成立整改工作领导小组，制定整改方案，逐项明确责任领导、责任部门和完成时限。',
      nextSteps: '对阶段性完成的事项持续跟踪推进，建立长效机制，巩固整改成果。',
      contacts: {
        phone: ['0735-8123456'],
        email: ['zgb@jianglan.example.cn'],
        postal: '江澜市滨江路18号',
        postcode: '423000',
      },
    },
    now,
  );
  const ctx = {
    db,
    config: loadConfig({}),
    now: () => new Date(`${today}T02:00:00Z`),
    actor: { id: admin.id, role: 'unit_admin' as const, unitId: admin.unit_id, unitPath: admin.path, teamId: null },
  };
  await publishNotice(ctx, admin.inspection_id, period);
}
