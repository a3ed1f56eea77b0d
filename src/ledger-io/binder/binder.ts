import type { Writable } from 'node:stream';
import { type CommandContext, today } from '../../context.ts';
import { authorizeInspection } from '../../policies/authorize.ts';
import { readScope } from '../../policies/policies.ts';
import { scopedItemIdsByInspection } from '../../repositories/ledger-export.repository.ts';
import { loadLedgerSnapshot } from '../../repositories/ledger-snapshot.repository.ts';
import type { EvidenceStore } from '../../storage/evidence-store.ts';
import { binderIndexDocx } from './index-docx.ts';
import { binderIndexXlsx } from './index-xlsx.ts';
import { type BinderPlan, binderFileName, planBinder } from './plan.ts';
import { ZipWriter } from './zip-writer.ts';

export const INDEX_XLSX = '索引.xlsx';
export const INDEX_DOCX = '索引.docx';

export interface PreparedBinder {
  fileName: string;
  plan: BinderPlan;
  /** onFile: after each evidence file, with how many of how many are in (a job's progress). */
  write(output: Writable, onFile?: (done: number, total: number) => void): Promise<{ files: number; bytes: number }>;
}

/**
 * The evidence binder (整改资料册) of one inspection, as far as the actor may read it: one folder per aspect and item holding
 * its files, and the indexes 索引.xlsx and 索引.docx. Items marked 不宜公开 are included: the binder is an internal record.
 */
export async function prepareBinder(
  ctx: CommandContext,
  store: EvidenceStore,
  inspectionId: number,
): Promise<PreparedBinder> {
  await authorizeInspection(ctx, inspectionId, 'read');
  const exportedOn = today(ctx);
  const ids =
    (await scopedItemIdsByInspection(ctx.db, readScope(ctx.actor), { inspectionId }, exportedOn)).get(inspectionId) ??
    [];
  const snapshot = await loadLedgerSnapshot(ctx.db, inspectionId, { itemIds: ids });
  const missing = new Set<string>();
  for (const sha256 of new Set(snapshot.items.flatMap((i) => i.evidence.map((e) => e.sha256))))
    if (!(await store.has(sha256))) missing.add(sha256);
  const plan = planBinder(snapshot, (sha256) => missing.has(sha256));
  return {
    fileName: binderFileName(snapshot.inspection.unitName, exportedOn),
    plan,
    write: (output, onFile) => writeBinder(plan, store, exportedOn, output, ctx.now(), onFile),
  };
}

/**
 * Streams the zip: the two indexes (deflated), then every evidence file stored as is (scans and PDFs do not shrink),
 * read from the store chunk by chunk and written as the output drains, so memory stays flat however large the binder
 * (ZIP64 past 4 GiB). The output is ended when the zip is complete.
 */
async function writeBinder(
  plan: BinderPlan,
  store: EvidenceStore,
  exportedOn: string,
  output: Writable,
  modified = new Date(),
  onFile?: (done: number, total: number) => void,
): Promise<{ files: number; bytes: number }> {
  const total = plan.items.reduce((n, p) => n + p.files.filter((f) => !f.missing).length, 0);
  const zip = new ZipWriter(output, { modified });
  await zip.addDeflated(INDEX_XLSX, await binderIndexXlsx(plan, exportedOn));
  await zip.addDeflated(INDEX_DOCX, await binderIndexDocx(plan, exportedOn));
  let files = 0;
  for (const p of plan.items) {
    const present = p.files.filter((f) => !f.missing);
    // An item without evidence still gets its folder, so the binder shows every item of the ledger.
    if (present.length === 0) await zip.addDirectory(p.folder);
    for (const f of present) {
      // The contents' size, not the file's: an encrypted file is larger on disk than what the binder holds.
      const size = await store.sizeOf(f.evidence.sha256);
      await zip.addStream(f.path, await store.open(f.evidence.sha256), size);
      files += 1;
      onFile?.(files, total);
    }
  }
  return { files, bytes: await zip.finish() };
}
