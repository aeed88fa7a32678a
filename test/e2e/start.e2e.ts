/**
 * `npm start`, the README's "run it" command, end to end, in a clean clone of the repository as
 * a newcomer has it: `bash scripts/start.sh` run as a user runs it (its own process group, like a
 * terminal's foreground job). It must check its prerequisites first, one line each, print one
 * progress line per step with its time and keep the tools' output in the log file it names; its
 * printed address, opened in Chromium, must show a scratch copy of the examples with seed.mat
 * evaluated inline (so the extension is installed and active) and the playground command in the
 * palette. An edit typed and saved there lands in the copy, never in the clone: after Ctrl+C
 * (SIGINT to the group: exit status 0, nothing left running, the port free) `git status` of the
 * clone is clean. A second run keeps the edit, `--fresh` copies examples/ again, and an unknown
 * argument is refused with its usage line.
 *
 * The clone shares this checkout's node_modules (one symlink per package, so that an `npm ci`
 * in the clone would only remove the links) and code-server (.cache/code-server), so that
 * start.sh finds them installed and skips minutes of downloads; all the rest is the clone's own.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  type WriteStream,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CACHE_DIR,
  type Dirs,
  findFreePort,
  openWorkbench,
  renderedLines,
  type Session,
  step,
  waitFor,
} from './harness';

const ROOT = resolve(__dirname, '..', '..');
const EXTENSION_ID = 'matrix-playground.matrix-playground';
/** Files whose working-tree version the clone gets (committed there) when they differ from HEAD. */
const SCRIPTS_UNDER_TEST = ['scripts/start.sh', 'scripts/e2e/setup.sh'];
const EDIT = 'edited = 6 * 7';

/** Whether something still listens on 127.0.0.1:port. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((res) => {
    const server = createServer();
    server.once('error', () => res(true));
    server.listen(port, '127.0.0.1', () => server.close(() => res(false)));
  });
}

/** Process ids whose command line mentions `needle` (here: the clone's folder). */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/**
 * A clean clone of this repository's HEAD in `dir`, with the working tree's version of the
 * scripts under test committed on top (so that `git status` starts empty), this checkout's npm
 * packages linked in and its code-server cache linked to.
 */
function cleanClone(dir: string): void {
  execFileSync('git', ['clone', '--quiet', ROOT, dir]);
  const changed = SCRIPTS_UNDER_TEST.filter(
    (file) => readFileSync(join(ROOT, file), 'utf8') !== readFileSync(join(dir, file), 'utf8'),
  );
  if (changed.length) {
    for (const file of changed) copyFileSync(join(ROOT, file), join(dir, file));
    git(dir, 'add', ...changed);
    git(
      dir,
      '-c',
      'user.name=e2e',
      '-c',
      'user.email=e2e@localhost',
      'commit',
      '--quiet',
      '-m',
      'scripts under test',
    );
  }
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    symlinkSync(join(ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  // start.sh runs `npm ci` when package-lock.json is newer than the last install's record; a
  // clone's files are all new, so the lock file gets the record's time, as after an install.
  const installed = statSync(join(ROOT, 'node_modules', '.package-lock.json'));
  utimesSync(join(dir, 'package-lock.json'), installed.atime, installed.mtime);
  mkdirSync(join(dir, '.cache'));
  symlinkSync(CACHE_DIR, join(dir, '.cache', 'code-server'));
  assert.equal(git(dir, 'status', '--porcelain'), '', 'the clone starts clean');
}

/**
 * start.sh run in `cwd` the way a terminal runs a foreground job: in a process group of its own.
 * What it prints (stdout and stderr) is collected in `output` and copied to `copy`.
 */
function startScript(cwd: string, port: number, args: string[] = [], copy?: WriteStream) {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  delete env.MATRIX_PLAYGROUND_STATE;
  const child = spawn('bash', ['scripts/start.sh', ...args], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const run = {
    child,
    output: '',
    exit: new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
      child.once('exit', (code, signal) => res({ code, signal })),
    ),
    /** Waits for `pattern` in what start.sh printed (stdout and stderr). */
    waitForOutput: (pattern: RegExp, timeoutMs: number, what: string) =>
      waitFor(
        () => {
          const match = pattern.exec(run.output);
          if (!match && child.exitCode !== null) throw new Error(`start.sh exited early (${child.exitCode})`);
          return match ?? undefined;
        },
        timeoutMs,
        what,
        100,
      ).catch((e: Error) => {
        throw new Error(`${e.message}\n--- start.sh output ---\n${run.output}`);
      }),
    /** Ctrl+C: SIGINT to the process group, then its exit. */
    interrupt: async () => {
      process.kill(-(child.pid as number), 'SIGINT');
      return run.exit;
    },
  };
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      run.output += chunk.toString();
      copy?.write(chunk);
    });
  }
  return run;
}

describe('npm start (scripts/start.sh) in a clean clone serves a scratch copy of the examples', () => {
  let tmp: string;
  let repo: string;
  let workspace: string;
  let port: number;
  let start: ReturnType<typeof startScript>;
  let server: ChildProcess;
  let s: Session | undefined;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'mat-start-e2e-'));
    repo = join(tmp, 'clone');
    cleanClone(repo);
    const state = join(repo, '.cache', 'start');
    workspace = join(state, 'workspace');
    port = await findFreePort();
    const logFile = join(tmp, 'start-output.log');
    const logStream = createWriteStream(logFile);
    start = startScript(repo, port, [], logStream);
    server = start.child;
    // Building and packaging come first: minutes on a busy machine.
    const [, address] = await start.waitForOutput(
      /^\s*(http:\/\/127\.0\.0\.1:\d+\/\S+)\s*$/m,
      600_000,
      'start.sh to print the address',
    );
    assert.ok(address.startsWith(`http://127.0.0.1:${port}/`), `address on the wrong port: ${address}`);
    const dirs: Dirs = {
      root: join(tmp, 'session'),
      userDataDir: join(state, 'user'),
      extensionsDir: join(state, 'extensions'),
      configFile: join(state, 'config.yaml'),
    };
    s = await openWorkbench({
      url: address,
      port,
      folder: workspace,
      dirs,
      server,
      serverLog: logFile,
      serverLogStream: logStream,
      name: 'start',
    });
  });

  after(async () => {
    await s?.stop();
    if (server && server.exitCode === null && server.signalCode === null) {
      try {
        process.kill(-(server.pid as number), 'SIGKILL');
      } catch {
        // gone
      }
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('prerequisites first, one line each; then one line per step with its time; tool output in the log', () => {
    const lines = start.output.split('\n');
    const checks = lines.slice(0, 3);
    assert.match(checks[0], /^\[start\] Node v20\.\d+\.\d+: ok \(code-server 4\.100\.3 needs Node 20\)$/);
    assert.match(checks[1], /^\[start\] Debian packages chromium ripgrep libkrb5-dev: installed$/);
    assert.equal(checks[2], `[start] port ${port} on 127.0.0.1: free`);
    const logLine = /^\[start\] tool output goes to (\S+)$/m.exec(start.output);
    assert.ok(logLine, `no log file named:\n${start.output}`);
    assert.equal(logLine[1], '.cache/start/start.log');
    const steps = lines.filter((line) => /^\[start\] \d\/\d /.test(line));
    assert.equal(steps.length, 7, `seven steps:\n${start.output}`);
    for (const [i, line] of steps.entries()) {
      assert.match(
        line,
        new RegExp(`^\\[start\\] ${i + 1}/7 .+ … (done in \\d+\\.\\d s|.+ \\(\\d+\\.\\d s\\))$`),
      );
    }
    assert.match(steps[0], /workspace \.cache\/start\/workspace … copied examples\//);
    // The long outputs (vsce's file tree, code-server's install) are in the log, not on screen.
    const log = readFileSync(join(repo, logLine[1]), 'utf8');
    assert.match(log, /Files included in the VSIX/);
    assert.doesNotMatch(start.output, /Files included in the VSIX|Installing extensions/);
  });

  test('the address opens seed.mat of the scratch copy with its results inline: the extension is active', () =>
    step(s as Session, 'seed inline', async () => {
      const session = s as Session;
      assert.ok(session.url.includes(encodeURIComponent(workspace)), `not the scratch copy: ${session.url}`);
      await session.waitForActiveTab('seed.mat', 60_000);
      await waitFor(
        async () =>
          (await renderedLines(session)).find((line) =>
            /c = np\.dot\(a, b\).*→ \[\[29 11\] \[11 {2}5\]\]/.test(line),
          ),
        60_000,
        'the inline result of c = np.dot(a, b)',
      );
      const event = await session.waitForExtensionActivation(EXTENSION_ID);
      assert.match(event, /workspaceContains|onLanguage|onStartupFinished|\*/);
      await session.screenshot('start-seed');
    }));

  test('an edit typed and saved lands in the scratch copy, with its result inline', () =>
    step(s as Session, 'edit and save', async () => {
      const session = s as Session;
      await session.focusEditor();
      await session.page.keyboard.press('Control+End');
      await session.typeInEditor(`\n${EDIT}`);
      await session.save();
      await waitFor(
        async () => (await renderedLines(session)).find((line) => /edited = 6 \* 7.*→ 42/.test(line)),
        30_000,
        'the inline result of the typed line',
      );
      await waitFor(
        () => readFileSync(join(workspace, 'seed.mat'), 'utf8').includes(EDIT),
        10_000,
        'the edit in the scratch copy on disk',
      );
      await session.screenshot('start-edited');
    }));

  test('the playground is one command away in the palette', () =>
    step(s as Session, 'palette', async () => {
      const session = s as Session;
      // The palette may open before the extension's commands are registered: try again until listed.
      await waitFor(
        async () => {
          try {
            await session.runCommand('Matrix: Open Neural Network Playground', 5_000);
            return true;
          } catch {
            await session.page.keyboard.press('Escape');
            return undefined;
          }
        },
        60_000,
        'the command "Matrix: Open Neural Network Playground"',
        500,
      );
      const status = await waitFor(
        async () =>
          (await session
            .webviewFrame(0)
            .locator('#app')
            .getAttribute('data-status', { timeout: 2_000 })
            .catch(() => null)) === 'done' || undefined,
        60_000,
        'the playground to train the seed network',
      );
      assert.ok(status);
      await session.screenshot('start-playground');
    }));

  test('Ctrl+C stops it cleanly (exit status 0, nothing left running, the port free) and the clone is clean', async () => {
    assert.equal(server.exitCode, null, `start.sh stopped early:\n${start.output}`);
    const exit = start.interrupt();
    await waitFor(
      () => server.exitCode !== null || server.signalCode !== null,
      60_000,
      'start.sh to stop after SIGINT',
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- start.sh output ---\n${start.output}`);
    });
    const { code, signal } = await exit;
    assert.equal(signal, null, `start.sh was killed by ${signal}`);
    assert.equal(code, 0, `start.sh exited with ${code}:\n${start.output}`);
    assert.match(start.output, /\[start\] stopped/);
    await waitFor(async () => !(await portInUse(port)), 15_000, `port ${port} to be free`);
    await waitFor(
      () => processesMentioning(repo).length === 0,
      15_000,
      `no process left that uses ${repo}`,
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${processesMentioning(repo).join(', ')}`);
    });
    // Nothing tracked changed and nothing new showed up: the edit lives in the ignored copy only.
    assert.equal(git(repo, 'status', '--porcelain'), '');
    assert.ok(!readFileSync(join(repo, 'examples', 'seed.mat'), 'utf8').includes(EDIT));
    assert.ok(readFileSync(join(workspace, 'seed.mat'), 'utf8').includes(EDIT));
  });

  test('a second run keeps the edit; --fresh copies examples/ again; an unknown argument is refused', async () => {
    // Each run is stopped (Ctrl+C) once its workspace step is over: the rest was seen above.
    const workspaceStep = /^\[start\] 1\/7 workspace \S+ … (.+) \(\d+\.\d s\)$/m;
    const again = startScript(repo, port);
    const [, kept] = await again.waitForOutput(workspaceStep, 60_000, 'the workspace step of a second run');
    assert.equal(kept, 'kept as you left it');
    const secondExit = await again.interrupt();
    assert.equal(secondExit.code, 130, again.output);
    assert.match(
      again.output,
      /\[start\] interrupted during step \d\/7 \(.+\); its output so far is in \.cache\/start\/start\.log/,
    );
    assert.ok(readFileSync(join(workspace, 'seed.mat'), 'utf8').includes(EDIT));

    const fresh = startScript(repo, port, ['--fresh']);
    const [, recopied] = await fresh.waitForOutput(
      workspaceStep,
      60_000,
      'the workspace step of a --fresh run',
    );
    assert.equal(recopied, 'copied examples/ again');
    assert.equal((await fresh.interrupt()).code, 130, fresh.output);
    assert.equal(
      readFileSync(join(workspace, 'seed.mat'), 'utf8'),
      readFileSync(join(repo, 'examples', 'seed.mat'), 'utf8'),
    );

    const wrong = spawnSync('bash', ['scripts/start.sh', '--frsh'], { cwd: repo, encoding: 'utf8' });
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /unknown argument: --frsh\nusage: npm start \[-- --fresh\]/);
    assert.equal(git(repo, 'status', '--porcelain'), '');
  });
});
