import { Worker } from 'node:worker_threads';
import type { ErrorKey } from '../../domain/error-codes.ts';
import { AppError } from '../../errors.ts';
import type { ImportLookups, LedgerSummary, PlannedItem, PlannedProblem } from './planner.ts';
import type { ScanOptions, ScanProgress } from './scan.ts';
import type { ReadLimits } from './source.ts';

export interface WorkerRequest {
  filePath: string;
  fileName: string;
  lookups: ImportLookups;
  limits?: ReadLimits;
  /** Post the planned rows back (an import); a dry run only counts. */
  collect: boolean;
  evenWithErrors?: boolean;
}

export type WorkerMessage =
  | { type: 'progress'; progress: ScanProgress }
  | { type: 'batch'; problems: PlannedProblem[]; items: PlannedItem[] }
  | { type: 'done'; summary: LedgerSummary }
  | { type: 'refused'; key: ErrorKey; params: unknown; details: unknown }
  | { type: 'crashed'; message: string };

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/**
 * scanLedger in a worker thread, with the same contract: progress and batches arrive on this thread (batches handed to
 * onBatch one after another, in order), refusals are thrown as the same AppError, so callers cannot tell the difference
 * but the event loop stays free while the file is read.
 */
export function scanLedgerInWorker(
  filePath: string,
  fileName: string,
  lookups: ImportLookups,
  options: ScanOptions = {},
): Promise<LedgerSummary> {
  const request: WorkerRequest = {
    filePath,
    fileName,
    lookups,
    limits: options.limits,
    collect: options.onBatch !== undefined,
    evenWithErrors: options.evenWithErrors,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(ENTRY, { workerData: request });
    let batches: Promise<void> = Promise.resolve();
    let settled = false;
    let done = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.progress);
          break;
        case 'batch':
          batches = batches.then(() => options.onBatch?.(message.problems, message.items));
          batches.catch((error: unknown) => settle(() => reject(error)));
          break;
        case 'done':
          done = true;
          batches.then(
            () => settle(() => resolve(message.summary)),
            (error: unknown) => settle(() => reject(error)),
          );
          break;
        case 'refused':
          settle(() => reject(new AppError(message.key, message.params as never, message.details)));
          break;
        case 'crashed':
          settle(() => reject(new Error(`ledger reader failed: ${message.message}`)));
          break;
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => {
      if (!done) settle(() => reject(new Error(`ledger reader exited (${code}) before finishing`)));
    });
  });
}
