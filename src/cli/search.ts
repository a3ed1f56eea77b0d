import { loadConfig } from '../config.ts';
import { extractPendingEvidence } from '../jobs/evidence-text.ts';
import { reindexAll } from '../repositories/search.repository.ts';
import { evidenceStoreFor } from '../storage/evidence-store.ts';
import { type Io, openMigrated } from './context.ts';

export const SEARCH_USAGE = `用法 / usage:
  rectify search reindex [--no-evidence]
      从台账重建检索索引（事项、措施、进展、成效、群众意见、佐证材料），再读取尚未读取文字的佐证材料
      / rebuild the search index from the ledger, then read the text of evidence not read yet (--no-evidence: leave
        that to the server's background worker)`;

/** `rectify search reindex`: the index is kept by triggers; this rebuilds it, e.g. after a restore or by hand. */
export async function searchCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'reindex' || rest.some((a) => a !== '--no-evidence')) {
    io.err(SEARCH_USAGE);
    return 2;
  }
  const config = loadConfig();
  const handle = await openMigrated(config);
  try {
    const started = Date.now();
    const counts = await reindexAll(handle.db);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    io.out(
      `检索索引已重建：${total} 条（${Object.entries(counts)
        .map(([k, n]) => `${k} ${n}`)
        .join('，')}），用时 ${Date.now() - started} ms / search index rebuilt`,
    );
    if (!rest.includes('--no-evidence')) {
      const read = await extractPendingEvidence(handle.db, await evidenceStoreFor(config));
      io.out(`佐证材料文字已读取：${read} 个文件 / evidence files read: ${read}`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}
