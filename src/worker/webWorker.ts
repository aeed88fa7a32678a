import { serveWebWorker } from '../editor/webTransport';
import { evaluationWorkerMain } from './serve';

/**
 * Entry point of the evaluation worker in VS Code for the Web (a browser
 * Web Worker, bundled to dist/web/worker.js as a classic script); serve.ts
 * holds its logic.
 */
serveWebWorker(evaluationWorkerMain);
