/**
 * Python's own code in a real VS Code (issue 12): the seed notebook's
 * training cell, pasted verbatim into a .mat file, shows each statement of
 * its loop with the last epoch's value and its run count, and `print(output)`
 * prints the trained output that python3 + NumPy print for it; an endless
 * `while True:` stops at the time limit while another editor stays live.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  examplesWorkspace,
  REPO,
  type Session,
  startVSCode,
  step,
  VSIX,
  waitFor,
  waitForRenderedLine,
} from './harness';

/** Cell In [12] of the seed notebook, exactly as the notebook wrote it. */
function seedCell(): string {
  const notebook = readFileSync(join(REPO, '..', 'shared', 'seed-notebook.txt'), 'utf8');
  const start = notebook.indexOf('In [12]:\n') + 'In [12]:\n'.length;
  const end = notebook.indexOf('print(output)', start) + 'print(output)'.length;
  return `${notebook.slice(start, end)}\n`;
}

describe('Python code in a real VS Code', () => {
  let s: Session;
  let folder: string;
  let cell: string;

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
    folder = examplesWorkspace('mat-python-e2e-');
    cell = seedCell();
    writeFileSync(join(folder, 'cell12.mat'), cell);
    writeFileSync(join(folder, 'forever.mat'), 'n = 0\nwhile True:\n    n += 1\n');
    s = await startVSCode({ vsix: VSIX, folder, name: 'python' });
  });

  after(async () => {
    await s?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test("the notebook's training cell runs verbatim: values inside the loop, and NumPy's trained output", () =>
    step(s, 'seed cell', async () => {
      await s.openFile('cell12.mat');
      const lines = cell.split('\n');
      const lineOf = (text: string) => lines.findIndex((l) => l.startsWith(text)) + 1;
      // python3 + NumPy, seed 0 (a file that never seeds starts from 0), print(output):
      await s.goToLine(lineOf('print(output)'));
      await waitForRenderedLine(
        s,
        /^print\(output\)→ \[\[0\.97696709\] \[0\.96621222\] \[0\.04439228\]\]$/,
        'print(output) with the trained output',
        120_000,
      );
      await s.goToLine(lineOf('    output = sigmoid'));
      await waitForRenderedLine(
        s,
        /^ {4}output = sigmoid\(output_layer_input\)→ \[\[0\.97696709\] \[0\.96621222\] \[0\.04439228\]\] {2}\(×5,000\)$/,
        'the loop statement with its last value and run count',
      );
      await waitForRenderedLine(
        s,
        /^ {4}wh \+= X\.T\.dot\(d_hiddenlayer\) \*lr→ .*\(×5,000\)$/,
        'the in-place update',
      );
      await s.screenshot('python-seed-cell');
      const hover = await s.hover('output_layer_input1=');
      assert.match(hover, /ran 5,000 times/);
      await s.screenshot('python-seed-cell-hover');
      assert.deepEqual(await s.problems(), []);
    }));

  test('`while True:` stops at the time limit, naming the setting, while another editor stays live', () =>
    step(s, 'while True', async () => {
      await s.openFile('forever.mat');
      await waitForRenderedLine(
        s,
        /^ {4}n \+= 1→ LimitError: time limit reached: this statement ran longer than 5000 ms/,
        'the time-limit error with its iteration',
        120_000,
      );
      await s.screenshot('python-while-true');
      // The other file still evaluates as it is edited.
      await s.openFile('cell12.mat');
      await s.editorText(); // leaves the cursor at the end
      await s.typeInEditor('\nprobe = 40 + 2');
      await waitForRenderedLine(s, /^probe = 40 \+ 2→ 42$/, 'the other editor’s new result', 60_000);
      const problems = await waitFor(
        async () => {
          const all = await s.problems();
          return all.some((p) => p.message.startsWith('time limit reached')) ? all : undefined;
        },
        30_000,
        'the time-limit diagnostic',
      );
      assert.ok(problems.some((p) => /iteration \d+ of the loop on line 2/.test(p.message)));
    }));
});
