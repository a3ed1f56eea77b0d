import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WEB_DIST } from '../http/web.ts';
import type { Io } from './context.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB_SRC = path.join(ROOT, 'web');
const STAMP = path.join(WEB_DIST, '.source-fingerprint');

/** What the built pages were made from: every source file's path, size and time, and the locked dependencies. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name === 'e2e') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const s = statSync(full);
        hash.update(`${path.relative(ROOT, full)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(WEB_SRC);
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(lock)) hash.update(createHash('sha256').update(readFileSync(lock)).digest('hex'));
  return hash.digest('hex');
}

export function webBuildIsCurrent(): boolean {
  return (
    existsSync(path.join(WEB_DIST, 'index.html')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === sourceFingerprint()
  );
}

/** Builds the pages when they are missing or older than their sources, so a fresh clone's `npm start` serves them. */
export async function ensureWebBuild(io: Io): Promise<void> {
  if (!existsSync(WEB_SRC) || webBuildIsCurrent()) return;
  io.out('Building the web pages (first start or changed sources) / 正在构建网页…');
  const started = Date.now();
  const fingerprint = sourceFingerprint();
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_SRC, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(STAMP, fingerprint);
  io.out(`Web pages built in ${((Date.now() - started) / 1000).toFixed(1)} s / 网页构建完成`);
}
