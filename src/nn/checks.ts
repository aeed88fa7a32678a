/**
 * Argument checks for the trainer, with messages that say what was expected:
 * the playground shows them to the user as they are.
 */

import type { TrainingData } from './network';

/** A positive integer dimension (rows, inputs, outputs). */
export function checkDimension(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${value}`);
  }
}

/** hidden: an integer >= 1. */
export function checkHidden(hidden: number): void {
  if (!Number.isSafeInteger(hidden) || hidden < 1) {
    throw new Error(`hidden must be an integer >= 1, got ${hidden}`);
  }
}

/** lr: any finite number (negative rates are allowed: gradient ascent). */
export function checkLearningRate(lr: number): void {
  if (typeof lr !== 'number' || !Number.isFinite(lr)) {
    throw new Error(`lr must be a finite number, got ${lr}`);
  }
}

/** epochs: a non-negative safe integer. */
export function checkEpochs(epochs: number): void {
  if (!Number.isSafeInteger(epochs) || epochs < 0) {
    throw new Error(`epochs must be a non-negative integer, got ${epochs}`);
  }
}

/** The data set's dimensions and that X and y hold rows × inputs and rows × outputs values. */
export function checkData(data: TrainingData): void {
  checkDimension(data.rows, 'rows');
  checkDimension(data.inputs, 'inputs');
  checkDimension(data.outputs, 'outputs');
  if (data.X.length !== data.rows * data.inputs) {
    throw new Error(
      `X has ${data.X.length} values, expected rows × inputs = ${data.rows} × ${data.inputs} = ${data.rows * data.inputs}`,
    );
  }
  if (data.y.length !== data.rows * data.outputs) {
    throw new Error(
      `y has ${data.y.length} values, expected rows × outputs = ${data.rows} × ${data.outputs} = ${data.rows * data.outputs} (y needs one row per row of X)`,
    );
  }
}
