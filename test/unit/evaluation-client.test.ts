/**
 * The evaluation client over every transport: its logic (supersede, one
 * request at a time without shared memory, crash blame, restart, watchdog)
 * against a scripted worker, then real workers: a Node worker thread with
 * and without shared memory, the host's own thread, and the web transport's
 * start-up path (Node has no Web Workers, which is the case it handles).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { EvaluationClient, type EvaluationOutcome } from '../../src/editor/evaluationClient';
import { nodeWorkerHost } from '../../src/editor/nodeTransport';
import { webWorkerHost } from '../../src/editor/webTransport';
import { inProcessHost, type WorkerHost, type WorkerStart } from '../../src/editor/workerTransport';
import { evaluateDocument } from '../../src/engine/document';
import { isSelfContained, snapshotOf } from '../../src/engine/snapshot';
import type { EngineSettings, WorkerRequest, WorkerResponse } from '../../src/worker/protocol';
import { SharedCell } from '../../src/worker/protocol';
import { evaluationWorkerMain } from '../../src/worker/serve';
import { ScriptedHost } from './scripted-worker';
import { bundleWorker } from './worker-bundle';

// Workers and the watchdog do not keep a process alive (unref: an idle extension host must be able to
// exit); this test's process has to wait for them.
const keepAlive = setInterval(() => {}, 1000);
after(() => clearInterval(keepAlive));

const SETTINGS: EngineSettings = { limits: { maxElements: 1_000_000, maxMilliseconds: 5_000 }, print: {} };
const SEED =
  'import numpy as np\na = np.array([[4, 2, 3], [2, 0, 1]])\nb = np.transpose(a)\nc = np.dot(a, b)\nc\n';
const C = '[[29 11]\n [11  5]]';

/** The block NumPy would print for statement `index`, or why there is none. */
function shown(outcome: EvaluationOutcome, index: number): string {
  if (outcome.kind !== 'done') return `(${outcome.kind})`;
  const statement = outcome.snapshot.statements[index];
  return statement?.value?.block ?? statement?.error?.message ?? '(nothing)';
}

describe('EvaluationClient without shared memory (a browser page that is not cross-origin isolated)', () => {
  test('one request in the worker at a time; a superseded one is never sent, a stale answer dropped', async () => {
    const host = new ScriptedHost(false);
    const client = new EvaluationClient(host);
    const first = client.evaluate('a', 'x = 1', SETTINGS);
    const second = client.evaluate('a', 'x = 2', SETTINGS);
    const third = client.evaluate('a', 'x = 3', SETTINGS);
    assert.deepEqual(await first, { kind: 'superseded' });
    assert.deepEqual(await second, { kind: 'superseded' });
    const worker = host.last;
    assert.deepEqual(
      worker.evaluations().map((r) => r.text),
      ['x = 1'],
      'the worker gets only the first until it answers',
    );
    worker.answer(worker.evaluations()[0].id);
    assert.deepEqual(
      worker.evaluations().map((r) => r.text),
      ['x = 1', 'x = 3'],
      'the newest goes next; x = 2 was never sent',
    );
    worker.answer(worker.evaluations()[1].id);
    assert.equal((await third).kind, 'done');
    client.dispose();
  });

  test('requests for other documents wait their turn and then run', async () => {
    const host = new ScriptedHost(false);
    const client = new EvaluationClient(host);
    const a = client.evaluate('a', 'x = 1', SETTINGS);
    const b = client.evaluate('b', 'y = 1', SETTINGS);
    const worker = host.last;
    assert.deepEqual(
      worker.evaluations().map((r) => r.documentKey),
      ['a'],
    );
    worker.answer(worker.evaluations()[0].id, 'a');
    assert.equal((await a).kind, 'done');
    assert.deepEqual(
      worker.evaluations().map((r) => r.documentKey),
      ['a', 'b'],
    );
    worker.answer(worker.evaluations()[1].id, 'b');
    assert.equal((await b).kind, 'done');
    client.dispose();
  });

  test('a dead worker fails the running request at the reported statement; the waiting one restarts it', async () => {
    const host = new ScriptedHost(false);
    const client = new EvaluationClient(host, { texts: { outOfMemory: () => 'OOM!' } });
    const a = client.evaluate('a', 'x = 1\ny = 2\nz = 3', SETTINGS);
    const b = client.evaluate('b', 'w = 1', SETTINGS);
    const dead = host.last;
    const running = dead.evaluations()[0].id;
    dead.events.message({ type: 'progress', id: running, statementIndex: 2, started: 3 });
    dead.events.exit('Worker terminated due to reaching memory limit: JS heap out of memory');
    assert.deepEqual(await a, { kind: 'crashed', message: 'OOM!', statementIndex: 2 });
    assert.equal(host.workers.length, 2, 'a fresh worker started');
    const fresh = host.last;
    assert.deepEqual(
      fresh.evaluations().map((r) => r.text),
      ['w = 1'],
    );
    fresh.answer(fresh.evaluations()[0].id, 'b');
    assert.equal((await b).kind, 'done');
    client.dispose();
  });

  test('the watchdog ends a worker that starts no statement for a whole interval', async () => {
    const host = new ScriptedHost(false);
    const client = new EvaluationClient(host, { watchdogGraceMs: 0 });
    const settings = { ...SETTINGS, limits: { ...SETTINGS.limits, maxMilliseconds: 100 } };
    const outcome = await client.evaluate('a', 'while_forever()', settings);
    assert.equal(outcome.kind, 'crashed');
    if (outcome.kind === 'crashed') assert.match(outcome.message, /longer than 100 ms.*cut off/);
    assert.ok(host.workers[0].terminated, 'the stuck worker was terminated');
    client.dispose();
  });
});

describe('EvaluationClient with shared memory', () => {
  test('every request goes to the worker at once, the newest id in the shared cell', async () => {
    const host = new ScriptedHost(true);
    const client = new EvaluationClient(host);
    const a = client.evaluate('a', 'x = 1', SETTINGS);
    void client.evaluate('b', 'y = 1', SETTINGS);
    const worker = host.last;
    const [first, second] = worker.evaluations();
    assert.ok(worker.shared, 'the worker was given shared memory');
    assert.equal(Atomics.load(worker.shared, SharedCell.newestRequest), second.id);
    // The worker stopped `a` for the newer request: it runs again, since it is still the newest for `a`.
    worker.answer(first.id, 'a', false);
    assert.equal(worker.evaluations().length, 3);
    worker.answer(worker.evaluations()[2].id, 'a');
    assert.equal((await a).kind, 'done');
    client.dispose();
  });
});

describe('EvaluationClient and snapshot updates', () => {
  const statement = (line: number, oneLine: string) => ({
    span: { start: { line, character: 0 }, end: { line, character: 5 } },
    value: { oneLine, block: oneLine, type: 'int' },
    calls: [],
    bindings: [],
  });
  const update = (statements: unknown[]) => ({ statements, cells: [], variables: [] }) as never;

  test('a superseded answer still moves the snapshot the next update refers to', async () => {
    const host = new ScriptedHost(true);
    const client = new EvaluationClient(host);
    const stale = client.evaluate('a', 'x = 1', SETTINGS);
    const latest = client.evaluate('a', 'x = 1\ny = 2', SETTINGS);
    const worker = host.last;
    const [first, second] = worker.evaluations();
    // The first request finished before it saw the newer one: complete, but no longer wanted.
    worker.events.message({
      type: 'result',
      id: first.id,
      documentKey: 'a',
      complete: true,
      milliseconds: 1,
      update: update([statement(0, '1')]),
    });
    assert.deepEqual(await stale, { kind: 'superseded' });
    worker.events.message({
      type: 'result',
      id: second.id,
      documentKey: 'a',
      complete: true,
      milliseconds: 1,
      update: update([{ kept: 0, lineDelta: 0 }, statement(1, '2')]),
    });
    const outcome = await latest;
    assert.ok(outcome.kind === 'done');
    assert.deepEqual(
      outcome.snapshot.statements.map((s) => s.value?.oneLine),
      ['1', '2'],
    );
    client.dispose();
  });

  test('a new worker starts from nothing; a failure forgets the document', async () => {
    const host = new ScriptedHost(true);
    const client = new EvaluationClient(host);
    const first = client.evaluate('a', 'x = 1', SETTINGS);
    host.last.events.message({
      type: 'result',
      id: host.last.evaluations()[0].id,
      documentKey: 'a',
      complete: true,
      milliseconds: 1,
      update: update([statement(0, '1')]),
    });
    assert.equal((await first).kind, 'done');
    const failing = client.evaluate('a', 'x = 1', SETTINGS);
    host.last.events.message({
      type: 'failure',
      id: host.last.evaluations()[1].id,
      documentKey: 'a',
      message: 'engine bug',
    });
    assert.equal((await failing).kind, 'crashed');
    // An update that refers to what the failure dropped cannot be applied: the engine restarts, never a wrong view.
    const next = client.evaluate('a', 'x = 1', SETTINGS);
    const stuckWorker = host.last;
    stuckWorker.events.message({
      type: 'result',
      id: stuckWorker.evaluations()[2].id,
      documentKey: 'a',
      complete: true,
      milliseconds: 1,
      update: update([{ kept: 0, lineDelta: 0 }]),
    });
    const outcome = await next;
    assert.ok(
      outcome.kind === 'crashed' && /refers to statement 0/.test(outcome.message),
      JSON.stringify(outcome),
    );
    assert.ok(stuckWorker.terminated);
    void client.evaluate('a', 'x = 1', SETTINGS);
    assert.notEqual(host.last, stuckWorker, 'the next request went to a new worker');
    client.dispose();
  });
});

// ---------------------------------------------------------------- real workers

/** Records every message a host's workers send, to see the progress messages. */
function spying<Req, Res>(host: WorkerHost<Req, Res>, seen: Res[]): WorkerHost<Req, Res> {
  return {
    sharedMemory: host.sharedMemory,
    start: (events, shared) =>
      host.start(
        {
          message: (m) => {
            seen.push(m);
            events.message(m);
          },
          exit: events.exit,
        },
        shared,
      ),
  };
}

describe('EvaluationClient with real workers', () => {
  // The worker as the build bundles it (dist/worker.js).
  const bundle = bundleWorker('src/worker/nodeWorker.ts', 'worker.js');
  const script = bundle.file;
  const clients: EvaluationClient[] = [];
  const client = (host: WorkerHost<WorkerRequest, WorkerResponse>) => {
    const made = new EvaluationClient(host);
    clients.push(made);
    return made;
  };
  after(() => {
    for (const made of clients) made.dispose();
    bundle.remove();
  });

  test('a Node worker thread with shared memory gives NumPy’s numbers', async () => {
    const outcome = await client(nodeWorkerHost(script)).evaluate('seed', SEED, SETTINGS);
    assert.equal(shown(outcome, 4), C);
  });

  test('answers that send only the changed statements rebuild what a fresh evaluation shows', async () => {
    const seen: WorkerResponse[] = [];
    const evaluations = client(spying(nodeWorkerHost<WorkerRequest, WorkerResponse>(script), seen));
    const texts = [SEED, `# a comment line\n${SEED}`, `${SEED.replace('[4, 2, 3]', '[4, 2, 5]')}c * 2\n`];
    for (const text of texts) {
      const outcome = await evaluations.evaluate('seed', text, SETTINGS);
      assert.ok(outcome.kind === 'done');
      assert.deepEqual(outcome.snapshot, snapshotOf(evaluateDocument(text)));
    }
    const updates = seen.flatMap((m) => (m.type === 'result' && m.update ? [m.update] : []));
    assert.equal(updates.length, 3);
    assert.ok(isSelfContained(updates[0]));
    assert.ok(
      updates[1].statements.every((entry) => 'kept' in entry),
      'a moved file sends no statement again',
    );
  });

  test('a Node worker thread without shared memory reports progress by message', async () => {
    const seen: WorkerResponse[] = [];
    const host = spying(
      { ...nodeWorkerHost<WorkerRequest, WorkerResponse>(script), sharedMemory: false },
      seen,
    );
    const evaluations = client(host);
    const stale = evaluations.evaluate('seed', 'x = 1', SETTINGS);
    const outcome = await evaluations.evaluate('seed', SEED, SETTINGS);
    assert.deepEqual(await stale, { kind: 'superseded' });
    assert.equal(shown(outcome, 4), C);
    const progress = seen.filter((m) => m.type === 'progress');
    assert.ok(progress.length > 0, 'the worker sent progress messages');
    assert.ok(
      progress.every((m) => m.type === 'progress' && m.started > 0 && m.statementIndex >= 0),
      JSON.stringify(progress),
    );
  });

  test('the host’s own thread gives the same numbers, and a request already stale there stops at once', async () => {
    const seen: WorkerResponse[] = [];
    const evaluations = client(spying(inProcessHost(evaluationWorkerMain), seen));
    const stale = evaluations.evaluate('seed', SEED.replace('c\n', 'c + 1\n'), SETTINGS);
    const outcome = await evaluations.evaluate('seed', SEED, SETTINGS);
    assert.deepEqual(await stale, { kind: 'superseded' });
    assert.equal(shown(outcome, 4), C);
    const results = seen.filter((m) => m.type === 'result');
    assert.deepEqual(
      results.map((m) => m.type === 'result' && m.complete),
      [false, true],
      'the stale request stopped before its first statement',
    );
    const [stopped] = results;
    assert.ok(stopped.type === 'result' && stopped.update === undefined);
  });
});

// ---------------------------------------------------------------- the web transport

/** A stand-in for the browser's Worker: records what it is given. */
class RecordingWorker {
  static made: RecordingWorker[] = [];
  readonly received: unknown[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  terminated = false;
  constructor(
    readonly url: string,
    readonly options?: { name?: string },
  ) {
    RecordingWorker.made.push(this);
  }
  postMessage(message: unknown): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('the web transport', () => {
  const global = globalThis as { Worker?: unknown };

  test('where no Web Worker can start, the fallback on the host’s thread evaluates', async () => {
    assert.equal(typeof global.Worker, 'undefined', 'Node has no Web Workers');
    const host = webWorkerHost<WorkerRequest, WorkerResponse>('data:text/javascript,', {
      name: 'test',
      fallback: inProcessHost(evaluationWorkerMain),
    });
    const evaluations = new EvaluationClient(host);
    const outcome = await evaluations.evaluate('seed', SEED, SETTINGS);
    evaluations.dispose();
    assert.equal(shown(outcome, 4), C);
  });

  test('without a fallback the request fails with the reason, never hangs', async () => {
    const host = webWorkerHost<WorkerRequest, WorkerResponse>('data:text/javascript,', { name: 'test' });
    const evaluations = new EvaluationClient(host);
    const outcome = await evaluations.evaluate('seed', SEED, SETTINGS);
    evaluations.dispose();
    assert.equal(outcome.kind, 'crashed');
    if (outcome.kind === 'crashed')
      assert.match(outcome.message, /could not start: this host has no Web Workers/);
  });

  test('the worker starts from a blob: URL with the start message first, then what waited', async () => {
    RecordingWorker.made = [];
    global.Worker = RecordingWorker;
    try {
      const host = webWorkerHost<WorkerRequest, WorkerResponse>('data:text/javascript,self.x=1', {
        name: 'evaluation',
      });
      const received: WorkerResponse[] = [];
      const exits: string[] = [];
      const handle = host.start({ message: (m) => received.push(m), exit: (r) => exits.push(r) }, undefined);
      handle.post({ type: 'forget', documentKey: 'a' });
      handle.post({ type: 'forget', documentKey: 'b' });
      const worker = await waitUntil(() => RecordingWorker.made[0]);
      assert.match(worker.url, /^blob:/);
      assert.equal(worker.options?.name, 'evaluation');
      assert.deepEqual(worker.received, [
        { type: 'start', shared: undefined } satisfies WorkerStart,
        { type: 'forget', documentKey: 'a' },
        { type: 'forget', documentKey: 'b' },
      ]);
      worker.onmessage?.({ data: { type: 'ready' } });
      assert.deepEqual(received, [{ type: 'ready' }]);
      worker.onerror?.({ message: 'boom' });
      assert.deepEqual(exits, ['boom']);
      assert.ok(worker.terminated, 'a worker with an uncaught error is ended');
    } finally {
      delete global.Worker;
    }
  });
});

/** Polls (no fixed sleep) until `get` returns something. */
async function waitUntil<T>(get: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
