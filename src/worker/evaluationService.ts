import { type DocumentEvaluation, evaluateDocument } from '../engine/document';
import { snapshotOf } from '../engine/snapshot';
import type { EvaluateRequest, EvaluateResponse, FailureResponse, WorkerRequest } from './protocol';

/**
 * The worker's logic, independent of the thread API (Node worker_threads or
 * a browser Web Worker): it keeps each document's last evaluation so an edit
 * re-evaluates only from the first changed statement.
 */
export class EvaluationService {
  private readonly previous = new Map<string, DocumentEvaluation>();

  /**
   * @param latestRequest returns the newest request id the host has sent for a document, to stop stale work early.
   * @param onStatement records which statement is running, so the host can blame it if the worker dies.
   */
  constructor(
    private readonly latestRequest: () => number,
    private readonly onStatement: (index: number) => void = () => {},
  ) {}

  handle(request: WorkerRequest): EvaluateResponse | FailureResponse | undefined {
    if (request.type === 'forget') {
      this.previous.delete(request.documentKey);
      return undefined;
    }
    return this.evaluate(request);
  }

  private evaluate(request: EvaluateRequest): EvaluateResponse | FailureResponse {
    const started = performance.now();
    try {
      const cancelled = () => this.latestRequest() > request.id;
      const evaluation = evaluateDocument(request.text, {
        limits: request.settings.limits,
        previous: this.previous.get(request.documentKey),
        isCancelled: cancelled,
        onStatement: this.onStatement,
      });
      const complete = evaluation.statements.length === evaluation.program.statements.length;
      if (complete) this.previous.set(request.documentKey, evaluation);
      return {
        type: 'result',
        id: request.id,
        documentKey: request.documentKey,
        complete,
        snapshot: snapshotOf(evaluation, request.settings.print),
        milliseconds: performance.now() - started,
      };
    } catch (error) {
      this.previous.delete(request.documentKey);
      return {
        type: 'failure',
        id: request.id,
        documentKey: request.documentKey,
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
