import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { type CommandContext, today } from '../../commands/context.ts';
import { inspectionScope } from '../../commands/org.commands.ts';
import { AppError } from '../../errors.ts';
import { readScope } from '../../policies/policies.ts';
import { scopedItemIdsByInspection } from '../../repositories/ledger-export.repository.ts';
import { loadLedgerSnapshot } from '../../repositories/ledger-snapshot.repository.ts';
import type { EvidenceStore } from '../../storage/evidence-store.ts';
import { binderIndexDocx } from './index-docx.ts';
import { binderIndexXlsx } from './index-xlsx.ts';
import { type BinderPlan, binderFileName, planBinder } from './plan.ts';

export const INDEX_XLSX = '索引.xlsx';
export const INDEX_DOCX = '索引.docx';

/**
 * fflate writes plain (not ZIP64) archives, whose offsets and sizes are 32-bit: past 4 GiB the archive would be corrupt, so
 * a binder that large is refused up front. The margin covers the indexes and the per-entry headers.
 */
export const MAX_BINDER_BYTES = 0xffff_ffff - 256 * 1024 * 1024;

export interface PreparedBinder {
  fileName: string;
  plan: BinderPlan;
  write(output: Writable): Promise<{ files: number; bytes: number }>;
}

/** Waits until the output wants more, or fails if it is closed first (a download the browser gave up on). */
function drained(output: Writable): Promise<void> {
  if (!output.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      output.off('drain', onDrain);
      output.off('close', onClose);
      output.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the output was closed before the binder was complete'));
    output.on('drain', onDrain);
    output.on('close', onClose);
    output.on('error', done);
  });
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
  await inspectionScope(ctx, inspectionId);
  const exportedOn = today(ctx);
  const ids =
    (await scopedItemIdsByInspection(ctx.db, readScope(ctx.actor), { inspectionId }, exportedOn)).get(inspectionId) ??
    [];
  const snapshot = await loadLedgerSnapshot(ctx.db, inspectionId, { itemIds: ids });
  const plan = planBinder(snapshot, (sha256) => !existsSync(store.pathOf(sha256)));
  if (plan.evidenceBytes > MAX_BINDER_BYTES) {
    throw new AppError(
      413,
      'binder_too_large',
      `佐证材料共 ${(plan.evidenceBytes / 1024 ** 3).toFixed(1)} GB，超过资料册 4 GB 的上限 / the evidence exceeds the binder's 4 GB limit`,
      { evidenceBytes: plan.evidenceBytes, maxBytes: MAX_BINDER_BYTES },
    );
  }
  return {
    fileName: binderFileName(snapshot.inspection.unitName, exportedOn),
    plan,
    write: (output) => writeBinder(plan, store, exportedOn, output),
  };
}

/**
 * Streams the zip: the two indexes (deflated), then every evidence file stored as is (scans and PDFs do not shrink),
 * read from the store chunk by chunk and written as the output drains, so memory stays flat however large the binder.
 * The output is ended when the zip is complete.
 */
export async function writeBinder(
  plan: BinderPlan,
  store: EvidenceStore,
  exportedOn: string,
  output: Writable,
): Promise<{ files: number; bytes: number }> {
  let failure: Error | null = null;
  let bytes = 0;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure = error;
      return;
    }
    bytes += chunk.length;
    output.write(chunk);
    if (final) output.end();
  });
  const flow = async () => {
    if (failure) throw failure;
    if (output.destroyed) throw new Error('the output was closed before the binder was complete');
    await drained(output);
  };
  const deflated = async (name: string, content: Buffer) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(content, true);
    await flow();
  };

  await deflated(INDEX_XLSX, await binderIndexXlsx(plan, exportedOn));
  await deflated(INDEX_DOCX, await binderIndexDocx(plan, exportedOn));
  let files = 0;
  for (const p of plan.items) {
    const present = p.files.filter((f) => !f.missing);
    if (present.length === 0) {
      // An item without evidence still gets its folder, so the binder shows every item of the ledger.
      const folder = new ZipPassThrough(p.folder);
      zip.add(folder);
      folder.push(new Uint8Array(0), true);
      await flow();
    }
    for (const f of present) {
      const entry = new ZipPassThrough(f.path);
      zip.add(entry);
      for await (const chunk of await store.open(f.evidence.sha256)) {
        entry.push(chunk as Buffer);
        await flow();
      }
      entry.push(new Uint8Array(0), true);
      files += 1;
      await flow();
    }
  }
  zip.end();
  await flow();
  return { files, bytes };
}
