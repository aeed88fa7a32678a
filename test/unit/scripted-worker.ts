/**
 * A worker that does nothing by itself, for the evaluation client's tests:
 * it records what it is sent, and the test answers through its events.
 */
import assert from 'node:assert/strict';
import type { WorkerEvents, WorkerHandle, WorkerHost } from '../../src/editor/workerTransport';
import type { EvaluateRequest, WorkerRequest, WorkerResponse } from '../../src/worker/protocol';

export class ScriptedWorker implements WorkerHandle<WorkerRequest> {
  readonly posted: WorkerRequest[] = [];
  terminated = false;
  constructor(
    readonly events: WorkerEvents<WorkerResponse>,
    readonly shared: Int32Array | undefined,
  ) {}
  post(message: WorkerRequest): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  evaluations(): EvaluateRequest[] {
    return this.posted.filter((m): m is EvaluateRequest => m.type === 'evaluate');
  }
  /** Answers request `id` as complete, with an empty snapshot. */
  answer(id: number, documentKey = 'a', complete = true): void {
    this.events.message({
      type: 'result',
      id,
      documentKey,
      complete,
      ...(complete ? { update: { statements: [], cells: [], variables: [] } } : {}),
      milliseconds: 1,
    });
  }
}

export class ScriptedHost implements WorkerHost<WorkerRequest, WorkerResponse> {
  readonly workers: ScriptedWorker[] = [];
  constructor(readonly sharedMemory: boolean) {}
  start(events: WorkerEvents<WorkerResponse>, shared?: Int32Array): ScriptedWorker {
    const worker = new ScriptedWorker(events, shared);
    this.workers.push(worker);
    return worker;
  }
  get last(): ScriptedWorker {
    const worker = this.workers.at(-1);
    assert.ok(worker, 'no worker was started');
    return worker;
  }
}
