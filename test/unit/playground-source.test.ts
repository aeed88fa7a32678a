import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { evaluateDocument } from '../../src/engine/document';
import { parse } from '../../src/engine/parser';
import { LegacyRandom } from '../../src/nn/random';
import { SEED_CONFIG } from '../../src/playground/defaults';
import { extractTrainRun } from '../../src/playground/extract';
import { playgroundLenses } from '../../src/playground/lens';
import type { ParamEdit } from '../../src/playground/protocol';
import { applyReplacement, numberSource, rewriteArgument } from '../../src/playground/rewrite';
import { createTrainer } from '../../src/webview/trainingLoop';

const SEED_MAT = readFileSync(new URL('../../examples/seed.mat', import.meta.url), 'utf8');

function rewrite(text: string, edit: ParamEdit, at = text.indexOf('train(')): string {
  const result = rewriteArgument(text, at, edit);
  if (!result.ok) assert.fail(result.message);
  return applyReplacement(text, result.replacement);
}

function extract(text: string, at = text.indexOf('train(')) {
  const { result } = extractTrainRun(text, at);
  if (!result.ok) assert.fail(result.message);
  return result;
}

describe('playgroundLenses', () => {
  test('gives one lens per train(...) call, nested calls too, none inside a def', () => {
    const text =
      'net = train(X, y)\nprint(train(X, y, lr=1).output)\ndef f(X): return train(X, X)\ntrained = 1\n';
    const lenses = playgroundLenses(text, parse(text));
    assert.deepEqual(
      lenses.map((l) => text.slice(l.range.start, l.range.end)),
      ['train(X, y)', 'train(X, y, lr=1)'],
    );
    assert.deepEqual(
      lenses.map((l) => l.offset),
      lenses.map((l) => l.range.start),
    );
  });

  test('finds the seed file’s two calls', () => {
    const lenses = playgroundLenses(SEED_MAT, parse(SEED_MAT));
    assert.equal(lenses.length, 2);
    assert.ok(SEED_MAT.slice(lenses[1].range.start, lenses[1].range.end).endsWith('seed=0)'));
  });
});

describe('rewriteArgument', () => {
  const line = 'net = train(X, y, hidden=3, lr=0.1, epochs=5000)  # keep me\nnext = 1\n';

  test('replaces an existing keyword argument, and nothing else', () => {
    assert.equal(
      rewrite(line, { param: 'lr', value: 0.5 }),
      'net = train(X, y, hidden=3, lr=0.5, epochs=5000)  # keep me\nnext = 1\n',
    );
    assert.equal(rewrite(line, { param: 'hidden', value: 12 }), line.replace('hidden=3', 'hidden=12'));
    assert.equal(rewrite(line, { param: 'epochs', value: 200 }), line.replace('5000', '200'));
  });

  test('writes a learning rate as a float, as Python would', () => {
    assert.equal(rewrite(line, { param: 'lr', value: 2 }), line.replace('lr=0.1', 'lr=2.0'));
    assert.equal(rewrite(line, { param: 'lr', value: 1e-7 }), line.replace('lr=0.1', 'lr=1e-7'));
    assert.equal(numberSource(1e21), '1e21');
  });

  test('adds a missing keyword before the closing parenthesis', () => {
    assert.equal(
      rewrite(line, { param: 'seed', value: 7 }),
      line.replace('epochs=5000)', 'epochs=5000, seed=7)'),
    );
    assert.equal(rewrite('train(X, y)', { param: 'lr', value: 0.3 }), 'train(X, y, lr=0.3)');
    assert.equal(rewrite('train(X, y,)', { param: 'lr', value: 0.3 }), 'train(X, y, lr=0.3)');
    assert.equal(rewrite('train()', { param: 'epochs', value: 9 }), 'train(epochs=9)');
    assert.equal(
      rewrite('train(X, y  # data, labels\n)', { param: 'lr', value: 1 }),
      'train(X, y, lr=1.0  # data, labels\n)',
    );
  });

  test('keeps a one-argument-per-line layout', () => {
    const text = 'net = train(\n    X,\n    y,\n)\n';
    assert.equal(
      rewrite(text, { param: 'hidden', value: 4 }),
      'net = train(\n    X,\n    y,\n    hidden=4,\n)\n',
    );
    const crlf = 'net = train(\r\n    X,\r\n    y,\r\n)\r\n';
    assert.equal(
      rewrite(crlf, { param: 'hidden', value: 4 }),
      'net = train(\r\n    X,\r\n    y,\r\n    hidden=4,\r\n)\r\n',
    );
  });

  test('replaces positional arguments in place', () => {
    assert.equal(rewrite('train(X, y, 3, 0.1)', { param: 'lr', value: 0.2 }), 'train(X, y, 3, 0.2)');
    assert.equal(rewrite('train(X, y, 3, 0.1)', { param: 'hidden', value: 5 }), 'train(X, y, 5, 0.1)');
  });

  test('writes X and y as list literals, keeping an np.array(...) around them', () => {
    const X = [
      [0, 1],
      [1, 0.5],
    ];
    assert.equal(rewrite('train(X, y)', { param: 'X', value: X }), 'train([[0, 1], [1, 0.5]], y)');
    assert.equal(
      rewrite('train(np.array([[1, 2]], dtype=float), y)', { param: 'X', value: X }),
      'train(np.array([[0, 1], [1, 0.5]], dtype=float), y)',
    );
    assert.equal(rewrite('train(X, y=[[1]])', { param: 'y', value: [[0], [1]] }), 'train(X, y=[[0], [1]])');
  });

  test('seed None: replaces the argument, or needs no edit when it is absent', () => {
    assert.equal(rewrite('train(X, y, seed=3)', { param: 'seed', value: null }), 'train(X, y, seed=None)');
    const result = rewriteArgument('train(X, y)', 0, { param: 'seed', value: null });
    assert.deepEqual(result, { ok: true, replacement: null });
  });

  test('makes no edit when the source already says it', () => {
    assert.deepEqual(rewriteArgument(line, line.indexOf('train('), { param: 'lr', value: 0.1 }), {
      ok: true,
      replacement: null,
    });
  });

  test('is refused when the call is no longer at that offset', () => {
    const result = rewriteArgument('net = trainer(X, y)', 6, { param: 'lr', value: 0.5 });
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.message, /no longer where it was/);
    assert.equal(rewriteArgument(line, 3, { param: 'lr', value: 0.5 }).ok, false);
  });

  test('touches only one argument in a multi-call file (the rest byte-identical)', () => {
    const second = SEED_MAT.lastIndexOf('train(');
    const out = rewrite(SEED_MAT, { param: 'lr', value: 0.25 }, second);
    const changedAt = [...SEED_MAT].findIndex((ch, i) => out[i] !== ch);
    assert.equal(out.slice(0, changedAt), SEED_MAT.slice(0, changedAt));
    assert.equal(out.slice(changedAt + 4), SEED_MAT.slice(changedAt + 3));
    assert.equal(
      out.slice(second, out.indexOf(')', second) + 1),
      'train(X, y, hidden=3, lr=0.25, epochs=5000, seed=0)',
    );
  });
});

describe('extractTrainRun', () => {
  test('reads names from the file: the seed notebook’s X and y', () => {
    const first = extract(SEED_MAT);
    assert.deepEqual(first.source.config, SEED_CONFIG);
    assert.equal(first.line, SEED_MAT.slice(0, SEED_MAT.indexOf('train(')).split('\n').length - 1);
    const second = extract(SEED_MAT, SEED_MAT.lastIndexOf('train('));
    assert.deepEqual(second.source.config, { ...SEED_CONFIG, seed: 0 });
    assert.equal(second.source.rng, null);
  });

  test('with seed=None keeps the generator where the file’s train(...) draws, so the weights agree', () => {
    const { source } = extract(SEED_MAT);
    assert.ok(source.rng);
    // Four uniform draws happened before the call: the state is not a fresh seed-0 one.
    assert.notDeepEqual(source.rng.key, Array.from(LegacyRandom.fromSeed(0).getState().key));
    const start = SEED_MAT.indexOf('train(');
    const upTo = `${SEED_MAT.slice(0, SEED_MAT.indexOf('\n', start))}\nnet.wh\n`;
    const evaluation = evaluateDocument(upTo);
    const last = evaluation.statements[evaluation.statements.length - 1].outcome;
    assert.equal(last.kind, 'value');
    const trainer = createTrainer(source);
    trainer.step(source.config.epochs);
    if (last.kind === 'value' && 'data' in last.value) {
      assert.deepEqual(Array.from(trainer.wh.data), Array.from(last.value.data));
    } else assert.fail('net.wh is not an array');
  });

  test('reads literals and expressions, defaults for what is missing or None', () => {
    const text =
      'import numpy as np\nh = 2\nnet = train(np.array([[0, 1], [1, 1]]), [[1], [0]], hidden=h * 2, lr=1e-2, epochs=None, seed=5)\n';
    const { source } = extract(text);
    assert.deepEqual(source.config, {
      X: [
        [0, 1],
        [1, 1],
      ],
      y: [[1], [0]],
      hidden: 4,
      lr: 0.01,
      epochs: 5000,
      seed: 5,
    });
  });

  test('clamps out-of-range values with a note', () => {
    const result = extract('train([[1]], [[0]], lr=1e6, epochs=5000000)');
    assert.equal(result.source.config.lr, 100);
    assert.equal(result.source.config.epochs, 1_000_000);
    assert.deepEqual(result.notes, [
      'lr=1000000 is above 100: using 100',
      'epochs=5000000 is above 1000000: using 1000000',
    ]);
  });

  test('says why a call cannot be read', () => {
    const message = (text: string, at = text.indexOf('train(')) => {
      const { result } = extractTrainRun(text, at);
      assert.equal(result.ok, false);
      return result.ok ? '' : result.message;
    };
    assert.match(message('x = 1\ntrain(Z, [[1]])'), /^line 2: X: .*'Z'/);
    assert.match(message('train([1, 2], [[1], [0]])'), /needs X as a 2-D array/);
    assert.match(message('train([[1]], [[1]], momentum=0.9)'), /unexpected keyword argument 'momentum'/);
    assert.match(message('train([[1]])'), /missing y/);
    assert.match(message('train([[1]], [[1], [0]])'), /one row per row of X/);
    assert.match(message('train([[1]], [[1]], lr=-1)'), /lr must be greater than 0/);
    assert.match(
      message('import numpy as np\ntrain(np.zeros((300, 2)), np.zeros((300, 1)))'),
      /300×2; the playground takes at most 200×64/,
    );
    assert.match(message('net = train(X, y)', 2), /no train\(\.\.\.\) call at this place/);
  });

  test('reuses an earlier evaluation of the same document', () => {
    const text = 'X = [[1, 0]]\ny = [[1]]\nnet = train(X, y, lr=0.5)\n';
    const first = extractTrainRun(text, text.indexOf('train('));
    const edited = text.replace('lr=0.5', 'lr=0.25');
    const second = extractTrainRun(edited, edited.indexOf('train('), first.evaluation);
    assert.ok(second.evaluation?.statements.every((s) => s.reused));
    assert.equal(second.result.ok && second.result.source.config.lr, 0.25);
  });
});
