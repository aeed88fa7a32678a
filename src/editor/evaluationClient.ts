import { applyUpdate, type DocumentSnapshot, type SpanSnapshot } from '../engine/snapshot';
import type { EngineSettings, EvaluateRequest, WorkerRequest, WorkerResponse } from '../worker/protocol';
import { openChannel, type WorkerChannel } from './workerChannel';
import type { WorkerHandle, WorkerHost } from './workerTransport';

/** How an evaluation request ended. */
export type EvaluationOutcome =
  | { readonly kind: 'done'; readonly snapshot: DocumentSnapshot; readonly milliseconds: number }
  /** A newer request for the same document replaced it: show nothing. */
  | { readonly kind: 'superseded' }
  | Crash;

/** The worker died (out of memory, killed) during an evaluation; it restarts for the next request. */
export interface Crash {
  readonly kind: 'crashed';
  readonly message: string;
  /** The statement it was running (-1: unknown). */
  readonly statementIndex: number;
  /**
   * What is known, set by {@link EvaluationClient.recover}: the results of
   * the statements before the crashed one, then the crashed one as an
   * {@link ENGINE_STOPPED} error at its range with `message`.
   */
  readonly snapshot?: DocumentSnapshot;
}

/** The error type of a crashed statement in a {@link Crash}'s snapshot (and the diagnostic's code). */
export const ENGINE_STOPPED = 'EngineStopped';

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

/** How a request ended, as the client settles it: a `stopBefore` request also gets that statement's range. */
type Answer =
  | EvaluationOutcome
  | (Extract<EvaluationOutcome, { kind: 'done' }> & { readonly stoppedBefore: SpanSnapshot });

interface Pending {
  readonly request: EvaluateRequest;
  readonly resolve: (answer: Answer) => void;
}

/** A running worker and the channel to it; a restart makes a new pair. */
interface Connection {
  readonly worker: WorkerHandle<WorkerRequest>;
  readonly channel: WorkerChannel;
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
 * request for a document supersedes the older one: at once with shared
 * memory, after the older one ends without it (workerChannel.ts says how).
 */
export class EvaluationClient {
  private connection: Connection | undefined;
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
    return this.submit({ documentKey, text, settings });
  }

  /**
   * After `evaluate` crashed on a known statement: runs the statements
   * before it again in the fresh worker (they had finished before it died)
   * and resolves to `crash` with their results and the crashed statement at
   * the range the worker parsed. Resolves to `crash` as it is when no more
   * can be known (no statement blamed, the worker dies again).
   */
  async recover(
    documentKey: string,
    text: string,
    settings: EngineSettings,
    crash: Crash,
  ): Promise<EvaluationOutcome> {
    if (crash.statementIndex < 0) return crash;
    const answer = await this.submit({ documentKey, text, settings, stopBefore: crash.statementIndex });
    if (answer.kind === 'superseded') return answer;
    if (answer.kind !== 'done' || !('stoppedBefore' in answer)) return crash;
    const stopped = {
      span: answer.stoppedBefore,
      error: { message: crash.message, type: ENGINE_STOPPED, span: answer.stoppedBefore },
      calls: [],
      bindings: [],
    };
    return {
      ...crash,
      snapshot: { ...answer.snapshot, statements: [...answer.snapshot.statements, stopped] },
    };
  }

  private submit(fields: Omit<EvaluateRequest, 'type' | 'id'>): Promise<Answer> {
    if (this.disposed) return Promise.resolve({ kind: 'superseded' });
    const { documentKey } = fields;
    const id = this.nextId++;
    this.latestByDocument.set(documentKey, id);
    const request: EvaluateRequest = { type: 'evaluate', id, ...fields };
    return new Promise((resolve) => {
      for (const [otherId, other] of this.pending) {
        if (other.request.documentKey === documentKey) {
          this.pending.delete(otherId);
          other.resolve({ kind: 'superseded' });
        }
      }
      this.connection?.channel.dropWaiting(documentKey);
      this.pending.set(id, { request, resolve });
      this.send(request);
    });
  }

  forget(documentKey: string): void {
    this.latestByDocument.delete(documentKey);
    this.snapshots.delete(documentKey);
    this.connection?.worker.post({ type: 'forget', documentKey });
  }

  private send(request: EvaluateRequest): void {
    const connection = this.connect();
    if (!connection.channel.admit(request)) return;
    connection.worker.post(request);
    this.watch(connection, request.settings.limits.maxMilliseconds + this.watchdogGraceMs);
  }

  /** Restarts the worker when it has work but starts no new statement for a whole interval. */
  private watch(connection: Connection, intervalMs: number): void {
    if (this.watchdog) clearInterval(this.watchdog);
    const { worker, channel } = connection;
    let lastCount = channel.startedCount();
    this.watchdog = setInterval(() => {
      const count = channel.startedCount();
      if (this.connection !== connection || this.pending.size === 0) {
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

  private connect(): Connection {
    if (this.connection) return this.connection;
    const channel = openChannel(this.host.sharedMemory);
    // A fresh worker knows no earlier snapshot: its first answers are complete in themselves.
    this.snapshots.clear();
    const worker: WorkerHandle<WorkerRequest> = this.host.start(
      {
        message: (message) => {
          if (this.connection === connection) this.onMessage(message, connection);
        },
        exit: (reason) =>
          this.onExit(
            worker,
            /heap|memory/i.test(reason) ? this.texts.outOfMemory() : this.texts.restarted(reason),
          ),
      },
      channel.shared,
    );
    const connection: Connection = { worker, channel };
    this.connection = connection;
    return connection;
  }

  /** Every message from the worker arrives here. */
  private onMessage(message: WorkerResponse, { worker, channel }: Connection): void {
    if (message.type === 'ready') return;
    if (message.type === 'progress') {
      channel.progress(message);
      return;
    }
    channel.answered(message.id);
    // Every complete answer moves the worker's idea of what the host holds, shown or not.
    let snapshot: DocumentSnapshot | undefined;
    if (message.type === 'failure') this.snapshots.delete(message.documentKey);
    else if (message.complete && message.update) {
      try {
        snapshot = applyUpdate(this.snapshots.get(message.documentKey), message.update);
        this.snapshots.set(message.documentKey, snapshot);
      } catch (error) {
        // Host and worker disagree on what the host holds (a bug): start both afresh rather than show a wrong view.
        worker.terminate();
        this.onExit(worker, this.texts.restarted(error instanceof Error ? error.message : String(error)));
        return;
      }
    }
    const pending = this.pending.get(message.id);
    if (pending) {
      this.pending.delete(message.id);
      if (message.type === 'failure') {
        pending.resolve({ kind: 'crashed', message: message.message, statementIndex: -1 });
      } else if (snapshot) {
        const { milliseconds, stoppedBefore } = message;
        pending.resolve({
          kind: 'done',
          snapshot,
          milliseconds,
          ...(stoppedBefore ? { stoppedBefore } : {}),
        });
      } else if (this.latestByDocument.get(message.documentKey) === message.id && !this.disposed) {
        // Stopped because a newer request (maybe for another document) arrived: run it again.
        this.pending.set(message.id, pending);
        this.send(pending.request);
      } else pending.resolve({ kind: 'superseded' });
    }
    // A stale answer (its request was superseded) is dropped; either way the worker is free for the next.
    this.sendWaiting();
  }

  private sendWaiting(): void {
    if (this.disposed) return;
    const next = this.connection?.channel.nextWaiting();
    if (next) this.send(next);
  }

  /**
   * The worker is gone: the requests it had fail with `message`; those that
   * were still waiting here go to a fresh worker.
   */
  private onExit(worker: WorkerHandle<WorkerRequest>, message: string): void {
    const connection = this.connection;
    if (connection?.worker !== worker) return;
    this.connection = undefined;
    if (this.watchdog) clearInterval(this.watchdog);
    const waiting = connection.channel.takeWaiting();
    const waitingIds = new Set(waiting.map((request) => request.id));
    const failed = [...this.pending].filter(([id]) => !waitingIds.has(id));
    for (const [id, item] of failed) {
      this.pending.delete(id);
      item.resolve({ kind: 'crashed', message, statementIndex: connection.channel.blamedStatement(id) });
    }
    if (!this.disposed) for (const request of waiting) this.send(request);
  }

  dispose(): void {
    this.disposed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const item of this.pending.values()) item.resolve({ kind: 'superseded' });
    this.pending.clear();
    this.connection?.worker.terminate();
    this.connection = undefined;
  }
}
