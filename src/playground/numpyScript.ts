/**
 * `Copy as NumPy`: a Python script that reproduces a playground run with
 * NumPy: the same data, the same generator state (np.random.seed, or the
 * file's generator state via np.random.set_state), and the seed notebook's
 * loop (cell In [12]) statement for statement, with the per-epoch loss the
 * chart shows and the same stop on a NaN or infinite loss. Pure.
 */

import { LegacyRandom } from '../nn/random';
import { FRESH_SEED } from './defaults';
import type { RngState, Rows, Source } from './protocol';
import { numberSource } from './rewrite';

function arraySource(rows: Rows): string {
  const lines = rows.map((row) => `    [${row.map((v) => numberSource(v)).join(', ')}],`);
  return `np.array([\n${lines.join('\n')}\n], dtype=np.float64)`;
}

function isFreshState(rng: RngState, seed: number): boolean {
  const fresh = LegacyRandom.fromSeed(seed).getState();
  return (
    rng.pos === fresh.pos &&
    !rng.hasGauss &&
    rng.key.length === fresh.key.length &&
    rng.key.every((word, i) => word === fresh.key[i])
  );
}

/** The lines that put NumPy's global generator where the run starts. */
function seedLines(source: Source): string[] {
  const { seed } = source.config;
  if (seed !== null) return [`np.random.seed(${seed})`];
  const rng = source.rng;
  if (!rng || isFreshState(rng, FRESH_SEED)) {
    return [
      `# seed=None: a .mat file's generator starts from seed ${FRESH_SEED}, and nothing drew from it before train(...).`,
      `np.random.seed(${FRESH_SEED})`,
    ];
  }
  const words: string[] = [];
  for (let i = 0; i < rng.key.length; i += 8) words.push(`    ${rng.key.slice(i, i + 8).join(', ')},`);
  return [
    '# seed=None: the generator exactly as it stood where train(...) ran in the file',
    '# (earlier statements had drawn from it), as np.random.get_state() gives it.',
    'np.random.set_state((',
    "    'MT19937',",
    `    np.array([\n${words.map((w) => `    ${w}`).join('\n')}\n    ], dtype=np.uint32),`,
    `    ${rng.pos},`,
    `    ${rng.hasGauss ? 1 : 0},`,
    `    ${numberSource(rng.gauss, true)},`,
    '))',
  ];
}

/** A self-contained Python 3 + NumPy script reproducing the run of `source`. */
export function numpyScript(source: Source): string {
  const { config } = source;
  const seed = config.seed === null ? 'None' : String(config.seed);
  return [
    '# Neural Network Playground run, as a NumPy script (Matrix Playground: Copy as NumPy).',
    `# train(X, y, hidden=${config.hidden}, lr=${numberSource(config.lr, true)}, epochs=${config.epochs}, seed=${seed})`,
    "# The seed notebook's network and loop (cell In [12]); loss is mean((y - output)**2)",
    "# from each epoch's forward pass, before its update, as the playground's chart shows it.",
    'import numpy as np',
    '',
    `X = ${arraySource(config.X)}`,
    `y = ${arraySource(config.y)}`,
    '',
    '',
    '# Sigmoid Function',
    'def sigmoid(x):',
    '    return 1 / (1 + np.exp(-x))',
    '',
    '',
    '# Derivative of Sigmoid Function',
    'def derivatives_sigmoid(x):',
    '    return x * (1 - x)',
    '',
    '',
    '# Variable initialization',
    `epoch = ${config.epochs}  # Setting training iterations`,
    `lr = ${numberSource(config.lr, true)}  # Setting learning rate`,
    'inputlayer_neurons = X.shape[1]  # number of features in data set',
    `hiddenlayer_neurons = ${config.hidden}  # number of hidden layers neurons`,
    'output_neurons = y.shape[1]  # number of neurons at output layer',
    '',
    ...seedLines(source),
    '',
    '# weight and bias initialization',
    'wh = np.random.uniform(size=(inputlayer_neurons, hiddenlayer_neurons))',
    'bh = np.random.uniform(size=(1, hiddenlayer_neurons))',
    'wout = np.random.uniform(size=(hiddenlayer_neurons, output_neurons))',
    'bout = np.random.uniform(size=(1, output_neurons))',
    '',
    'loss = []',
    'with np.errstate(over="ignore", invalid="ignore"):',
    '    for i in range(epoch):',
    '        # Forward Propogation',
    '        hidden_layer_input1 = np.dot(X, wh)',
    '        hidden_layer_input = hidden_layer_input1 + bh',
    '        hiddenlayer_activations = sigmoid(hidden_layer_input)',
    '        output_layer_input1 = np.dot(hiddenlayer_activations, wout)',
    '        output_layer_input = output_layer_input1 + bout',
    '        output = sigmoid(output_layer_input)',
    '',
    '        # Backpropagation',
    '        D = y - output',
    '        loss.append(np.mean(D ** 2))',
    '        if not np.isfinite(loss[-1]):',
    '            print(f"diverged at epoch {i}: the loss is {loss[-1]}; try a lower learning rate")',
    '            break',
    '        slope_output_layer = derivatives_sigmoid(output)',
    '        slope_hidden_layer = derivatives_sigmoid(hiddenlayer_activations)',
    '        d_output = D * slope_output_layer',
    '        Error_at_hidden_layer = d_output.dot(wout.T)',
    '        d_hiddenlayer = Error_at_hidden_layer * slope_hidden_layer',
    '        wout += hiddenlayer_activations.T.dot(d_output) * lr',
    '        bout += np.sum(d_output, axis=0, keepdims=True) * lr',
    '        wh += X.T.dot(d_hiddenlayer) * lr',
    '        bh += np.sum(d_hiddenlayer, axis=0, keepdims=True) * lr',
    '',
    'print(output)',
    'print("epochs:", len(loss), "final loss:", repr(float(loss[-1])))',
    '',
  ].join('\n');
}
