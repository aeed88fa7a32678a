import { DEFAULT_SEED } from '../engine/constants';
import type { RunConfig } from './protocol';

/**
 * The seed notebook's data and `train`'s defaults (cell In [12]): what the
 * panel runs when it is opened from the palette rather than from a call.
 */
export const SEED_CONFIG: RunConfig = {
  X: [
    [1, 0, 1, 0],
    [1, 0, 1, 1],
    [0, 1, 0, 1],
  ],
  y: [[1], [1], [0]],
  hidden: 3,
  lr: 0.1,
  epochs: 5000,
  seed: null,
};

/** The seed a `.mat` file's generator starts from, so seed=None is reproducible. */
export const FRESH_SEED = DEFAULT_SEED;
