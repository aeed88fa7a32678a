import type { PrintOptions } from '../engine/format';
import type { Limits } from '../engine/limits';
import type { SnapshotUpdate, SpanSnapshot } from '../engine/snapshot';

/**
 * Messages between the extension host and the evaluation worker. The worker
 * runs the engine off the extension host's thread, so a runaway statement
 * or an out-of-memory abort takes down only the worker.
 */

/**
 * The cells of the memory the host shares with its worker, when the
 * platform has shared memory (serve.ts says how each is used).
 */
export const SharedCell = {
  /** Host → worker: the newest request id; an older running request stops between statements. */
  newestRequest: 0,
  /** Worker → host: the statement running now, blamed if the worker dies. */
  statement: 1,
  /** Worker → host: statements started so far, for the host's watchdog. */
  started: 2,
  /** Worker → host: the request running now, so a request still waiting in the worker is not blamed. */
  request: 3,
  /** How many cells there are. */
  count: 4,
} as const;

/** What the engine needs from the user's settings. */
export interface EngineSettings {
  readonly limits: Limits;
  readonly print: Partial<PrintOptions>;
}

/** Host → worker: evaluate this text of this document. */
export interface EvaluateRequest {
  readonly type: 'evaluate';
  /** Request number; the shared cancellation cell holds the newest per worker. */
  readonly id: number;
  /** The document's URI as a string; the worker keeps its last evaluation per key to reuse unchanged statements. */
  readonly documentKey: string;
  readonly text: string;
  readonly settings: EngineSettings;
  /**
   * Set after the worker died on statement `stopBefore` of this text: run
   * only the statements before it (they had finished, so they are shown),
   * every one afresh, and report the range of the one it died on.
   */
  readonly stopBefore?: number;
}

/** Host → worker: the document closed; drop what is kept for it. */
export interface ForgetRequest {
  readonly type: 'forget';
  readonly documentKey: string;
}

export type WorkerRequest = EvaluateRequest | ForgetRequest;

/** Worker → host: the result of an evaluate request. */
export interface EvaluateResponse {
  readonly type: 'result';
  readonly id: number;
  readonly documentKey: string;
  /**
   * False when a newer request arrived while this one ran: nothing to show,
   * and no update. (With `stopBefore`, complete means it reached that statement.)
   */
  readonly complete: boolean;
  /**
   * The document's new snapshot, as an update of the one the previous
   * complete result for this document gave (statements that did not change
   * are references to it): the host must apply every complete result in
   * order, shown or not, and start afresh when the worker restarts.
   */
  readonly update?: SnapshotUpdate;
  readonly milliseconds: number;
  /** With `stopBefore`: the range of the statement it stopped before, from the worker's parse (the host parses nothing). */
  readonly stoppedBefore?: SpanSnapshot;
}

/** Worker → host: the request failed inside the engine (a bug, not a user's mistake). */
export interface FailureResponse {
  readonly type: 'failure';
  readonly id: number;
  readonly documentKey: string;
  readonly message: string;
}

/** Worker → host: the worker is ready for requests. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/**
 * Worker → host, only without shared memory (a browser page that is not
 * cross-origin isolated): the statement request `id` is running, for the
 * host's watchdog and to blame a statement if the worker dies. Sent at most
 * every few milliseconds, so the count may skip statements.
 */
export interface ProgressMessage {
  readonly type: 'progress';
  readonly id: number;
  /** Index of the statement running now. */
  readonly statementIndex: number;
  /** Statements this worker has started so far (never decreases). */
  readonly started: number;
}

export type WorkerResponse = EvaluateResponse | FailureResponse | ReadyMessage | ProgressMessage;
