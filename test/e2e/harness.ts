/**
 * End-to-end harness: an extension in a real VS Code.
 *
 * VS Code here is code-server 4.100.3 (VS Code 1.100.3's workbench and Node extension host),
 * installed by `scripts/e2e/setup.sh` into `.cache/code-server`, served on 127.0.0.1 and driven
 * in Debian's headless Chromium through playwright-core (shared/real-vscode.md says why).
 * Generic on purpose, but for its last section: the package the suites install (VSIX) and what
 * the seed example shows (seedInlineChecks), which several suites check alike.
 *
 * Run:   bash scripts/e2e/setup.sh        # once; a no-op when already installed
 *        node --import tsx --test --test-concurrency=1 test/e2e/*.e2e.ts
 *
 * Use:   const s = await startVSCode({ vsix, folder, theme: 'Default Light Modern', settings });
 *        try { await s.openFile('a.mat'); ... } catch (e) { await s.reportFailure('what', e); throw e; }
 *        finally { await s.stop(); }
 *   or   await withVSCode(options, async (s) => { ... })   // does the try/catch/finally
 *   or, in node:test files sharing one session:  test('x', () => step(s, 'x', async () => { ... }))
 *
 * Session: page, screenshot(name), stop(); openFile(rel), runCommand(title), waitFor(cond, ms, what),
 * editorText(), visibleLines(), typeInEditor(text), goToLine(l, c), save(), hover(locator | text),
 * codeLenses(), clickCodeLens(match), problems(), problemCounts(), webviewFrame(i),
 * notifications(), waitForNotification(match), clearNotifications(), logs(), outputChannel(name),
 * extensionHostLog(), waitForExtensionActivation(id), browserConsole() (extension host
 * console.log lands there as "[Extension Host] ...").
 *
 * Environment: E2E_KEEP=1 keeps the session's temp dir (user data, logs); E2E_VERBOSE=1 echoes
 * code-server's output; E2E_QUIET=1 silences the harness's own lines; E2E_CACHE_DIR,
 * E2E_SCREENSHOT_DIR, E2E_CHROMIUM move things.
 *
 * Pitfalls for test writers: callbacks given to page.evaluate() are compiled by tsx, which wraps
 * named inner functions in `__name()` (a no-op shim is injected into every frame, but prefer
 * inline arrows); the project's tsconfig has no DOM lib, so type in-page values loosely; never
 * sleep a fixed time, waitFor() what a person would see.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  type WriteStream,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type FrameLocator,
  type Locator,
  type Page,
} from 'playwright-core';

// ------------------------------------------------------------------ paths

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const CACHE_DIR = process.env.E2E_CACHE_DIR ?? join(REPO, '.cache/code-server');
export const CODE_SERVER_ENTRY = join(CACHE_DIR, 'node_modules/code-server/out/node/entry.js');
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? join(REPO, 'screenshots');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Flags from shared/real-vscode.md: no network chatter on this closed machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export type Theme = 'Default Light Modern' | 'Default Dark Modern';

export interface Dirs {
  /** Everything of one session lives under here; removed by stop() unless E2E_KEEP=1. */
  root: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own config file (so it never writes ~/.config/code-server). */
  configFile: string;
}

export interface StartOptions {
  /** Folder to open as the workspace. */
  folder: string;
  /** A .vsix to install (like a user would) before starting. */
  vsix?: string;
  theme?: Theme;
  /** Extra user settings; they override the defaults below. */
  settings?: Record<string, unknown>;
  /** Browser viewport; 1400×900 unless told. */
  viewport?: { width: number; height: number };
  /** Used in log lines and failure screenshots. */
  name?: string;
  /** How long to wait for the workbench; 90 s unless told. */
  startTimeoutMs?: number;
}

/**
 * Defaults that make a test session quiet and typing deterministic: no welcome page, no trust
 * prompt, no telemetry, and no editor "help" (auto-closing brackets, suggestions accepted on
 * Enter, auto-indent) that would turn `keyboard.type()` into something else than what was typed.
 * Override any of them through `settings`.
 */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.parameterHints.enabled': false,
  'editor.minimap.enabled': false,
  'workbench.reduceMotion': 'on',
  'editor.hover.delay': 300,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
};

// ------------------------------------------------------------------ in-page typings

// The project's tsconfig has no DOM lib (the extension host has no DOM), so the few DOM names
// used by callbacks that run in the page are declared here, module-scoped.
interface PageNode {
  textContent: string | null;
}
interface PageElement extends PageNode {
  style: { top: string };
}
declare const document: {
  createTreeWalker(root: unknown, whatToShow: number): { nextNode(): PageNode | null };
  createRange(): {
    setStart(node: PageNode, offset: number): void;
    setEnd(node: PageNode, offset: number): void;
    getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  };
};
declare const NodeFilter: { SHOW_TEXT: number };
declare const navigator: {
  clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> };
};

// ------------------------------------------------------------------ small utilities

const log = (...args: unknown[]) => {
  if (process.env.E2E_QUIET !== '1') console.error('[e2e]', ...args);
};

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `condition` until it returns a truthy value (which is returned), or throws after
 * `timeoutMs` with a message naming `what`, the last value and the last error seen.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<NonNullable<T>> {
  const start = Date.now();
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      lastValue = value;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() - start >= timeoutMs) {
      const detail = lastError
        ? `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`
        : `; last value: ${JSON.stringify(lastValue)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

/** Environment for code-server without the variables of a VS Code this may be running inside. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k.startsWith('NODE_OPTIONS')) continue;
    env[k] = v;
  }
  return env;
}

function checkInstalled(): void {
  if (!existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed at ${CACHE_DIR}: run \`bash scripts/e2e/setup.sh\` first`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`bash scripts/e2e/setup.sh\` first`);
  }
}

export function makeDirs(prefix = 'e2e-vscode-'): Dirs {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs: Dirs = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    configFile: join(root, 'config.yaml'),
  };
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
  mkdirSync(dirs.extensionsDir, { recursive: true });
  writeFileSync(dirs.configFile, 'auth: none\ncert: false\n');
  return dirs;
}

function codeServerArgs(dirs: Dirs): string[] {
  return [
    CODE_SERVER_ENTRY,
    '--config',
    dirs.configFile,
    '--user-data-dir',
    dirs.userDataDir,
    '--extensions-dir',
    dirs.extensionsDir,
  ];
}

// ------------------------------------------------------------------ install a .vsix

/** `code-server --install-extension file.vsix`, the way a user installs a packaged extension. */
export async function installVsix(vsixPath: string, dirs: Dirs): Promise<string> {
  checkInstalled();
  const vsix = resolve(vsixPath);
  if (!existsSync(vsix)) throw new Error(`installVsix: no such file ${vsix}`);
  const started = Date.now();
  const output = await new Promise<string>((res, rej) => {
    execFile(
      process.execPath,
      [...codeServerArgs(dirs), '--install-extension', vsix],
      { env: childEnv(), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const out = `${stdout}${stderr}`;
        if (err) rej(new Error(`installVsix ${vsix} failed: ${err.message}\n${out}`));
        else res(out);
      },
    );
  });
  if (!/successfully installed/i.test(output)) {
    throw new Error(`installVsix ${vsix}: no success message in code-server's output:\n${output}`);
  }
  log(`installed ${basename(vsix)} in ${Date.now() - started} ms`);
  return output;
}

/**
 * Packages an extension folder into a .vsix with the vsce API (no dependencies bundled, no
 * repository or licence needed). The folder's package.json must already point at built code.
 */
export async function packageVsix(extensionDir: string, outFile?: string): Promise<string> {
  const { createVSIX } = await import('@vscode/vsce');
  const pkg = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  const packagePath = resolve(outFile ?? join(extensionDir, `${pkg.name}-${pkg.version}.vsix`));
  await createVSIX({
    cwd: extensionDir,
    packagePath,
    allowMissingRepository: true,
    skipLicense: true,
    dependencies: false,
  });
  return packagePath;
}

// ------------------------------------------------------------------ cleanup of live sessions

const live = new Set<Session>();
let exitHooksInstalled = false;

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // 'exit' handlers run synchronously: kill code-server's process groups there.
  process.on('exit', () => {
    for (const s of live) {
      s.killServerSync();
      if (process.env.E2E_KEEP !== '1') {
        try {
          rmSync(s.dirs.root, { recursive: true, force: true });
        } catch {
          // best effort
        }
      }
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      log(`${sig}: stopping ${live.size} VS Code session(s)`);
      for (const s of live) s.killServerSync();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

// ------------------------------------------------------------------ the session

export interface Diagnostic {
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  /** 1-based, as VS Code shows them. */
  line: number;
  column: number;
  /** The diagnostic's `source`, when it has one. */
  source?: string;
  /** The row's accessible text: "Error: MSG at line 3 and character 7. generated by SRC". */
  text: string;
}

export class Session {
  readonly page: Page;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly port: number;
  readonly url: string;
  readonly folder: string;
  readonly dirs: Dirs;
  readonly name: string;
  /** Milliseconds from spawning code-server to `.monaco-workbench` being visible. */
  readonly startupMs: number;

  private readonly server: ChildProcess;
  private readonly serverLog: string;
  private readonly serverLogStream: WriteStream;
  private readonly consoleLines: string[];
  private stopped = false;

  /** @internal use startVSCode() */
  constructor(init: {
    page: Page;
    browser: Browser;
    context: BrowserContext;
    port: number;
    url: string;
    folder: string;
    dirs: Dirs;
    name: string;
    startupMs: number;
    server: ChildProcess;
    serverLog: string;
    serverLogStream: WriteStream;
    consoleLines: string[];
  }) {
    this.page = init.page;
    this.browser = init.browser;
    this.context = init.context;
    this.port = init.port;
    this.url = init.url;
    this.folder = init.folder;
    this.dirs = init.dirs;
    this.name = init.name;
    this.startupMs = init.startupMs;
    this.server = init.server;
    this.serverLog = init.serverLog;
    this.serverLogStream = init.serverLogStream;
    this.consoleLines = init.consoleLines;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Closes the browser and kills code-server (its whole process group). Safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await Promise.race([this.browser.close(), sleep(10_000)]);
    } catch {
      // the browser may already be gone
    }
    await killServer(this.server);
    this.serverLogStream.end();
    live.delete(this);
    if (process.env.E2E_KEEP !== '1') {
      rmSync(this.dirs.root, { recursive: true, force: true, maxRetries: 3 });
    } else {
      log(`kept ${this.dirs.root}`);
    }
  }

  /** @internal synchronous last-resort kill, for process exit. */
  killServerSync(): void {
    const pid = this.server.pid;
    if (!pid || this.server.exitCode !== null || this.server.signalCode !== null) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }

  /** Saves a PNG of the page (the viewport) to screenshots/NAME.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await this.page.screenshot({ path: file, animations: 'disabled' });
    log(`screenshot ${relative(REPO, file)}`);
    return file;
  }

  /**
   * For a failed test: takes a screenshot `FAILED-<what>` and prints code-server's output, the
   * browser console and the extension host / server logs to stderr.
   */
  async reportFailure(what: string, error?: unknown): Promise<void> {
    console.error(`\n===== e2e failure in ${this.name} / ${what} =====`);
    if (error) console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    try {
      await this.screenshot(`FAILED-${this.name}-${what}`);
    } catch (e) {
      console.error(`(no screenshot: ${(e as Error).message})`);
    }
    console.error(this.logs());
    console.error(`===== end of e2e failure report =====\n`);
  }

  /**
   * Everything that helps debugging, as one string: code-server's stdout/stderr, the browser
   * console, and every log file under the user-data dir (exthost, remoteagent, extension
   * output channels...), each cut to its last `maxCharsPerFile` characters.
   */
  logs(maxCharsPerFile = 6000): string {
    const parts: string[] = [];
    const tail = (s: string) => (s.length > maxCharsPerFile ? `...${s.slice(-maxCharsPerFile)}` : s);
    try {
      parts.push(
        `--- code-server output (${this.serverLog}) ---\n${tail(readFileSync(this.serverLog, 'utf8'))}`,
      );
    } catch {
      // no log yet
    }
    parts.push(`--- browser console ---\n${tail(this.consoleLines.join('\n'))}`);
    for (const file of this.logFiles()) {
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      if (!text.trim()) continue;
      parts.push(`--- ${relative(this.dirs.root, file)} ---\n${tail(text)}`);
    }
    return parts.join('\n');
  }

  /** Log files under the user-data dir (`logs/<date>/…/*.log`), exthost and output channels included. */
  logFiles(): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return;
      }
      for (const e of entries) {
        const p = join(dir, e);
        let st: ReturnType<typeof statSync>;
        try {
          st = statSync(p);
        } catch {
          continue;
        }
        if (st.isDirectory()) walk(p);
        else if (e.endsWith('.log')) out.push(p);
      }
    };
    walk(join(this.dirs.userDataDir, 'logs'));
    return out.sort();
  }

  /** The text of the extension-host log(s) and of output channels whose file name matches `filter`. */
  extensionHostLog(filter: RegExp = /exthost|remoteexthost/i): string {
    return this.logFiles()
      .filter((f) => filter.test(relative(this.dirs.userDataDir, f)))
      .map((f) => `--- ${basename(f)} ---\n${readFileSync(f, 'utf8')}`)
      .join('\n');
  }

  /**
   * The text of an extension's output channel (`vscode.window.createOutputChannel(name)`), from
   * its log file under `logs/<date>/exthost*\/output_logging_*\/N-<name>.log`; '' when none yet.
   */
  outputChannel(name: string): string {
    return this.logFiles()
      .filter((f) => /output_logging_/.test(f) && basename(f).replace(/^\d+-/, '') === `${name}.log`)
      .map((f) => readFileSync(f, 'utf8'))
      .join('');
  }

  /**
   * Waits until the extension host has started activating `extensionId` (publisher.name), as
   * its log says (`ExtensionService#_doActivateExtension <id>`). Returns the activation event.
   */
  async waitForExtensionActivation(extensionId: string, timeoutMs = 60_000): Promise<string> {
    const re = new RegExp(
      `_doActivateExtension ${extensionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b.*activationEvent: '([^']*)'`,
      'i',
    );
    const m = await waitFor(
      () => re.exec(this.extensionHostLog(/exthost\.log$/)),
      timeoutMs,
      `the extension host to activate ${extensionId}`,
      250,
    );
    return m[1];
  }

  /** Browser console lines seen so far. */
  browserConsole(): string[] {
    return [...this.consoleLines];
  }

  // ---------------------------------------------------------------- generic helpers

  waitFor<T>(condition: () => T | Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
    return waitFor(condition, timeoutMs, what);
  }

  /** The quick input (palette / quick open) widget. */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async openQuickInput(key: string, prefix: string): Promise<Locator> {
    const input = this.quickInput().locator('input.input');
    // Press again until it shows: a key pressed while a webview has the focus is forwarded
    // to the workbench asynchronously, and the very first press after load can be missed.
    // A focus change after it opened closes it again: a test that opens something which takes
    // the focus late (a binary file's placeholder) waits for that before running a command.
    await waitFor(
      async () => {
        if (!(await input.isVisible())) await this.page.keyboard.press(key);
        return input.isVisible();
      },
      15_000,
      `the quick input to open with ${key}`,
      500,
    );
    await input.fill(prefix);
    return input;
  }

  /**
   * Waits for a row of the open quick input whose label/description satisfies `match` and
   * returns its locator. Labels are read in one pass in the page (rows without a description
   * have no description element, so per-row locators would wait on them).
   */
  async findQuickInputRow(
    match: (row: { label: string; description: string }) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<Locator> {
    const rows = this.quickInput().locator('.quick-input-list .monaco-list-row');
    let seen: { label: string; description: string }[] = [];
    const index = await waitFor(
      async () => {
        seen = await rows.evaluateAll((els) =>
          els.map((el) => ({
            label: (el.querySelector('.label-name')?.textContent ?? '').trim(),
            description: (el.querySelector('.label-description')?.textContent ?? '').trim(),
          })),
        );
        const i = seen.findIndex(match);
        return i >= 0 ? { i } : undefined;
      },
      timeoutMs,
      what,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; rows seen: ${JSON.stringify(seen.slice(0, 10))}`);
    });
    return rows.nth(index.i);
  }

  /** Runs a command by its title from the command palette (F1), e.g. `View: Toggle Minimap`. */
  async runCommand(title: string, timeoutMs = 20_000): Promise<void> {
    const input = await this.openQuickInput('F1', '>');
    await input.fill(`>${title}`);
    const row = await this.findQuickInputRow(
      (r) => r.label === title,
      timeoutMs,
      `command "${title}" in the command palette`,
    );
    await row.click();
    await waitFor(
      async () => !(await this.quickInput().isVisible()),
      timeoutMs,
      'the command palette to close',
    );
  }

  /**
   * Opens a file of the workspace by its path relative to the folder, through quick open
   * (Ctrl+P), and waits for its editor tab to be the active one.
   */
  async openFile(relativePath: string, timeoutMs = 30_000): Promise<void> {
    const name = basename(relativePath);
    const rel = relativePath.replace(/\\/g, '/');
    const input = await this.openQuickInput('Control+P', '');
    await input.fill(rel);
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    const deadline = Date.now() + timeoutMs;
    // The list re-renders as quick open adds search results to the recently opened files:
    // a row found by its position can be gone when clicked, so it is found again.
    for (;;) {
      const row = await this.findQuickInputRow(
        (r) =>
          r.label === name &&
          (dir ? r.description === dir || r.description.endsWith(`/${dir}`) : r.description === ''),
        Math.max(1000, deadline - Date.now()),
        `"${rel}" in quick open`,
      );
      try {
        await row.click({ timeout: 5000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    await this.waitForActiveTab(name, timeoutMs);
  }

  /** The active editor tab's label. */
  async activeTabTitle(): Promise<string | undefined> {
    const tab = this.page.locator('.editor-group-container.active .tab.active .label-name').first();
    if (!(await tab.count())) return undefined;
    return (await tab.textContent())?.trim();
  }

  async waitForActiveTab(title: string, timeoutMs = 30_000): Promise<void> {
    await waitFor(
      async () => (await this.activeTabTitle()) === title,
      timeoutMs,
      `the active tab to be "${title}"`,
    );
  }

  /** The active text editor (a `.monaco-editor` in the active editor group). */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** Puts the keyboard focus into the active text editor, leaving its cursor where it was. */
  async focusEditor(): Promise<void> {
    const ed = this.activeEditor();
    await ed.waitFor({ state: 'visible', timeout: 15_000 });
    const focused = await ed.evaluate((el) => el.classList.contains('focused'));
    if (!focused) {
      // Focusing the hidden input area keeps the cursor; a click would move it.
      await ed
        .locator('textarea.inputarea')
        .focus({ timeout: 5_000 })
        .catch(() => ed.locator('.view-lines').click({ position: { x: 5, y: 5 } }));
    }
    await waitFor(
      () => ed.evaluate((el) => el.classList.contains('focused')),
      10_000,
      'the editor to take focus',
    );
  }

  /**
   * The text of the active editor's lines as rendered (only lines scrolled into view), in order,
   * with non-breaking spaces turned into spaces. Injected text (inline `after` decorations)
   * shows up here too, which is what a person reads.
   */
  async visibleLines(): Promise<string[]> {
    const lines = await this.activeEditor()
      .locator('.view-lines .view-line')
      .evaluateAll((els) =>
        els
          .map((el) => ({ top: Number.parseFloat(el.style.top) || 0, text: el.textContent ?? '' }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
    return lines.map((l) => l.replace(/\u00a0/g, ' '));
  }

  /**
   * The full text of the active editor's model, read through the clipboard (Ctrl+A, Ctrl+C).
   * Side effect: moves the cursor to the end of the document.
   */
  async editorText(): Promise<string> {
    await this.focusEditor();
    await this.page.evaluate(() => navigator.clipboard.writeText('\u0000e2e-empty\u0000'));
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+C');
    const text = await waitFor(
      async () => {
        const t = await this.page.evaluate(() => navigator.clipboard.readText());
        return t === '\u0000e2e-empty\u0000' ? undefined : { t };
      },
      5_000,
      'the editor text on the clipboard',
      50,
    );
    await this.page.keyboard.press('Control+End');
    return text.t;
  }

  /**
   * Types into the active editor as keystrokes. The default settings turn auto-closing,
   * auto-indent and suggestions off, so what is typed is what ends up in the file.
   */
  async typeInEditor(text: string, opts: { delay?: number } = {}): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.type(text, { delay: opts.delay ?? 5 });
  }

  /** Moves the cursor to line/column (1-based) with "Go to Line/Column" (Ctrl+G). */
  async goToLine(line: number, column = 1): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await waitFor(async () => !(await this.quickInput().isVisible()), 10_000, 'go to line to close');
  }

  /** Ctrl+S, then waits until the active tab no longer shows the dirty marker. */
  async save(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+S');
    await waitFor(
      async () => !(await this.page.locator('.editor-group-container.active .tab.active.dirty').count()),
      15_000,
      'the active editor to be saved',
    );
  }

  /**
   * Hovers `target` and returns the text of the hover widget that appears. `target` is a
   * locator, or a piece of text of the active editor: the mouse then rests on the middle of
   * its first visible occurrence (see editorTextPoint).
   */
  async hover(target: Locator | string, timeoutMs = 15_000): Promise<string> {
    const widget = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
    return waitFor(
      async () => {
        if (typeof target === 'string') {
          const p = await this.editorTextPoint(target);
          await this.page.mouse.move(p.x, p.y, { steps: 2 });
        } else {
          await target.hover({ timeout: 5_000 });
        }
        const shown = await widget
          .first()
          .waitFor({ state: 'visible', timeout: 3_000 })
          .then(() => true)
          .catch(() => false);
        if (!shown) {
          // Move away so that the next try is a fresh hover.
          await this.page.mouse.move(1, 1);
          return undefined;
        }
        const text = (await widget.allInnerTexts()).join('\n').trim();
        return text || undefined;
      },
      timeoutMs,
      `a hover over ${typeof target === 'string' ? JSON.stringify(target) : target}`,
      0,
    );
  }

  /**
   * Page coordinates of the middle of the first visible occurrence of `text` in the active
   * editor's rendered lines (tokens split a line into many spans; this looks across them).
   */
  async editorTextPoint(text: string): Promise<{ x: number; y: number }> {
    const p = await this.activeEditor()
      .locator('.view-lines')
      .evaluate((root, needle) => {
        const lines = Array.from(root.querySelectorAll('.view-line') as ArrayLike<PageElement>).sort(
          (a, b) => (Number.parseFloat(a.style.top) || 0) - (Number.parseFloat(b.style.top) || 0),
        );
        for (const line of lines) {
          const nodes: { node: PageNode; start: number }[] = [];
          let full = '';
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            nodes.push({ node: n, start: full.length });
            full += (n.textContent ?? '').replace(/\u00a0/g, ' ');
          }
          const at = full.indexOf(needle);
          if (at < 0) continue;
          // No named helper functions in here: tsx would wrap them in __name(), unknown to the page.
          let a = { node: nodes[0].node, offset: 0 };
          let b = a;
          for (const { node, start } of nodes) {
            if (start <= at) a = { node, offset: at - start };
            if (start < at + needle.length) b = { node, offset: at + needle.length - start };
          }
          const range = document.createRange();
          range.setStart(a.node, a.offset);
          range.setEnd(b.node, b.offset);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        return undefined;
      }, text);
    if (!p) throw new Error(`${JSON.stringify(text)} is not in the visible lines of the active editor`);
    return p;
  }

  /** The locator of the first rendered token span of the active editor whose text contains `text`. */
  editorToken(text: string): Locator {
    return this.activeEditor().locator('.view-lines .view-line span span', { hasText: text }).first();
  }

  /** The texts of the CodeLenses shown in the active editor (`.codelens-decoration a`). */
  async codeLenses(): Promise<string[]> {
    const texts = await this.page.locator('.codelens-decoration a').allInnerTexts();
    return texts.map((t) => t.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
  }

  /** Waits for a CodeLens whose text matches and clicks it. */
  async clickCodeLens(match: string | RegExp, timeoutMs = 30_000): Promise<void> {
    const test = (t: string) => (typeof match === 'string' ? t.includes(match) : match.test(t));
    const links = this.page.locator('.codelens-decoration a');
    const found = await waitFor(
      async () => {
        const texts = await links.evaluateAll((els) =>
          els.map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ')),
        );
        const i = texts.findIndex(test);
        return i >= 0 ? { i } : undefined;
      },
      timeoutMs,
      `a CodeLens matching ${match}`,
    );
    const link = links.nth(found.i);
    await link.click();
  }

  /**
   * Diagnostics of the workspace, read from the Problems panel (opened with Ctrl+Shift+M; it stays
   * open). Only rows the panel has rendered are returned: fine for a handful of problems.
   */
  async problems(): Promise<Diagnostic[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: 15_000 });
    }
    // The tree renders asynchronously; give it a moment to settle to a stable answer.
    let previous = '';
    const labels = await waitFor(
      async () => {
        const rows = await panel
          .locator('.monaco-list-row')
          .evaluateAll((els) => els.map((e) => ({ label: e.getAttribute('aria-label') ?? '' })));
        const key = JSON.stringify(rows);
        const stable = key === previous;
        previous = key;
        return stable ? { rows } : undefined;
      },
      10_000,
      'the Problems panel to settle',
      250,
    );
    const out: Diagnostic[] = [];
    const severities = { Error: 'error', Warning: 'warning', Info: 'info', Problem: 'hint' } as const;
    for (const { label } of labels.rows) {
      // VS Code 1.100's aria label of a marker row (nls "problems.tree.aria.label.*.marker").
      const m =
        /^(Error|Warning|Info|Problem): ([\s\S]*) at line (\d+) and character (\d+)\.([\s\S]*?)(?: generated by ([\s\S]*))?$/.exec(
          label,
        );
      if (!m) continue;
      out.push({
        severity: severities[m[1] as keyof typeof severities],
        message: m[2],
        line: Number(m[3]),
        column: Number(m[4]),
        source: m[6]?.trim() || undefined,
        text: label,
      });
    }
    return out;
  }

  /** Counts from the status bar's problems item, without opening any panel. */
  async problemCounts(): Promise<{ errors: number; warnings: number; infos: number }> {
    const item = this.page.locator('.statusbar-item[id="status.problems"]');
    const label = ((await item.getAttribute('aria-label')) ?? (await item.textContent()) ?? '').replace(
      /\s+/g,
      ' ',
    );
    const num = (re: RegExp) => Number(re.exec(label)?.[1] ?? 0);
    if (/no problems/i.test(label)) return { errors: 0, warnings: 0, infos: 0 };
    return {
      errors: num(/Errors?:?\s*(\d+)/i),
      warnings: num(/Warnings?:?\s*(\d+)/i),
      infos: num(/Infos?:?\s*(\d+)/i),
    };
  }

  /**
   * The content frame of a webview (two iframes down). With several webviews in the page,
   * `index` picks among the visible ones (0 = first).
   */
  webviewFrame(index = 0): FrameLocator {
    return this.page
      .locator('iframe.webview:visible')
      .nth(index)
      .contentFrame()
      .frameLocator('iframe#active-frame');
  }

  /** The messages of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    const msgs = await this.page
      .locator('.notifications-toasts .notification-toast .notification-list-item-message')
      .allInnerTexts();
    return msgs.map((m) => m.trim()).filter(Boolean);
  }

  /** Waits for a notification toast whose message matches; returns its text. */
  async waitForNotification(match: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const test = (t: string) => (typeof match === 'string' ? t.includes(match) : match.test(t));
    return waitFor(
      async () => (await this.notifications()).find(test),
      timeoutMs,
      `a notification matching ${match}`,
    );
  }

  /** Closes every notification toast (Notifications: Clear All Notifications). */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }
}

async function killServer(server: ChildProcess): Promise<void> {
  const pid = server.pid;
  if (!pid || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((r) => server.once('exit', () => r()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig); // the whole group: code-server, its child, the extension host
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
  if (!done) {
    signal('SIGKILL');
    await Promise.race([exited, sleep(5_000)]);
  }
  // Stragglers of the group (an extension host that ignored SIGTERM).
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // none left
  }
}

// ------------------------------------------------------------------ start

let sessionCounter = 0;

/**
 * Starts code-server on a free port with fresh user-data and extensions dirs (optionally after
 * installing a .vsix), opens the folder in headless Chromium and waits for the workbench.
 */
export async function startVSCode(options: StartOptions): Promise<Session> {
  checkInstalled();
  installExitHooks();
  const name = options.name ?? `session${++sessionCounter}`;
  const folder = resolve(options.folder);
  if (!existsSync(folder)) throw new Error(`startVSCode: folder ${folder} does not exist`);
  const dirs = makeDirs();
  const timeout = options.startTimeoutMs ?? 90_000;

  if (options.vsix) await installVsix(options.vsix, dirs);

  const settings = {
    ...DEFAULT_SETTINGS,
    'workbench.colorTheme': options.theme ?? 'Default Dark Modern',
    ...(options.settings ?? {}),
  };
  writeFileSync(join(dirs.userDataDir, 'User/settings.json'), `${JSON.stringify(settings, null, 2)}\n`);

  const port = await freePort();
  const serverLog = join(dirs.root, 'code-server.log');
  const logStream = createWriteStream(serverLog);
  const t0 = Date.now();
  const server = spawn(
    process.execPath,
    [
      ...codeServerArgs(dirs),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(process.env.E2E_VERBOSE === '1' ? ['-vvv'] : []),
      folder,
    ],
    { env: childEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout?.pipe(logStream, { end: false });
  server.stderr?.pipe(logStream, { end: false });
  if (process.env.E2E_VERBOSE === '1') {
    server.stdout?.on('data', (d) => process.stderr.write(`[code-server] ${d}`));
    server.stderr?.on('data', (d) => process.stderr.write(`[code-server] ${d}`));
  }
  let exitInfo: string | undefined;
  server.on('exit', (code, sig) => {
    exitInfo = `code-server exited (code ${code}, signal ${sig})`;
  });

  let browser: Browser | undefined;
  const fail = async (e: unknown): Promise<never> => {
    if (browser) await browser.close().catch(() => {});
    await killServer(server);
    logStream.end();
    let out = '';
    try {
      out = readFileSync(serverLog, 'utf8');
    } catch {
      // none
    }
    if (process.env.E2E_KEEP !== '1') rmSync(dirs.root, { recursive: true, force: true });
    throw new Error(
      `startVSCode(${name}) failed: ${(e as Error).message}\n--- code-server output ---\n${out.slice(-8000)}`,
    );
  };

  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  let page: Page;
  let context: BrowserContext;
  const consoleLines: string[] = [];
  try {
    await waitFor(
      async () => {
        if (exitInfo) throw new Error(exitInfo);
        const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        return res?.ok;
      },
      timeout,
      `code-server to answer on port ${port}`,
      100,
    ).catch((e) => {
      // Surface an early exit rather than the timeout.
      throw exitInfo ? new Error(exitInfo) : e;
    });
    const httpMs = Date.now() - t0;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
    context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    // tsx (esbuild keepNames) wraps named functions of page.evaluate() callbacks in __name():
    // give every frame of the page a no-op one so such callbacks still run.
    await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
    page = await context.newPage();
    page.on('console', (m) =>
      consoleLines.push(
        `[${m.type()}] ${m
          .text()
          .replace(/%c/g, '')
          .replace(/\s*color:\s*[#\w]*/gi, '')
          .trim()}`,
      ),
    );
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    await page.goto(url, { timeout });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    // The status bar is filled once the workbench has restored its parts.
    await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout });
    const startupMs = Date.now() - t0;
    log(`${name}: code-server answered in ${httpMs} ms, workbench ready in ${startupMs} ms (port ${port})`);
    const session = new Session({
      page,
      browser,
      context,
      port,
      url,
      folder,
      dirs,
      name,
      startupMs,
      server,
      serverLog,
      serverLogStream: logStream,
      consoleLines,
    });
    live.add(session);
    return session;
  } catch (e) {
    return fail(e);
  }
}

/**
 * Starts a session, runs `fn`, and always stops the session. On a failure, takes a
 * screenshot, prints the logs (reportFailure), and rethrows.
 */
export async function withVSCode<T>(options: StartOptions, fn: (s: Session) => Promise<T>): Promise<T> {
  const s = await startVSCode(options);
  try {
    return await fn(s);
  } catch (e) {
    await s.reportFailure('withVSCode', e);
    throw e;
  } finally {
    await s.stop();
  }
}

/**
 * Runs one step of a test against a session; on failure, reports (screenshot + logs) under the
 * step's name and rethrows. Handy inside node:test `test()` bodies sharing one session.
 */
export async function step<T>(s: Session, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    await s.reportFailure(name, e);
    throw e;
  }
}

// ------------------------------------------------------------------ servers started outside the harness

/** A free TCP port on 127.0.0.1, for a server a test starts itself (e.g. `npm start` with PORT). */
export function findFreePort(): Promise<number> {
  return freePort();
}

/**
 * Opens a workbench served by a code-server the test started itself (for instance through
 * `npm start`) in headless Chromium, and returns a Session around it, with the same helpers as
 * startVSCode()'s. `server` is the process the test spawned (stop() kills its process group) and
 * `dirs.userDataDir` the user-data dir that code-server was given (for logs()). stop() removes
 * `dirs.root` only: keep the user-data dir under it when it is a temporary one.
 */
export async function openWorkbench(init: {
  url: string;
  port: number;
  folder: string;
  dirs: Dirs;
  server: ChildProcess;
  /** A file with the server's output, read by logs(). */
  serverLog: string;
  serverLogStream: WriteStream;
  name: string;
  viewport?: { width: number; height: number };
  timeoutMs?: number;
}): Promise<Session> {
  checkInstalled();
  installExitHooks();
  const timeout = init.timeoutMs ?? 90_000;
  const t0 = Date.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({
      viewport: init.viewport ?? { width: 1400, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text().replace(/%c/g, '').trim()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    await page.goto(init.url, { timeout });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout });
    const session = new Session({
      ...init,
      page,
      browser,
      context,
      startupMs: Date.now() - t0,
      consoleLines,
    });
    live.add(session);
    log(`${init.name}: workbench at ${init.url} ready in ${session.startupMs} ms`);
    return session;
  } catch (e) {
    await browser.close().catch(() => {});
    throw new Error(`openWorkbench(${init.name}) failed: ${(e as Error).message}`);
  }
}

// The few DOM names renderedLines() uses in the page (no DOM lib here).
interface RenderedNode {
  nodeType: number;
  textContent: string | null;
  childNodes: Iterable<RenderedNode>;
}
declare const getComputedStyle: (element: unknown, pseudo: string) => { content: string };

/**
 * The active editor's visible lines as a person reads them, text that decorations inject
 * included: VS Code draws an `after` decoration with a CSS `::after` pseudo-element, which
 * `textContent` (and so visibleLines()) does not see.
 */
export async function renderedLines(s: Session): Promise<string[]> {
  const lines = await s
    .activeEditor()
    .locator('.view-lines .view-line')
    .evaluateAll((els) =>
      els
        .map((el) => {
          let text = '';
          const walk = (node: RenderedNode): void => {
            if (node.nodeType === 3) text += node.textContent;
            else if (node.nodeType === 1) {
              for (const child of node.childNodes) walk(child);
              const after = getComputedStyle(node, '::after').content;
              if (after && after !== 'none' && after !== 'normal')
                text += JSON.parse(
                  after.replace(/\\([0-9a-f]{1,6}) ?/gi, (_: string, h: string) =>
                    String.fromCodePoint(Number.parseInt(h, 16)),
                  ),
                );
            }
          };
          walk(el as unknown as RenderedNode);
          return { top: Number.parseFloat(el.style.top) || 0, text };
        })
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
  return lines.map((l) => l.replace(/\u00a0/g, ' '));
}

// ------------------------------------------------------------------ problems of one file, settings

/**
 * Waits until a rendered line of the active editor (inline results included) matches `pattern`
 * (a regular expression or a predicate) and returns it; on a timeout, the error lists the lines
 * seen last.
 */
export async function waitForRenderedLine(
  s: Session,
  pattern: RegExp | ((line: string) => boolean),
  what: string,
  timeoutMs = 60_000,
): Promise<string> {
  const matches = typeof pattern === 'function' ? pattern : (line: string) => pattern.test(line);
  let last: string[] = [];
  return waitFor(
    async () => {
      last = await renderedLines(s);
      return last.find(matches);
    },
    timeoutMs,
    what,
    250,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\nrendered: ${JSON.stringify(last.slice(0, 40))}`);
  });
}

/**
 * Every diagnostic of the files matching `fileGlob` (e.g. `**\/sizes.mat`), read from the Problems
 * panel with its filter set to that glob and its list scrolled through, so that files with more
 * problems than the panel shows at once are read whole. The filter stays set until the next call.
 */
export async function problemsIn(s: Session, fileGlob: string): Promise<Diagnostic[]> {
  await s.problems(); // opens the panel
  const panel = s.page.locator('.markers-panel');
  const filter = s.page.locator('input[aria-label="Filter Problems"]');
  if ((await filter.inputValue()) !== fileGlob) {
    await filter.fill(fileGlob);
    // The filter applies after a short debounce: wait until the list shows no other file's rows
    // (a file's row is labelled "N problems in file NAME of folder DIR").
    const name = fileGlob.slice(fileGlob.lastIndexOf('/') + 1);
    await waitFor(
      async () => {
        const labels = await panel
          .locator('.monaco-list-row')
          .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))
          .catch(() => [] as string[]);
        const files = labels.filter((l) => !/^(Error|Warning|Info|Problem): /.test(l));
        return files.every((l) => l.includes(name)) || undefined;
      },
      10_000,
      `the Problems filter ${fileGlob} to apply`,
      200,
    );
  }
  const list = panel.locator('.monaco-list').first();
  const seen = new Map<string, Diagnostic>();
  // Back to the top, then down a page at a time until the visible rows stop changing.
  if (await list.isVisible()) {
    await list.hover();
    for (let i = 0; i < 50; i++) await s.page.mouse.wheel(0, -2000);
  }
  let previous = '';
  for (let page = 0; page < 200; page++) {
    const visible = await s.problems();
    for (const d of visible) seen.set(d.text, d);
    const key = visible.map((d) => d.text).join('\n');
    if (key === previous || !(await list.isVisible())) break;
    previous = key;
    await list.hover();
    await s.page.mouse.wheel(0, 300);
  }
  return [...seen.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Merges `settings` into the user settings (null removes a key) the way a person does: in the
 * settings.json editor (Preferences: Open User Settings (JSON)), pasted and saved, then closed.
 * VS Code applies it at once; a file written behind its back may never be noticed here.
 */
export async function setUserSettings(s: Session, settings: Record<string, unknown>): Promise<void> {
  const file = join(s.dirs.userDataDir, 'User/settings.json');
  const current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const [key, value] of Object.entries(settings)) {
    if (value === null) delete current[key];
    else current[key] = value;
  }
  const text = `${JSON.stringify(current, null, 2)}\n`;
  await s.runCommand('Preferences: Open User Settings (JSON)');
  await s.waitForActiveTab('settings.json');
  await s.focusEditor();
  await s.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await s.page.keyboard.press('Control+A');
  await s.page.keyboard.press('Control+V');
  await s.save();
  await waitFor(
    () => readFileSync(file, 'utf8') === text || undefined,
    15_000,
    'the user settings to be saved',
  );
  await s.runCommand('View: Close Editor');
}

/** The playground panel's `#app` data attribute `name`, waited for until `accept` says yes. */
export async function waitForPanelAttribute(
  frame: () => FrameLocator,
  name: string,
  accept: (value: string) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<string> {
  return waitFor(
    async () => {
      const value = await frame()
        .locator('#app')
        .getAttribute(`data-${name}`, { timeout: 2_000 })
        .catch(() => null);
      return value !== null && accept(value) ? value : undefined;
    },
    timeoutMs,
    what,
  );
}

// ------------------------------------------------------------------ this extension

/** The packaged extension the suites install (`npm run package` builds it; E2E_VSIX points elsewhere). */
export const VSIX = process.env.E2E_VSIX ?? join(REPO, 'dist', 'matrix-playground.vsix');

/** A new temporary folder (named `<prefix>XXXXXX`) holding a copy of examples/, to open as a workspace. */
export function examplesWorkspace(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(REPO, 'examples'), folder, { recursive: true });
  return folder;
}

/** The inline results of the seed example (examples/seed.mat) as NumPy prints them. */
export const SEED_RESULTS = {
  c: /c = np\.dot\(a, b\).*→ \[\[29 11\] \[11 {2}5\]\]/,
  d: /d = np\.dot\(b, a\).*→ \[\[20 {2}8 14\] \[ 8 {2}4 {2}6\] \[14 {2}6 10\]\]/,
  pinv_a:
    /pinv_a = .*→ \[\[-0\.08333333 {2}0\.58333333\] \[ 0\.41666667 -0\.91666667\] \[ 0\.16666667 -0\.16666667\]\]/,
} as const;

/** Line of seed.mat that holds pinv_a, below the first screen. */
const SEED_PINV_LINE = 22;

/**
 * Waits until the active editor, holding the seed example, shows the inline results of c and d
 * and, with `pinv`, of pinv_a (scrolled to first), with NumPy's numbers.
 */
export async function seedInlineChecks(s: Session, options: { pinv?: boolean } = {}): Promise<void> {
  await waitForRenderedLine(s, SEED_RESULTS.c, 'the inline result of c');
  await waitForRenderedLine(s, SEED_RESULTS.d, 'the inline result of d');
  if (!options.pinv) return;
  await s.goToLine(SEED_PINV_LINE);
  await waitForRenderedLine(s, SEED_RESULTS.pinv_a, 'the inline result of pinv_a');
}
