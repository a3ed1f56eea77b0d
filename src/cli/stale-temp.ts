import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * Temporary files of uploads and imports that a killed process (kill -9, power loss) left behind, and how `serve`
 * removes them at start without removing those of another server still writing into the same data folder.
 *
 * Several processes may share a data folder: the cluster's workers, or servers on other hosts mounting the same
 * folder. Each server registers itself in <data>/run/ (a file named host.pid, touched every minute). At start:
 * - a temporary file older than STALE_AFTER_MS is removed whoever made it (no upload stays silent for an hour);
 * - a younger one is removed only when no other registered server is alive: on this host, its pid answers; on
 *   another host, its file was touched within REGISTRATION_FRESH_MS. With another server alive, younger files wait
 *   for the hour (they may be its uploads in flight).
 * A worker of node:cluster shares its primary's pid registration when the primary calls this once before forking.
 */
export const STALE_AFTER_MS = 60 * 60 * 1000;
export const REGISTRATION_FRESH_MS = 3 * 60 * 1000;
const HEARTBEAT_MS = 60 * 1000;

/** The folders whose every file is temporary: evidence streaming in, imports and exports being written. */
export const tempFolders = (dataDir: string) => [path.join(dataDir, 'evidence', 'tmp'), path.join(dataDir, 'tmp')];

const registry = (dataDir: string) => path.join(dataDir, 'run');

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists under another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Other servers registered on this data folder that are still alive; dead registrations are removed on the way. */
export async function otherLiveServers(dataDir: string, now = Date.now(), self = process.pid): Promise<string[]> {
  const here = hostname();
  const live: string[] = [];
  for (const name of await listDir(registry(dataDir))) {
    const match = /^(.+)\.(\d+)$/.exec(name);
    if (!match) continue;
    const [, host, pidText] = match;
    const pid = Number(pidText);
    if (host === here && pid === self) continue;
    const file = path.join(registry(dataDir), name);
    const touched = await stat(file).then(
      (s) => s.mtimeMs,
      () => null,
    );
    if (touched === null) continue;
    const alive = host === here ? pidAlive(pid) : now - touched < REGISTRATION_FRESH_MS;
    if (alive) live.push(name);
    else await rm(file, { force: true });
  }
  return live;
}

export interface TempCleanup {
  removed: string[];
  kept: number;
  otherServers: number;
}

/** Removes the leftovers described above; returns what it removed, for the start's log line. */
export async function removeStaleTempFiles(
  dataDir: string,
  now = Date.now(),
  { self = process.pid }: { self?: number } = {},
): Promise<TempCleanup> {
  const otherServers = (await otherLiveServers(dataDir, now, self)).length;
  const removed: string[] = [];
  let kept = 0;
  for (const folder of tempFolders(dataDir)) {
    for (const name of await listDir(folder)) {
      const file = path.join(folder, name);
      const info = await stat(file).catch(() => null);
      if (!info) continue;
      const stale = now - info.mtimeMs > STALE_AFTER_MS;
      if (stale || otherServers === 0) {
        await rm(file, { recursive: true, force: true });
        removed.push(file);
      } else kept++;
    }
  }
  return { removed, kept, otherServers };
}

/** Registers this server on the data folder until stop() (or until it dies, when the others see its pid gone). */
export async function registerServer(dataDir: string): Promise<{ stop(): Promise<void> }> {
  const dir = registry(dataDir);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${hostname()}.${process.pid}`);
  await writeFile(file, `${new Date().toISOString()}\n`);
  const timer = setInterval(() => {
    const at = new Date();
    utimes(file, at, at).catch(() => {});
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await rm(file, { force: true });
    },
  };
}
