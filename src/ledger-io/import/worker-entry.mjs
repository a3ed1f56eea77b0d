// The worker thread's entry: the server runs its TypeScript through tsx (bin/rectify.js registers it in the main thread
// only), so a worker registers it again before loading the reader.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
