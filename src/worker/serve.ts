import type { WorkerMain } from '../editor/workerTransport';
import { EvaluationService } from './evaluationService';
import { SharedCell, type WorkerRequest, type WorkerResponse } from './protocol';

/** Least time between two progress messages: often enough for the watchdog, cheap for 100,000 statements. */
const PROGRESS_INTERVAL_MS = 20;

/**
 * The evaluation worker's logic, the same on every platform (nodeWorker.ts,
 * webWorker.ts, or the host's own thread).
 *
 * With `shared` memory (the {@link SharedCell}s): the host writes the
 * newest request id, so a long evaluation notices a newer edit between
 * statements without waiting for its message; the worker writes the
 * request and the statement it is running, so if it dies (out of memory)
 * the host knows which statement of which request to blame, and counts
 * the statements started, so the host can tell a stuck worker from a busy
 * one.
 *
 * Without it, the worker cannot hear of a newer request while it runs (its
 * messages wait), so every request runs to its end and the host drops what
 * is stale; progress goes out as `progress` messages instead.
 */
export const evaluationWorkerMain: WorkerMain<WorkerRequest, WorkerResponse> = (port, shared) => {
  let current = 0;
  let started = 0;
  let lastReport = Number.NEGATIVE_INFINITY;
  const service = shared
    ? new EvaluationService(
        () => Atomics.load(shared, SharedCell.newestRequest),
        (index) => {
          Atomics.store(shared, SharedCell.statement, index);
          Atomics.add(shared, SharedCell.started, 1);
        },
      )
    : new EvaluationService(
        // Never newer than the running request: no request is cancelled from here.
        () => current,
        (index) => {
          started++;
          const now = performance.now();
          if (now - lastReport < PROGRESS_INTERVAL_MS) return;
          lastReport = now;
          port.postMessage({ type: 'progress', id: current, statementIndex: index, started });
        },
      );
  port.postMessage({ type: 'ready' });
  return (request) => {
    if (request.type === 'evaluate') {
      current = request.id;
      if (shared) {
        // Blame no statement of this request until it runs one (it may die parsing).
        Atomics.store(shared, SharedCell.request, request.id);
        Atomics.store(shared, SharedCell.statement, -1);
      }
      // The first statement of every request is reported, so the host can blame it exactly.
      lastReport = Number.NEGATIVE_INFINITY;
    }
    const response = service.handle(request);
    if (response) port.postMessage(response);
  };
};
