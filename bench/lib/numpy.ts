/**
 * The NumPy reference process: `python3 bench/numpy_ref.py`, driven one
 * JSON line at a time. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed
 * from its environment (and only from its own): on this workplace they are
 * set on some processors for old OpenBLAS builds, and slow a current NumPy.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface NumPyInfo {
  readonly numpy: string;
  readonly python: string;
  readonly openblasCore: string | null;
  readonly openblasConfig: string | null;
  readonly openblasThreads: number | null;
  readonly OPENBLAS_CORETYPE: string | null;
  readonly OPENBLAS_L2_SIZE: string | null;
}

export interface TrainAnswer {
  readonly seconds: number;
  readonly output: number[];
  readonly wh: number[];
  readonly bh: number[];
  readonly wout: number[];
  readonly bout: number[];
}

export interface TimedAnswer {
  /** Seconds per call. */
  readonly seconds: number;
  readonly iters: number;
}

export class NumPy {
  private buffer = '';
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';
  private exited = false;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting.shift()?.(line);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    child.on('exit', () => {
      this.exited = true;
      for (const resolve of this.waiting.splice(0)) resolve('');
    });
  }

  /** Starts the reference process and returns it with its versions, or null (and why) when NumPy cannot run. */
  static async start(benchDir: string): Promise<{ numpy: NumPy; info: NumPyInfo } | { error: string }> {
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn('python3', [join(benchDir, 'numpy_ref.py')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      return { error: `python3 did not start: ${String(e)}` };
    }
    const started = await new Promise<boolean>((resolve) => {
      child.once('spawn', () => resolve(true));
      child.once('error', () => resolve(false));
    });
    if (!started) return { error: 'python3 is not installed' };
    const numpy = new NumPy(child);
    try {
      const info = await numpy.request<NumPyInfo>({ cmd: 'info' });
      return { numpy, info };
    } catch (e) {
      numpy.close();
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Sends one request and waits for its answer; throws with NumPy's error text. */
  async request<T>(request: Record<string, unknown>): Promise<T> {
    if (this.exited) throw new Error(`the NumPy process has exited: ${this.stderr.trim().slice(-500)}`);
    const answer = new Promise<string>((resolve) => this.waiting.push(resolve));
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    const line = await answer;
    if (!line) throw new Error(`the NumPy process has exited: ${this.stderr.trim().slice(-500)}`);
    const parsed = JSON.parse(line) as { ok: boolean; error?: string } & T;
    if (!parsed.ok) throw new Error(`NumPy: ${parsed.error}`);
    return parsed;
  }

  close(): void {
    if (this.exited) return;
    this.child.stdin.end(`${JSON.stringify({ cmd: 'quit' })}\n`);
  }
}
