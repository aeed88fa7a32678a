/**
 * Workers in VS Code for the Web (vscode.dev, github.dev, code-server's web
 * worker extension host): browser Web Workers, nested in the extension
 * host's own worker. No `vscode` import.
 *
 * VS Code 1.100's web worker extension host (extensionHostWorker.ts) keeps
 * `Worker` (a polyfill where the browser has no nested workers) but refuses
 * `vscode-remote:` script URLs, the scheme of an extension installed on a
 * remote server. So the script is fetched first (the host's `fetch` maps
 * `vscode-remote:` and `file:` URIs to addresses the browser can load) and
 * started from a `blob:` URL, which every host allows (its CSP has
 * `child-src blob:`). Shared memory needs a cross-origin isolated page,
 * which vscode.dev is not by default: then progress comes as messages.
 */

import type { WorkerHandle, WorkerHost, WorkerMain, WorkerStart } from './workerTransport';

// The project compiles without the DOM lib; this is the little of the Web Worker API used here.
interface BrowserWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onerror: ((event: { readonly message?: string; preventDefault?(): void }) => void) | null;
}
type BrowserWorkerConstructor = new (url: string, options?: { name?: string }) => BrowserWorker;
interface BrowserGlobals {
  readonly Worker?: BrowserWorkerConstructor;
  readonly crossOriginIsolated?: boolean;
  readonly URL: { createObjectURL(blob: Blob): string; revokeObjectURL(url: string): void };
}
const browser = globalThis as unknown as BrowserGlobals;

export interface WebWorkerOptions<Request, Response> {
  /** Shown in the browser's developer tools next to the extension host's worker. */
  readonly name: string;
  /** Runs the worker's logic elsewhere (the host's thread) when no Web Worker can be started. */
  readonly fallback?: WorkerHost<Request, Response>;
}

/** True when this page may share memory with its workers. */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && browser.crossOriginIsolated === true;
}

/**
 * Starts `scriptUrl` (a bundled classic worker script; any URI the host's
 * `fetch` can read) as a Web Worker. Messages posted while it loads are
 * kept and delivered in order. If it cannot start, `fallback` takes over
 * with the same messages; without one, the client hears why.
 */
export function webWorkerHost<Request, Response>(
  scriptUrl: string,
  options: WebWorkerOptions<Request, Response>,
): WorkerHost<Request, Response> {
  const fallback = options.fallback;
  let source: Promise<string> | undefined;
  const loadSource = (): Promise<string> => {
    // Fetched once per host: a restart after a crash reuses the text; a failed fetch is tried again.
    if (!source) {
      const loading = fetch(scriptUrl).then((response) => {
        if (!response.ok) throw new Error(`${scriptUrl}: HTTP ${response.status}`);
        return response.text();
      });
      source = loading;
      loading.catch(() => {
        if (source === loading) source = undefined;
      });
    }
    return source;
  };
  return {
    sharedMemory: canShareMemory(),
    start(events, shared) {
      const queued: Request[] = [];
      let target: WorkerHandle<Request> | undefined;
      let stopped = false;

      const useFallback = (reason: string) => {
        if (stopped) return;
        if (!fallback) {
          stopped = true;
          events.exit(`the worker could not start: ${reason}`);
          return;
        }
        // Lands in the browser's console, where someone wondering why the host is slow looks.
        console.warn(`${options.name}: no Web Worker (${reason}); running on the extension host's thread`);
        target = fallback.start(events, shared);
        for (const message of queued.splice(0)) target.post(message);
      };

      const Worker = browser.Worker;
      // Asynchronous either way: no event reaches the client while start() runs.
      const loaded =
        typeof Worker === 'function'
          ? loadSource()
          : Promise.reject(new Error('this host has no Web Workers'));
      loaded.then(
        (text) => {
          if (stopped || !Worker) return;
          let worker: BrowserWorker;
          let url: string;
          try {
            url = browser.URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
            worker = new Worker(url, { name: options.name });
          } catch (error) {
            useFallback(error instanceof Error ? error.message : String(error));
            return;
          }
          worker.onmessage = (event) => {
            if (!stopped) events.message(event.data as Response);
          };
          worker.onerror = (event) => {
            event.preventDefault?.();
            if (stopped) return;
            // An uncaught error leaves a Web Worker in an unknown state: end it.
            stopped = true;
            worker.terminate();
            browser.URL.revokeObjectURL(url);
            events.exit(event.message || 'the worker failed');
          };
          worker.postMessage({ type: 'start', shared } satisfies WorkerStart);
          target = {
            post: (message) => worker.postMessage(message),
            terminate: () => {
              worker.terminate();
              browser.URL.revokeObjectURL(url);
            },
          };
          for (const message of queued.splice(0)) target.post(message);
        },
        (error: unknown) => useFallback(error instanceof Error ? error.message : String(error)),
      );

      return {
        post: (message) => {
          if (stopped) return;
          if (target) target.post(message);
          else queued.push(message);
        },
        terminate: () => {
          stopped = true;
          queued.length = 0;
          target?.terminate();
        },
      };
    },
  };
}

// The little of a Web Worker's global scope the worker side uses.
declare const self: {
  postMessage(message: unknown): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
};

/**
 * The worker side: runs a worker's logic in this Web Worker. The first
 * message is the {@link WorkerStart} (with the shared memory, if any);
 * every later one is a request.
 */
export function serveWebWorker<Request, Response>(main: WorkerMain<Request, Response>): void {
  self.onmessage = (first) => {
    const start = first.data as WorkerStart;
    const handle = main({ postMessage: (message) => self.postMessage(message) }, start.shared);
    self.onmessage = (event) => handle(event.data as Request);
  };
}
