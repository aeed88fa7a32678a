/**
 * A worker as the extension host sees it, whatever runs it: a Node
 * `worker_threads` thread on the desktop (nodeTransport.ts), a browser Web
 * Worker in vscode.dev's web worker extension host (webTransport.ts), or, as
 * a last resort, the host's own thread (inProcessHost below). The clients
 * (EvaluationClient, the playground's ExtractClient) keep their logic and
 * talk only to these interfaces. No `vscode` import, no platform globals.
 */

/** What a running worker reports to its client. */
export interface WorkerEvents<Response> {
  /** A message the worker posted. */
  readonly message: (message: Response) => void;
  /** The worker is gone (crashed, killed, could not start); `reason` says why. Called at most once. */
  readonly exit: (reason: string) => void;
}

/** One running worker. */
export interface WorkerHandle<Request> {
  /** Queues a message for the worker (also before it has finished starting). */
  post(message: Request): void;
  /** Stops the worker; no event follows. */
  terminate(): void;
}

/** Starts workers of one kind (one script). */
export interface WorkerHost<Request, Response> {
  /**
   * True when host and worker can share memory (a SharedArrayBuffer): the
   * host then writes cancellation into it and reads progress from it. False
   * in a browser page that is not cross-origin isolated: progress then
   * arrives as messages and a newer request waits for the older one.
   */
  readonly sharedMemory: boolean;
  /**
   * Starts a worker; `shared` is given only when {@link sharedMemory} is
   * true. No event fires before `start` has returned.
   */
  start(events: WorkerEvents<Response>, shared?: Int32Array): WorkerHandle<Request>;
}

/** The worker side of a connection: how a worker's code answers, wherever it runs. */
export interface WorkerPort<Response> {
  postMessage(message: Response): void;
}

/**
 * Builds a worker's message handler from its port and the shared memory the
 * host passed (if any). Each worker entry (Node, Web Worker) calls it, and so
 * does {@link inProcessHost}: one worker logic for every platform.
 */
export type WorkerMain<Request, Response> = (
  port: WorkerPort<Response>,
  shared: Int32Array | undefined,
) => (request: Request) => void;

/** The first message a Web Worker receives (a Node worker gets the same in `workerData`). */
export interface WorkerStart {
  readonly type: 'start';
  readonly shared: Int32Array | undefined;
}

/**
 * Memory for the host and its worker: shared when the platform allows it,
 * otherwise a plain buffer, which serves a worker on the host's own thread
 * just as well ({@link inProcessHost}).
 */
export function allocateShared(cells: number): Int32Array {
  const bytes = cells * Int32Array.BYTES_PER_ELEMENT;
  return new Int32Array(
    typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes),
  );
}

/**
 * Runs a worker's logic on the host's own thread, one message per task, so
 * the host stays responsive between messages (not during one). For a host
 * that cannot start workers at all: the engine's own limits (time,
 * elements) then are the only bound on a statement. Memory is "shared"
 * trivially (one thread), so a request that is already stale when its turn
 * comes stops at once.
 */
export function inProcessHost<Request, Response>(
  main: WorkerMain<Request, Response>,
): WorkerHost<Request, Response> {
  return {
    sharedMemory: true,
    start(events, shared) {
      let running = true;
      const handle = main(
        {
          postMessage: (message) => {
            setTimeout(() => {
              if (running) events.message(message);
            }, 0);
          },
        },
        shared,
      );
      return {
        post: (message) => {
          setTimeout(() => {
            if (!running) return;
            try {
              handle(message);
            } catch (error) {
              // What would kill a real worker ends this one the same way.
              running = false;
              events.exit(error instanceof Error ? error.message : String(error));
            }
          }, 0);
        },
        terminate: () => {
          running = false;
        },
      };
    },
  };
}
