/**
 * Hostile input in a real VS Code (issue 7): the packaged .vsix installed,
 * then, in one window,
 *
 * - every file of the hostile corpus (test/fixtures/hostile/) opened one
 *   after another, each showing its expected messages where a person looks
 *   (a diagnostic on the right statement, an inline result for the lines
 *   that still run, a notice for the binary files), while typing in another
 *   editor keeps updating that editor's inline result;
 * - then the seed example evaluated to NumPy's numbers in the same window;
 * - then an evaluation that exhausts the worker's heap: a diagnostic on the
 *   statement that was running, and evaluation working again after an edit.
 *
 * And in a second window, the Neural Network Playground under attack: its
 * Content-Security-Policy blocks inline and remote scripts and eval, the
 * host refuses malformed messages and the panel lives on, and absurd values
 * typed into its controls (or a 1,000×1,000 X in the file) are refused or
 * clamped with a message.
 *
 * The corpus's `decode` variants (Latin-1, WTF-8) are not opened: VS Code
 * decodes every file as UTF-8 here, which the main variant covers.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import {
  type Expectation,
  HOSTILE_DIR,
  type HostileCase,
  type HostileSpec,
  hostileCases,
} from '../hostile-cases';
import {
  type Diagnostic,
  problemsIn,
  REPO,
  type Session,
  seedInlineChecks,
  setUserSettings,
  startVSCode,
  step,
  VSIX,
  waitFor,
  waitForPanelAttribute,
  waitForRenderedLine,
} from './harness';

/** A case VS Code opens: its file's lines as VS Code splits them (\r\n, \r and \n). */
interface OpenedCase extends HostileCase {
  readonly lines: readonly string[];
}

function openedCases(): OpenedCase[] {
  return hostileCases()
    .filter(({ spec }) => spec.decode === undefined)
    .map((c) => {
      const text = readFileSync(join(HOSTILE_DIR, c.file), 'utf8').replace(/^\uFEFF/, '');
      return { ...c, lines: text.split(/\r\n|\r|\n/) };
    });
}

/** Whitespace runs as one space: VS Code draws a tab as several spaces. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether a line can be found among the rendered ones by its text (short, printable ASCII). */
function findable(line: string): boolean {
  return line.length > 0 && line.length <= 150 && /^[\x20-\x7e\t]+$/.test(line);
}

/**
 * The diagnostic an error expectation asks for, if it is among `found`. The editor adds to the
 * engine's message Python's hint (`. Did you mean: 'x'?`) and, for an error raised inside a
 * function, where it was called from (` (in f() called on line 3)`); such an error sits on the
 * statement in the function's body that raised it, and names the expectation's line as a caller.
 */
function matching(found: readonly Diagnostic[], e: Expectation): Diagnostic | undefined {
  return found.find((d) => {
    const context = / \(in .*\)$/.exec(d.message);
    const message = d.message
      .slice(0, context ? context.index : undefined)
      .replace(/\. Did you mean: '.*'\?$/, '');
    const line = d.line === e.line || context?.[0].includes(`called on line ${e.line})`);
    return (
      line &&
      (e.message === undefined || message === e.message) &&
      (e.match === undefined || new RegExp(e.match).test(message))
    );
  });
}

/** The last line (1-based) of the statement that starts on `line`: brackets may carry it over several. */
function statementEnd(lines: readonly string[], line: number): number {
  let depth = 0;
  let end = line;
  for (; end <= lines.length; end++) {
    for (const ch of lines[end - 1].replace(/#.*$/, '')) {
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth--;
    }
    if (depth <= 0) break;
  }
  return Math.min(end, lines.length);
}

// ------------------------------------------------------------------ the editor: hostile files in one window

describe('hostile .mat files, one after another in one VS Code window', () => {
  let s: Session;
  let folder: string;
  let probeCount = 0;
  const cases = openedCases();

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
    folder = mkdtempSync(join(tmpdir(), 'mat-hostile-e2e-'));
    mkdirSync(join(folder, 'hostile'));
    for (const c of cases) cpSync(join(HOSTILE_DIR, c.file), join(folder, 'hostile', c.file));
    cpSync(join(REPO, 'examples', 'seed.mat'), join(folder, 'seed.mat'));
    writeFileSync(join(folder, 'probe.mat'), 'p = 0 + 1\n');
    s = await startVSCode({
      vsix: VSIX,
      folder,
      name: 'hostile',
      // The first group stays when its file is closed, so each file opens in the same place.
      settings: { 'workbench.editor.closeEmptyGroups': false },
    });
    await step(s, 'probe editor', async () => {
      // The probe lives in a second editor group, beside the hostile files.
      await s.openFile('probe.mat');
      await waitForRenderedLine(s, /^p = 0 \+ 1→ 1$/, 'the probe’s first result', 60_000);
      await s.runCommand('View: Split Editor Right');
      await waitFor(
        async () => (await s.page.locator('.editor-group-container').count()) === 2 || undefined,
        20_000,
        'two editor groups',
      );
    });
  });

  after(async () => {
    await s?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Types a new statement into the probe (second group) and waits for its inline result. */
  async function probeResponds(what: string): Promise<void> {
    const n = ++probeCount;
    await s.page.keyboard.press('Control+2');
    await s.focusEditor();
    await s.page.keyboard.press('Control+A');
    await s.typeInEditor(`p = ${n} + 1`);
    await waitForRenderedLine(
      s,
      new RegExp(`^p = ${n} \\+ 1→ ${n + 1}$`),
      `the probe’s result while ${what}`,
      90_000,
    );
    await s.page.keyboard.press('Control+1');
  }

  /**
   * Opens a workspace file in the first group, closing what else it held. For a binary file
   * (`notice`: the extension's notice about it), first waits until VS Code shows its placeholder.
   */
  async function openInFirstGroup(relativePath: string, notice?: string): Promise<void> {
    await s.page.keyboard.press('Control+1');
    // Quick open can be read while its list still changes: try again rather than click a stale row.
    for (let attempt = 1; ; attempt++) {
      try {
        await s.openFile(relativePath, 20_000);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await s.page.keyboard.press('Escape');
      }
    }
    if (notice !== undefined) await binaryEditorSettles(notice);
    await s.runCommand('View: Close Other Editors in Group');
  }

  /**
   * Waits until a binary file just opened has settled: its tab opens as a text editor, then VS Code
   * finds the bytes binary and puts its placeholder ("The file is not displayed in the text editor
   * because it is either binary…") in the editor's place and focuses it, while the extension shows
   * its notice. A command palette opened before that focus change is closed by it.
   */
  async function binaryEditorSettles(notice: string): Promise<void> {
    const placeholder = s.page.locator('.editor-group-container.active .monaco-editor-pane-placeholder');
    await waitFor(
      () => placeholder.evaluate((el) => el.matches(':focus-within')).catch(() => false),
      30_000,
      'the binary editor’s placeholder to show, with the focus',
    );
    await s.waitForNotification(notice, 30_000);
  }

  /** Closes the first group's editors; the window must answer at once (closing is work too). */
  async function closeFirstGroup(what: string): Promise<void> {
    await s.page.keyboard.press('Control+1');
    await s.runCommand('View: Close All Editors in Group');
    await probeResponds(`${what} is closed`);
  }

  let limits: HostileSpec['limits'];

  for (const c of cases) {
    const { spec } = c;
    test(`${c.name}: ${spec.notAScript ? 'a notice, never evaluated' : 'its messages, the rest still runs'}`, () =>
      step(s, c.name, async () => {
        if (JSON.stringify(spec.limits) !== JSON.stringify(limits)) {
          // The corpus's own limits (a change re-evaluates what is open).
          await setUserSettings(s, {
            'matrixPlayground.limits.maxElements': spec.limits?.maxElements ?? null,
            'matrixPlayground.limits.maxMilliseconds': spec.limits?.maxMilliseconds ?? null,
          });
          limits = spec.limits;
        }
        await openInFirstGroup(`hostile/${c.file}`, spec.notAScript);
        // The window answers while the file is being evaluated.
        await probeResponds(`${c.file} is evaluated`);

        if (spec.notAScript) {
          await s.waitForNotification(spec.notAScript, 30_000);
          await s.screenshot(`hostile-${c.name}`);
          assert.deepEqual(await problemsIn(s, `**/${c.file}`), [], 'a binary file has no diagnostics');
          await s.clearNotifications();
          await closeFirstGroup(c.file);
          return;
        }

        const expectations = spec.expect ?? [];
        const errors = expectations.filter((e) => e.error !== undefined && !e.orValue);
        const timeoutMs = 60_000 + (spec.seconds ?? 10) * 6_000;
        const found = await waitFor(
          async () => {
            const all = await problemsIn(s, `**/${c.file}`);
            return errors.every((e) => matching(all, e)) ? all : undefined;
          },
          timeoutMs,
          `the diagnostics of ${c.file}`,
          1000,
        ).catch(async (error: Error) => {
          const all = await problemsIn(s, `**/${c.file}`);
          const missing = errors.filter((e) => !matching(all, e));
          throw new Error(
            `${error.message}\nmissing: ${JSON.stringify(missing)}\nshown: ${JSON.stringify(all.map((d) => `${d.line}: ${d.message}`))}`,
          );
        });
        for (const e of errors) {
          const d = matching(found, e);
          assert.ok(d, `line ${e.line}: ${e.message ?? e.match}`);
          assert.equal(d.severity, 'error');
          if (e.at !== undefined) {
            // The squiggle starts at the text the error is about.
            const column = c.lines[e.line - 1].indexOf(e.at) + 1;
            if (column > 0) assert.equal(d.column, column, `line ${e.line}: the range of ${e.at}`);
          }
        }
        // Some lines that still run, with their values as the inline results show them.
        const values = expectations.filter((e) => e.error === undefined);
        const shown = values
          .filter((e) => e.text !== undefined && !e.text.includes('\n') && e.text.length <= 80)
          .filter((e) => findable(c.lines[e.line - 1]))
          .slice(-3);
        for (const e of shown) {
          // A statement's value shows after its last line.
          const last = statementEnd(c.lines, e.line);
          await s.goToLine(last);
          const expected = squash(`${c.lines[last - 1]}→ ${e.text}`);
          await waitForRenderedLine(
            s,
            (line) => squash(line) === expected,
            `line ${e.line} of ${c.file} showing → ${e.text}`,
            30_000,
          );
        }
        // Those lines have no diagnostic (read again: the values may have come after the errors).
        const final = shown.length > 0 ? await problemsIn(s, `**/${c.file}`) : found;
        for (const e of values) {
          const wrong = final.filter((d) => d.line === e.line);
          assert.deepEqual(wrong, [], `line ${e.line} should have a value`);
        }
        await s.goToLine(Math.max(1, (errors[0]?.line ?? 1) - 2));
        await s.screenshot(`hostile-${c.name}`);
        await closeFirstGroup(c.file);
      }));
  }

  test('then the seed example shows NumPy’s numbers in the same window', () =>
    step(s, 'seed after hostile', async () => {
      if (limits)
        await setUserSettings(s, {
          'matrixPlayground.limits.maxElements': null,
          'matrixPlayground.limits.maxMilliseconds': null,
        });
      limits = undefined;
      await openInFirstGroup('seed.mat');
      await seedInlineChecks(s, { pinv: true });
      assert.deepEqual(await problemsIn(s, '**/seed.mat'), []);
      await s.goToLine(1);
      await s.screenshot('hostile-then-seed');
    }));

  test('an evaluation that runs out of memory shows a diagnostic and the crash on its statement, keeps the results before it, and the engine restarts', () =>
    step(s, 'out of memory', async () => {
      // Each statement from `a = …` on keeps another tuple of 2**25 items (256 MB) alive: the
      // worker's heap runs out on one of them, whatever its limit within a few GB.
      const doublings = Array.from({ length: 24 }, () => 't = t + t');
      const hogs = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].map(
        (name, i) => `${name} = t + t + (${i},)`,
      );
      const lines = ['# Exhausts the evaluation worker’s heap.', 't = (1, 2)', ...doublings, ...hogs];
      writeFileSync(join(folder, 'memory.mat'), `${lines.join('\n')}\n`);
      const firstHog = lines.indexOf(hogs[0]) + 1;
      // Sizes beyond the default element limit, and time for them.
      await setUserSettings(s, {
        'matrixPlayground.limits.maxElements': 1_000_000_000,
        'matrixPlayground.limits.maxMilliseconds': 120_000,
      });
      await s.page.keyboard.press('Control+2');
      await s.focusEditor();
      await s.page.keyboard.press('Control+A');
      await s.typeInEditor('q = np.zeros((60000000,)).shape');
      await waitForRenderedLine(s, /^q = .*→ \(60000000,\)$/, 'the larger size limit to apply', 60_000);
      await s.page.keyboard.press('Control+1');

      await openInFirstGroup('memory.mat');
      const message = 'the evaluation ran out of memory and was stopped (the engine restarted)';
      const crash = await waitFor(
        async () => (await problemsIn(s, '**/memory.mat')).find((d) => d.message === message),
        240_000,
        'the out-of-memory diagnostic',
        1000,
      );
      assert.ok(crash.line >= firstHog, `blamed line ${crash.line}: ${lines[crash.line - 1]}`);
      assert.match(lines[crash.line - 1], /^[a-l] = t \+ t \+ \(\d+,\)$/);
      assert.equal(crash.column, 1, 'the diagnostic covers the statement');
      await s.goToLine(crash.line);
      // What ran before the crash keeps its results, and the crash shows inline on its statement.
      const before = lines[crash.line - 2];
      await waitForRenderedLine(
        s,
        (line) => line.startsWith(before) && line.includes('→'),
        `the result of line ${crash.line - 1} (${before}) before the crash`,
      );
      await waitForRenderedLine(
        s,
        (line) => line.startsWith(lines[crash.line - 1]) && /→ .*out of memory/.test(line),
        'the crash inline on its statement',
      );
      await s.screenshot('hostile-out-of-memory');

      // The engine restarted: the probe still gets results.
      await probeResponds('the engine restarts');

      // Remove the statements that do not fit; the file evaluates again.
      await s.goToLine(firstHog);
      await s.page.keyboard.press('Control+Shift+End');
      await s.typeInEditor('ok = 41 + 1');
      await waitForRenderedLine(s, /^ok = 41 \+ 1→ 42$/, 'the edited file’s result', 180_000);
      await waitFor(
        async () => (await problemsIn(s, '**/memory.mat')).length === 0 || undefined,
        60_000,
        'the out-of-memory diagnostic to clear',
      );
      await s.screenshot('hostile-out-of-memory-fixed');
      await setUserSettings(s, {
        'matrixPlayground.limits.maxElements': null,
        'matrixPlayground.limits.maxMilliseconds': null,
      });
    }));
});

// ------------------------------------------------------------------ the playground under attack

/** The page globals the in-webview probes use (the project's tsconfig has no DOM lib). */
interface WebviewGlobals {
  document: {
    body: { append(node: unknown): void };
    createElement(tag: string): {
      textContent: string;
      innerHTML: string;
      src: string;
      onload: (() => void) | null;
      onerror: (() => void) | null;
      remove(): void;
    };
    addEventListener(
      type: string,
      listener: (event: { violatedDirective: string; blockedURI: string }) => void,
    ): void;
  };
  eval(code: string): unknown;
  fetch(url: string): Promise<unknown>;
  Function: new (body: string) => () => void;
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(message: unknown): void };
  };
  __cspViolations?: string[];
  __ran?: string[];
}

const waitForApp = (
  frame: () => FrameLocator,
  name: string,
  accept: (value: string) => boolean,
  what: string,
  timeoutMs = 60_000,
) => waitForPanelAttribute(frame, name, accept, what, timeoutMs);

async function waitForText(
  frame: () => FrameLocator,
  selector: string,
  pattern: RegExp,
  what: string,
): Promise<string> {
  return waitFor(
    async () => {
      const text =
        (await frame()
          .locator(selector)
          .textContent({ timeout: 2_000 })
          .catch(() => null)) ?? '';
      return pattern.test(text) ? text : undefined;
    },
    30_000,
    what,
  );
}

async function setInput(frame: FrameLocator, selector: string, value: string): Promise<void> {
  const input = frame.locator(selector);
  await input.fill(value);
  await input.press('Enter');
}

describe('the Neural Network Playground under hostile input', () => {
  let s: Session;
  let folder: string;
  let server: Server;
  const requests: string[] = [];
  const frame = () => s.webviewFrame(0);

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
    folder = mkdtempSync(join(tmpdir(), 'mat-hostile-playground-e2e-'));
    writeFileSync(
      join(folder, 'big.mat'),
      'X = np.random.rand(1000, 1000)\ny = np.random.rand(1000, 1)\nnet = train(X, y, epochs=1)\n',
    );
    // A server that a remote script or fetch from the panel would reach: it must never be asked.
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.setHeader('Content-Type', 'text/javascript');
      response.setHeader('Access-Control-Allow-Origin', '*');
      response.end('(globalThis.__ran = globalThis.__ran || []).push("remote script");');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    s = await startVSCode({ vsix: VSIX, folder, name: 'hostile-playground' });
  });

  after(async () => {
    await s?.stop();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('opens from the palette and trains the seed network', () =>
    step(s, 'open', async () => {
      await waitFor(
        async () => {
          try {
            await s.runCommand('Matrix: Open Neural Network Playground', 5_000);
            return true;
          } catch {
            await s.page.keyboard.press('Escape');
            return undefined;
          }
        },
        60_000,
        'the playground command',
        500,
      );
      await waitForApp(frame, 'status', (v) => v === 'done', 'the seed run to finish');
    }));

  test('the Content-Security-Policy blocks inline scripts, handler attributes, eval and remote scripts', () =>
    step(s, 'csp', async () => {
      const port = (server.address() as AddressInfo).port;
      const remote = `http://127.0.0.1:${port}`;
      const outcome = await frame()
        .locator('#app')
        .evaluate(async (_element, base) => {
          const page = globalThis as unknown as WebviewGlobals;
          const { document } = page;
          // Leave the debugger's evaluation first: while it runs, Chromium lets eval through
          // whatever the page's CSP says (CDP's allowUnsafeEvalBlockedByCSP); the page's own code is held to it.
          await new Promise<void>((done) => {
            const channel = new page.MessageChannel();
            channel.port1.onmessage = () => done();
            channel.port2.postMessage(0);
          });
          page.__cspViolations = [];
          page.__ran = [];
          document.addEventListener('securitypolicyviolation', (event) =>
            page.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`),
          );
          const inline = document.createElement('script');
          inline.textContent = 'globalThis.__ran.push("inline script")';
          document.body.append(inline);
          const holder = document.createElement('div');
          holder.innerHTML = '<img src="data:," onerror="globalThis.__ran.push(\'onerror attribute\')">';
          document.body.append(holder);
          const errors: string[] = [];
          try {
            page.eval('globalThis.__ran.push("eval")');
          } catch (error) {
            errors.push(`eval: ${(error as Error).name}`);
          }
          try {
            new page.Function('globalThis.__ran.push("new Function")')();
          } catch (error) {
            errors.push(`Function: ${(error as Error).name}`);
          }
          const script = document.createElement('script');
          const loaded = new Promise<string>((done) => {
            script.onload = () => done('loaded');
            script.onerror = () => done('blocked');
          });
          script.src = `${base}/remote.js`;
          document.body.append(script);
          const fetched = await page.fetch(`${base}/fetch`).then(
            () => 'fetched',
            (error: Error) => `refused: ${error.name}`,
          );
          const remoteScript = await loaded;
          // Nothing of the attempts stays on the page (the broken image would).
          for (const element of [inline, holder, script]) element.remove();
          return { errors, remoteScript, fetched };
        }, remote);
      assert.deepEqual(outcome.errors, ['eval: EvalError', 'Function: EvalError']);
      assert.equal(outcome.remoteScript, 'blocked');
      assert.match(outcome.fetched, /^refused/);
      // Each attempt is reported as a violation (they arrive as events, after the fact).
      const violations = await waitFor(
        async () => {
          const seen = await frame()
            .locator('#app')
            .evaluate(() => (globalThis as unknown as WebviewGlobals).__cspViolations ?? []);
          const has = (directive: RegExp, uri: RegExp) =>
            seen.some((v) => directive.test(v.split(' ')[0]) && uri.test(v.split(' ')[1] ?? ''));
          return has(/^script-src/, /^inline$/) &&
            has(/^script-src/, /^eval$/) &&
            has(/^script-src/, new RegExp(`^${remote}/remote\\.js$`)) &&
            has(/^connect-src$/, new RegExp(`^${remote}/fetch$`))
            ? seen
            : undefined;
        },
        20_000,
        'the securitypolicyviolation events',
      );
      assert.ok(violations.length >= 5, violations.join(' | '));
      const ran = await frame()
        .locator('#app')
        .evaluate(() => (globalThis as unknown as WebviewGlobals).__ran ?? []);
      assert.deepEqual(ran, [], 'no injected code ran');
      assert.deepEqual(requests, [], 'the panel reached the network');
      // The panel still works.
      await setInput(frame(), '#lr', '0.5');
      await waitForApp(frame, 'lr', (v) => v === '0.5', 'a run with lr=0.5');
      await waitForApp(frame, 'status', (v) => v === 'done', 'the lr=0.5 run to finish');
    }));

  test('the extension refuses malformed messages from the panel, which stays alive', () =>
    step(s, 'malformed messages', async () => {
      // Posted the way the webview's own API posts (VS Code's webview host frame relays them),
      // as a compromised panel script could.
      const outer = await (await s.page.locator('iframe.webview:visible').elementHandle())?.contentFrame();
      assert.ok(outer, 'the webview’s host frame');
      const post = (message: unknown) =>
        outer.evaluate((m) => {
          const host = globalThis as unknown as {
            __vscode_post_message__(channel: string, data: unknown): void;
          };
          host.__vscode_post_message__('onmessage', { message: m, transfer: undefined });
        }, message);
      const refusals: [unknown, RegExp][] = [
        ['rm -rf /', /refused: message must be an object$/],
        [{ type: 'runShell', command: 'rm -rf /' }, /refused: unknown message type "runShell"$/],
        [
          { type: 'edit', requestId: 1, basis: 0, edit: { param: '__proto__', value: { polluted: true } } },
          /refused: unknown argument "__proto__"$/,
        ],
        [
          {
            type: 'edit',
            requestId: 2,
            basis: 0,
            edit: { param: 'X', value: Array.from({ length: 100_000 }, () => [1]) },
          },
          /refused: X has 100000 rows; the playground takes at most 200$/,
        ],
        [
          { type: 'edit', requestId: 3, basis: 0, edit: { param: 'lr', value: 'NaN' } },
          /refused: lr must be a number, got a string$/,
        ],
        [{ type: 'saveChart', png: 'javascript:alert(1)' }, /refused: png must be a base64 PNG data URL$/],
      ];
      for (const [message, refusal] of refusals) {
        await post(message);
        await waitForText(frame, '#notice', refusal, `the refusal ${refusal}`);
      }
      assert.match(
        (await frame().locator('#notice').getAttribute('class')) ?? '',
        /\berror\b/,
        'shown as an error',
      );
      await s.screenshot('hostile-playground-refused-message');
      // Nothing was polluted, and the panel trains on.
      const polluted = await frame()
        .locator('#app')
        .evaluate(() => (({}) as Record<string, unknown>).polluted !== undefined);
      assert.equal(polluted, false);
      await frame().locator('button[data-action="reset"]').click();
      await waitForApp(frame, 'status', (v) => v === 'paused', 'the reset');
      await frame().locator('#play').click();
      await waitForApp(frame, 'status', (v) => v === 'done', 'the run after the refusals');
    }));

  test('absurd values in the controls and the data grid are clamped or refused, with a message', () =>
    step(s, 'absurd values', async () => {
      // lr 1e9: clamped to 100; the run diverges and stops itself, saying so.
      await setInput(frame(), '#lr', '1e9');
      await waitForText(frame, '#notice', /^lr=1000000000 is above 100: using 100$/, 'the lr notice');
      assert.equal(await frame().locator('#lr').inputValue(), '100');
      await waitForApp(frame, 'alarm', (v) => v === 'rising', 'the divergence alarm');
      await waitForApp(frame, 'status', (v) => v === 'paused', 'the diverging run to stop');
      assert.match(
        (await frame().locator('#alarm').textContent()) ?? '',
        /^Diverging: .* Training paused at epoch [\d,]+; press Play to go on anyway\. Try a lower learning rate, e\.g\. lr=10\.$/,
      );
      assert.ok(Number(await frame().locator('#app').getAttribute('data-epoch')) < 5000);
      await s.screenshot('hostile-playground-diverged');
      // epochs 1e12: clamped to 1,000,000.
      await setInput(frame(), '#epochs', '1000000000000');
      await waitForText(
        frame,
        '#notice',
        /^epochs=1000000000000 is above 1000000: using 1000000$/,
        'the epochs notice',
      );
      assert.equal(await frame().locator('#epochs').inputValue(), '1000000');
      // hidden 10,000: clamped to 64.
      await setInput(frame(), '#hidden', '10000');
      await waitForText(frame, '#notice', /^hidden=10000 is above 64: using 64$/, 'the hidden notice');
      assert.equal(await frame().locator('#hidden').inputValue(), '64');
      // Impossible values are refused and the field says so.
      await setInput(frame(), '#lr', '0');
      await waitForText(frame, '#notice', /^lr must be greater than 0, got 0$/, 'the lr=0 refusal');
      assert.equal(await frame().locator('#lr').getAttribute('aria-invalid'), 'true');
      await setInput(frame(), '#epochs', '2.5');
      await waitForText(frame, '#notice', /^epochs must be an integer, got 2\.5$/, 'the epochs=2.5 refusal');
      // Sane values again.
      await setInput(frame(), '#lr', '0.1');
      await setInput(frame(), '#epochs', '5000');
      await setInput(frame(), '#hidden', '3');
      await waitForApp(frame, 'status', (v) => v === 'done', 'the sane run to finish');
      const epochBefore = await frame().locator('#app').getAttribute('data-epoch');
      // NaN and infinity in the data grid are refused; the run keeps its data.
      for (const [value, shown] of [
        ['NaN', 'NaN'],
        ['1e999', '1e999'],
        ['', ''],
      ]) {
        await setInput(frame(), 'input[aria-label="X[0][0]"]', value);
        await waitForText(
          frame,
          '#notice',
          new RegExp(`^X\\[0\\]\\[0\\] must be a finite number, got "${shown}"$`),
          `the refusal of ${JSON.stringify(value)}`,
        );
        assert.equal(await frame().locator('input[aria-label="X[0][0]"]').getAttribute('class'), 'invalid');
      }
      assert.equal(await frame().locator('#app').getAttribute('data-status'), 'done');
      assert.equal(await frame().locator('#app').getAttribute('data-epoch'), epochBefore);
      await s.screenshot('hostile-playground-nan-refused');
    }));

  test('a 1,000×1,000 X in the file is refused with a message; the panel keeps its values', () =>
    step(s, 'big X', async () => {
      await s.runCommand('View: Focus First Editor Group');
      await s.openFile('big.mat');
      await s.goToLine(3);
      await s.clickCodeLens('Open in Playground', 60_000);
      const message = await waitForText(
        frame,
        '#source-error',
        /^line 3: X is 1000×1000; the playground takes at most 200×64\. The panel keeps its last values\.$/,
        'the refusal of the big X',
      );
      assert.ok(message);
      assert.equal(await frame().locator('#source-error').isVisible(), true);
      assert.equal(await frame().locator('#lr').inputValue(), '0.1');
      await s.screenshot('hostile-playground-big-x');
    }));
});
