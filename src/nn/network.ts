/**
 * The seed notebook's network (cell In [12]): one hidden sigmoid layer
 * trained by full-batch gradient steps, reproduced operation for operation
 * so results agree with NumPy to rounding (see scripts/fixtures/nn_reference.py).
 *
 *   h      = sigmoid(X·wh + bh)          sigmoid(x) = 1 / (1 + exp(-x))
 *   output = sigmoid(h·wout + bout)
 *   D = y - output;  d_output = D * output*(1-output)
 *   d_hidden = (d_output·woutᵀ) * h*(1-h)
 *   wout += hᵀ·d_output*lr;  bout += sum(d_output, axis=0)*lr
 *   wh   += Xᵀ·d_hidden*lr;  bh   += sum(d_hidden, axis=0)*lr
 *
 * Matrices are row-major Float64Arrays. Dot products sum k in increasing
 * order as NumPy's small matrix products do (BLAS may fuse multiply-adds, so
 * agreement is to ~1e-15 per step, not bit for bit); sums over axis 0 follow
 * NumPy's reduction order (pairwise for a single column, row by row otherwise).
 */

import { checkData, checkDimension, checkEpochs, checkHidden, checkLearningRate } from './checks';
import type { LegacyRandom } from './random';
import { addColumnSums, pairwiseSum } from './sums';

/** A row-major matrix of doubles. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols values, row by row. */
  readonly data: Float64Array;
}

/** A training set: `rows` examples of `inputs` features and `outputs` targets. */
export interface TrainingData {
  /** Inputs, rows × inputs, row-major. */
  readonly X: ArrayLike<number>;
  readonly rows: number;
  readonly inputs: number;
  /** Targets, rows × outputs, row-major (the notebook's y is rows × 1). */
  readonly y: ArrayLike<number>;
  readonly outputs: number;
}

/** The network's parameters, each row-major. */
export interface Weights {
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  /** inputs × hidden */
  readonly wh: Float64Array;
  /** 1 × hidden */
  readonly bh: Float64Array;
  /** hidden × outputs */
  readonly wout: Float64Array;
  /** 1 × outputs */
  readonly bout: Float64Array;
}

/** Options of {@link train}; the defaults are the notebook's. */
export interface TrainOptions {
  /** Hidden neurons (default 3). */
  readonly hidden?: number;
  /** Learning rate (default 0.1). */
  readonly lr?: number;
  /** Epochs (default 5000). */
  readonly epochs?: number;
}

/** What {@link train} returns. */
export interface TrainResult {
  /** The last epoch's forward output (rows × outputs), what the notebook prints; null after 0 epochs. */
  readonly output: Matrix | null;
  /** Per-epoch mean((y - output)**2) from that epoch's forward pass, before its update; NaN after a divergence. */
  readonly loss: Float64Array;
  readonly wh: Matrix;
  readonly bh: Matrix;
  readonly wout: Matrix;
  readonly bout: Matrix;
  /** Epochs run (equals the requested count unless training diverged). */
  readonly epochs: number;
  /** Index of the first epoch whose loss was NaN or infinite, or null. */
  readonly divergedAt: number | null;
}

/**
 * Draws initial weights the notebook's way: `np.random.uniform(size=…)` for
 * wh (inputs × hidden), bh (1 × hidden), wout (hidden × outputs) and bout
 * (1 × outputs), in that order, each filled row-major.
 */
export function initWeights(rng: LegacyRandom, inputs: number, hidden: number, outputs: number): Weights {
  checkDimension(inputs, 'inputs');
  checkHidden(hidden);
  checkDimension(outputs, 'outputs');
  return {
    inputs,
    hidden,
    outputs,
    wh: rng.fill(new Float64Array(inputs * hidden)),
    bh: rng.fill(new Float64Array(hidden)),
    wout: rng.fill(new Float64Array(hidden * outputs)),
    bout: rng.fill(new Float64Array(outputs)),
  };
}

/**
 * A network being trained, with every buffer allocated up front: `step`
 * allocates nothing, so the playground can call it thousands of times while
 * a slider moves without feeding the garbage collector.
 *
 * The weight and output accessors return live views of the internal buffers,
 * which the next `step` or `setWeights` overwrites: copy them to keep them.
 */
export class Trainer {
  readonly rows: number;
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;

  private readonly X: Float64Array;
  private readonly y: Float64Array;
  private readonly whBuf: Float64Array;
  private readonly bhBuf: Float64Array;
  private readonly woutBuf: Float64Array;
  private readonly boutBuf: Float64Array;
  private readonly h: Float64Array; // rows × hidden activations
  private readonly out: Float64Array; // rows × outputs
  private readonly dOut: Float64Array; // rows × outputs
  private readonly dHid: Float64Array; // rows × hidden
  private readonly sq: Float64Array; // rows × outputs, (y - output)**2 for the loss
  private rate: number;
  private epochsRun = 0;
  private loss = Number.NaN;
  private diverged: number | null = null;
  private readonly stopOnDivergence: boolean;
  private readonly onProgress: ((work: number) => void) | undefined;

  /**
   * @param data the training set (copied)
   * @param hidden hidden neurons, an integer ≥ 1
   * @param lr learning rate, a finite number
   * @param weights initial weights (copied), shaped for data and hidden
   * @param options stopOnDivergence (default true): stop at the first epoch
   *   whose loss is NaN or infinite instead of training on; onProgress: called
   *   inside an epoch with the multiply-adds done since its last call (about
   *   one row of a product at a time), so a caller can stop a huge epoch by
   *   throwing from it
   */
  constructor(
    data: TrainingData,
    hidden: number,
    lr: number,
    weights: Weights,
    options: {
      readonly stopOnDivergence?: boolean;
      readonly onProgress?: (work: number) => void;
    } = {},
  ) {
    checkData(data);
    checkHidden(hidden);
    checkLearningRate(lr);
    this.rows = data.rows;
    this.inputs = data.inputs;
    this.hidden = hidden;
    this.outputs = data.outputs;
    this.rate = lr;
    this.stopOnDivergence = options.stopOnDivergence ?? true;
    this.onProgress = options.onProgress;
    this.X = Float64Array.from(data.X);
    this.y = Float64Array.from(data.y);
    this.whBuf = new Float64Array(this.inputs * hidden);
    this.bhBuf = new Float64Array(hidden);
    this.woutBuf = new Float64Array(hidden * this.outputs);
    this.boutBuf = new Float64Array(this.outputs);
    this.h = new Float64Array(this.rows * hidden);
    this.out = new Float64Array(this.rows * this.outputs);
    this.dOut = new Float64Array(this.rows * this.outputs);
    this.dHid = new Float64Array(this.rows * hidden);
    this.sq = new Float64Array(this.rows * this.outputs);
    this.setWeights(weights);
  }

  /** The learning rate; may be changed between steps (a finite number). */
  get lr(): number {
    return this.rate;
  }

  set lr(value: number) {
    checkLearningRate(value);
    this.rate = value;
  }

  /** Epochs run since construction or the last `setWeights`. */
  get epoch(): number {
    return this.epochsRun;
  }

  /** The most recent epoch's loss (NaN before the first epoch). */
  get lastLoss(): number {
    return this.loss;
  }

  /** Index of the first epoch whose loss was NaN or infinite, or null. */
  get divergedAt(): number | null {
    return this.diverged;
  }

  /** The last epoch's forward output, rows × outputs (null before the first epoch). */
  get output(): Matrix | null {
    return this.epochsRun === 0 ? null : { rows: this.rows, cols: this.outputs, data: this.out };
  }

  /** wh, inputs × hidden (live view). */
  get wh(): Matrix {
    return { rows: this.inputs, cols: this.hidden, data: this.whBuf };
  }

  /** bh, 1 × hidden (live view). */
  get bh(): Matrix {
    return { rows: 1, cols: this.hidden, data: this.bhBuf };
  }

  /** wout, hidden × outputs (live view). */
  get wout(): Matrix {
    return { rows: this.hidden, cols: this.outputs, data: this.woutBuf };
  }

  /** bout, 1 × outputs (live view). */
  get bout(): Matrix {
    return { rows: 1, cols: this.outputs, data: this.boutBuf };
  }

  /** Replaces the weights (copied) and restarts the epoch count and divergence state. */
  setWeights(weights: Weights): void {
    if (
      weights.inputs !== this.inputs ||
      weights.hidden !== this.hidden ||
      weights.outputs !== this.outputs
    ) {
      throw new Error(
        `weights are for ${weights.inputs} inputs, ${weights.hidden} hidden, ${weights.outputs} outputs; ` +
          `the trainer has ${this.inputs}, ${this.hidden}, ${this.outputs}`,
      );
    }
    copyChecked(weights.wh, this.whBuf, 'wh');
    copyChecked(weights.bh, this.bhBuf, 'bh');
    copyChecked(weights.wout, this.woutBuf, 'wout');
    copyChecked(weights.bout, this.boutBuf, 'bout');
    this.epochsRun = 0;
    this.loss = Number.NaN;
    this.diverged = null;
  }

  /**
   * Runs up to `epochs` epochs and returns how many ran: fewer only when an
   * epoch's loss is NaN or infinite and stopOnDivergence is set. That epoch
   * counts as run (its forward output and loss are kept, see `divergedAt`),
   * but its update is skipped; later calls then run nothing (0) until
   * `setWeights`.
   *
   * @param lossOut if given, epoch i of this call writes its loss to
   *   lossOut[lossOffset + i]
   */
  step(epochs: number, lossOut?: Float64Array, lossOffset = 0): number {
    checkEpochs(epochs);
    if (
      lossOut &&
      (!Number.isSafeInteger(lossOffset) || lossOffset < 0 || lossOffset + epochs > lossOut.length)
    ) {
      throw new Error(
        `loss buffer of length ${lossOut.length} cannot take ${epochs} values at offset ${lossOffset}`,
      );
    }
    if (this.diverged !== null && this.stopOnDivergence) return 0;
    // Everything the loop touches, hoisted into locals.
    const { X, y, h, out, dOut, dHid, sq, rows, inputs, hidden, outputs } = this;
    const wh = this.whBuf;
    const bh = this.bhBuf;
    const wout = this.woutBuf;
    const bout = this.boutBuf;
    const lr = this.rate;
    const n = rows * outputs;
    const progress = this.onProgress;
    let done = 0;
    while (done < epochs) {
      // Forward: h = sigmoid(X·wh + bh)
      for (let i = 0; i < rows; i++) {
        const xRow = i * inputs;
        const hRow = i * hidden;
        for (let j = 0; j < hidden; j++) {
          let acc = 0;
          for (let k = 0; k < inputs; k++) acc += X[xRow + k] * wh[k * hidden + j];
          h[hRow + j] = 1 / (1 + Math.exp(-(acc + bh[j])));
        }
        if (progress) progress(hidden * inputs);
      }
      // output = sigmoid(h·wout + bout); D, the loss terms and d_output
      for (let i = 0; i < rows; i++) {
        const hRow = i * hidden;
        const oRow = i * outputs;
        for (let o = 0; o < outputs; o++) {
          let acc = 0;
          for (let j = 0; j < hidden; j++) acc += h[hRow + j] * wout[j * outputs + o];
          const value = 1 / (1 + Math.exp(-(acc + bout[o])));
          out[oRow + o] = value;
          const d = y[oRow + o] - value;
          sq[oRow + o] = d * d;
          dOut[oRow + o] = d * (value * (1 - value));
        }
        if (progress) progress(hidden * outputs);
      }
      const loss = pairwiseSum(sq, 0, n) / n;
      if (lossOut) lossOut[lossOffset + done] = loss;
      this.loss = loss;
      done++;
      this.epochsRun++;
      if (!Number.isFinite(loss)) {
        if (this.diverged === null) this.diverged = this.epochsRun - 1;
        if (this.stopOnDivergence) break;
      }
      // d_hidden = (d_output·woutᵀ) * h*(1-h), from the weights before any update
      for (let i = 0; i < rows; i++) {
        const hRow = i * hidden;
        const oRow = i * outputs;
        for (let j = 0; j < hidden; j++) {
          let acc = 0;
          for (let o = 0; o < outputs; o++) acc += dOut[oRow + o] * wout[j * outputs + o];
          const a = h[hRow + j];
          dHid[hRow + j] = acc * (a * (1 - a));
        }
        if (progress) progress(hidden * outputs);
      }
      // wout += hᵀ·d_output*lr
      for (let j = 0; j < hidden; j++) {
        for (let o = 0; o < outputs; o++) {
          let acc = 0;
          for (let i = 0; i < rows; i++) acc += h[i * hidden + j] * dOut[i * outputs + o];
          wout[j * outputs + o] += acc * lr;
        }
        if (progress) progress(outputs * rows);
      }
      addColumnSums(dOut, rows, outputs, lr, bout);
      // wh += Xᵀ·d_hidden*lr
      for (let k = 0; k < inputs; k++) {
        for (let j = 0; j < hidden; j++) {
          let acc = 0;
          for (let i = 0; i < rows; i++) acc += X[i * inputs + k] * dHid[i * hidden + j];
          wh[k * hidden + j] += acc * lr;
        }
        if (progress) progress(hidden * rows);
      }
      addColumnSums(dHid, rows, hidden, lr, bh);
    }
    return done;
  }
}

/**
 * Trains the notebook's network: weights from {@link initWeights} with `rng`,
 * then `epochs` full-batch steps. If an epoch's loss becomes NaN or infinite
 * training stops there (see `divergedAt`); the remaining losses are NaN.
 */
export function train(data: TrainingData, options: TrainOptions, rng: LegacyRandom): TrainResult {
  const hidden = options.hidden ?? 3;
  const lr = options.lr ?? 0.1;
  const epochs = options.epochs ?? 5000;
  // Validate everything before drawing, so a bad call leaves rng untouched.
  checkData(data);
  checkHidden(hidden);
  checkLearningRate(lr);
  checkEpochs(epochs);
  const trainer = new Trainer(data, hidden, lr, initWeights(rng, data.inputs, hidden, data.outputs));
  const loss = new Float64Array(epochs);
  const done = trainer.step(epochs, loss);
  loss.fill(Number.NaN, done);
  const output = trainer.output;
  return {
    output: output && copyMatrix(output),
    loss,
    wh: copyMatrix(trainer.wh),
    bh: copyMatrix(trainer.bh),
    wout: copyMatrix(trainer.wout),
    bout: copyMatrix(trainer.bout),
    epochs: done,
    divergedAt: trainer.divergedAt,
  };
}

function copyMatrix(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.slice() };
}

function copyChecked(src: ArrayLike<number>, dst: Float64Array, name: string): void {
  if (src.length !== dst.length) {
    throw new Error(`${name} has ${src.length} values, expected ${dst.length}`);
  }
  dst.set(src);
}
