/**
 * The playground's worker in VS Code for the Web (a browser Web Worker,
 * bundled to dist/web/playgroundWorker.js as a classic script);
 * extractService.ts holds its logic.
 */

import { serveWebWorker } from '../editor/webTransport';
import { extractWorkerMain } from './extractService';

serveWebWorker(extractWorkerMain);
