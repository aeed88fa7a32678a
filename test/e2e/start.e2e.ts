/**
 * `npm start`, the README's "run it" command, end to end: `bash scripts/start.sh` run as a
 * user runs it (its own process group, like a terminal's foreground job), its printed address
 * opened in Chromium, the workbench checked for seed.mat evaluated inline (so the extension is
 * installed and active) and for the playground command in the palette; then Ctrl+C (SIGINT to
 * the group) must stop it cleanly: exit status 0, nothing left running, the port free again.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
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

/** Whether something still listens on 127.0.0.1:port. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((res) => {
    const server = createServer();
    server.once('error', () => res(true));
    server.listen(port, '127.0.0.1', () => server.close(() => res(false)));
  });
}

/** Process ids whose command line mentions `needle` (here: the temporary state dir). */
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

describe('npm start (scripts/start.sh) serves the extension in a real VS Code', () => {
  let root: string;
  let state: string;
  let port: number;
  let start: ChildProcess;
  let output = '';
  let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let s: Session | undefined;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'mat-start-e2e-'));
    state = join(root, 'state');
    port = await findFreePort();
    const logFile = join(root, 'start.log');
    const logStream = createWriteStream(logFile);
    // detached: a process group of its own, as a terminal gives a foreground job.
    start = spawn('bash', ['scripts/start.sh'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), MATRIX_PLAYGROUND_STATE: state },
    });
    exit = new Promise((res) => start.once('exit', (code, signal) => res({ code, signal })));
    for (const stream of [start.stdout, start.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        logStream.write(chunk);
      });
    }
    // Building and packaging come first: minutes on a busy machine.
    const address = await waitFor(
      () => {
        if (start.exitCode !== null) throw new Error(`start.sh exited early:\n${output}`);
        return /^\s*(http:\/\/127\.0\.0\.1:\d+\/\S+)\s*$/m.exec(output)?.[1];
      },
      600_000,
      'start.sh to print the address',
      250,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- start.sh output ---\n${output}`);
    });
    assert.ok(address.startsWith(`http://127.0.0.1:${port}/`), `address on the wrong port: ${address}`);
    const dirs: Dirs = {
      root: join(root, 'session'),
      userDataDir: join(state, 'user'),
      extensionsDir: join(state, 'extensions'),
      configFile: join(state, 'config.yaml'),
    };
    s = await openWorkbench({
      url: address,
      port,
      folder: join(ROOT, 'examples'),
      dirs,
      server: start,
      serverLog: logFile,
      serverLogStream: logStream,
      name: 'start',
    });
  });

  after(async () => {
    await s?.stop();
    if (start && start.exitCode === null && start.signalCode === null) {
      try {
        process.kill(-(start.pid as number), 'SIGKILL');
      } catch {
        // gone
      }
    }
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('the address opens seed.mat with its results inline: the extension is installed and active', () =>
    step(s as Session, 'seed inline', async () => {
      const session = s as Session;
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

  test('Ctrl+C stops it cleanly: exit status 0, nothing left running, the port free', async () => {
    assert.equal(start.exitCode, null, `start.sh stopped early:\n${output}`);
    // What a terminal does on Ctrl+C: SIGINT to the foreground job's process group.
    process.kill(-(start.pid as number), 'SIGINT');
    await waitFor(
      () => start.exitCode !== null || start.signalCode !== null,
      60_000,
      'start.sh to stop after SIGINT',
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- start.sh output ---\n${output}`);
    });
    const { code, signal } = await exit;
    assert.equal(signal, null, `start.sh was killed by ${signal}`);
    assert.equal(code, 0, `start.sh exited with ${code}:\n${output}`);
    assert.match(output, /\[start\] stopped/);
    await waitFor(async () => !(await portInUse(port)), 15_000, `port ${port} to be free`);
    await waitFor(
      () => processesMentioning(state).length === 0,
      15_000,
      `no process left that uses ${state}`,
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${processesMentioning(state).join(', ')}`);
    });
  });
});
