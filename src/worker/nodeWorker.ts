import { serveNodeWorker } from '../editor/nodeTransport';
import { evaluationWorkerMain } from './serve';

/**
 * Entry point of the evaluation worker on the desktop (a worker thread,
 * bundled to dist/worker.js); serve.ts holds its logic.
 */
serveNodeWorker(evaluationWorkerMain);
