import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * Writes a generated file beside its destination and moves it into place only when complete, so a failed or interrupted
 * export never leaves a truncated .xlsx or .zip that looks like a good one. The writer is expected to end the stream.
 */
export async function writeFileAtomically<T>(file: string, write: (output: Writable) => Promise<T>): Promise<T> {
  const partial = `${file}.part`;
  const output = createWriteStream(partial);
  try {
    const result = await write(output);
    await finished(output);
    await rename(partial, file);
    return result;
  } catch (error) {
    output.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
