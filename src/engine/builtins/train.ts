import { initWeights, type Matrix, Trainer } from '../../nn/network';
import { MatError } from '../errors';
import { floatScalarText } from '../format/floating';
import { allocate, checkDeadline, reserve } from '../limits';
import { NDArray } from '../ndarray';
import { astype } from '../ops';
import { NONE, type RecordValue, type Value } from '../values';
import { optional, required, toArray, toInt, toNumber } from './convert';
import { type BuiltinImpl, params } from './registry';

/** Epochs between time-limit checks: small enough to stop promptly, large enough to cost nothing. */
const EPOCHS_PER_SLICE = 2000;
/** Multiply-adds between time-limit checks inside an epoch (a big X or hidden layer makes one epoch slow). */
const WORK_PER_CHECK = 2_000_000;

function matrixArgument(value: Value, name: string): NDArray {
  const array = astype(toArray(value, name), 'float64');
  if (array.ndim !== 2) {
    throw new MatError(
      `train() needs ${name} as a 2-D array (rows × ${name === 'X' ? 'features' : 'outputs'}), got ${array.ndim}-D`,
      'ValueError',
    );
  }
  if (array.shape[0] === 0 || array.shape[1] === 0) {
    throw new MatError(
      `train() needs at least one row and one column in ${name}, got shape (${array.shape[0]}, ${array.shape[1]})`,
      'ValueError',
    );
  }
  // NaN or inf in the data would only train a network of NaNs: say where it is instead.
  const bad = array.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const [row, col] = [Math.floor(bad / array.shape[1]), bad % array.shape[1]];
    throw new MatError(
      `train() needs finite numbers in ${name}, but ${name}[${row}, ${col}] is ${floatScalarText(array.data[bad])}`,
      'ValueError',
    );
  }
  return array;
}

function toArrayValue(matrix: Matrix): NDArray {
  const data = allocate(matrix.data.length);
  data.set(matrix.data);
  return new NDArray(data, [matrix.rows, matrix.cols], 'float64');
}

/** `train(X, y, …)`: the seed notebook's two-layer sigmoid network, trained by its own update rule. */
export const TRAIN_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'train',
    params: params('X', 'y', 'hidden?', 'lr?', 'epochs?', 'seed?'),
    call: (args, ctx) => {
      const X = matrixArgument(required(args, 'X'), 'X');
      const y = matrixArgument(required(args, 'y'), 'y');
      if (X.shape[0] !== y.shape[0]) {
        throw new MatError(
          `train() needs as many rows in y as in X: X has ${X.shape[0]}, y has ${y.shape[0]}`,
          'ValueError',
        );
      }
      const hiddenValue = optional(args, 'hidden');
      const lrValue = optional(args, 'lr');
      const epochsValue = optional(args, 'epochs');
      const seedValue = optional(args, 'seed');
      const hidden = hiddenValue ? toInt(hiddenValue, 'hidden') : 3;
      const lr = lrValue ? toNumber(lrValue, 'lr') : 0.1;
      const epochs = epochsValue ? toInt(epochsValue, 'epochs') : 5000;
      if (hidden < 1) throw new MatError(`train() needs hidden >= 1, got ${hidden}`, 'ValueError');
      if (!Number.isFinite(lr))
        throw new MatError(`train() needs a finite learning rate, got ${floatScalarText(lr)}`, 'ValueError');
      if (epochs < 0) throw new MatError(`train() needs epochs >= 0, got ${epochs}`, 'ValueError');
      const [rows, inputs] = X.shape;
      const outputs = y.shape[1];
      // The loss history and the weights count against the size limit like any array.
      reserve(hidden * (inputs + outputs + rows * 3) + rows * outputs * 3);
      const loss = allocate(epochs);
      let work = 0;
      const onProgress = (done: number) => {
        work += done;
        if (work >= WORK_PER_CHECK) {
          work = 0;
          checkDeadline();
        }
      };
      const rng = ctx.rng();
      if (seedValue !== undefined) {
        try {
          rng.seed(toInt(seedValue, 'seed'));
        } catch (error) {
          if (error instanceof MatError) throw error;
          // The generator checks the range with NumPy's message.
          throw new MatError((error as Error).message, 'ValueError');
        }
      }
      const trainer = new Trainer(
        { X: X.data, rows, inputs, y: y.data, outputs },
        hidden,
        lr,
        initWeights(rng, inputs, hidden, outputs),
        { stopOnDivergence: false, onProgress },
      );
      for (let done = 0; done < epochs; ) {
        checkDeadline();
        const slice = Math.min(EPOCHS_PER_SLICE, epochs - done);
        trainer.step(slice, loss, done);
        done += slice;
      }
      const output = trainer.output;
      const fields = new Map<string, Value>([
        ['output', output ? toArrayValue(output) : NONE],
        ['loss', new NDArray(loss, [epochs], 'float64')],
        ['wh', toArrayValue(trainer.wh)],
        ['bh', toArrayValue(trainer.bh)],
        ['wout', toArrayValue(trainer.wout)],
        ['bout', toArrayValue(trainer.bout)],
      ]);
      return { kind: 'record', typeName: 'TrainResult', fields } satisfies RecordValue;
    },
  },
];
