import type { PrintOptions } from '../engine/format';
import type { Limits } from '../engine/limits';
import type { DocumentSnapshot } from '../engine/snapshot';

/**
 * Messages between the extension host and the evaluation worker. The worker
 * runs the engine off the extension host's thread, so a runaway statement
 * or an out-of-memory abort takes down only the worker.
 */

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
  /** False when a newer request arrived while this one ran: the snapshot is partial and must not be shown. */
  readonly complete: boolean;
  readonly snapshot: DocumentSnapshot;
  readonly milliseconds: number;
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

export type WorkerResponse = EvaluateResponse | FailureResponse | ReadyMessage;
