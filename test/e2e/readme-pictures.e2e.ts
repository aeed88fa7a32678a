/**
 * The README's pictures, taken in a real VS Code with the packaged .vsix at a fixed
 * 1280×800 viewport in the Dark Modern theme: the seed example with its inline results
 * and a clicked CodeLens, a hover, an animation of one edit updating every result that
 * depends on it, and the Neural Network Playground training with its loss chart (opened
 * with its keyboard shortcut). Each picture is taken only once the test has seen on screen
 * what the README's caption says it shows.
 *
 * A normal e2e run writes them to screenshots/readme/ (CI leaves the repository clean);
 * `npm run pictures` sets PICTURES_DIR=media/screenshots to refresh the committed ones.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { PNG } from 'pngjs';
import { type GifFrame, writeGif } from '../../scripts/pictures-gif';
import {
  REPO,
  SCREENSHOT_DIR,
  type Session,
  startVSCode,
  step,
  VSIX,
  waitFor,
  waitForRenderedLine,
} from './harness';

const OUT = process.env.PICTURES_DIR ? resolve(process.env.PICTURES_DIR) : join(SCREENSHOT_DIR, 'readme');
const VIEWPORT = { width: 1280, height: 800 };

/** `c = np.dot(a, b)` with a[0, 0] = x: [[x² + 13, 2x + 3], [2x + 3, 5]]. */
function cLine(x: number): RegExp {
  const corner = x * x + 13;
  const side = 2 * x + 3;
  return new RegExp(`c = np\\.dot\\(a, b\\).*→ \\[\\[ *${corner} +${side}\\] \\[ *${side} +5\\]\\]`);
}

const waitForLine = waitForRenderedLine;

async function picture(
  s: Session,
  name: string,
  clip?: { x: number; y: number; width: number; height: number },
) {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, name);
  const png = await s.page.screenshot({ path: file, animations: 'disabled', clip });
  console.error(`[e2e] picture ${relative(REPO, file)}`);
  return png;
}

async function appAttribute(frame: FrameLocator, name: string): Promise<string | null> {
  return frame
    .locator('#app')
    .getAttribute(`data-${name}`, { timeout: 2_000 })
    .catch(() => null);
}

describe('README pictures in a real VS Code', () => {
  let s: Session;
  let folder: string;

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
    // Named like the repository's folder: the window title shows it.
    folder = join(mkdtempSync(join(tmpdir(), 'mat-pictures-')), 'examples');
    cpSync(join(REPO, 'examples'), folder, { recursive: true });
    s = await startVSCode({
      vsix: VSIX,
      folder,
      theme: 'Default Dark Modern',
      viewport: VIEWPORT,
      name: 'pictures',
      settings: { 'breadcrumbs.enabled': false, 'editor.renderLineHighlight': 'none' },
    });
  });

  after(async () => {
    await s?.stop();
    if (folder) rmSync(resolve(folder, '..'), { recursive: true, force: true });
  });

  test('inline-results.png: the seed example, every result inline, a CodeLens clicked', () =>
    step(s, 'inline results', async () => {
      await s.openFile('seed.mat');
      // The editor alone: the pictures are about the file.
      await s.runCommand('View: Close Primary Side Bar');
      await waitForLine(s, cLine(4), 'the inline result of c');
      await waitForLine(s, /pinv_a = .*→ \[\[-0\.08333333 {2}0\.58333333\]/, 'the inline result of pinv_a');
      await s.clickCodeLens('▶ np.dot(a, b)');
      await waitFor(
        async () => (await s.codeLenses()).includes('np.dot(a, b) = 2×2 int64') || undefined,
        20_000,
        'the lens to read np.dot(a, b) = 2×2 int64',
      );
      await waitForLine(s, /np\.dot\(…\) = \[\[29 11\] \[11 {2}5\]\]/, 'the call value inline');
      assert.ok((await s.codeLenses()).includes('▶ Run Cell'), 'the cell lenses are missing');
      await picture(s, 'inline-results.png');
    }));

  test('hover.png: hovering a variable shows its matrix, shape and dtype', () =>
    step(s, 'hover', async () => {
      const text = await s.hover('(pinv_a)');
      assert.match(text, /shape \(3, 2\)/);
      assert.match(text, /float64/);
      assert.match(text, /-0\.91666667/);
      await picture(s, 'hover.png');
      await s.page.keyboard.press('Escape');
      await s.page.mouse.move(1, 1);
    }));

  test('live-results.gif: one edit, and every result that depends on it updates', () =>
    step(s, 'animation', async () => {
      // Line 8 is `a = np.array([[4, 2, 3], [2, 0, 1]])`; the 4 is column 16.
      await s.goToLine(8, 16);
      const box = await s.activeEditor().boundingBox();
      assert.ok(box, 'no editor on screen');
      const clip = {
        x: Math.round(box.x),
        y: Math.round(box.y),
        width: Math.min(Math.round(box.width), 1000),
        height: Math.min(Math.round(box.height), 528),
      };
      const frames: GifFrame[] = [{ png: await picture(s, 'live-results-0.png', clip), delayMs: 1600 }];
      // Select the digit and type over it: one edit each, as a person changes a number. The last
      // edit puts the 4 back, which is the first frame again: the loop has no jump.
      for (const x of [5, 6, 7, 4]) {
        await s.page.keyboard.press('Shift+ArrowRight');
        await s.page.keyboard.type(String(x));
        await s.page.keyboard.press('ArrowLeft');
        await waitForLine(s, cLine(x), `c to follow a[0, 0] = ${x}`);
        if (x !== 4)
          frames.push({ png: await s.page.screenshot({ animations: 'disabled', clip }), delayMs: 1100 });
      }
      rmSync(join(OUT, 'live-results-0.png'));
      // The file is as it was; saving clears the unsaved marker from the next picture.
      await s.save();
      const file = join(OUT, 'live-results.gif');
      const bytes = writeGif(frames, file);
      console.error(
        `[e2e] picture ${relative(REPO, file)} (${frames.length} frames, ${(bytes / 1024).toFixed(0)} KB)`,
      );
      // Kept small for the README: a few hundred KB, not megabytes.
      assert.ok(bytes < 1.5 * 1024 * 1024, `the GIF is ${(bytes / 1024).toFixed(0)} KB`);
    }));

  test('playground.png: the playground (Ctrl+Alt+P) trains and charts the loss of two runs', () =>
    step(s, 'playground', async () => {
      await s.goToLine(1);
      await s.page.keyboard.press('Control+Alt+P');
      const frame = s.webviewFrame(0);
      await waitFor(
        async () => (await appAttribute(frame, 'status')) === 'done' || undefined,
        60_000,
        'the seed run to finish',
      );
      await frame.locator('#lr').fill('0.5');
      await frame.locator('#lr').press('Enter');
      await waitFor(
        async () => (await appAttribute(frame, 'runs')) === '1' || undefined,
        30_000,
        'the first run kept',
      );
      await waitFor(
        async () =>
          ((await appAttribute(frame, 'lr')) === '0.5' && (await appAttribute(frame, 'status')) === 'done') ||
          undefined,
        60_000,
        'the lr=0.5 run to finish',
      );
      const legend = (await frame.locator('.u-legend .u-series').allTextContents()).join(' | ');
      assert.match(legend, /lr=0\.1/);
      assert.match(legend, /lr=0\.5/);
      await picture(s, 'playground.png');
    }));

  test('every picture is a PNG of the fixed viewport, the animation a GIF', () => {
    for (const name of ['inline-results.png', 'hover.png', 'playground.png']) {
      const image = PNG.sync.read(readFileSync(join(OUT, name)));
      assert.deepEqual({ width: image.width, height: image.height }, VIEWPORT, name);
    }
    const gif = readFileSync(join(OUT, 'live-results.gif'));
    assert.equal(gif.subarray(0, 6).toString('latin1'), 'GIF89a');
    assert.ok(statSync(join(OUT, 'live-results.gif')).size > 1000);
  });
});
