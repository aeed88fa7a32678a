/**
 * The host's side of the playground worker (a Node worker thread on the
 * desktop, a Web Worker on the web: the platform's WorkerHost): sends
 * requests, matches answers by id, and replaces a worker that takes too
 * long (a document whose statements run for seconds) so the panel is never
 * stuck behind it. No `vscode` import.
 */

import type { WorkerHandle, WorkerHost } from '../editor/workerTransport';
import type { Extraction } from './extract';
import type { ParamEdit } from './protocol';
import type { RewriteResult } from './rewrite';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

type Pending = {
  resolve: (response: WorkerResponse) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
};

/** What a request without `id` looks like, per kind. */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export class ExtractClient {
  private worker: WorkerHandle<WorkerRequest> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  /**
   * @param host starts the bundled worker (dist/playgroundWorker.js, dist/web/playgroundWorker.js)
   * @param timeoutMs longest wait for one answer before the worker is replaced
   */
  constructor(
    private readonly host: WorkerHost<WorkerRequest, WorkerResponse>,
    private readonly timeoutMs = 20_000,
  ) {}

  /** Reads the run configuration of the train call at (or moved from) `offset`; `key` names the document. */
  async extract(
    key: string,
    text: string,
    offset: number,
  ): Promise<{ offset: number | null; result: Extraction }> {
    const response = await this.request({ kind: 'extract', key, text, offset });
    if (response.kind !== 'extract') throw new Error(failure(response));
    return { offset: response.offset, result: response.result };
  }

  /** The replacement that sets one argument of the call at `offset`. */
  async rewrite(text: string, offset: number, edit: ParamEdit): Promise<RewriteResult> {
    const response = await this.request({ kind: 'rewrite', text, offset, edit });
    if (response.kind !== 'rewrite') throw new Error(failure(response));
    return response.result;
  }

  dispose(): void {
    this.disposed = true;
    this.stopWorker(new Error('the playground was closed'));
  }

  private request(request: Request): Promise<WorkerResponse> {
    if (this.disposed) return Promise.reject(new Error('the playground was closed'));
    const id = this.nextId++;
    const worker = this.ensureWorker();
    return new Promise<WorkerResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        // Everything queued behind the slow request fails with it; the next request starts a fresh worker.
        this.stopWorker(new Error(`reading the file took longer than ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.post({ ...request, id });
    });
  }

  private ensureWorker(): WorkerHandle<WorkerRequest> {
    if (this.worker) return this.worker;
    const worker: WorkerHandle<WorkerRequest> = this.host.start({
      message: (response) => {
        const pending = this.pending.get(response.id);
        if (!pending) return;
        this.pending.delete(response.id);
        clearTimeout(pending.timer);
        pending.resolve(response);
      },
      exit: (reason) => {
        if (this.worker === worker) this.stopWorker(new Error(`the playground worker stopped: ${reason}`));
      },
    });
    this.worker = worker;
    return worker;
  }

  private stopWorker(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
    worker?.terminate();
  }
}

function failure(response: WorkerResponse): string {
  return response.kind === 'failed' ? response.message : `unexpected answer ${response.kind}`;
}
