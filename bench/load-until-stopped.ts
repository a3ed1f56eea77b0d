/**
 * Child process of bench/import-load.ts: autocannon on one URL until the parent sends "stop" (so the measured window is
 * exactly as long as the work it measures), then the result back over IPC. Argv: URL COOKIE CONNECTIONS.
 */
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

// autocannon ships no types; this is the part of its programmatic API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
}) => EventEmitter & { stop(): void };

const [url, cookie, connections] = process.argv.slice(2);
const instance = autocannon({
  url,
  connections: Number(connections ?? 4),
  duration: 3600,
  headers: { cookie },
});
process.on('message', (message) => {
  if (message === 'stop') instance.stop();
});
instance.on('done', (result: object) => {
  process.send?.(result, () => process.exit(0));
});
process.send?.('started');
