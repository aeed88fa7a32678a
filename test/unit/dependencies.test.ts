/**
 * Re-evaluation after an edit runs only the edited statements and what
 * depends on them (names read, the random generator), and always gives
 * what evaluating the edited text from scratch gives.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type DocumentEvaluation, evaluateDocument } from '../../src/engine/document';
import { useClock } from '../../src/engine/limits';
import { applyUpdate, isSelfContained, snapshotOf, snapshotUpdate } from '../../src/engine/snapshot';
import { FC_SEED, mutate, mutation, SMALL_LIMITS, sourceFiles } from './property-helpers';

/** Which statements ran (false) or were reused (true), one letter each: `r` ran, `.` reused. */
function ran(evaluation: DocumentEvaluation): string {
  return evaluation.statements.map((s) => (s.reused ? '.' : 'r')).join('');
}

function edit(before: string, after: string): { first: DocumentEvaluation; second: DocumentEvaluation } {
  const first = evaluateDocument(before);
  return { first, second: evaluateDocument(after, { previous: first }) };
}

function assertSameAsFresh(evaluation: DocumentEvaluation): void {
  const fresh = evaluateDocument(evaluation.text, { limits: evaluation.limits });
  assert.deepEqual(snapshotOf(evaluation), snapshotOf(fresh));
}

const BLOCKS = `a = np.array([[1.0, 2.0], [3.0, 4.0]])
b = a @ a
c = b.sum()
x = np.arange(4)
y = x * 2
z = y.max()
`;

describe('re-evaluation after an edit', () => {
  test('an edit on the first line re-runs only the statements that read what it bound', () => {
    const { second } = edit(BLOCKS, BLOCKS.replace('1.0, 2.0', '1.5, 2.0'));
    assert.equal(ran(second), 'rrr...');
    assert.equal(snapshotOf(second).statements[2].value?.oneLine, '57.75');
    assertSameAsFresh(second);
  });

  test('statements below an edit keep their results but move with it', () => {
    const { second } = edit(BLOCKS, `# a new first line\n\n${BLOCKS.replace('x * 2', 'x  *  2')}`);
    assert.equal(ran(second), '....rr');
    const shown = snapshotOf(second).statements;
    assert.deepEqual(shown[5].span, { start: { line: 7, character: 0 }, end: { line: 7, character: 11 } });
    assertSameAsFresh(second);
  });

  test('an error keeps its range when the statement moves', () => {
    const text = 'a = np.ones(3)\nb = np.dot(a, np.ones(2))\n';
    const { second } = edit(text, `a = np.ones(3)   \n\n${text.split('\n')[1]}\n`);
    assert.equal(ran(second), '..');
    const error = snapshotOf(second).statements[1].error;
    assert.equal(error?.type, 'ValueError');
    assert.deepEqual(error?.span.start, { line: 2, character: 4 });
    assertSameAsFresh(second);
  });

  test('inserting and deleting statements re-runs what reads the names involved', () => {
    const inserted = edit(BLOCKS, BLOCKS.replace('x = np.arange(4)\n', 'x = np.arange(4)\nx = x + 1\n'));
    assert.equal(ran(inserted.second), '....rrr');
    assertSameAsFresh(inserted.second);
    const deleted = edit(BLOCKS, BLOCKS.replace('b = a @ a\n', ''));
    assert.equal(ran(deleted.second), '.r...');
    assert.equal(snapshotOf(deleted.second).statements[1].error?.type, 'NameError');
    assertSameAsFresh(deleted.second);
  });

  test('a name defined above a statement that failed to find it makes it run again', () => {
    const text = 'a = 1\nq = k + 1\n';
    const { first, second } = edit(text, `k = 41\n${text}`);
    assert.equal(snapshotOf(first).statements[1].error?.type, 'NameError');
    assert.equal(ran(second), 'r.r');
    assert.equal(snapshotOf(second).statements[2].value?.oneLine, '42');
  });

  test('a call reads the globals the function body reads', () => {
    const text = 'k = 1\ndef f(v):\n    return v + k\ny = f(1)\nw = 5\n';
    const { second } = edit(text, text.replace('k = 1', 'k = 2'));
    assert.equal(ran(second), 'r.r.');
    assert.equal(snapshotOf(second).statements[2].value?.oneLine, '3');
  });

  test('statements that draw random numbers depend on the generator', () => {
    const text = 'np.random.seed(1)\nu = np.random.rand(2)\nk = 3\nv = np.random.rand(2)\nw = k + 1\n';
    const reseeded = edit(text, text.replace('seed(1)', 'seed(2)'));
    assert.equal(ran(reseeded.second), 'rr.r.');
    assertSameAsFresh(reseeded.second);
    // An edit that draws nothing leaves the draws below alone.
    const unrelated = edit(text, text.replace('k = 3', 'k = 4'));
    assert.equal(ran(unrelated.second), '..r.r');
    assertSameAsFresh(unrelated.second);
    // One more draw above shifts every later draw.
    const extra = edit(text, text.replace('k = 3', 'k = np.random.rand()'));
    assert.equal(ran(extra.second), '..rrr');
    assertSameAsFresh(extra.second);
  });

  test('a "did you mean" hint lists every name, so it depends on all of them', () => {
    const text = 'def alpha(v):\n    return v\nbeta = 2\nalpah(1)\n';
    const { second } = edit(text, text.replace('beta = 2', 'alpaha = 2'));
    assert.equal(ran(second), '.rr');
    assert.match(snapshotOf(second).statements[2].error?.message ?? '', /Did you mean: 'alpaha'/);
    assertSameAsFresh(second);
  });

  test('the update after a keystroke sends only the statements it changed', () => {
    const before = evaluateDocument(BLOCKS);
    const base = { evaluation: before, snapshot: snapshotOf(before), print: {} };
    assert.ok(isSelfContained(snapshotUpdate(before).update));
    const after = evaluateDocument(`# moved\n${BLOCKS.replace('1.0, 2.0', '1.5, 2.0')}`, {
      previous: before,
    });
    const { snapshot, update } = snapshotUpdate(after, {}, base);
    assert.deepEqual(
      update.statements.map((entry) => ('kept' in entry ? `kept ${entry.kept} +${entry.lineDelta}` : 'new')),
      ['new', 'new', 'new', 'kept 3 +1', 'kept 4 +1', 'kept 5 +1'],
    );
    assert.deepEqual(applyUpdate(base.snapshot, update), snapshot);
    assert.deepEqual(snapshot, snapshotOf(evaluateDocument(after.text)));
    // Other print options format every value again.
    const reprinted = snapshotUpdate(after, { precision: 3 }, base).update;
    assert.ok(isSelfContained(reprinted));
    assert.throws(() => applyUpdate(undefined, update), /refers to statement 3/);
  });

  test("a lambda kept from before an edit: its body's calls are not the calling statement's", () => {
    // The kept lambda's nodes keep the earlier text's ranges; after the first line shrinks,
    // `abs(v)`'s old range lies inside `y = f(-2) + x0`, which must not list it as its call.
    const text = 'x0 = 100000000\nf = lambda v: abs(v)\ny = f(-2) + x0\n';
    const { second } = edit(text, text.replace('100000000', '1'));
    assert.equal(ran(second), 'r.r');
    assert.deepEqual(
      snapshotOf(second).statements[2].calls.map((call) => call.callee),
      ['f'],
    );
    assertSameAsFresh(second);
  });

  test('np.set_printoptions edited: later results are shown, and prints re-run, with the new options', () => {
    const text = 'a = np.array([0.123456, 2.5])\nnp.set_printoptions(precision=3)\na\nprint(a)\nb = 1\n';
    const before = evaluateDocument(text);
    const base = { evaluation: before, snapshot: snapshotOf(before), print: {} };
    assert.equal(base.snapshot.statements[2].value?.oneLine, '[0.123 2.5  ]');
    const after = evaluateDocument(text.replace('precision=3', 'precision=2'), { previous: before });
    // `a` only reads a name: reused; print(a) formatted with the options: runs again.
    assert.equal(ran(after), '.r.r.');
    const { snapshot, update } = snapshotUpdate(after, {}, base);
    assert.equal(snapshot.statements[2].value?.oneLine, '[0.12 2.5 ]');
    assert.equal(snapshot.statements[3].value?.oneLine, '[0.12 2.5 ]');
    assert.ok(!('kept' in update.statements[2]), 'the kept text of `a` was formatted with precision=3');
    assert.deepEqual(applyUpdate(base.snapshot, update), snapshot);
    assertSameAsFresh(after);
  });

  test('np.seterr edited: later computations run again under the new settings, the rest is reused', () => {
    const text =
      "a = np.array([1.0, 0.0])\nold = np.seterr(divide='ignore')\nb = a / 0\nc = 1\nnp.geterr()\n";
    const before = evaluateDocument(text);
    assert.equal(before.statements[2].outcome.kind, 'value');
    const after = evaluateDocument(text.replace("divide='ignore'", "divide='raise'"), { previous: before });
    // `b = a / 0` divides under the settings: runs again, and now raises; `c = 1` computes nothing.
    assert.equal(ran(after), '.rr.r');
    const outcome = after.statements[2].outcome;
    assert.ok(outcome.kind === 'error' && outcome.message === 'divide by zero encountered in divide');
    assertSameAsFresh(after);
    // An edit after the settings keeps them: the statement that set them is reused, not re-run.
    const later = evaluateDocument(after.text.replace('c = 1', 'c = 2'), { previous: after });
    assert.equal(ran(later), '...r.');
    assertSameAsFresh(later);
  });

  test('an np.errstate made by an earlier statement is made anew when the with block that entered it runs again', () => {
    const text = "e = np.errstate(divide='raise')\nwith e:\n    r = np.ones(2) / 1\nx = 1\n";
    const before = evaluateDocument(text);
    const after = evaluateDocument(text.replace('/ 1', '/ 2'), { previous: before });
    // Entering `e` again would be NumPy's "Cannot enter `np.errstate` twice."
    assert.equal(after.statements[1].outcome.kind, 'empty');
    assertSameAsFresh(after);
  });

  test("a function that stayed put, then moved, records its body's values where the body is", () => {
    const text = 'def f(x):\n    y = x + 1\nf(3)\nz = 1\n';
    let evaluation = evaluateDocument(text);
    // An edit just below the def parses it again where it is (a new node, same place, kept).
    // Then a line above it: it moves.
    evaluation = evaluateDocument(text.replace('f(3)', 'f(5)'), { previous: evaluation });
    evaluation = evaluateDocument(`# moved\n${evaluation.text}`, { previous: evaluation });
    // A new call runs the kept function: what its body records must be where the body is now.
    evaluation = evaluateDocument(`${evaluation.text}f(4)\n`, { previous: evaluation });
    const [record] = evaluation.statements[3].inner;
    assert.equal(evaluation.text.slice(record.range.start, record.range.end), 'y = x + 1');
    assertSameAsFresh(evaluation);
  });

  test('a lambda kept while it moved runs its moved body: an error inside it points where it is now', () => {
    const text = 'def h(z):\n    return z\nf = lambda v: h(v)\nfs = [lambda w: h(w)]\nf(2)\nfs[0](3)\n';
    // Deleting the def's first line moves the lambdas up, kept; the calls run again and fail inside them.
    const { second } = edit(text, text.replace('def h(z):\n', ''));
    for (const index of [-2, -1]) {
      const outcome = second.statements.at(index)!.outcome;
      assert.equal(outcome.kind, 'error');
      if (outcome.kind === 'error')
        assert.equal(second.text.slice(outcome.range.start, outcome.range.end), 'h');
    }
    assertSameAsFresh(second);
  });

  test('a syntax error that names a line names the line it is on after an edit above it', () => {
    const text = 'x = 1\nfor i in range(2):\n    for j in range(2):\n    s = 1\n';
    const first = evaluateDocument(text);
    const second = evaluateDocument(`# a comment\n${text}`, { previous: first });
    const message = (e: DocumentEvaluation) => {
      const outcome = e.statements[1].outcome;
      return outcome.kind === 'error' ? outcome.message : '';
    };
    assert.match(message(first), /on line 3$/);
    assert.match(message(second), /on line 4$/);
    assertSameAsFresh(second);
  });

  test('a call that runs again because the edit spans its function starts from unwritten arrays', () => {
    // One edit region from the first line to the last: `double(x)` records into the def's body,
    // inside the region, so it runs again; x must be the one before the old run doubled it.
    const text = '# a\ndef double(a):\n    a *= 2\nx = np.ones(2)\ndouble(x)\nx\nz = 1\n';
    const { second } = edit(text, text.replace('# a', '# b').replace('z = 1', 'z = 2'));
    assert.equal(snapshotOf(second).statements[3].value?.oneLine, '[2. 2.]');
    assertSameAsFresh(second);
  });

  test('changed limits re-run everything', () => {
    const first = evaluateDocument(BLOCKS);
    const second = evaluateDocument(BLOCKS, { previous: first, limits: SMALL_LIMITS });
    assert.equal(ran(second), 'rrrrrr');
  });

  test('random edits of real files give what a fresh evaluation gives', () => {
    const files = sourceFiles().filter((file) => file.text.length < 4000);
    fc.assert(
      fc.property(
        fc.nat({ max: files.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (index, edits) => {
          // The time limit reads a clock that ticks per reading: a loop stopped by it stops at the
          // same iteration in the incremental and the fresh evaluation.
          let readings = 0;
          const restore = useClock(() => ++readings);
          try {
            let evaluation = evaluateDocument(files[index].text, { limits: SMALL_LIMITS });
            // What the editor holds: rebuilt from each update the worker would send.
            let received = applyUpdate(undefined, snapshotUpdate(evaluation).update);
            let base = { evaluation, snapshot: snapshotOf(evaluation), print: {} };
            for (const m of edits) {
              evaluation = evaluateDocument(mutate(evaluation.text, m), {
                previous: evaluation,
                limits: SMALL_LIMITS,
              });
              assertSameAsFresh(evaluation);
              const { snapshot, update } = snapshotUpdate(evaluation, {}, base);
              received = applyUpdate(received, update);
              assert.deepEqual(received, snapshot);
              base = { evaluation, snapshot, print: {} };
            }
          } finally {
            restore();
          }
        },
      ),
      { seed: FC_SEED, numRuns: 150 },
    );
  });
});
