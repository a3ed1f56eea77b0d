/**
 * The reminder sweep as it was before issue 13's channels (commit f2b1ecc, src/scheduler/sweep.ts), kept frozen so
 * `bench/channels.ts` can run today's code path and the fan-out beside it in the same run. Only the import paths
 * differ. Its outbox worker cannot send the new channel kinds, so the bench gives it only what it knew: e-mail.
 * Not used by the application.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../src/config.ts';
import type { Db } from '../src/db/database.ts';
import { type IsoDate, todayInChina } from '../src/domain/dates.ts';
import {
  nextReminderOn,
  type ReminderText,
  recipients,
  reminderText,
  STAGE_NAME,
  type Stage,
  stageToSend,
} from '../src/domain/reminders.ts';
import {
  claimDueDeliveries,
  type Delivery,
  enqueueDeliveries,
  insertNotifications,
  recordDeliveryFailure,
  recordDeliverySent,
} from '../src/repositories/notifications.repository.ts';
import {
  claimStage,
  deleteScheduleRows,
  dueSchedule,
  insertScheduleRows,
  rearmSchedule,
  type ScheduleRow,
  type SubjectDetails,
  scheduleDrift,
  subjectDetails,
  userEmails,
} from '../src/repositories/reminders.repository.ts';
import type { Channels } from '../src/scheduler/channels.ts';

export interface SweepDeps {
  db: Db;
  config: Config;
  now: () => Date;
  channels: Channels;
}

export interface SweepCounts {
  /** Schedule rows added for subjects seen for the first time. */
  scheduled: number;
  /** Schedule rows whose deadline moved, so their ladder starts again. */
  rearmed: number;
  /** Schedule rows dropped because their subject closed, completed or went away. */
  unscheduled: number;
  /** Stages sent by this sweep (each subject's stage goes out once, whichever process sends it). */
  reminders: number;
  notifications: number;
  queued: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/** Attempts per e-mail or webhook delivery before it is given up. */
export const MAX_ATTEMPTS = 6;
/** Backoff after the n-th failed attempt: 1, 2, 4, 8, 16 minutes (capped at an hour). */
export const retryDelayMs = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);
/** How long a sweep holds its claim on a delivery; a process that dies mid-send lets it go after this. */
const CLAIM_MS = 5 * 60_000;
const DELIVERIES_PER_SWEEP = 200;

/**
 * One pass of the reminder scheduler. The schedule is kept in the database and reconciled with the ledger on every
 * pass instead of being updated by each command that changes a deadline or a state: the commands stay untouched, and
 * a change made any way at all (API, import, CLI, direct repair) is picked up within one sweep. Then every schedule
 * row whose next reminder date has come is sent, each stage claimed by one conditional UPDATE in the same transaction
 * that writes the notifications and the outbox rows, so it goes out exactly once across restarts and processes.
 * Finally the outbox is worked: due e-mail and webhook deliveries are claimed, sent, and retried with backoff.
 */
export async function sweep(deps: SweepDeps): Promise<SweepCounts> {
  const now = deps.now();
  const at = now.toISOString();
  const today = todayInChina(now);
  const reconciled = await reconcileSchedule(deps, at);
  const sent = await sendDueReminders(deps, today, at);
  const worked = await workOutbox(deps, now);
  return { ...reconciled, ...sent, ...worked };
}

/**
 * Reconciles the schedule with what is open now. A closed item or completed measure loses its row and stops
 * reminding; reopened, it comes back as a new row whose ladder starts again.
 */
async function reconcileSchedule({ db, config }: SweepDeps, at: string) {
  const thresholds = config.warnDays;
  const drift = await scheduleDrift(db, config.reportMonths);
  await insertScheduleRows(
    db,
    drift.fresh.map((s) => ({
      kind: s.kind,
      subjectId: s.id,
      deadline: s.deadline,
      nextOn: nextReminderOn(s.deadline, 0, thresholds),
    })),
    at,
  );
  for (const m of drift.moved) {
    const { deadline } = m.subject;
    await rearmSchedule(
      db,
      { id: m.scheduleId, oldDeadline: m.oldDeadline, deadline, nextOn: nextReminderOn(deadline, 0, thresholds) },
      at,
    );
  }
  await deleteScheduleRows(db, drift.gone);
  return { scheduled: drift.fresh.length, rearmed: drift.moved.length, unscheduled: drift.gone.length };
}

/** One stage of one schedule row, worded and addressed, ready to be claimed and queued. */
interface Reminder {
  row: ScheduleRow;
  stage: Exclude<Stage, 0>;
  /** The notification kind: reminder.green, reminder.yellow, reminder.overdue. */
  kind: string;
  text: ReminderText;
  details: SubjectDetails;
  userIds: number[];
  toRobot: boolean;
}

/**
 * Sends what is due. Measures of one item often share a deadline; whoever hears of the item at a stage (the unit's
 * leaders, the office) hears of it once per sweep, while each measure's own responsible people still get theirs.
 */
async function sendDueReminders(deps: SweepDeps, today: IsoDate, at: string) {
  const counts = { reminders: 0, notifications: 0, queued: 0 };
  const told = new Set<string>();
  for (const row of await dueSchedule(deps.db, today)) {
    const reminder = await reminderFor(deps, row, today, told);
    if (!reminder) continue;
    const sent = await deps.db.transaction().execute((trx) => claimAndQueue(trx, deps, reminder, at));
    if (sent) {
      for (const id of reminder.userIds) told.add(toldKey(id, reminder));
      told.add(toldKey('robot', reminder));
      counts.reminders++;
      counts.notifications += sent.notifications;
      counts.queued += sent.queued;
    }
  }
  return counts;
}

/** Who has heard of a link at a stage in this sweep: an account, or the webhook's robot. */
const toldKey = (who: number | 'robot', { details, kind }: { details: SubjectDetails; kind: string }) =>
  `${who}|${details.link}|${kind}`;

/** The stage the row is due for and who hears of it, or null when nothing is to be sent. */
async function reminderFor(
  { db, config }: SweepDeps,
  row: ScheduleRow,
  today: IsoDate,
  told: Set<string>,
): Promise<Reminder | null> {
  const due = stageToSend(row.deadline, row.lastStage, today, config.warnDays);
  if (due === null) return null;
  // Only a stage above the last one sent is due, so never the first rung.
  const stage = due as Exclude<Stage, 0>;
  const details = await subjectDetails(db, row.kind, row.subjectId);
  if (!details) return null;
  const kind = `reminder.${STAGE_NAME[stage]}`;
  const userIds = recipients(row.kind, stage, details.candidates).filter(
    (id) => !told.has(toldKey(id, { details, kind })),
  );
  const toRobot = !told.has(toldKey('robot', { details, kind }));
  const text = reminderText(
    row.kind,
    stage,
    { title: details.title, unitName: details.unitName, deadline: row.deadline, measure: details.measure },
    today,
  );
  return { row, stage, kind, text, details, userIds, toRobot };
}

/** Claims the stage, then writes the notifications and the outbox; null when another sweep claimed it first. */
async function claimAndQueue(
  trx: Db,
  { config, channels }: SweepDeps,
  { row, stage, kind, text, details, userIds, toRobot }: Reminder,
  at: string,
): Promise<{ notifications: number; queued: number } | null> {
  // The claim comes first: on SQLite it takes the write lock before anything is read inside the transaction.
  const nextOn = nextReminderOn(row.deadline, stage, config.warnDays);
  if (!(await claimStage(trx, { id: row.id, deadline: row.deadline, stage, nextOn }, at))) return null;
  await insertNotifications(
    trx,
    userIds.map((userId) => ({ userId, kind, title: text.title, body: text.body, link: details.link })),
    at,
  );
  const outbox: Parameters<typeof enqueueDeliveries>[1] = [];
  if (channels.mail) {
    for (const u of await userEmails(trx, userIds)) {
      outbox.push({ channel: 'email', recipient: u.email, subject: text.title, payload: text.body });
    }
  }
  if (channels.webhook && config.webhookUrl && toRobot) {
    const payload = JSON.stringify({
      type: kind,
      title: text.title,
      text: text.body,
      link: details.link,
      unit: details.unitName,
      at,
    });
    outbox.push({ channel: 'webhook', recipient: config.webhookUrl, subject: text.title, payload });
  }
  await enqueueDeliveries(trx, outbox, at);
  return { notifications: userIds.length, queued: outbox.length };
}

/** Works the outbox: claims the due deliveries, sends each, and records it sent or when to try again. */
async function workOutbox(deps: SweepDeps, now: Date) {
  const { db } = deps;
  const counts = { delivered: 0, retrying: 0, failed: 0 };
  const token = randomUUID();
  const claimed = await claimDueDeliveries(db, {
    now: now.toISOString(),
    until: new Date(now.getTime() + CLAIM_MS).toISOString(),
    token,
    limit: DELIVERIES_PER_SWEEP,
  });
  for (const d of claimed) {
    try {
      await deliver(deps.channels, d);
      await recordDeliverySent(db, d.id, token, deps.now().toISOString());
      counts.delivered++;
    } catch (err) {
      const attempts = d.attempts + 1;
      const retryAt = attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
      await recordDeliveryFailure(db, d.id, token, err instanceof Error ? err.message : String(err), retryAt);
      if (retryAt) counts.retrying++;
      else counts.failed++;
    }
  }
  return counts;
}

async function deliver(channels: Channels, d: Delivery): Promise<void> {
  if (d.channel === 'email') {
    if (!channels.mail) throw new Error('e-mail is no longer configured (RECTIFY_SMTP_URL)');
    await channels.mail(d.recipient, d.subject, d.payload);
  } else {
    if (!channels.webhook) throw new Error('the webhook is no longer configured (RECTIFY_WEBHOOK_URL)');
    await channels.webhook(d.payload);
  }
}
