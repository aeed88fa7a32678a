/**
 * The web extension (package.json `browser`) in VS Code's web worker
 * extension host, the host of vscode.dev and github.dev: the packaged .vsix
 * installed as a user installs it, then run in the browser, not in Node.
 *
 * code-server serves VS Code for the Web. With both `main` and `browser`,
 * an extension installed on its server runs in the server's Node extension
 * host (its deduced kinds are `workspace`, `web`); the user setting
 * `remote.extensionKind: { id: ["web"] }` leaves only `web`, and VS Code
 * 1.100 (BrowserExtensionHostKindPicker) then picks the local web worker
 * host. The test does not take that on trust: it checks the evidence.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  examplesWorkspace,
  type Session,
  seedInlineChecks,
  startVSCode,
  step,
  VSIX,
  waitFor,
  waitForRenderedLine,
} from './harness';

const EXTENSION_ID = 'matrix-playground.matrix-playground';
const T = { timeout: 300_000 };

// Runs in a worker (the project's tsconfig has no DOM lib).
declare const self: { name: string };

/** The names of the page's Web Workers, nested ones included. */
async function workerNames(s: Session): Promise<string[]> {
  return Promise.all(s.page.workers().map((worker) => worker.evaluate(() => self.name).catch(() => '')));
}

const waitForLine = waitForRenderedLine;

describe('the web extension in VS Code’s web worker extension host', T, () => {
  let s: Session;
  let folder: string;

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
    folder = examplesWorkspace('mat-web-e2e-');
    s = await startVSCode({
      vsix: VSIX,
      folder,
      name: 'web',
      settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
    });
  });

  after(async () => {
    await s?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('seed.mat shows NumPy’s numbers inline', T, () =>
    step(s, 'inline results', async () => {
      await s.openFile('seed.mat');
      await seedInlineChecks(s);
      await s.screenshot('web-inline-results');
    }),
  );

  test('a CodeLens click shows the call value', T, () =>
    step(s, 'codelens', async () => {
      await s.clickCodeLens('▶ np.dot(a, b)');
      await waitFor(
        async () => (await s.codeLenses()).includes('np.dot(a, b) = 2×2 int64') || undefined,
        30_000,
        'the lens to show 2×2 int64',
      );
      await waitForLine(s, /np\.dot\(…\) = \[\[29 11\] \[11 {2}5\]\]/, 'the call value inline');
      await s.screenshot('web-codelens');
    }),
  );

  test('the playground opens from its CodeLens, reading the train call in its own Web Worker', T, () =>
    step(s, 'playground', async () => {
      const seed = readFileSync(join(folder, 'seed.mat'), 'utf8').split('\n');
      const trainLine = seed.findIndex((line) => line.startsWith('net = train(')) + 1;
      assert.ok(trainLine > 0, 'seed.mat has a train(...) call');
      await s.goToLine(trainLine);
      await waitForLine(
        s,
        /^net = train\(X, y, hidden=3, lr=0\.1, epochs=5000\).*→ TrainResult/,
        'the train result',
      );
      // A lens clicked just as the lenses refresh runs nothing ("Actual command not found"): click
      // again until the panel is there.
      const panel = s.page.locator('iframe.webview');
      await waitFor(
        async () => {
          if ((await panel.count()) > 0) return true;
          await s.clickCodeLens('Open in Playground');
          return panel
            .first()
            .waitFor({ timeout: 15_000 })
            .then(
              () => true,
              () => false,
            );
        },
        90_000,
        'the playground panel to open from its CodeLens',
      );
      const origin = s.webviewFrame(0).locator('#origin');
      await waitFor(
        async () => ((await origin.textContent()) ?? '').includes(`seed.mat:${trainLine}`) || undefined,
        60_000,
        'the panel to follow the train call of seed.mat',
      );
      assert.ok(
        (await workerNames(s)).includes('ExtensionHostWorker -> Matrix Playground file reader'),
        'the file reader runs in a Web Worker',
      );
      await s.screenshot('web-playground');
    }),
  );

  test('it runs in the web worker extension host, its engine in a nested Web Worker', T, () =>
    step(s, 'web worker host', async () => {
      // 1. The evaluation worker: a Web Worker started by code running inside VS Code's extension
      //    host worker, whose Worker wrapper names it "<host worker's name> -> <our name>".
      const names = await waitFor(
        async () => {
          const all = await workerNames(s);
          return all.some((name) => name.endsWith('Matrix Playground evaluation')) ? all : undefined;
        },
        30_000,
        'the evaluation Web Worker',
      );
      assert.ok(
        names.includes('ExtensionHostWorker -> Matrix Playground evaluation'),
        `worker names: ${JSON.stringify(names)}`,
      );

      // 2. The server's Node extension host, whose log shows it activating the built-in Git
      //    extension, never activated this one.
      const nodeHostLog = s.extensionHostLog(/remoteexthost\.log$/);
      assert.match(nodeHostLog, /_doActivateExtension vscode\.git\b/, 'the Node host log is live');
      assert.doesNotMatch(nodeHostLog, new RegExp(`_doActivateExtension ${EXTENSION_ID}`));

      // 3. What VS Code itself says: Developer: Show Running Extensions marks it "web worker".
      await s.runCommand('Developer: Show Running Extensions');
      const row = s.page.locator('.runtime-extensions-editor .monaco-list-row', {
        hasText: 'Matrix Playground',
      });
      const text = await waitFor(
        async () => {
          const t = ((await row.first().textContent()) ?? '').replace(/\s+/g, ' ');
          return /web worker/i.test(t) ? t : undefined;
        },
        30_000,
        'the running-extensions row of Matrix Playground to say "web worker"',
      );
      assert.match(text, /Matrix Playground/);
      await s.screenshot('web-running-extensions');
    }),
  );
});
