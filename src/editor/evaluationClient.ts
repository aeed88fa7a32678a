import { Worker } from 'node:worker_threads';
import type { DocumentSnapshot } from '../engine/snapshot';
import type { EngineSettings, EvaluateRequest, WorkerRequest, WorkerResponse } from '../worker/protocol';

/** How an evaluation request ended. */
export type EvaluationOutcome =
  | { readonly kind: 'done'; readonly snapshot: DocumentSnapshot; readonly milliseconds: number }
  /** A newer request for the same document replaced it: show nothing. */
  | { readonly kind: 'superseded' }
  /** The worker died (out of memory, killed) while running `statementIndex`; it restarts for the next request. */
  | { readonly kind: 'crashed'; readonly message: string; readonly statementIndex: number };

interface Pending {
  readonly request: EvaluateRequest;
  readonly resolve: (outcome: EvaluationOutcome) => void;
}

/**
 * Grace on top of a statement's own time limit before the host gives up on
 * a worker that makes no progress: a kernel that never checks the clock must
 * not keep it busy forever.
 */
const WATCHDOG_GRACE_MS = 10_000;

/** Heap the worker may use; past it only the worker dies, never the extension host. */
const WORKER_HEAP_MB = 1536;

/**
 * Runs the engine in a worker thread that is kept alive between requests
 * (starting one costs noticeable time) and restarted after it dies. A new
 * request for a document supersedes the older one: the worker sees the
 * newer id in shared memory and stops between statements.
 */
export class EvaluationClient {
  private worker: Worker | undefined;
  private shared = new Int32Array(new SharedArrayBuffer(12));
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly latestByDocument = new Map<string, number>();
  private disposed = false;
  private watchdog: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly workerPath: string) {}

  evaluate(documentKey: string, text: string, settings: EngineSettings): Promise<EvaluationOutcome> {
    const id = this.nextId++;
    this.latestByDocument.set(documentKey, id);
    const request: EvaluateRequest = { type: 'evaluate', id, documentKey, text, settings };
    return new Promise((resolve) => {
      for (const [otherId, other] of this.pending) {
        if (other.request.documentKey === documentKey) {
          this.pending.delete(otherId);
          other.resolve({ kind: 'superseded' });
        }
      }
      this.pending.set(id, { request, resolve });
      this.send(request);
    });
  }

  forget(documentKey: string): void {
    this.latestByDocument.delete(documentKey);
    if (this.worker) this.worker.postMessage({ type: 'forget', documentKey } satisfies WorkerRequest);
  }

  private send(request: EvaluateRequest): void {
    Atomics.store(this.shared, 0, request.id);
    const worker = this.ensureWorker();
    worker.postMessage(request satisfies WorkerRequest);
    this.watch(worker, request.settings.limits.maxMilliseconds + WATCHDOG_GRACE_MS);
  }

  /**
   * Restarts the worker when it has work but starts no new statement for a
   * whole interval: the worker counts statements in shared cell 2.
   */
  private watch(worker: Worker, intervalMs: number): void {
    if (this.watchdog) clearInterval(this.watchdog);
    let lastCount = Atomics.load(this.shared, 2);
    this.watchdog = setInterval(() => {
      const count = Atomics.load(this.shared, 2);
      if (this.worker !== worker || this.pending.size === 0) {
        clearInterval(this.watchdog);
        return;
      }
      if (count === lastCount) {
        clearInterval(this.watchdog);
        this.onExit(worker, `a statement ran longer than ${intervalMs} ms without stopping and was cut off`);
        void worker.terminate();
      }
      lastCount = count;
    }, intervalMs);
    this.watchdog.unref?.();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    this.shared = new Int32Array(new SharedArrayBuffer(12));
    const worker = new Worker(this.workerPath, {
      workerData: { shared: this.shared },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.on('message', (message: WorkerResponse) => this.onMessage(message));
    worker.on('error', (error) => this.onExit(worker, error.message));
    worker.on('exit', (code) => this.onExit(worker, `the evaluation worker exited (code ${code})`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onMessage(message: WorkerResponse): void {
    if (message.type === 'ready') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === 'failure') {
      pending.resolve({ kind: 'crashed', message: message.message, statementIndex: -1 });
      return;
    }
    if (message.complete) {
      pending.resolve({ kind: 'done', snapshot: message.snapshot, milliseconds: message.milliseconds });
      return;
    }
    // Stopped because a newer request (maybe for another document) arrived: run it again unless replaced.
    if (this.latestByDocument.get(message.documentKey) === message.id && !this.disposed) {
      this.pending.set(message.id, pending);
      this.send(pending.request);
    } else pending.resolve({ kind: 'superseded' });
  }

  private onExit(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const statementIndex = Atomics.load(this.shared, 1);
    const message = /heap|memory/i.test(reason)
      ? 'the evaluation ran out of memory and was stopped (the engine restarted)'
      : `${reason} (the engine restarted)`;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const item of pending) item.resolve({ kind: 'crashed', message, statementIndex });
  }

  dispose(): void {
    this.disposed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const item of this.pending.values()) item.resolve({ kind: 'superseded' });
    this.pending.clear();
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
