/**
 * Incremental parsing gives exactly the full parse of the edited text,
 * whatever the edit: the property runs random edits of real files.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Program } from '../../src/engine/ast';
import { parse } from '../../src/engine/parser';
import { type ParsedText, reparse, settled } from '../../src/engine/parser/incremental';
import { FC_SEED, mutate, mutation, SNIPPETS, sourceFiles } from './property-helpers';

/** Version 2 texts with blocks, so random edits also land inside, between and around them. */
const COMPOUND_FILES: { name: string; text: string }[] = [
  {
    name: 'blocks.mat',
    text: [
      'import numpy as np',
      'total = 0',
      'for i in range(10):',
      '    if i % 2 == 0:',
      '        total += i',
      '    elif i == 3:',
      '        continue',
      '    else:',
      '        pass  # odd',
      'else:',
      '    done = True',
      '',
      'def f(x, *args, scale=2, **kw):',
      '    """Scale x."""',
      '    def g(y): return y * scale',
      '    while x > 0:',
      '        x -= 1',
      '        if x == 5: break',
      '    return g(x)',
      '',
      'with np.printoptions(precision=3) as opts:',
      "    print(f'{total=} {f(3):>{4}}')",
      '# %% next cell',
      'squares = [k * k for k in range(5) if k]',
      'a, *rest = squares',
      'class A:',
      '    x = 1',
      'try:',
      '    y = 1',
      'except E:',
      '    y = 2',
      'x = 1 if total else 0',
      '',
    ].join('\n'),
  },
  {
    name: 'errors.mat',
    text: [
      'for i in range(3):',
      'x = 1',
      'if x:',
      '    y = (1,',
      '    z = 2',
      'else:',
      '    w = 3',
      '  v = 4',
      'def h():',
      '    return',
      'break',
      '',
    ].join('\n'),
  },
];

/** Typed into random places: pieces of blocks. */
const BLOCK_SNIPPETS = [
  'if x:\n    ',
  'for i in y: ',
  '\nelif z:\n    pass',
  '\n        q = 1',
  'def f():\n  ',
  'break',
  '# %%\n',
];

/** The real files the property tests edit, and the block texts above. */
function editableFiles(): { name: string; text: string }[] {
  return [...sourceFiles(), ...COMPOUND_FILES];
}

function assertSameAsFull(previousText: string, text: string): void {
  const previous = { text: previousText, program: parse(previousText) };
  assert.deepEqual(reparse(previous, text), parse(text));
}

/**
 * Chains of up to `maxEdits` random edits of real files: `step` re-parses
 * each edit from the program it returned for the previous one.
 */
function forEditChains(maxEdits: number, step: (previous: ParsedText, text: string) => Program): void {
  const files = editableFiles();
  fc.assert(
    fc.property(
      fc.nat({ max: files.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: maxEdits }),
      (index, edits) => {
        let text = files[index].text;
        let previous: ParsedText = { text, program: parse(text) };
        for (const m of edits) {
          text = mutate(text, m);
          previous = { text, program: step(previous, text) };
        }
      },
    ),
    { seed: FC_SEED, numRuns: 600 },
  );
}

describe('reparse', () => {
  test('keeps the statements before an edit and moves those after it', () => {
    const text = 'a = 1\nb = [1,\n  2]\nc = a + 1\nd = 4\n';
    const edited = text.replace('c = a + 1', 'c = a + 10');
    const previous = { text, program: parse(text) };
    const program = reparse(previous, edited);
    assert.deepEqual(program, parse(edited));
    assert.equal(program.statements[0], previous.program.statements[0]);
    assert.deepEqual(program.statements[3].range, { start: 30, end: 35 });
  });

  test('edits that change how lines join', () => {
    const cases: [string, string][] = [
      ['a = (1,\nb = 2\nc = 3\n', 'a = (1,\nb = 2)\nc = 3\n'],
      ['a = (1,\n2)\nc = 3\n', 'a = (1,\n2\nc = 3\n'],
      ['x = 1\ny = 2\nz = 3\n', 'x = 1 \\\ny = 2\nz = 3\n'],
      ['if a:\n    b = 1\nx = 2\nelse_ = 3\n', 'if a:\n    b = 1\nelse:\n    c = 2\nelse_ = 3\n'],
      ['a = 1\nb = 2\nc = 3\n', 'a = 1\nb = """2\nc = 3\n'],
      ['a = 1; b = 2\nc = 3\n', 'a = 1; b = 22\nc = 3\n'],
      ['a = 1\n@dec\nb = 2\n', 'a = 1\n@dec\ndef b(x): return x\n'],
      ['def f(x):\n    return x\ny = 1\n', 'def f(x):\n    return x + 1\ny = 1\n'],
      ['a = 1\n# %% cell\nb = 2\n', 'a = 1\n# %% cell two\nb = 2\n'],
      ['\uFEFFa = 1\nb = 2\n', '\uFEFFa = 12\nb = 2\n'],
      ['a = 1\nb = 2\n', 'a = 1\n\uFEFFb = 2\n'],
      ['a = 1\r\nb = 2\r\nc = 3\r\n', 'a = 1\r\nb = 25\r\nc = 3\r\n'],
      ['a = 1\n  b = 2\nc = 3\n', 'a = 1\n  b = 2\n  c = 3\n'],
      ['if a:\n    b = 1\nx = 2\nelse:\n    c = 3\ny = 4\n', 'if a:\n    b = 1\nelse:\n    c = 3\ny = 4\n'],
      ['for i in x:\n    a = 1\n    b = 2\nc = 3\n', 'for i in x:\n    a = 1\n    b = 22\nc = 3\n'],
      ['for i in x:\n    a = 1\nc = 3\n', 'for i in x:\n    a = 1\n    c = 3\n'],
      ['x = 1\nif a:\n    b\nz = 2\n', 'x = 1\n\n\nif a:\n    b\nz = 2\n'],
      ['for i in x:\ny = 1\nfor j in y:\nz = 2\n', 'a = 0\nfor i in x:\ny = 1\nfor j in y:\nz = 2\n'],
      ['def f():\n    return 1\nx = f()\n', 'def f():\n    if 1:\n        return 1\nx = f()\n'],
    ];
    for (const [before, after] of cases) {
      assertSameAsFull(before, after);
      assertSameAsFull(after, before);
    }
  });

  test('random edits of real files', () => {
    forEditChains(4, (previous, text) => {
      const program = reparse(previous, text);
      assert.deepEqual(program, parse(text));
      return program;
    });
  });

  test('deferring the inner moves: each statement’s own range at once, the rest once settled', () => {
    // The next edit starts from the unsettled program: moved again and again.
    forEditChains(6, (previous, text) => {
      const program = reparse(previous, text, { deferInner: true });
      const full = parse(text);
      assert.deepEqual(
        program.statements.map((statement) => statement.range),
        full.statements.map((statement) => statement.range),
      );
      assert.deepEqual({ ...program, statements: program.statements.map(settled) }, full);
      return program;
    });
  });

  test('a statement that only moved keeps its inner nodes until settled', () => {
    const text = 'a = 1\nb = np.dot(a, a)\n';
    const edited = `x = 10\n${text}`;
    const previous = { text, program: parse(text) };
    const moved = reparse(previous, edited, { deferInner: true }).statements[2];
    assert.equal(moved.kind, 'assign');
    assert.deepEqual(moved.range, parse(edited).statements[2].range);
    // Inner nodes are shared with the earlier parse (nothing copied) until settled.
    assert.equal(
      moved.kind === 'assign' && moved.value,
      (previous.program.statements[1] as typeof moved).value,
    );
    assert.deepEqual(settled(moved), parse(edited).statements[2]);
  });

  test('random snippets typed into random places', () => {
    const files = editableFiles();
    fc.assert(
      fc.property(
        fc.nat({ max: files.length - 1 }),
        fc.nat(),
        fc.constantFrom(
          ...SNIPPETS,
          '(',
          ')',
          '[',
          ']',
          '\\\n',
          '\n',
          '    ',
          'else:',
          '"""',
          '#',
          ';',
          '@',
          ...BLOCK_SNIPPETS,
        ),
        (index, at, snippet) => {
          const text = files[index].text;
          const place = at % (text.length + 1);
          assertSameAsFull(text, text.slice(0, place) + snippet + text.slice(place));
        },
      ),
      { seed: FC_SEED, numRuns: 1500 },
    );
  });
});
