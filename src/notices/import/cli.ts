import type { Io } from '../../cli/context.ts';

// Placeholder until this command is built.
export async function noticeImportCommand(_args: string[], io: Io): Promise<number> {
  io.err('not built yet / 尚未实现');
  return 2;
}
