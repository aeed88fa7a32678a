import { evaluateDocument } from '../engine/document';
import { type SnapshotBase, snapshotUpdate } from '../engine/snapshot';
import type { EvaluateRequest, EvaluateResponse, FailureResponse, WorkerRequest } from './protocol';

/**
 * The worker's logic, independent of the thread API (Node worker_threads or
 * a browser Web Worker): it keeps each document's last evaluation so an edit
 * re-runs only the statements it changed and those that depend on them, and
 * answers with only the statement snapshots the host does not hold yet.
 */
export class EvaluationService {
  /** Each document's last complete evaluation and the snapshot the host was sent of it. */
  private readonly previous = new Map<string, SnapshotBase>();

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
      const base = this.previous.get(request.documentKey);
      const evaluation = evaluateDocument(request.text, {
        limits: request.settings.limits,
        previous: base?.evaluation,
        isCancelled: cancelled,
        onStatement: this.onStatement,
      });
      const complete = evaluation.statements.length === evaluation.program.statements.length;
      const response = { type: 'result', id: request.id, documentKey: request.documentKey } as const;
      if (!complete) return { ...response, complete, milliseconds: performance.now() - started };
      const print = request.settings.print;
      const { snapshot, update } = snapshotUpdate(evaluation, print, base);
      this.previous.set(request.documentKey, { evaluation, snapshot, print });
      return { ...response, complete, update, milliseconds: performance.now() - started };
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
