import type { FastifyInstance } from 'fastify';
import { configuredChannels } from './channels.ts';
import { sweep } from './sweep.ts';

/**
 * Runs the reminder sweep in the server process every config.sweepSeconds, at once on start so a restart catches up.
 * Passes never overlap within a process; a second process running its own is safe (see sweep.ts). Returns how to stop:
 * no new pass starts, the running one finishes, the SMTP connection closes.
 */
export function startScheduler(app: FastifyInstance): () => Promise<void> {
  const { db, config, now } = app.services;
  const channels = configuredChannels(config);
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const pass = () => {
    if (stopped) return;
    running = sweep({ db, config, now, channels }).then(
      (counts) => {
        if (counts.reminders || counts.delivered || counts.failed) app.log.info({ counts }, 'reminder sweep');
      },
      (err) => app.log.error({ err }, 'reminder sweep failed'),
    );
  };
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    pass();
    void running.finally(() => {
      busy = false;
    });
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, config.sweepSeconds * 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
    channels.close();
  };
}
