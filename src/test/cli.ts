import type { Io } from '../cli/context.ts';

/** An Io that keeps what a CLI command prints, line by line, for the test to read. */
export function captureIo(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}
