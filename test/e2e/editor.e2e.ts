/**
 * The `.mat` language in a real VS Code: the packaged .vsix installed as a
 * user installs it, the seed example opened, and everything the editor
 * issue promises checked the way a person would see it.
 */
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  examplesWorkspace,
  renderedLines,
  SEED_RESULTS,
  type Session,
  seedInlineChecks,
  startVSCode,
  step,
  VSIX,
  waitFor,
  waitForRenderedLine,
} from './harness';

const workspace = () => examplesWorkspace('mat-e2e-');

const waitForLine = waitForRenderedLine;

for (const theme of ['Default Light Modern', 'Default Dark Modern'] as const) {
  const label = theme.includes('Light') ? 'light' : 'dark';

  describe(`.mat editing in a real VS Code (${label} theme)`, () => {
    let s: Session;
    let folder: string;

    before(async () => {
      assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
      folder = workspace();
      s = await startVSCode({ vsix: VSIX, folder, theme, name: `editor-${label}` });
    });

    after(async () => {
      await s?.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    test('inline results show NumPy numbers for c, d and pinv_a', () =>
      step(s, 'inline results', async () => {
        await s.openFile('seed.mat');
        await seedInlineChecks(s, { pinv: true });
        await s.goToLine(1);
        await s.screenshot(`editor-${label}-inline-results`);
      }));

    test('the dot CodeLens shows the call value', () =>
      step(s, 'codelens', async () => {
        const lenses = await waitFor(
          async () => {
            const all = await s.codeLenses();
            return all.includes('▶ np.dot(a, b)') ? all : undefined;
          },
          30_000,
          'the ▶ np.dot(a, b) lens',
        );
        assert.ok(lenses.includes('▶ Run Cell'), `cell lenses missing: ${lenses.join(' | ')}`);
        await s.clickCodeLens('▶ np.dot(a, b)');
        await waitFor(
          async () => (await s.codeLenses()).includes('np.dot(a, b) = 2×2 int64') || undefined,
          20_000,
          'the lens to show 2×2 int64',
        );
        await waitForLine(s, /np\.dot\(…\) = \[\[29 11\] \[11 {2}5\]\]/, 'the call value inline');
        await s.screenshot(`editor-${label}-codelens`);
      }));

    test('hovering a variable shows its block, shape and dtype', () =>
      step(s, 'hover', async () => {
        await s.goToLine(14);
        // The middle of "(c)" is the variable c in `print(c)`.
        const text = await s.hover('(c)');
        assert.match(text, /\[\[29 11\]\s*\[11 {2}5\]\]/);
        assert.match(text, /shape \(2, 2\)/);
        assert.match(text, /int64/);
        await s.screenshot(`editor-${label}-hover`);
        await s.page.keyboard.press('Escape');
      }));

    test('a shape mismatch is a diagnostic with NumPy’s message, cleared when fixed', () =>
      step(s, 'diagnostics', async () => {
        await s.editorText(); // leaves the cursor at the end
        await s.typeInEditor('\nbad = np.dot(X, X)');
        const problems = await waitFor(
          async () => {
            const all = await s.problems();
            return all.some((p) => p.message.includes('not aligned')) ? all : undefined;
          },
          30_000,
          'the shape-mismatch diagnostic',
        );
        const problem = problems.find((p) => p.message.includes('not aligned'));
        assert.equal(problem?.message, 'shapes (3,4) and (3,4) not aligned: 4 (dim 1) != 3 (dim 0)');
        await s.screenshot(`editor-${label}-diagnostic`);
        // Fix the line in place: select it and type the corrected statement.
        await s.focusEditor();
        await s.page.keyboard.press('Control+End');
        await s.page.keyboard.press('Shift+Home');
        await s.typeInEditor('fine = np.dot(X, X.T)');
        await waitFor(
          async () => (await s.problems()).every((p) => !p.message.includes('not aligned')) || undefined,
          30_000,
          'the diagnostic to clear',
        );
        await waitForLine(
          s,
          /fine = np\.dot\(X, X\.T\).*→ \[\[2 2 0\] \[2 3 1\] \[0 1 2\]\]/,
          'the fixed line to show its value',
        );
      }));

    if (label === 'light') {
      test('the palette commands work', () =>
        step(s, 'commands', async () => {
          // Evaluate Line on `c = ...` moves to the next statement (Shift+Enter style).
          await s.focusEditor();
          await s.goToLine(11);
          await s.runCommand('Matrix: Evaluate Line');
          await s.runCommand('Matrix: Insert Result as Comment');
          const text = await s.editorText();
          assert.match(
            text,
            /d = np\.dot\(b, a\)[^\n]*\n# \[\[20 {2}8 14\]\n# {2}\[ 8 {2}4 {2}6\]\n# {2}\[14 {2}6 10\]\]/,
          );
          await s.runCommand('Matrix: Clear Inline Results');
          await waitFor(
            async () => (await s.visibleLines()).every((l) => !l.includes('→')) || undefined,
            20_000,
            'results to clear',
          );
          await s.runCommand('Matrix: Evaluate File');
          await waitForLine(s, /→ /, 'results after Evaluate File');
          await s.runCommand('Matrix: Toggle Live Results');
          await s.goToLine(7); // a blank line
          await s.typeInEditor('live_off = 41 + 1');
          // Live results are off: nothing is shown until the line is evaluated by hand.
          assert.ok(
            !(await renderedLines(s)).some((l) => /live_off.*→/.test(l)),
            'a result showed with live results off',
          );
          await s.runCommand('Matrix: Evaluate Line');
          await waitForLine(s, /live_off = 41 \+ 1.*→ 42/, 'Evaluate Line with live results off');
          await s.runCommand('Matrix: Toggle Live Results');
          await s.goToLine(7);
          await s.runCommand('Matrix: Copy Result');
          const readClipboard = () =>
            s.page.evaluate(() =>
              (
                globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
              ).navigator.clipboard.readText(),
            );
          await waitFor(
            async () => (await readClipboard()) === '42' || undefined,
            10_000,
            'the result 42 on the clipboard',
          );
          await s.runCommand('Matrix: New Playground File');
          // An untitled file takes its tab title from its first line.
          await waitFor(
            async () => ((await s.activeTabTitle()) ?? 'seed.mat') !== 'seed.mat' || undefined,
            20_000,
            'a new tab',
          );
          await waitForLine(s, /Matrix Playground: the seed notebook/, 'the seed example in the new file');
          // Untitled files get live results too.
          await waitForLine(s, SEED_RESULTS.c, 'inline results in the untitled file');
          await s.screenshot('editor-light-new-file');
        }));
    }
  });
}

describe('a MATLAB binary .mat file', () => {
  test('is not evaluated and the user is told once', async () => {
    const folder = workspace();
    writeFileSync(
      join(folder, 'data.mat'),
      Buffer.concat([Buffer.from('MATLAB 5.0 MAT-file, Platform: GLNXA64'), Buffer.alloc(100)]),
    );
    const s = await startVSCode({ vsix: VSIX, folder, name: 'binary' });
    try {
      await step(s, 'binary file', async () => {
        await s.openFile('data.mat');
        await s.waitForNotification(/data\.mat: This is a MATLAB binary \.mat data file/);
        await s.screenshot('editor-binary-file');
        assert.equal((await s.problems()).length, 0);
      });
    } finally {
      await s.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
