import { parentPort, workerData } from 'node:worker_threads';
import { EvaluationService } from './evaluationService';
import type { WorkerRequest, WorkerResponse } from './protocol';

/**
 * Entry point of the evaluation worker on the desktop (worker_threads).
 * `workerData.latest` is an Int32Array over a SharedArrayBuffer in which the
 * host writes the newest request id, so a long evaluation notices a newer
 * edit between statements without waiting for its message.
 */
const latest: Int32Array = workerData.latest;
const service = new EvaluationService(() => Atomics.load(latest, 0));
const port = parentPort;
if (!port) throw new Error('the evaluation worker must run in a worker thread');

port.on('message', (request: WorkerRequest) => {
  const response = service.handle(request);
  if (response) port.postMessage(response satisfies WorkerResponse);
});
port.postMessage({ type: 'ready' } satisfies WorkerResponse);
