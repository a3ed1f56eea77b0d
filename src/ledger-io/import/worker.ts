/**
 * The ledger reader's worker thread: exceljs's inflating and XML parsing and the planner are CPU work that would hold the
 * server's event loop for seconds on a large ledger (issue 12: other requests stalled up to 3.9 s), so they run here. The
 * worker gets the file's path, never its bytes, and posts back progress, the planned rows in batches, and the summary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import type { WorkerMessage, WorkerRequest } from './read-in-worker.ts';
import { scanLedger } from './scan.ts';

const request = workerData as WorkerRequest;
const post = (message: WorkerMessage) => parentPort?.postMessage(message);

try {
  const summary = await scanLedger(request.filePath, request.fileName, request.lookups, {
    limits: request.limits,
    onProgress: (progress) => post({ type: 'progress', progress }),
    evenWithErrors: request.evenWithErrors,
    onBatch: request.collect ? async (problems, items) => post({ type: 'batch', problems, items }) : undefined,
  });
  post({ type: 'done', summary });
} catch (error) {
  post(
    error instanceof AppError
      ? { type: 'refused', key: error.key, params: error.params, details: error.details }
      : { type: 'crashed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  );
}
