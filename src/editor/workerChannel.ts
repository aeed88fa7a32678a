import { type EvaluateRequest, type ProgressMessage, SharedCell } from '../worker/protocol';
import { allocateShared } from './workerTransport';

/**
 * What the EvaluationClient does differently with and without memory shared
 * with its worker (see `WorkerHost.sharedMemory`): how a request reaches the
 * worker, where progress comes from, and whom to blame when the worker dies.
 * One channel per worker: a restarted worker gets a fresh one. No `vscode`.
 */
export interface WorkerChannel {
  /** The memory to start the worker with; undefined when the two talk by messages only. */
  readonly shared: Int32Array | undefined;
  /** True when `request` may be posted now; false when it waits here until the worker is free. */
  admit(request: EvaluateRequest): boolean;
  /** The worker's progress message (sent only when there is no shared memory). */
  progress(message: ProgressMessage): void;
  /** The worker answered request `id`. */
  answered(id: number): void;
  /** The next waiting request, once the worker is free for it. */
  nextWaiting(): EvaluateRequest | undefined;
  /** Drops the waiting requests for a document: a newer one replaces them. */
  dropWaiting(documentKey: string): void;
  /** Takes every waiting request: they never reached the worker, so a fresh one gets them. */
  takeWaiting(): EvaluateRequest[];
  /** Statements the worker has started so far, for the watchdog. */
  startedCount(): number;
  /** The statement request `id` was running when the worker died (-1: unknown, or not `id`'s). */
  blamedStatement(id: number): number;
}

/** A channel for the platform the host runs on. */
export function openChannel(sharedMemory: boolean): WorkerChannel {
  return sharedMemory ? new SharedMemoryChannel() : new MessageOnlyChannel();
}

/**
 * With shared memory every request goes to the worker at once: the host
 * writes the newest id into a cell and an older running request stops
 * between statements. Progress is read from the cells the worker writes.
 */
class SharedMemoryChannel implements WorkerChannel {
  readonly shared = allocateShared(SharedCell.count);

  admit(request: EvaluateRequest): boolean {
    Atomics.store(this.shared, SharedCell.newestRequest, request.id);
    return true;
  }

  progress(): void {}
  answered(): void {}
  nextWaiting(): undefined {
    return undefined;
  }
  dropWaiting(): void {}
  takeWaiting(): EvaluateRequest[] {
    return [];
  }

  startedCount(): number {
    return Atomics.load(this.shared, SharedCell.started);
  }

  blamedStatement(id: number): number {
    // Other requests may wait inside the worker: only the one it was running is blamed.
    if (Atomics.load(this.shared, SharedCell.request) !== id) return -1;
    return Atomics.load(this.shared, SharedCell.statement);
  }
}

/**
 * Without shared memory (a browser page that is not cross-origin isolated)
 * the worker cannot hear of a newer request until it finishes, so at most
 * one request is in the worker at a time and the others wait here; progress
 * arrives as messages.
 */
class MessageOnlyChannel implements WorkerChannel {
  readonly shared = undefined;
  /** The evaluate request inside the worker. */
  private running: number | undefined;
  private queued: EvaluateRequest[] = [];
  private reported = { id: 0, statementIndex: -1, started: 0 };

  admit(request: EvaluateRequest): boolean {
    if (this.running !== undefined) {
      this.queued.push(request);
      return false;
    }
    this.running = request.id;
    return true;
  }

  progress(message: ProgressMessage): void {
    this.reported = { id: message.id, statementIndex: message.statementIndex, started: message.started };
  }

  answered(id: number): void {
    if (this.running === id) this.running = undefined;
  }

  nextWaiting(): EvaluateRequest | undefined {
    return this.running === undefined ? this.queued.shift() : undefined;
  }

  dropWaiting(documentKey: string): void {
    this.queued = this.queued.filter((waiting) => waiting.documentKey !== documentKey);
  }

  takeWaiting(): EvaluateRequest[] {
    const waiting = this.queued;
    this.queued = [];
    return waiting;
  }

  startedCount(): number {
    return this.reported.started;
  }

  blamedStatement(id: number): number {
    return this.reported.id === id ? this.reported.statementIndex : -1;
  }
}
