import { parentPort, workerData } from 'node:worker_threads';
import { EvaluationService } from './evaluationService';
import type { WorkerRequest, WorkerResponse } from './protocol';

/**
 * Entry point of the evaluation worker on the desktop (worker_threads).
 * `workerData.shared` is an Int32Array over a SharedArrayBuffer: in cell 0
 * the host writes the newest request id, so a long evaluation notices a
 * newer edit between statements without waiting for its message; in cell 1
 * the worker writes the statement it is running, so if it dies (out of
 * memory) the host knows which statement to blame; cell 2 counts the
 * statements started, so the host can tell a stuck worker from a busy one.
 */
const shared: Int32Array = workerData.shared;
const service = new EvaluationService(
  () => Atomics.load(shared, 0),
  (index) => {
    Atomics.store(shared, 1, index);
    // A progress count for the host's watchdog.
    Atomics.add(shared, 2, 1);
  },
);
const port = parentPort;
if (!port) throw new Error('the evaluation worker must run in a worker thread');

port.on('message', (request: WorkerRequest) => {
  const response = service.handle(request);
  if (response) port.postMessage(response satisfies WorkerResponse);
});
port.postMessage({ type: 'ready' } satisfies WorkerResponse);
