import { type EvaluateOptions, evaluateDocument } from '../engine/document';
import { type SnapshotBase, snapshotUpdate, spanOf } from '../engine/snapshot';
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
      const { stopBefore } = request;
      // Statements before a crash run afresh (nothing reused), so they run one by one, in order.
      const base = stopBefore === undefined ? this.previous.get(request.documentKey) : undefined;
      const evaluation = evaluateDocument(request.text, {
        limits: request.settings.limits,
        previous: base?.evaluation,
        ...this.stopping(request),
      });
      const { program } = evaluation;
      const wanted = Math.min(program.statements.length, stopBefore ?? Number.POSITIVE_INFINITY);
      const complete = evaluation.statements.length === wanted;
      const stopped = stopBefore === undefined ? undefined : program.statements[stopBefore];
      const response = {
        type: 'result',
        id: request.id,
        documentKey: request.documentKey,
        ...(complete && stopped ? { stoppedBefore: spanOf(evaluation.lines, stopped.range) } : {}),
      } as const;
      if (!complete) return { ...response, complete, milliseconds: performance.now() - started };
      const print = request.settings.print;
      const { snapshot, update } = snapshotUpdate(evaluation, print, base);
      // Statements before a crash are a base like any other: the next edit reuses them.
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

  /**
   * When the evaluation stops: at a newer request, and with `stopBefore` at
   * that statement. Nothing is reused then, so every statement runs and the
   * one about to run is the one after the last that started.
   */
  private stopping(request: EvaluateRequest): Pick<EvaluateOptions, 'isCancelled' | 'onStatement'> {
    const cancelled = () => this.latestRequest() > request.id;
    const { stopBefore } = request;
    if (stopBefore === undefined) return { isCancelled: cancelled, onStatement: this.onStatement };
    let next = 0;
    return {
      isCancelled: () => next >= stopBefore || cancelled(),
      onStatement: (index) => {
        next = index + 1;
        this.onStatement(index);
      },
    };
  }
}
