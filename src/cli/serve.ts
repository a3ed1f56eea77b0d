import cluster, { type Worker } from 'node:cluster';
import { Server as NetServer } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { watchCacheChanges } from '../db/cache-coherence.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import { WEB_DIST } from '../http/web.ts';
import { startScheduler } from '../scheduler/index.ts';
import { startAutoAnchor } from './audit-anchor.ts';
import type { Io } from './context.ts';

/**
 * How `rectify serve` runs on every core (RECTIFY_WORKERS, node:cluster):
 * - the primary prepares the database (migrations, the first seed) and the web build once (src/cli/main.ts), then
 *   forks the workers and serves nothing itself; the workers listen on the one port, which the primary shares out;
 * - worker slot 1 also runs the reminder sweep (under its lease: src/scheduler/index.ts) and the audit anchoring;
 * - a worker that dies is forked again, after a wait that doubles while it keeps dying young;
 * - SIGTERM or SIGINT: every process stops accepting, finishes what is in flight, stops its timers, closes its pools
 *   and exits 0; a second signal ends at once;
 * - SIGHUP to the primary replaces the workers one at a time (the new one listening before the old one leaves), so
 *   a new release is taken up without a refused request.
 * With RECTIFY_WORKERS=1 the one process does all of it, as before.
 */

/** The worker's slot (1..N) in its environment; slot 1 runs the timers. */
const SLOT_ENV = 'RECTIFY_WORKER_SLOT';
/** A clean stop a primary asks of a worker: the same as its first signal, without counting as one. */
const SHUTDOWN_MESSAGE = 'rectify:shutdown';
/** A retiring worker's question to the primary, and its answer: see `leaveCluster`. */
const DRAIN_MESSAGE = 'rectify:drain';
const DRAINED_MESSAGE = 'rectify:drained';
/** How long a just-accepted connection is given to send its request before idle connections are closed. */
const FIRST_BYTES_MS = 300;
/** How long a stop may take before the process ends anyway (a request that never finishes). */
const SHUTDOWN_GRACE_MS = 30_000;

export interface ServeOptions {
  web: boolean;
  /** The server's logger, shared with the database layer (RECTIFY_LOG_LEVEL). */
  log: Logger;
}

/**
 * Serves in this process over an open (migrated, prepared) database until a signal: the single process, or one worker.
 * Resolves never; the process exits when it has stopped.
 */
export async function serveProcess(
  handle: DatabaseHandle,
  config: Config,
  io: Io,
  {
    web,
    log,
    runsTimers,
    announce,
    started,
    onStopped,
  }: ServeOptions & {
    runsTimers: boolean;
    announce: boolean;
    /** What the start line tells the operator (the single process only; a primary logs its own). */
    started?: Record<string, unknown>;
    /** Run after the pools close (the single process's registration in the data folder). */
    onStopped?: () => Promise<void>;
  },
): Promise<number> {
  const app = await buildApp({ db: handle.db, config, logger: log, webDir: web ? WEB_DIST : undefined });
  const watcher = config.databaseUrl
    ? watchCacheChanges(handle.db, config.databaseUrl, {
        onState: (state, err) =>
          state === 'lost'
            ? app.log.warn({ err }, 'cache notifications lost: caching off until the database is back')
            : app.log.info('listening for cache notifications'),
      })
    : null;
  const stopScheduler = runsTimers && config.sweepSeconds > 0 ? startScheduler(app) : async () => {};
  const stopAnchoring = runsTimers
    ? startAutoAnchor(handle.db, config, (err) => app.log.error({ err }, 'audit checkpoint failed'))
    : () => {};

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ why }, 'stopping: finishing the requests in flight');
    setTimeout(() => {
      app.log.error('stop took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    try {
      stopAnchoring();
      if (cluster.isWorker) await leaveCluster(app.server);
      // New connections are refused and open ones finish their requests; then the timers and pools go.
      await app.close();
      await stopScheduler();
      await watcher?.close();
      await handle.close();
      await onStopped?.();
    } catch (err) {
      app.log.error({ err }, 'stop failed');
      process.exit(1);
    }
    process.exit(0);
  };
  onStopSignals(stop);
  // systemctl reload sends SIGHUP: a primary replaces its workers; a single process has none to replace, and the
  // signal's default would end it for good (systemd counts that a clean exit, so Restart=on-failure would not help).
  if (!cluster.isWorker)
    process.on('SIGHUP', () =>
      app.log.warn('SIGHUP: a single process (RECTIFY_WORKERS=1) cannot replace itself; restart the service instead'),
    );
  if (cluster.isWorker) process.on('message', (message) => message === SHUTDOWN_MESSAGE && void stop('primary'));
  await app.listen({ host: config.host, port: config.port });
  if (started) app.log.info({ ...started, address: `http://${config.host}:${config.port}` }, 'rectify started');
  if (announce)
    io.out(
      `Rectify serving on http://${config.host}:${config.port} (${handle.dialect}: ${handle.location}); API docs at /api/docs`,
    );
  return new Promise<number>(() => {});
}

/**
 * A worker leaving a running cluster (SIGHUP, SIGTERM) must lose no connection the primary hands it. http's close would
 * drop at once the connections accepted a moment ago that have not sent their request yet (to Node they are idle), and
 * a connection the primary sends after the worker has exited is never answered. So: stop listening alone first (the
 * primary then routes nothing more here), ask the primary and wait for its answer (the channel is ordered: every
 * connection it sent before has arrived, and was refused back to it to hand to another worker), give the connections
 * already taken a moment to send their request, and only then close as usual.
 */
async function leaveCluster(server: NetServer) {
  if (server.listening) NetServer.prototype.close.call(server);
  await new Promise<void>((resolve) => {
    const onMessage = (message: unknown) => {
      if (message !== DRAINED_MESSAGE) return;
      process.off('message', onMessage);
      clearTimeout(timer);
      resolve();
    };
    // A primary that is gone cannot hand out anything more either.
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      resolve();
    }, 5000);
    process.on('message', onMessage);
    if (process.connected) process.send?.(DRAIN_MESSAGE);
  });
  await new Promise((resolve) => setTimeout(resolve, FIRST_BYTES_MS));
}

/** The first SIGTERM or SIGINT stops cleanly; a second one ends the process at once. */
function onStopSignals(stop: (why: string) => Promise<void> | void) {
  let signalled = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.on(signal, () => {
      if (signalled) process.exit(1);
      signalled = true;
      void stop(signal);
    });
}

/** A worker: the primary has migrated and prepared the database already. */
export async function serveWorker(config: Config, io: Io, options: ServeOptions): Promise<number> {
  const handle = openDatabase(config, options.log);
  return serveProcess(handle, config, io, {
    ...options,
    runsTimers: process.env[SLOT_ENV] === '1',
    announce: false,
  });
}

/** The primary of RECTIFY_WORKERS processes: forks, restarts, replaces on SIGHUP, stops them on a signal. */
export function runPrimary(
  config: Config,
  io: Io,
  dbLocation: string,
  onStopped: () => Promise<void> = async () => {},
): Promise<number> {
  const count = config.workers;
  const bySlot = new Map<number, Worker>();
  const retiring = new Set<Worker>();
  const restartWait = new Map<number, number>();
  let stopping = false;
  let announced = false;
  const listening = new Set<Worker>();
  const log = (line: string) => io.err(`[rectify primary ${process.pid}] ${line}`);

  const fork = (slot: number): Worker => {
    const worker = cluster.fork({ [SLOT_ENV]: String(slot) });
    const startedAt = Date.now();
    bySlot.set(slot, worker);
    worker.on('message', (message) => {
      if (message === DRAIN_MESSAGE && worker.isConnected()) worker.send(DRAINED_MESSAGE);
    });
    worker.on('listening', () => {
      listening.add(worker);
      if (!announced && [...bySlot.values()].every((w) => listening.has(w))) {
        announced = true;
        io.out(
          `Rectify serving on http://${config.host}:${config.port} with ${count} workers (${dbLocation}); API docs at /api/docs`,
        );
      }
    });
    worker.on('exit', (code, signal) => {
      listening.delete(worker);
      if (retiring.delete(worker) || stopping) return;
      if (bySlot.get(slot) !== worker) return;
      // A worker that cannot start the first time (the port taken, a bad setting) would fail the same way forever:
      // the server stops with an error instead, so systemd (Restart=on-failure) and the operator see it.
      if (!announced) {
        log(
          `worker ${slot} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}) before the server started`,
        );
        void failStart();
        return;
      }
      // Dying young again and again waits longer each time (a bad configuration, a database away): 1 s up to 30 s.
      const wait = Date.now() - startedAt < 10_000 ? Math.min((restartWait.get(slot) ?? 500) * 2, 30_000) : 1000;
      restartWait.set(slot, wait);
      log(`worker ${slot} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); restarting in ${wait} ms`);
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, wait);
    });
    return worker;
  };

  const whenListening = (worker: Worker) =>
    new Promise<boolean>((resolve) => {
      worker.once('listening', () => resolve(true));
      worker.once('exit', () => resolve(false));
    });
  const whenExited = (worker: Worker) =>
    new Promise<void>((resolve) => {
      if (worker.isDead()) resolve();
      else worker.once('exit', () => resolve());
    });

  let replacing = false;
  const replaceAll = async () => {
    if (replacing || stopping) return;
    replacing = true;
    log('SIGHUP: replacing the workers one at a time');
    try {
      for (let slot = 1; slot <= count && !stopping; slot++) {
        const old = bySlot.get(slot);
        const fresh = fork(slot);
        if (!(await whenListening(fresh))) {
          log(`the new worker ${slot} did not start; keeping the others as they are`);
          return;
        }
        if (old && !old.isDead()) {
          retiring.add(old);
          old.send(SHUTDOWN_MESSAGE);
          await whenExited(old);
        }
      }
      log('all workers replaced');
    } finally {
      replacing = false;
    }
  };

  let failStart: () => Promise<void> = async () => {};
  return new Promise<number>((resolve) => {
    let signalled = false;
    let startFailed = false;
    failStart = async () => {
      if (stopping) return;
      startFailed = true;
      await stop('start failed');
    };
    const stop = async (signal: string) => {
      if (signalled) {
        log(`${signal} again: ending the workers now`);
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        process.exit(1);
      }
      signalled = true;
      stopping = true;
      log(`${signal}: stopping the workers`);
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      // A listening worker is asked over its channel; one still starting has no ear for that yet, so it gets the
      // signal (which, before its handlers are in place, simply ends it).
      for (const worker of workers) {
        if (listening.has(worker) && worker.isConnected()) worker.send(SHUTDOWN_MESSAGE);
        else worker.process.kill('SIGTERM');
      }
      await Promise.all(workers.map(whenExited));
      const failed = workers.filter((w) => w.process.exitCode !== 0 && w.process.exitCode !== null);
      await onStopped().catch(() => {});
      resolve(failed.length || startFailed ? 1 : 0);
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGHUP', () => void replaceAll());
    for (let slot = 1; slot <= count; slot++) fork(slot);
  });
}
