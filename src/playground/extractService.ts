/**
 * The playground worker's logic, the same on every platform (extractWorker.ts
 * on the desktop, extractWebWorker.ts on the web): answers
 * {@link WorkerRequest}s one at a time. Keeps the last evaluation of a few
 * documents so an edit re-evaluates only from the first changed statement.
 */

import type { WorkerMain } from '../editor/workerTransport';
import type { DocumentEvaluation } from '../engine/document';
import { parse } from '../engine/parser';
import { extractTrainRun } from './extract';
import { rewriteArgument } from './rewrite';
import { relocateTrainCall } from './trainCall';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

const KEPT = 4;
const previous = new Map<string, DocumentEvaluation>();

function remember(key: string, evaluation: DocumentEvaluation | undefined): void {
  previous.delete(key);
  if (!evaluation) return;
  previous.set(key, evaluation);
  while (previous.size > KEPT) previous.delete(previous.keys().next().value as string);
}

/** Answers one request (exported for tests). */
export function answer(request: WorkerRequest): WorkerResponse {
  try {
    if (request.kind === 'rewrite') {
      return {
        id: request.id,
        kind: 'rewrite',
        result: rewriteArgument(request.text, request.offset, request.edit),
      };
    }
    const offset = relocateTrainCall(parse(request.text), request.offset);
    if (offset === undefined) {
      return {
        id: request.id,
        kind: 'extract',
        offset: null,
        result: { ok: false, message: 'The train(...) call this panel follows is gone from the file.' },
      };
    }
    const { result, evaluation } = extractTrainRun(request.text, offset, previous.get(request.key));
    remember(request.key, evaluation);
    return { id: request.id, kind: 'extract', offset, result };
  } catch (error) {
    return {
      id: request.id,
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Connects {@link answer} to a worker's port. */
export const extractWorkerMain: WorkerMain<WorkerRequest, WorkerResponse> = (port) => (request) =>
  port.postMessage(answer(request));
