import { applyUpdate, type DocumentSnapshot } from '../engine/snapshot';
import {
  type EngineSettings,
  type EvaluateRequest,
  SharedCell,
  type WorkerRequest,
  type WorkerResponse,
} from '../worker/protocol';
import { allocateShared, type WorkerHandle, type WorkerHost } from './workerTransport';

/** How an evaluation request ended. */
export type EvaluationOutcome =
  | { readonly kind: 'done'; readonly snapshot: DocumentSnapshot; readonly milliseconds: number }
  /** A newer request for the same document replaced it: show nothing. */
  | { readonly kind: 'superseded' }
  /** The worker died (out of memory, killed) while running `statementIndex` (-1: unknown); it restarts for the next request. */
  | { readonly kind: 'crashed'; readonly message: string; readonly statementIndex: number };

/** The user-visible texts of a crash; the extension passes localized ones. */
export interface CrashTexts {
  outOfMemory(): string;
  /** `reason` is the platform's own words (`the worker exited (code 1)`). */
  restarted(reason: string): string;
  stuck(milliseconds: number): string;
}

const ENGLISH: CrashTexts = {
  outOfMemory: () => 'the evaluation ran out of memory and was stopped (the engine restarted)',
  restarted: (reason) => `${reason} (the engine restarted)`,
  stuck: (ms) =>
    `a statement ran longer than ${ms} ms without stopping and was cut off (the engine restarted)`,
};

interface Pending {
  readonly request: EvaluateRequest;
  readonly resolve: (outcome: EvaluationOutcome) => void;
}

export interface EvaluationClientOptions {
  /** Localized crash texts (English by default). */
  readonly texts?: Partial<CrashTexts>;
  /**
   * Grace on top of a statement's own time limit before the host gives up
   * on a worker that makes no progress: a kernel that never checks the
   * clock must not keep it busy forever. 10 s unless told.
   */
  readonly watchdogGraceMs?: number;
}

/**
 * Runs the engine in a worker that is kept alive between requests (starting
 * one costs noticeable time) and restarted after it dies or hangs. A new
 * request for a document supersedes the older one.
 *
 * With shared memory the worker sees the newer id there and stops between
 * statements. Without it (a browser page that is not cross-origin
 * isolated) the worker cannot hear of it until it finishes, so at most one
 * request is in the worker at a time and newer ones wait here, the stale
 * ones dropped before they are sent.
 */
export class EvaluationClient {
  private worker: WorkerHandle<WorkerRequest> | undefined;
  private shared: Int32Array | undefined;
  /** Progress reported by messages (no shared memory). */
  private reported = { id: 0, statementIndex: -1, started: 0 };
  /** Without shared memory: the evaluate request inside the worker; the others wait in `queued`. */
  private running: number | undefined;
  private queued: EvaluateRequest[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly latestByDocument = new Map<string, number>();
  /** Each document's snapshot from the worker's last complete result: its next update refers to it. */
  private readonly snapshots = new Map<string, DocumentSnapshot>();
  private disposed = false;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private readonly texts: CrashTexts;
  private readonly watchdogGraceMs: number;

  constructor(
    private readonly host: WorkerHost<WorkerRequest, WorkerResponse>,
    options: EvaluationClientOptions = {},
  ) {
    this.texts = { ...ENGLISH, ...options.texts };
    this.watchdogGraceMs = options.watchdogGraceMs ?? 10_000;
  }

  evaluate(documentKey: string, text: string, settings: EngineSettings): Promise<EvaluationOutcome> {
    if (this.disposed) return Promise.resolve({ kind: 'superseded' });
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
      this.queued = this.queued.filter((waiting) => waiting.documentKey !== documentKey);
      this.pending.set(id, { request, resolve });
      this.send(request);
    });
  }

  forget(documentKey: string): void {
    this.latestByDocument.delete(documentKey);
    this.snapshots.delete(documentKey);
    this.worker?.post({ type: 'forget', documentKey });
  }

  private send(request: EvaluateRequest): void {
    const worker = this.ensureWorker();
    if (this.shared) Atomics.store(this.shared, SharedCell.newestRequest, request.id);
    else if (this.running !== undefined) {
      this.queued.push(request);
      return;
    } else this.running = request.id;
    worker.post(request);
    this.watch(worker, request.settings.limits.maxMilliseconds + this.watchdogGraceMs);
  }

  /** Statements the worker has started so far. */
  private startedCount(): number {
    return this.shared ? Atomics.load(this.shared, SharedCell.started) : this.reported.started;
  }

  /** The statement request `id` was running when the worker died (-1: unknown). */
  private blamedStatement(id: number): number {
    if (this.shared) return Atomics.load(this.shared, SharedCell.statement);
    return this.reported.id === id ? this.reported.statementIndex : -1;
  }

  /** Restarts the worker when it has work but starts no new statement for a whole interval. */
  private watch(worker: WorkerHandle<WorkerRequest>, intervalMs: number): void {
    if (this.watchdog) clearInterval(this.watchdog);
    let lastCount = this.startedCount();
    this.watchdog = setInterval(() => {
      const count = this.startedCount();
      if (this.worker !== worker || this.pending.size === 0) {
        clearInterval(this.watchdog);
        return;
      }
      if (count === lastCount) {
        clearInterval(this.watchdog);
        worker.terminate();
        this.onExit(worker, this.texts.stuck(intervalMs));
      }
      lastCount = count;
    }, intervalMs);
    // A pending watchdog must not keep a Node process (a test) alive.
    (this.watchdog as { unref?: () => void }).unref?.();
  }

  private ensureWorker(): WorkerHandle<WorkerRequest> {
    if (this.worker) return this.worker;
    this.shared = this.host.sharedMemory ? allocateShared(SharedCell.count) : undefined;
    // A fresh worker knows no earlier snapshot: its first answers are complete in themselves.
    this.snapshots.clear();
    this.reported = { id: 0, statementIndex: -1, started: 0 };
    this.running = undefined;
    const worker: WorkerHandle<WorkerRequest> = this.host.start(
      {
        message: (message) => {
          if (this.worker === worker) this.onMessage(message);
        },
        exit: (reason) =>
          this.onExit(
            worker,
            /heap|memory/i.test(reason) ? this.texts.outOfMemory() : this.texts.restarted(reason),
          ),
      },
      this.shared,
    );
    this.worker = worker;
    return worker;
  }

  /** Every message from the worker arrives here. */
  private onMessage(message: WorkerResponse): void {
    if (message.type === 'ready') return;
    if (message.type === 'progress') {
      this.reported = { id: message.id, statementIndex: message.statementIndex, started: message.started };
      return;
    }
    if (this.running === message.id) this.running = undefined;
    // Every complete answer moves the worker's idea of what the host holds, shown or not.
    let snapshot: DocumentSnapshot | undefined;
    if (message.type === 'failure') this.snapshots.delete(message.documentKey);
    else if (message.complete && message.update) {
      try {
        snapshot = applyUpdate(this.snapshots.get(message.documentKey), message.update);
        this.snapshots.set(message.documentKey, snapshot);
      } catch (error) {
        // Host and worker disagree on what the host holds (a bug): start both afresh rather than show a wrong view.
        const worker = this.worker;
        if (worker) {
          worker.terminate();
          this.onExit(worker, this.texts.restarted(error instanceof Error ? error.message : String(error)));
        }
        return;
      }
    }
    const pending = this.pending.get(message.id);
    if (pending) {
      this.pending.delete(message.id);
      if (message.type === 'failure') {
        pending.resolve({ kind: 'crashed', message: message.message, statementIndex: -1 });
      } else if (snapshot) {
        pending.resolve({ kind: 'done', snapshot, milliseconds: message.milliseconds });
      } else if (this.latestByDocument.get(message.documentKey) === message.id && !this.disposed) {
        // Stopped because a newer request (maybe for another document) arrived: run it again.
        this.pending.set(message.id, pending);
        this.send(pending.request);
      } else pending.resolve({ kind: 'superseded' });
    }
    // A stale answer (its request was superseded) is dropped; either way the worker is free for the next.
    this.sendQueued();
  }

  private sendQueued(): void {
    if (this.running !== undefined || this.disposed) return;
    const next = this.queued.shift();
    if (next) this.send(next);
  }

  /**
   * The worker is gone: the requests it had fail with `message`; those that
   * were still waiting here go to a fresh worker.
   */
  private onExit(worker: WorkerHandle<WorkerRequest>, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.watchdog) clearInterval(this.watchdog);
    const waiting = new Set(this.queued.map((request) => request.id));
    const failed = [...this.pending].filter(([id]) => !waiting.has(id));
    for (const [id, item] of failed) {
      this.pending.delete(id);
      item.resolve({ kind: 'crashed', message, statementIndex: this.blamedStatement(id) });
    }
    const queued = this.queued;
    this.queued = [];
    this.running = undefined;
    if (!this.disposed) for (const request of queued) this.send(request);
  }

  dispose(): void {
    this.disposed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const item of this.pending.values()) item.resolve({ kind: 'superseded' });
    this.pending.clear();
    this.queued = [];
    this.worker?.terminate();
    this.worker = undefined;
  }
}
