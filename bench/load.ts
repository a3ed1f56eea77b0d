/** What the HTTP benchmarks share: a free port for a real server, and autocannon run from its own process. */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/**
 * Loads one address with a session cookie, from a separate process (so the load does not share the server's event
 * loop), 4 connections for `seconds`: latency percentiles, the slowest answer, throughput and non-2xx answers.
 */
export async function loadWithCookie(url: string, cookie: string, seconds: number) {
  const { stdout } = await execFileAsync(
    process.execPath,
    [
      fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url)),
      '-c',
      '4',
      '-d',
      String(seconds),
      '-j',
      '-H',
      `cookie=${cookie}`,
      url,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const r = JSON.parse(stdout);
  return {
    p50ms: r.latency.p50 as number,
    p99ms: r.latency.p99 as number,
    maxMs: r.latency.max as number,
    requestsPerSecond: Math.round(r.requests.average),
    non2xx: r.non2xx as number,
  };
}
