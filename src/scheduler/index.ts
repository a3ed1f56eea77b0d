import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { runScheduledBackup } from '../backup/schedule.ts';
import { recordSweep } from '../http/metrics.ts';
import { releaseLease, takeLease } from '../repositories/leases.repository.ts';
import { configuredChannels } from './channels.ts';
import { sweep } from './sweep.ts';

/** The lease a sweep pass runs under: one server sweeps at a time, whoever holds it. */
export const SWEEP_LEASE = 'reminder-sweep';
/** The lease the daily backup runs under: one server writes it, whichever holds the lease. */
export const BACKUP_LEASE = 'scheduled-backup';
const BACKUP_TICK_MS = 5 * 60_000;

export interface SchedulerOptions {
  /** Who this scheduler is in the lease row; unique per process by default. */
  holder?: string;
  /** Told after every tick whether this scheduler swept (it held the lease) or left the pass to another server. */
  onTick?: (swept: boolean) => void;
}

/**
 * Runs the reminder sweep in the server process every config.sweepSeconds, at once on start so a restart catches up.
 * Passes never overlap within a process. Across servers on one database a pass runs only under the sweep's lease,
 * renewed by its holder on every tick and held a while beyond it, so the other servers' schedulers stand by and one
 * of them takes over once a holder that died lets it run out (a clean stop lets it go at once). Each stage's claim in
 * sweep.ts still keeps a reminder single if two passes ever met. Returns how to stop: no new pass starts, the running
 * one finishes, the lease goes, the SMTP connection closes.
 */
export function startScheduler(app: FastifyInstance, options: SchedulerOptions = {}): () => Promise<void> {
  const { db, config, now } = app.services;
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = Math.max(2 * config.sweepSeconds * 1000, 5 * 60_000);
  const channels = configuredChannels(config);
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const pass = async () => {
    if (stopped) return;
    let swept = false;
    const started = performance.now();
    const finished = () => ({ finishedAt: new Date(), durationMs: performance.now() - started });
    try {
      if (await takeLease(db, SWEEP_LEASE, holder, now(), leaseMs)) {
        swept = true;
        const counts = await sweep({ db, config, now, channels });
        recordSweep({ ...finished(), counts });
        if (counts.reminders || counts.delivered || counts.failed) app.log.info({ counts }, 'reminder sweep');
      }
    } catch (err) {
      recordSweep({ ...finished(), failed: true });
      app.log.error({ err }, 'reminder sweep failed');
    }
    options.onTick?.(swept);
  };
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = pass().finally(() => {
      busy = false;
    });
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, config.sweepSeconds * 1000);
  timer.unref();
  // The daily backup (RECTIFY_BACKUP_DIR): asked every few minutes by the holder of its own lease (held three ticks, so
  // it stays with one server while that one lives); runScheduledBackup decides whether today's is due.
  let backingUp: Promise<unknown> = Promise.resolve();
  let backupBusy = false;
  const backupTick = () => {
    if (stopped || backupBusy || !config.backupDir) return;
    backupBusy = true;
    backingUp = takeLease(db, BACKUP_LEASE, holder, now(), 3 * BACKUP_TICK_MS)
      .then(async (held) => {
        if (!held) return;
        const outcome = await runScheduledBackup({ db, config, now: now() });
        if (outcome.ran) app.log.info({ backup: outcome }, 'scheduled backup written');
      })
      .catch((err: unknown) => app.log.error({ err }, 'scheduled backup failed'))
      .finally(() => {
        backupBusy = false;
      });
  };
  const backupTimer = setInterval(backupTick, BACKUP_TICK_MS);
  backupTimer.unref();
  const firstBackup = setTimeout(backupTick, 0);
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    clearTimeout(firstBackup);
    clearInterval(backupTimer);
    await backingUp;
    await running;
    for (const lease of [SWEEP_LEASE, BACKUP_LEASE])
      await releaseLease(db, lease, holder).catch((err: unknown) =>
        app.log.warn({ err, lease }, 'a lease could not be released; it runs out by itself'),
      );
    channels.close();
  };
}
