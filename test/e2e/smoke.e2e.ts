/**
 * Proves the e2e harness on a throwaway extension (test/e2e/smoke-extension.ts): install the
 * .vsix like a user, open a `.smoke` file, see and click its CodeLens, hover, read a diagnostic,
 * run a command from the palette, see the notification, open a webview, in a dark and a light
 * theme, with screenshots in screenshots/.
 *
 *   bash scripts/e2e/setup.sh && node --import tsx --test --test-concurrency=1 test/e2e/*.e2e.ts
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Session, startVSCode, step } from './harness';
import { buildSmokeVsix, makeSmokeWorkspace } from './smoke-extension';

const T = { timeout: 180_000 };

/** The little of HTMLCanvasElement used here (the project's tsconfig has no DOM lib). */
type CanvasLike = {
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  };
};

let vsix: string;
let folder: string;

before(async () => {
  vsix = await buildSmokeVsix();
  folder = makeSmokeWorkspace();
});

after(() => {
  rmSync(folder, { recursive: true, force: true });
  rmSync(dirname(vsix), { recursive: true, force: true });
});

describe('harness smoke, dark theme', T, () => {
  let s: Session;
  before(async () => {
    s = await startVSCode({ vsix, folder, theme: 'Default Dark Modern', name: 'smoke-dark' });
  });
  after(async () => {
    await s?.stop();
  });

  test('opens a .smoke file and shows its CodeLenses', T, () =>
    step(s, 'codelens', async () => {
      await s.openFile('hello.smoke');
      const lenses = await s.waitFor(
        async () => {
          const l = await s.codeLenses();
          return l.length >= 2 ? l : undefined;
        },
        60_000,
        'two CodeLenses in hello.smoke',
      );
      assert.deepEqual(lenses, ['Greet line 1', 'Greet line 3']);
      assert.deepEqual((await s.visibleLines()).slice(0, 3), ['hello world', 'plain line', 'hello again']);
      await s.screenshot('smoke-dark-codelens');
    }),
  );

  test('clicking a CodeLens runs its command', T, () =>
    step(s, 'click-codelens', async () => {
      await s.clickCodeLens('Greet line 3');
      assert.equal(await s.waitForNotification('Lens clicked on line 3'), 'Lens clicked on line 3');
    }),
  );

  test('hover shows the provider text', T, () =>
    step(s, 'hover', async () => {
      const text = await s.hover('again');
      assert.match(text, /Smoke hover: again/);
    }),
  );

  test('runs a command from the palette and shows its notification', T, () =>
    step(s, 'command', async () => {
      await s.clearNotifications();
      await s.runCommand('Smoke: Say Hello');
      assert.equal(await s.waitForNotification('Hello from Smoke!'), 'Hello from Smoke!');
      await s.screenshot('smoke-dark-notification');
    }),
  );

  test('typing changes the document, and diagnostics reach the Problems panel', T, () =>
    step(s, 'typing-problems', async () => {
      await s.clearNotifications();
      await s.goToLine(2, 11);
      await s.typeInEditor('\nhello bad [1, 2]');
      assert.equal(await s.editorText(), 'hello world\nplain line\nhello bad [1, 2]\nhello again\n');
      await s.waitFor(async () => (await s.codeLenses()).length === 3, 30_000, 'a third CodeLens');
      const problems = await s.waitFor(
        async () => {
          const p = await s.problems();
          return p.length > 0 ? p : undefined;
        },
        30_000,
        'a problem in the Problems panel',
      );
      assert.deepEqual(
        problems.map(({ text, ...rest }) => rest),
        [{ severity: 'error', message: 'smoke does not like "bad"', line: 3, column: 7, source: 'smoke' }],
      );
      assert.deepEqual(await s.problemCounts(), { errors: 1, warnings: 0, infos: 0 });
      await s.screenshot('smoke-dark-problems');
    }),
  );

  test('a webview panel runs its script', T, () =>
    step(s, 'webview', async () => {
      await s.runCommand('Smoke: Show Panel');
      const frame = s.webviewFrame();
      await s.waitFor(
        async () => (await frame.locator('#out').textContent()) === 'script ran: 42',
        30_000,
        'the webview script to run',
      );
      const drawn = await frame
        .locator('#c')
        .evaluate((c) => Array.from((c as CanvasLike).getContext('2d').getImageData(100, 50, 1, 1).data));
      assert.deepEqual(drawn, [0xe0, 0x6c, 0x00, 255]);
      await s.screenshot('smoke-dark-webview');
      // With the keyboard focus inside the webview, the palette still opens.
      await frame.locator('#title').click();
      await s.clearNotifications();
      await s.runCommand('Smoke: Say Hello');
      await s.waitForNotification('Hello from Smoke!');
    }),
  );

  test('extension host logs are readable', T, () =>
    step(s, 'logs', async () => {
      assert.equal(await s.waitForExtensionActivation('e2e.e2e-smoke'), 'onLanguage:smoke');
      const channel = await s.waitFor(
        () => (s.outputChannel('Smoke').includes('smoke: sayHello') ? s.outputChannel('Smoke') : undefined),
        15_000,
        'the Smoke output channel in the logs',
      );
      assert.match(channel, /^smoke: activated$/m);
      assert.match(channel, /^smoke: lens clicked on line 3$/m);
      // console.log in the extension host is forwarded to the browser console.
      assert.ok(
        s
          .browserConsole()
          .some((l) => l.includes('[Extension Host] smoke: console.log from the extension host')),
        'console.log of the extension host in the browser console',
      );
    }),
  );
});

describe('harness smoke, light theme', T, () => {
  let s: Session;
  before(async () => {
    s = await startVSCode({ vsix, folder, theme: 'Default Light Modern', name: 'smoke-light' });
  });
  after(async () => {
    await s?.stop();
  });

  test('opens a file in a subfolder and shows its diagnostic', T, () =>
    step(s, 'light', async () => {
      await s.openFile('sub/other.smoke');
      await s.waitFor(
        async () => (await s.problemCounts()).errors === 1,
        30_000,
        'one error in the status bar',
      );
      await s.runCommand('Smoke: Say Hello');
      await s.waitForNotification('Hello from Smoke!');
      await s.screenshot('smoke-light');
      // Focus elsewhere, then type: the cursor stays where it was (line 1, column 1).
      await s.page.locator('.explorer-folders-view').click();
      await s.typeInEditor('so ');
      await s.save();
      assert.equal(readFileSync(join(folder, 'sub/other.smoke'), 'utf8'), 'so this line is bad\n');
    }),
  );
});
