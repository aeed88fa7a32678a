import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callContext } from '../../src/editor/callContext';
import { planFolds } from '../../src/editor/foldingPlan';
import { builtinHover, callHover, variableHover } from '../../src/editor/hoverText';
import { asComment, callKey, cut, inlineLines, valueSummary } from '../../src/editor/inlineText';
import { planLenses } from '../../src/editor/lensPlan';
import { evaluateDocument } from '../../src/engine/document';
import { parse } from '../../src/engine/parser';
import { LineIndex } from '../../src/engine/positions';
import { snapshotOf } from '../../src/engine/snapshot';

const SEED = `import numpy as np
a = np.array([[4, 2, 3],[2, 0, 1]])
b = np.transpose(a)
c = np.dot(a,b)
pinv_a = np.linalg.pinv(a)
np.random.seed(0)
x = dto(a)
`;

const snapshot = snapshotOf(evaluateDocument(SEED));

describe('inline results', () => {
  test('show the one-line NumPy form after each statement, errors as errors', () => {
    const lines = inlineLines(snapshot, { maxLength: 120 });
    assert.deepEqual(
      lines.map((l) => [l.line, l.text, l.kind]),
      [
        [1, '→ [[4 2 3] [2 0 1]]', 'value'],
        [2, '→ [[4 2] [2 0] [3 1]]', 'value'],
        [3, '→ [[29 11] [11  5]]', 'value'],
        [4, '→ [[-0.08333333  0.58333333] [ 0.41666667 -0.91666667] [ 0.16666667 -0.16666667]]', 'value'],
        [6, "→ NameError: name 'dto' is not defined. Did you mean: 'dot'?", 'error'],
      ],
    );
  });

  test('are cut with … past the configured length', () => {
    assert.equal(cut('abcdefghij', 5), 'abcd…');
    assert.equal(cut('abc', 5), 'abc');
    const lines = inlineLines(snapshot, { maxLength: 20 });
    assert.ok(lines.every((l) => l.text.length <= 20));
    assert.equal(lines[3].text, '→ [[-0.08333333  0.…');
  });

  test('inside a loop, a value cut to fit keeps its run count', () => {
    const loop = snapshotOf(
      evaluateDocument('import numpy as np\nfor i in range(3):\n    w = np.arange(40.0) * i\n'),
    );
    const [line] = inlineLines(loop, { maxLength: 60 }).filter((l) => l.line === 2);
    assert.equal(line.text.length, 60);
    assert.match(line.text, /^→ \[ 0\. {2}2\. {2}4\..*… {2}\(×3\)$/);
  });

  test('show only the statements run by hand when not live, plus revealed calls', () => {
    const call = snapshot.statements[3].calls[0];
    const lines = inlineLines(snapshot, {
      maxLength: 200,
      visible: new Set([1]),
      revealedCalls: new Set([callKey(call.span.start.line, call.span.start.character)]),
    });
    assert.deepEqual(
      lines.map((l) => l.text),
      ['→ [[4 2 3] [2 0 1]]', '→ np.dot(…) = [[29 11] [11  5]]'],
    );
  });

  test('summaries and comments', () => {
    assert.equal(valueSummary(snapshot.statements[3].value!), '2×2 int64');
    assert.equal(asComment('[[29 11]\n [11  5]]'), '# [[29 11]\n#  [11  5]]');
  });
});

describe('CodeLens plan', () => {
  test('one lens per product/inverse call, intermediates included, and cell lenses', () => {
    const text =
      '# %% Setup\na = eye(2)\nc = np.dot(a, pinv(a)) + a @ a\nd = a * 2\n# %% Next\nnet = train(a, a)\n';
    const plan = planLenses(text, parse(text));
    assert.deepEqual(
      plan.map((p) => (p.kind === 'cell' ? `cell:${p.title}` : `${p.name}:${p.label}`)),
      ['cell:Setup', 'dot:np.dot(a, pinv(a))', 'pinv:pinv(a)', '@:a @ a', 'cell:Next', 'train:train(a, a)'],
    );
  });
});

describe('hovers', () => {
  test('a variable shows its block form with shape and dtype', () => {
    const hover = variableHover(snapshot, { line: 3, character: 11 }, 'a', false);
    assert.match(hover!, /\*\*a\*\* — shape \(2, 3\) · int64/);
    assert.match(hover!, /\[\[4 2 3\]\n \[2 0 1\]\]/);
  });

  test('a call shows its own value', () => {
    const hover = callHover(snapshot, { line: 3, character: 8 }, 'dot');
    assert.match(hover!, /\[\[29 11\]\n \[11 {2}5\]\]/);
  });

  test('a built-in shows its signature and doc, the random ones the default seed', () => {
    assert.match(builtinHover('np.linalg.pinv')!, /np\.linalg\.pinv\(a, rcond=None\)/);
    assert.match(builtinHover('dot')!, /Dot product/);
    assert.match(builtinHover('np.random.uniform')!, /seed 0/);
    assert.equal(builtinHover('nothing_here'), undefined);
  });
});

describe('signature help context', () => {
  test('finds the innermost call and the argument being typed', () => {
    assert.deepEqual(callContext('c = np.dot(a, '), { callee: 'np.dot', argumentIndex: 1 });
    assert.deepEqual(callContext('np.sum(d, axis='), { callee: 'np.sum', argumentIndex: 1, keyword: 'axis' });
    assert.deepEqual(callContext('dot(pinv(a), [1, 2'), undefined);
    assert.deepEqual(callContext('dot(pinv(a), b'), { callee: 'dot', argumentIndex: 1 });
    assert.equal(callContext('x = 1'), undefined);
  });
});

describe('folding', () => {
  test('cells fold to the last non-blank line before the next marker; multi-line statements fold', () => {
    const text = '# %% One\na = [[1, 2],\n     [3, 4]]\n\n# %% Two\nb = 1\n\n';
    const folds = planFolds(text, parse(text), new LineIndex(text));
    assert.deepEqual(folds, [
      { start: 0, end: 2, region: true },
      { start: 4, end: 5, region: true },
      { start: 1, end: 2, region: false },
    ]);
  });
});
