import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateDocument, notAScriptReason } from '../../src/engine/document';
import { evaluateToJson } from '../../src/engine/json';
import { applyUpdate, isSelfContained, snapshotOf } from '../../src/engine/snapshot';
import { EvaluationService } from '../../src/worker/evaluationService';
import { assertPrototypesUnchanged, prototypeSnapshot } from './property-helpers';

const SEED = `import numpy as np
a = np.array([[4, 2, 3],[2, 0, 1]])
b = np.transpose(a)
c = np.dot(a,b)
print(c)
`;

describe('evaluateDocument', () => {
  test('gives every statement its range, value or error', () => {
    const evaluation = evaluateDocument(`${SEED}d = np.dot(a, a)\ne = c + 1\n`);
    assert.equal(evaluation.statements.length, 7);
    const failed = evaluation.statements[5].outcome;
    assert.equal(failed.kind, 'error');
    if (failed.kind === 'error') {
      assert.equal(failed.message, 'shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)');
      assert.equal(evaluation.text.slice(failed.range.start, failed.range.end), 'np.dot(a, a)');
    }
    // A statement that does not depend on the failed one still runs.
    assert.equal(evaluation.statements[6].outcome.kind, 'value');
  });

  test('reuses the unchanged statements above an edit', () => {
    const first = evaluateDocument(`${SEED}x = c * 2\n`);
    const second = evaluateDocument(`${SEED}x = c * 3\n`, { previous: first });
    assert.deepEqual(
      second.statements.map((s) => s.reused),
      [true, true, true, true, true, false],
    );
    const edited = evaluateDocument(`${SEED.replace('[4, 2, 3]', '[4, 2, 5]')}x = c * 3\n`, {
      previous: second,
    });
    assert.deepEqual(
      edited.statements.map((s) => s.reused),
      [true, false, false, false, false, false],
    );
    const json = evaluateToJson(SEED.replace('[4, 2, 3]', '[4, 2, 5]'));
    assert.equal(json[3].text, '[[45 13]\n [13  5]]');
  });

  test('a reused prefix keeps its random generator state', () => {
    const text = 'np.random.seed(3)\nu = np.random.uniform(size=2)\nv = np.random.uniform(size=2)\n';
    // The first run drew more after the prefix; the edited statement must see the generator
    // where v left it, not where the last run left it.
    const first = evaluateDocument(`${text}x = np.random.uniform(size=5)\n`);
    const edited = `${text}w = np.random.uniform(size=2)\n`;
    const second = evaluateDocument(edited, { previous: first });
    const fresh = evaluateDocument(edited);
    const value = (e: typeof first, i: number) => snapshotOf(e).statements[i].value?.block;
    assert.equal(second.statements[1].outcome, first.statements[1].outcome, 'the prefix was reused');
    assert.equal(value(second, 3), value(fresh, 3));
    assert.notEqual(value(second, 3), value(second, 2));
  });

  test('stops between statements when cancelled', () => {
    let calls = 0;
    const evaluation = evaluateDocument(SEED, { isCancelled: () => ++calls > 2 });
    assert.equal(evaluation.statements.length, 2);
  });

  test('refuses binary files', () => {
    assert.match(notAScriptReason('MATLAB 5.0 MAT-file, Platform: x')!, /MATLAB binary/);
    assert.match(notAScriptReason('a = 1\0\0')!, /NUL/);
    assert.equal(notAScriptReason('a = 1'), undefined);
    const evaluation = evaluateDocument('MATLAB 5.0 MAT-file\0\0\0');
    assert.equal(evaluation.statements.length, 0);
    assert.ok(evaluation.notAScript);
  });

  test('limits stop a statement with an error naming the setting', () => {
    const evaluation = evaluateDocument('a = zeros((100000, 100000))\nb = 1\n', {
      limits: { maxElements: 1_000_000, maxMilliseconds: 5000 },
    });
    const outcome = evaluation.statements[0].outcome;
    assert.equal(outcome.kind, 'error');
    if (outcome.kind === 'error') {
      assert.equal(outcome.pythonType, 'LimitError');
      assert.match(outcome.message, /matrixPlayground\.limits\.maxElements/);
    }
    assert.equal(evaluation.statements[1].outcome.kind, 'value');
  });

  test('a time limit stops a long statement', () => {
    const evaluation = evaluateDocument('x = train(eye(4), ones((4, 1)), epochs=100000000)\n', {
      limits: { maxElements: 1e9, maxMilliseconds: 200 },
    });
    const outcome = evaluation.statements[0].outcome;
    assert.equal(outcome.kind, 'error');
    if (outcome.kind === 'error') assert.match(outcome.message, /time limit/);
  });
});

describe('language details the corpus does not cover', () => {
  const run = (text: string) => evaluateToJson(text);

  test("a misspelt name: Python's NameError, and the editor adds Python's hint", () => {
    const [, record] = run('a = 1\ndto(a, a)\n');
    assert.equal(record.error?.message, "name 'dto' is not defined");
    const shown = snapshotOf(evaluateDocument('a = 1\ndto(a, a)\n')).statements[1].error?.message;
    assert.equal(shown, "name 'dto' is not defined. Did you mean: 'dot'?");
  });

  test('an error deep in a chain of calls says where the chain started', () => {
    const text = 'h = lambda x: k(x)\nk = lambda x: h(x)\nh(1)\n';
    const error = snapshotOf(evaluateDocument(text)).statements[2].error;
    assert.equal(error?.type, 'RecursionError');
    const context = error?.context ?? [];
    assert.ok(context.length <= 8, `${context.length} entries`);
    assert.match(context[0], /^in <lambda>\(\) called on line [12]$/);
    assert.match(context[context.length - 1], /^… \d+ more, in <lambda>\(\) called on line 3$/);
  });

  test('an error in a function a built-in calls back says which call it came through', () => {
    const text = 'import numpy as np\ndef f(v, w, i, k):\n    v[:w[0]] = zz\nnp.pad(np.arange(3), 2, f)\n';
    const error = snapshotOf(evaluateDocument(text)).statements[2].error;
    assert.equal(error?.message, "name 'zz' is not defined");
    assert.deepEqual(error?.context, ['in f() called on line 4']);
  });

  test('a Python int past 2**53 shows exactly in the editor', () => {
    const statements = snapshotOf(evaluateDocument('10 ** 30\n-(2 ** 64) + 1\n')).statements;
    assert.equal(statements[0].value?.block, `1${'0'.repeat(30)}`);
    assert.equal(statements[0].value?.oneLine, `1${'0'.repeat(30)}`);
    assert.equal(statements[1].value?.block, '-18446744073709551615');
  });

  test('assigning into an array rebinds a copy', () => {
    const records = run('a = zeros((2, 2), dtype=int)\na[0, 1] = 5\na\n');
    assert.equal(records[2].text, '[[0 5]\n [0 0]]');
  });

  test('recursion is stopped, not a crash', () => {
    const records = run('f = lambda x: f(x)\nf(1)\n');
    assert.equal(records[1].error?.type, 'RecursionError');
  });

  test('nothing reaches JavaScript prototypes', () => {
    const before = prototypeSnapshot();
    const records = run('__proto__ = 1\nconstructor\na = array([1]).constructor\nnp.__proto__\n');
    assert.equal(records[0].text, '1');
    assert.equal(records[1].error?.message, "name 'constructor' is not defined");
    assert.equal(records[2].error?.type, 'AttributeError');
    assert.equal(records[3].error?.type, 'AttributeError');
    assertPrototypesUnchanged(before);
  });

  test('train returns a record whose fields are arrays', () => {
    const records = run(
      'X = array([[1,0,1,0],[1,0,1,1],[0,1,0,1]])\ny = array([[1],[1],[0]])\nnet = train(X, y, epochs=10, seed=0)\nnet.loss.shape\nnet.wh.shape\n',
    );
    assert.equal(records[3].text, '(10,)');
    assert.equal(records[4].text, '(4, 3)');
    assert.match(records[2].text ?? '', /^TrainResult\(/);
  });
});

describe('EvaluationService (the worker logic)', () => {
  test('answers with a snapshot, reusing the previous evaluation', () => {
    const service = new EvaluationService(() => 0);
    const settings = { limits: { maxElements: 1e7, maxMilliseconds: 1000 }, print: {} };
    const first = service.handle({ type: 'evaluate', id: 1, documentKey: 'a', text: SEED, settings });
    assert.equal(first?.type, 'result');
    assert.ok(first?.type === 'result' && first.complete && first.update);
    const snapshot = applyUpdate(undefined, first.update);
    assert.equal(snapshot.statements[3].value?.oneLine, '[[29 11] [11  5]]');
    assert.deepEqual(
      snapshot.statements[3].bindings.map((b) => b.name),
      ['c'],
    );
    // An edit on the last line: the answer carries that statement alone, the rest are references.
    const second = service.handle({
      type: 'evaluate',
      id: 2,
      documentKey: 'a',
      text: `${SEED}c\n`,
      settings,
    });
    assert.ok(second?.type === 'result' && second.update);
    assert.deepEqual(
      second.update.statements.map((entry) => 'kept' in entry),
      [true, true, true, true, true, false],
    );
    assert.equal(applyUpdate(snapshot, second.update).statements[5].value?.oneLine, '[[29 11] [11  5]]');
    // Forgetting the document: the next answer needs no earlier snapshot.
    service.handle({ type: 'forget', documentKey: 'a' });
    const third = service.handle({ type: 'evaluate', id: 3, documentKey: 'a', text: SEED, settings });
    assert.ok(third?.type === 'result' && third.update && isSelfContained(third.update));
  });

  test('stops early when a newer request is waiting', () => {
    let latest = 1;
    const service = new EvaluationService(() => latest);
    latest = 2;
    const response = service.handle({
      type: 'evaluate',
      id: 1,
      documentKey: 'a',
      text: SEED,
      settings: { limits: { maxElements: 1e7, maxMilliseconds: 1000 }, print: {} },
    });
    assert.equal(response?.type === 'result' && response.complete, false);
  });
});
