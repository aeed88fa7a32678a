/**
 * A worker that dies on a statement (out of memory, stuck): the statements
 * before it keep their results and the crashed one is placed at the range
 * the worker parsed, with no parse on the host. The worker's side (a
 * `stopBefore` request), then the client against the real worker logic on
 * the host's thread, made to die on a statement, with and without shared
 * memory, then a scripted worker for what only it can show.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Crash, ENGINE_STOPPED, EvaluationClient } from '../../src/editor/evaluationClient';
import { inProcessHost, type WorkerHost } from '../../src/editor/workerTransport';
import { evaluateDocument } from '../../src/engine/document';
import { isSelfContained, snapshotOf } from '../../src/engine/snapshot';
import { EvaluationService } from '../../src/worker/evaluationService';
import {
  type EngineSettings,
  type EvaluateRequest,
  SharedCell,
  type WorkerRequest,
  type WorkerResponse,
} from '../../src/worker/protocol';
import { evaluationWorkerMain } from '../../src/worker/serve';
import { ScriptedHost } from './scripted-worker';

const SETTINGS: EngineSettings = { limits: { maxElements: 1_000_000, maxMilliseconds: 5_000 }, print: {} };
/** Statement 2 (`b * 10`) is the one the worker dies on; comments and a two-line statement move the ranges. */
const TEXT = 'a = 1\n# a comment\n\nb = a + 1\nb * 10\n  # indented\nc = [b,\n     b]\nd = c\n';
const CRASHED = 2;
const OUT_OF_MEMORY = 'the evaluation ran out of memory and was stopped (the engine restarted)';
const fresh = (text: string) => snapshotOf(evaluateDocument(text));

describe('a stopBefore request in the worker', () => {
  test('runs only the statements before it, all afresh, and gives that statement’s range', () => {
    const service = new EvaluationService(() => 0);
    const request = { type: 'evaluate', documentKey: 'a', text: TEXT, settings: SETTINGS } as const;
    // A complete evaluation first: a stopBefore request must not reuse it, or it could not count statements.
    assert.equal(service.handle({ ...request, id: 1 })?.type, 'result');
    const response = service.handle({ ...request, id: 2, stopBefore: CRASHED });
    assert.ok(response?.type === 'result' && response.complete && response.update);
    assert.ok(isSelfContained(response.update), 'every statement ran again');
    assert.deepEqual(response.update.statements, fresh(TEXT).statements.slice(0, CRASHED));
    assert.deepEqual(response.stoppedBefore, fresh(TEXT).statements[CRASHED].span);
  });
});

/**
 * The real worker logic on the host's thread, which dies on statement
 * `dieOn(request)` of a request (undefined: it does not), after reporting
 * it as a dying worker would have: in the shared cells, or by a progress
 * message. Records every answer the live workers send.
 */
function dyingHost(
  sharedMemory: boolean,
  dieOn: (request: EvaluateRequest) => number | undefined,
): WorkerHost<WorkerRequest, WorkerResponse> & { readonly answers: WorkerResponse[] } {
  const inner = inProcessHost(evaluationWorkerMain);
  const answers: WorkerResponse[] = [];
  return {
    sharedMemory,
    answers,
    start(events, shared) {
      const record = (message: WorkerResponse) => {
        answers.push(message);
        events.message(message);
      };
      const handle = inner.start({ message: record, exit: events.exit }, shared);
      let dead = false;
      return {
        post: (message) => {
          if (dead) return;
          const statement = message.type === 'evaluate' ? dieOn(message) : undefined;
          if (message.type !== 'evaluate' || statement === undefined) return handle.post(message);
          dead = true;
          handle.terminate();
          const { id } = message;
          if (shared) {
            Atomics.store(shared, SharedCell.request, id);
            Atomics.store(shared, SharedCell.statement, statement);
          } else events.message({ type: 'progress', id, statementIndex: statement, started: statement + 1 });
          setTimeout(() =>
            events.exit('Worker terminated due to reaching memory limit: JS heap out of memory'),
          );
        },
        terminate: () => handle.terminate(),
      };
    },
  };
}

/** Dies on statement 2 of TEXT, unless the request stops before it. */
const diesOnCrashed = (request: EvaluateRequest) =>
  request.text === TEXT && request.stopBefore === undefined ? CRASHED : undefined;

for (const sharedMemory of [true, false]) {
  describe(`a worker that dies on a statement (${sharedMemory ? 'shared memory' : 'messages only'})`, () => {
    test('keeps the results before it and shows the crash at the statement’s range', async () => {
      const client = new EvaluationClient(dyingHost(sharedMemory, diesOnCrashed));
      const crash = await client.evaluate('a', TEXT, SETTINGS);
      assert.deepEqual(crash, { kind: 'crashed', message: OUT_OF_MEMORY, statementIndex: CRASHED });
      const outcome = await client.recover('a', TEXT, SETTINGS, crash as Crash);
      assert.ok(outcome.kind === 'crashed' && outcome.snapshot, JSON.stringify(outcome));
      const expected = fresh(TEXT).statements;
      assert.deepEqual(outcome.snapshot.statements, [
        ...expected.slice(0, CRASHED),
        {
          span: expected[CRASHED].span,
          error: { message: OUT_OF_MEMORY, type: ENGINE_STOPPED, span: expected[CRASHED].span },
          calls: [],
          bindings: [],
        },
      ]);
      assert.deepEqual(outcome.snapshot.variables, ['a', 'b'], 'the variables the statements before bound');
      client.dispose();
    });

    test('the statements before the crash are the base of the next evaluation', async () => {
      const host = dyingHost(sharedMemory, diesOnCrashed);
      const client = new EvaluationClient(host);
      const crash = await client.evaluate('a', TEXT, SETTINGS);
      await client.recover('a', TEXT, SETTINGS, crash as Crash);
      const fixed = TEXT.replace('b * 10', 'b * 2');
      const outcome = await client.evaluate('a', fixed, SETTINGS);
      assert.ok(outcome.kind === 'done');
      assert.deepEqual(outcome.snapshot, fresh(fixed));
      const last = host.answers.at(-1);
      assert.ok(last?.type === 'result' && last.update);
      assert.deepEqual(
        last.update.statements.slice(0, CRASHED),
        [
          { kept: 0, lineDelta: 0 },
          { kept: 1, lineDelta: 0 },
        ],
        'the statements before the crash were not sent again',
      );
      client.dispose();
    });

    test('a worker that dies again leaves the crash as it was', async () => {
      const client = new EvaluationClient(
        dyingHost(sharedMemory, (request) => request.stopBefore ?? CRASHED),
      );
      const crash = (await client.evaluate('a', TEXT, SETTINGS)) as Crash;
      assert.equal(await client.recover('a', TEXT, SETTINGS, crash), crash);
      client.dispose();
    });
  });
}

// ---------------------------------------------------------------- a scripted worker

describe('crash recovery against a scripted worker', () => {
  const crash: Crash = { kind: 'crashed', message: 'OOM!', statementIndex: 1 };

  test('the crashed statement is placed where the worker says: the host parses nothing', async () => {
    const host = new ScriptedHost(true);
    const client = new EvaluationClient(host);
    // Text the host could not parse into these ranges: only the worker's answer can place the crash.
    const recovering = client.recover('a', 'any text', SETTINGS, crash);
    const [request] = host.last.evaluations();
    assert.equal(request.stopBefore, 1);
    const span = { start: { line: 7, character: 2 }, end: { line: 9, character: 4 } };
    const first = {
      span: { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } },
      calls: [],
      bindings: [],
    };
    host.last.events.message({
      type: 'result',
      id: request.id,
      documentKey: 'a',
      complete: true,
      update: { statements: [first], cells: [], variables: [] },
      milliseconds: 1,
      stoppedBefore: span,
    });
    const outcome = await recovering;
    assert.ok(outcome.kind === 'crashed' && outcome.snapshot);
    assert.deepEqual(outcome.snapshot.statements, [
      first,
      { span, error: { message: 'OOM!', type: ENGINE_STOPPED, span }, calls: [], bindings: [] },
    ]);
    client.dispose();
  });

  test('a newer request for the document supersedes the recovery', async () => {
    const client = new EvaluationClient(new ScriptedHost(false));
    const recovering = client.recover('a', 'x = 1\ny = 2', SETTINGS, crash);
    void client.evaluate('a', 'x = 1\ny = 3', SETTINGS);
    assert.deepEqual(await recovering, { kind: 'superseded' });
    client.dispose();
  });

  test('an unknown statement is not recovered: nothing is sent', async () => {
    const host = new ScriptedHost(true);
    const client = new EvaluationClient(host);
    const unknown: Crash = { ...crash, statementIndex: -1 };
    assert.equal(await client.recover('a', 'x = 1', SETTINGS, unknown), unknown);
    assert.equal(host.workers.length, 0);
    client.dispose();
  });

  test('with shared memory, a request still waiting in the dead worker is not blamed for the running one', async () => {
    const host = new ScriptedHost(true);
    const client = new EvaluationClient(host, { texts: { outOfMemory: () => 'OOM!' } });
    const running = client.evaluate('a', 'x = 1\ny = 2\nz = 3', SETTINGS);
    const waiting = client.evaluate('b', 'w = 1', SETTINGS);
    const { shared, events } = host.last;
    const evaluations = host.last.evaluations();
    assert.ok(shared);
    Atomics.store(shared, SharedCell.request, evaluations[0].id);
    Atomics.store(shared, SharedCell.statement, 2);
    events.exit('JS heap out of memory');
    assert.deepEqual(await running, { kind: 'crashed', message: 'OOM!', statementIndex: 2 });
    assert.deepEqual(await waiting, { kind: 'crashed', message: 'OOM!', statementIndex: -1 });
    client.dispose();
  });
});
