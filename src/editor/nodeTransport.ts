/**
 * Workers on the desktop: Node `worker_threads`. Shared memory is always
 * there, and a heap limit makes an out-of-memory statement kill only its
 * worker, never the extension host. No `vscode` import.
 */

import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { WorkerHost, WorkerMain } from './workerTransport';

export interface NodeWorkerOptions {
  /** Heap the worker may use, in MB; past it only the worker dies. */
  readonly heapMb?: number;
  /** Extra Node flags (tests run TypeScript sources through tsx). */
  readonly execArgv?: readonly string[];
}

/**
 * Starts `script` (a bundled worker, a file path) in a worker thread. The
 * worker finds the shared memory in `workerData.shared`.
 */
export function nodeWorkerHost<Request, Response>(
  script: string,
  options: NodeWorkerOptions = {},
): WorkerHost<Request, Response> {
  return {
    sharedMemory: true,
    start(events, shared) {
      const worker = new Worker(script, {
        workerData: { shared },
        execArgv: options.execArgv ? [...options.execArgv] : undefined,
        resourceLimits: options.heapMb ? { maxOldGenerationSizeMb: options.heapMb } : undefined,
      });
      let alive = true;
      const exit = (reason: string) => {
        if (!alive) return;
        alive = false;
        events.exit(reason);
      };
      worker.on('message', (message: Response) => {
        if (alive) events.message(message);
      });
      worker.on('error', (error) => exit(error.message));
      worker.on('exit', (code) => exit(`the worker exited (code ${code})`));
      // An idle worker must not keep the extension host process alive.
      worker.unref();
      return {
        post: (message: Request) => worker.postMessage(message),
        terminate: () => {
          alive = false;
          void worker.terminate();
        },
      };
    },
  };
}

/**
 * The worker side: runs a worker's logic in this worker thread, with the
 * shared memory the host put in `workerData`.
 */
export function serveNodeWorker<Request, Response>(main: WorkerMain<Request, Response>): void {
  const port = parentPort;
  if (!port) throw new Error('this script must run in a worker thread');
  const handle = main({ postMessage: (message) => port.postMessage(message) }, workerData?.shared);
  port.on('message', (request: Request) => handle(request));
}
