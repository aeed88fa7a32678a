/**
 * The playground's worker thread on the desktop (bundled to
 * dist/playgroundWorker.js); extractService.ts holds its logic.
 */

import { isMainThread } from 'node:worker_threads';
import { serveNodeWorker } from '../editor/nodeTransport';
import { extractWorkerMain } from './extractService';

export { answer } from './extractService';

// Tests import `answer` from here on the main thread.
if (!isMainThread) serveNodeWorker(extractWorkerMain);
