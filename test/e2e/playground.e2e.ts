/**
 * The Neural Network Playground panel in a real VS Code (issue 4, "How it is
 * proven"): the packaged .vsix installed, the panel opened from the palette
 * and from the CodeLens, the chart checked for drawn data, a learning-rate
 * change leaving the old run faded, `lr=` edited in the editor with the
 * panel following, a control written back into the file as one undoable
 * edit, an absurd learning rate stopping the run with the divergence
 * message, the chart fitting a short run after a long one, and the panel
 * restored after a window reload. Screenshots in a light and a dark theme.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator, Locator } from 'playwright-core';
import {
  examplesWorkspace,
  REPO,
  SCREENSHOT_DIR,
  type Session,
  startVSCode,
  step,
  VSIX,
  waitFor,
  waitForPanelAttribute,
} from './harness';

const SEED_MAT = readFileSync(join(REPO, 'examples', 'seed.mat'), 'utf8');
// The project's tsconfig has no DOM lib: the one DOM name used in the page, declared.
declare const navigator: {
  clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> };
};

const HAS_NUMPY = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
/** 1-based line of the seed file's first train(...) call (seed=None). */
const TRAIN_LINE = SEED_MAT.slice(0, SEED_MAT.indexOf('net = train(')).split('\n').length;

const waitForApp = (
  frame: () => FrameLocator,
  name: string,
  accept: (value: string) => boolean,
  what: string,
  timeoutMs = 30_000,
) => waitForPanelAttribute(frame, name, accept, what, timeoutMs);

/** A panel element's text. */
async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** Pixels of the chart canvas that are not blank: a drawn curve has many. */
async function drawnPixels(frame: FrameLocator): Promise<number> {
  return frame.locator('.chart-plot canvas').evaluate((element) => {
    const canvas = element as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      };
    };
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
    return count;
  });
}

async function setInput(frame: FrameLocator, selector: string, value: string): Promise<void> {
  const input = frame.locator(selector);
  await input.fill(value);
  await input.press('Enter');
}

/**
 * Runs a palette command, trying again while the extension's contributions
 * are still being registered (a palette opened before that does not list them).
 */
async function runCommandWhenListed(s: Session, title: string): Promise<void> {
  await waitFor(
    async () => {
      try {
        await s.runCommand(title, 5_000);
        return true;
      } catch {
        await s.page.keyboard.press('Escape');
        return undefined;
      }
    },
    60_000,
    `the command "${title}"`,
    500,
  );
}

/** Waits for a line of the file's editor (the first group: typing in the panel made the panel's group active). */
async function waitForEditorLine(s: Session, pattern: RegExp, what: string): Promise<string> {
  await s.runCommand('View: Focus First Editor Group');
  return waitFor(async () => (await s.visibleLines()).find((line) => pattern.test(line)), 20_000, what);
}

for (const theme of ['Default Light Modern', 'Default Dark Modern'] as const) {
  const label = theme.includes('Light') ? 'light' : 'dark';

  describe(`Neural Network Playground in a real VS Code (${label} theme)`, () => {
    let s: Session;
    let folder: string;
    const frame = () => s.webviewFrame(0);

    before(async () => {
      assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
      folder = examplesWorkspace('mat-playground-e2e-');
      s = await startVSCode({ vsix: VSIX, folder, theme, name: `playground-${label}` });
    });

    after(async () => {
      await s?.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    test('opens from the palette and trains the seed network at once', () =>
      step(s, 'palette', async () => {
        await runCommandWhenListed(s, 'Matrix: Open Neural Network Playground');
        await waitForApp(frame, 'status', (v) => v === 'done', 'the seed run to finish');
        assert.equal(await frame().locator('#app').getAttribute('data-epoch'), '5000');
        const status = await text(frame().locator('#status'));
        assert.match(status, /epoch 5,000 \/ 5,000 · loss \d/);
        // Well under a second: the status shows the rate of the run.
        const rate = /· ([\d.]+)(k|M)? epochs\/s/.exec(status);
        assert.ok(rate, status);
        const perSecond = Number(rate[1]) * (rate[2] === 'M' ? 1e6 : rate[2] === 'k' ? 1e3 : 1);
        assert.ok(perSecond > 10_000, `only ${perSecond} epochs/s`);
        assert.ok((await drawnPixels(frame())) > 500, 'the loss chart is blank');
        assert.equal(await frame().locator('.predictions tbody tr').count(), 3);
        assert.equal(await frame().locator('.heatmap').count(), 2);
        assert.match(await text(frame().locator('#origin')), /seed notebook values/);
        await s.screenshot(`playground-${label}-palette`);
      }));

    test('a new learning rate retrains and keeps the old run faded in the legend', () =>
      step(s, 'learning rate', async () => {
        await setInput(frame(), '#lr', '0.5');
        await waitForApp(frame, 'runs', (v) => v === '1', 'the earlier run on the chart');
        await waitForApp(frame, 'lr', (v) => v === '0.5', 'the run with lr=0.5');
        await waitForApp(frame, 'status', (v) => v === 'done', 'the lr=0.5 run to finish');
        const legend = await frame().locator('.u-legend .u-series').allTextContents();
        assert.ok(
          legend.some((t) => t.includes('now: lr=0.5')),
          legend.join(' | '),
        );
        assert.ok(
          legend.some((t) => t.includes('lr=0.1 hidden=3')),
          legend.join(' | '),
        );
        // Hovering the chart reads out an epoch and its loss.
        const plot = frame().locator('.chart-plot .u-over');
        const box = await plot.boundingBox();
        assert.ok(box);
        await plot.hover({ position: { x: box.width / 3, y: box.height / 2 } });
        await waitFor(
          async () =>
            /^epoch [\d,]+ · loss \d/.test(await text(frame().locator('.chart-readout'))) || undefined,
          10_000,
          'the hover readout',
        );
        await s.screenshot(`playground-${label}-two-runs`);
        // A logarithmic loss axis, and back.
        await frame().locator('#log-scale').check();
        await waitForApp(frame, 'scale', (v) => v === 'log', 'the log scale');
        assert.ok((await drawnPixels(frame())) > 500, 'the log-scale chart is blank');
        await s.screenshot(`playground-${label}-log-scale`);
        await frame().locator('#log-scale').uncheck();
        await waitForApp(frame, 'scale', (v) => v === 'linear', 'the linear scale');
      }));

    test('a long run streams its loss and stays responsive: Pause stops it at once', () =>
      step(s, 'long run', async () => {
        await setInput(frame(), '#hidden', '64');
        await setInput(frame(), '#epochs', '1000000');
        await waitForApp(frame, 'status', (v) => v === 'running', 'the long run to start');
        const first = Number(await waitForApp(frame, 'epoch', (v) => Number(v) > 0, 'the first epochs'));
        const later = Number(
          await waitForApp(frame, 'epoch', (v) => Number(v) > first, 'the epoch count to move on'),
        );
        assert.ok(later < 1_000_000, 'the run was not drawn while it ran');
        assert.ok((await drawnPixels(frame())) > 500, 'the chart is blank while training');
        // Measured in the page (a click from the test goes through the debugging protocol, whose
        // round trips wait on the busy page): frames keep coming, and Pause answers at once.
        const responsiveness = await frame()
          .locator('#app')
          .evaluate(async (element) => {
            const app = element as unknown as {
              dataset: { status: string };
              querySelector(s: string): { click(): void };
            };
            const page = globalThis as unknown as {
              performance: { now(): number };
              requestAnimationFrame(f: () => void): void;
            };
            let frames = 0;
            let longestGap = 0;
            const start = page.performance.now();
            let last = start;
            await new Promise<void>((resolve) => {
              const tick = () => {
                const now = page.performance.now();
                longestGap = Math.max(longestGap, now - last);
                last = now;
                frames++;
                if (now - start < 1000) page.requestAnimationFrame(tick);
                else resolve();
              };
              page.requestAnimationFrame(tick);
            });
            const clicked = page.performance.now();
            app.querySelector('#play').click();
            await new Promise<void>((resolve) => {
              const check = () =>
                app.dataset.status === 'paused' ? resolve() : page.requestAnimationFrame(check);
              check();
            });
            return { frames, longestGap, pauseMs: page.performance.now() - clicked };
          });
        assert.ok(
          responsiveness.frames >= 20,
          `only ${responsiveness.frames} frames in a second of training`,
        );
        assert.ok(responsiveness.longestGap < 250, `a ${responsiveness.longestGap} ms frame gap`);
        assert.ok(responsiveness.pauseMs < 250, `pausing took ${responsiveness.pauseMs} ms`);
        await waitForApp(frame, 'status', (v) => v === 'paused', 'the run to pause');
        const paused = await frame().locator('#app').getAttribute('data-epoch');
        assert.ok(Number(paused) < 1_000_000);
        await s.screenshot(`playground-${label}-long-run-paused`);
        await setInput(frame(), '#epochs', '5000');
        await setInput(frame(), '#hidden', '3');
        await waitForApp(frame, 'status', (v) => v === 'done', 'the short run again');
        // The chart fits the new run: its x axis ends at 5,000, not at the long run's epochs.
        const chart = frame().locator('.chart');
        assert.equal(await chart.getAttribute('data-x-max'), '5000');
        assert.equal(await chart.getAttribute('data-x-min'), '1');
        assert.ok(Number(await chart.getAttribute('data-y-max')) < 0.5, 'the y axis fits the run’s losses');
        assert.ok((await drawnPixels(frame())) > 500, 'the chart is blank after the long run');
        await s.screenshot(`playground-${label}-after-long-run`);
      }));

    test('opens from the CodeLens with the call’s arguments and follows lr= edits in the editor', () =>
      step(s, 'codelens', async () => {
        await s.openFile('seed.mat');
        await s.goToLine(TRAIN_LINE);
        await s.clickCodeLens('Open in Playground');
        await waitFor(
          async () =>
            (await text(frame().locator('#origin'))).includes(`seed.mat:${TRAIN_LINE}`) || undefined,
          30_000,
          'the panel to follow seed.mat',
        );
        await waitForApp(frame, 'lr', (v) => v === '0.1', 'the call’s lr=0.1');
        await waitForApp(frame, 'status', (v) => v === 'done', 'the file’s run to finish');
        const line = SEED_MAT.split('\n')[TRAIN_LINE - 1];
        await s.goToLine(TRAIN_LINE, line.indexOf('lr=0.1') + 4);
        await s.page.keyboard.press('Shift+End');
        await s.typeInEditor('0.3, epochs=5000)');
        await waitForApp(frame, 'lr', (v) => v === '0.3', 'the panel to follow lr=0.3 from the editor');
        assert.equal(await frame().locator('#lr').inputValue(), '0.3');
        await waitForApp(frame, 'status', (v) => v === 'done', 'the lr=0.3 run to finish');
        await s.screenshot(`playground-${label}-codelens`);
      }));

    test('a control rewrites its argument in the file, as one undoable edit', () =>
      step(s, 'write back', async () => {
        await setInput(frame(), '#hidden', '5');
        await waitForEditorLine(
          s,
          /net = train\(X, y, hidden=5, lr=0\.3, epochs=5000\)/,
          'hidden=5 in the file',
        );
        await s.page.keyboard.press('Control+Z');
        await waitForEditorLine(
          s,
          /net = train\(X, y, hidden=3, lr=0\.3, epochs=5000\)/,
          'the undo to restore hidden=3',
        );
        await waitFor(
          async () => (await frame().locator('#hidden').inputValue()) === '3' || undefined,
          20_000,
          'the panel to follow the undo',
        );
      }));

    test('an absurd learning rate shows the divergence message', () =>
      step(s, 'divergence', async () => {
        await setInput(frame(), '#lr', '1e9');
        // Clamped to the largest learning rate, written to the file, and the run flagged.
        await waitForEditorLine(
          s,
          /net = train\(X, y, hidden=3, lr=100\.0, epochs=5000\)/,
          'lr=100.0 in the file',
        );
        await waitForApp(frame, 'alarm', (v) => v === 'rising' || v === 'nonFinite', 'the divergence alarm');
        // The diverging run stops itself, and says so.
        await waitForApp(frame, 'status', (v) => v === 'paused', 'the diverging run to stop');
        const alarm = await text(frame().locator('#alarm'));
        assert.match(alarm, /Diverg/);
        assert.match(alarm, /Training paused at epoch [\d,]+; press Play to go on anyway\./);
        assert.match(alarm, /lower learning rate, e\.g\. lr=10/);
        assert.ok(Number(await frame().locator('#app').getAttribute('data-epoch')) < 5000);
        assert.match(await text(frame().locator('#notice')), /lr=1000000000 is above 100: using 100/);
        await s.screenshot(`playground-${label}-divergence`);
        // Play goes on anyway, to the end of the run.
        await frame().locator('#play').click();
        await waitForApp(frame, 'status', (v) => v === 'done', 'the diverging run, played on to its end');
        assert.doesNotMatch(await text(frame().locator('#alarm')), /Training paused/);
      }));

    test('Copy as NumPy puts a script on the clipboard that reproduces the run', () =>
      step(s, 'copy as numpy', async () => {
        await s.page.evaluate(() => navigator.clipboard.writeText(''));
        await frame().locator('button[data-action="copyNumpy"]').click();
        await waitFor(
          async () => /Copied a NumPy script/.test(await text(frame().locator('#notice'))) || undefined,
          20_000,
          'the copied notice',
        );
        const script = await waitFor(
          async () => (await s.page.evaluate(() => navigator.clipboard.readText())) || undefined,
          10_000,
          'the script on the clipboard',
        );
        assert.match(script, /^import numpy as np$/m);
        assert.match(script, /^lr = 100\.0 /m);
        // seed=None in the file: the generator's exact state where train(...) ran.
        assert.match(script, /np\.random\.set_state\(\(/);
        if (HAS_NUMPY) {
          const out = execFileSync('python3', ['-'], { input: script, encoding: 'utf8' });
          const loss = Number(/final loss: (\S+)/.exec(out)?.[1]);
          const status = await text(frame().locator('#status'));
          assert.equal(loss.toPrecision(4), /loss ([\d.e-]+)/.exec(status)?.[1], `${out}\n${status}`);
        }
      }));

    test('Save Chart writes a PNG where the save dialog says', () =>
      step(s, 'save chart', async () => {
        await frame().locator('button[data-action="saveChart"]').click();
        const input = s.quickInput().locator('input.input');
        await input.waitFor({ state: 'visible', timeout: 15_000 });
        await waitFor(
          async () => (await input.inputValue()).endsWith('loss-chart.png') || undefined,
          10_000,
          'the default file name',
        );
        await input.press('Enter');
        const file = join(folder, 'loss-chart.png');
        await waitFor(() => existsSync(file) || undefined, 20_000, 'loss-chart.png in the workspace');
        const png = readFileSync(file);
        assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
        assert.ok(png.length > 5_000, `a ${png.length}-byte chart is too small to hold the curves`);
        cpSync(file, join(SCREENSHOT_DIR, `playground-${label}-saved-chart.png`));
      }));

    test('is restored after a window reload, still following the file', () =>
      step(s, 'reload', async () => {
        await s.runCommand('View: Focus First Editor Group');
        await s.save();
        const runsBefore = Number(await frame().locator('#app').getAttribute('data-runs'));
        await s.runCommand('Developer: Reload Window');
        await s.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
        // lr=100: the restored run diverges and stops itself again.
        await waitForApp(frame, 'status', (v) => v === 'paused', 'the restored panel to train', 60_000);
        await waitForApp(frame, 'alarm', (v) => v === 'rising', 'the restored run’s alarm');
        await waitForApp(frame, 'bound', (v) => v === 'true', 'the restored panel to follow the file');
        assert.equal(await frame().locator('#lr').inputValue(), '100');
        assert.equal(Number(await frame().locator('#app').getAttribute('data-runs')), runsBefore);
        assert.ok((await drawnPixels(frame())) > 500, 'the restored chart is blank');
        await s.screenshot(`playground-${label}-restored`);
      }));

    test('the page broke no Content-Security-Policy rule', () => {
      const violations = s
        .browserConsole()
        .filter((line) => /Content.Security.Policy|Refused to/i.test(line));
      assert.deepEqual(violations, []);
    });
  });
}
