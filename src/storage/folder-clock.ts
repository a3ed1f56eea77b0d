import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A marker in a folder whose time is the folder's "now" when the ages of its files are measured. */
export const CLOCK_MARKER = '.clock';

/**
 * Now, by the clock that stamps this folder's files (a marker's mtime, just written), not this process's: a network
 * share with a skewed clock, or a process whose clock was moved, must not make a fresh file look an hour old.
 */
export async function folderNow(dir: string): Promise<number> {
  const marker = path.join(dir, CLOCK_MARKER);
  await writeFile(marker, '');
  return (await stat(marker)).mtimeMs;
}
