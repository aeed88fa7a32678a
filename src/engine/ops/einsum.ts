import { canCastSafely, canCastSameKind, isFloatDType, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { checkInt64 } from '../int64';
import { allocate, checkDeadline } from '../limits';
import { type DType, NDArray, shapeSize, stridesOf } from '../ndarray';
import { commonDType } from './broadcast';
import { astype } from './unary';

/**
 * NumPy's `einsum`, as its C implementation (`PyArray_EinsteinSum`) parses
 * and checks the subscripts, with its messages: repeated labels in an
 * operand take a diagonal, labels broadcast like NumPy's iterator (a length
 * of 1 stretches), `...` stands for the broadcast axes, and the implicit
 * output is the broadcast axes then every label seen once, in character
 * order (capitals first). One operand without a summed label gives a view
 * of it (made by the caller from `EinsumView`). Several operands are
 * contracted two at a time, cheapest first, which gives NumPy's values
 * (to rounding) without looping over every label at once.
 */

/** NumPy's casting rules, as einsum's `casting=` names them. */
export type Casting = 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe';

export const CASTINGS: readonly Casting[] = ['no', 'equiv', 'safe', 'same_kind', 'unsafe'];

/** `np.can_cast(from, to, casting)` for the engine's dtypes. */
export function canCast(from: DType, to: DType, casting: Casting): boolean {
  if (from === to || casting === 'unsafe') return true;
  if (casting === 'no' || casting === 'equiv') return false;
  return casting === 'safe' ? canCastSafely(from, to) : canCastSameKind(from, to);
}

export interface EinsumOptions {
  /** `dtype=`: the dtype the sum is computed in (operands cast to it by `casting`). */
  readonly dtype?: DType;
  readonly casting: Casting;
  /**
   * `optimize=` other than False (a path name, 'none' for None, 'explicit' for a path list):
   * NumPy's Python front end checks the subscripts first, with its own messages.
   */
  readonly optimize: string | false;
  /** `out=`: the array the result goes into (the caller writes it); it takes part in the checks. */
  readonly out?: NDArray;
}

/** A view of the single operand: `shape`, and per axis the step through its row-major elements. */
export interface EinsumView {
  readonly kind: 'view';
  readonly shape: number[];
  readonly steps: number[];
}

export type EinsumResult = EinsumView | { readonly kind: 'array'; readonly array: NDArray };

const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * One operand's labels as NumPy's `parse_operand_subscripts` makes them:
 * a character code for a label's first axis, the (negative) offset back to
 * it for a repeat, 0 for an axis the ellipsis covers.
 */
function operandLabels(subscripts: string, ndim: number, iop: number, counts: number[]): number[] {
  const labels: number[] = [];
  let ellipsis = -1;
  for (let i = 0; i < subscripts.length; i++) {
    const code = subscripts.charCodeAt(i);
    if (isLetter(code)) {
      if (labels.length >= ndim) {
        throw new MatError(`einstein sum subscripts string contains too many subscripts for operand ${iop}`);
      }
      labels.push(code);
      counts[code]++;
    } else if (code === 46 /* . */) {
      if (
        ellipsis !== -1 ||
        i + 2 >= subscripts.length ||
        subscripts[++i] !== '.' ||
        subscripts[++i] !== '.'
      ) {
        throw new MatError(
          `einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in operand ${iop}`,
        );
      }
      ellipsis = labels.length;
    } else if (code !== 32) {
      throw new MatError(
        `invalid subscript '${subscripts[i]}' in einstein sum subscripts string, subscripts must be letters`,
      );
    }
  }
  if (ellipsis === -1) {
    if (labels.length !== ndim) {
      throw new MatError(
        "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
      );
    }
  } else if (labels.length < ndim) {
    const broadcast = new Array<number>(ndim - labels.length).fill(0);
    labels.splice(ellipsis, 0, ...broadcast);
  }
  for (let axis = 0; axis < ndim - 1; axis++) {
    const label = labels[axis];
    if (label <= 0) continue;
    for (let later = axis + 1; later < ndim; later++) {
      if (labels[later] === label) labels[later] = axis - later;
    }
  }
  return labels;
}

/** The output's labels from `->...` (NumPy's `parse_output_subscripts`), 0 for each broadcast axis. */
function outputLabels(
  subscripts: string,
  broadcastAxes: number,
  counts: readonly number[],
  sumBroadcast: boolean,
): number[] {
  const labels: number[] = [];
  let ellipsis = false;
  for (let i = 0; i < subscripts.length; i++) {
    const code = subscripts.charCodeAt(i);
    if (isLetter(code)) {
      if (subscripts.indexOf(subscripts[i], i + 1) !== -1) {
        throw new MatError(
          `einstein sum subscripts string includes output subscript '${subscripts[i]}' multiple times`,
        );
      }
      if (counts[code] === 0) {
        throw new MatError(
          `einstein sum subscripts string included output subscript '${subscripts[i]}' which never appeared in an input`,
        );
      }
      labels.push(code);
    } else if (code === 46) {
      if (ellipsis || i + 2 >= subscripts.length || subscripts[++i] !== '.' || subscripts[++i] !== '.') {
        throw new MatError(
          "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in the output",
        );
      }
      ellipsis = true;
      for (let b = 0; b < broadcastAxes; b++) labels.push(0);
    } else if (code !== 32) {
      throw new MatError(
        `invalid subscript '${subscripts[i]}' in einstein sum subscripts string, subscripts must be letters`,
      );
    }
  }
  if (!ellipsis && broadcastAxes > 0 && !sumBroadcast) {
    throw new MatError(
      "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
    );
  }
  return labels;
}

/** An operand reduced to distinct labels: repeated labels became one diagonal axis. */
interface Combined {
  readonly shape: number[];
  /** Steps through the operand's row-major elements, per combined axis. */
  readonly steps: number[];
  readonly labels: number[];
}

/** NumPy's `get_combined_dims_view`: repeated labels of one operand merged into their diagonal. */
function combineRepeats(a: NDArray, labels: readonly number[], iop: number): Combined {
  const strides = stridesOf(a.shape);
  const shape: number[] = [];
  const steps: number[] = [];
  const combinedLabels: number[] = [];
  const position: number[] = [];
  labels.forEach((label, axis) => {
    if (label >= 0) {
      position.push(shape.length);
      shape.push(a.shape[axis]);
      steps.push(strides[axis]);
      combinedLabels.push(label);
      return;
    }
    const at = position[axis + label];
    position.push(-1);
    if (shape[at] !== a.shape[axis]) {
      throw new MatError(
        `dimensions in operand ${iop} for collapsing index '${String.fromCharCode(labels[axis + label])}' don't match (${shape[at]} != ${a.shape[axis]})`,
      );
    }
    steps[at] += strides[axis];
  });
  return { shape, steps, labels: combinedLabels };
}

/**
 * NumPy's `get_single_op_view`: the output as a view of the one operand, or
 * undefined when a label is summed.
 */
function singleOperandView(
  a: NDArray,
  labels: readonly number[],
  output: readonly number[],
): EinsumView | undefined {
  const strides = stridesOf(a.shape);
  const shape = new Array<number>(output.length).fill(0);
  const steps = new Array<number>(output.length).fill(0);
  let nextBroadcast = 0;
  for (let axis = 0; axis < a.ndim; axis++) {
    let label = labels[axis];
    if (label < 0) label = labels[axis + label];
    if (label === 0) {
      while (nextBroadcast < output.length && output[nextBroadcast] !== 0) nextBroadcast++;
      shape[nextBroadcast] = a.shape[axis];
      steps[nextBroadcast] = strides[axis];
      nextBroadcast++;
      continue;
    }
    const at = output.indexOf(label);
    if (at < 0) return undefined;
    if (shape[at] !== 0 && shape[at] !== a.shape[axis]) {
      throw new MatError(
        `dimensions in single operand for collapsing index '${String.fromCharCode(label)}' don't match (${shape[at]} != ${a.shape[axis]})`,
      );
    }
    shape[at] = a.shape[axis];
    steps[at] += strides[axis];
  }
  return { kind: 'view', shape, steps };
}

/** NumPy's `prepare_op_axes`: per iterator axis, the operand's axis (-1: not there). */
function operandAxes(labels: readonly number[], iterLabels: readonly number[]): number[] {
  const axes = new Array<number>(iterLabels.length);
  let broadcast = labels.length - 1;
  for (let i = iterLabels.length - 1; i >= 0; i--) {
    const label = iterLabels[i];
    if (label === 0) {
      while (broadcast >= 0 && labels[broadcast] !== 0) broadcast--;
      axes[i] = broadcast < 0 ? -1 : broadcast--;
    } else {
      axes[i] = labels.indexOf(label);
    }
  }
  return axes;
}

/** NumPy's `convert_shape_to_string`: leading new axes dropped, `(n,)` for a single entry. */
function shapeString(dims: readonly number[], ending: string): string {
  let i = 0;
  while (i < dims.length && dims[i] < 0) i++;
  if (i === dims.length) return `()${ending}`;
  const parts = [String(dims[i])];
  for (i++; i < dims.length; i++) parts.push(dims[i] < 0 ? 'newaxis' : String(dims[i]));
  return dims.length === 1 ? `(${parts[0]},)${ending}` : `(${parts.join(',')})${ending}`;
}

/** The operands' subscript groups and the output part (`->...`), as NumPy splits them. */
function splitOperands(subscripts: string, count: number): { groups: string[]; rest: string } {
  const groups: string[] = [];
  let rest = subscripts;
  for (let iop = 0; iop < count; iop++) {
    const match = /[,-]/.exec(rest);
    const length = match ? match.index : rest.length;
    if (iop === count - 1 && rest[length] === ',') {
      throw new MatError(
        'more operands provided to einstein sum function than specified in the subscripts string',
      );
    }
    if (iop < count - 1 && rest[length] !== ',') {
      throw new MatError(
        'fewer operands provided to einstein sum function than specified in the subscripts string',
      );
    }
    groups.push(rest.slice(0, length));
    rest = rest.slice(iop < count - 1 ? length + 1 : length);
  }
  return { groups, rest };
}

/** A tensor over some of the iterator's axes (by index), as contractions pass it on. */
interface Term {
  readonly data: Float64Array;
  /** Iterator axes it spans, each once. */
  readonly axes: number[];
  /** Step through `data` per spanned axis (0 where a length of 1 is stretched). */
  readonly steps: number[];
}

/**
 * `einsum(subscripts, *operands)` (NumPy's checks and messages in order):
 * a view of a single operand when nothing is summed, else a new array.
 */
export function einsum(
  subscripts: string,
  operands: readonly NDArray[],
  options: EinsumOptions,
): EinsumResult {
  if (options.optimize !== false) checkPythonSubscripts(subscripts, operands, options.optimize);
  const counts = new Array<number>(128).fill(0);
  const { groups, rest } = splitOperands(subscripts, operands.length);
  const labels = groups.map((group, iop) => operandLabels(group, operands[iop].ndim, iop, counts));
  const broadcastAxes = Math.max(0, ...labels.map((l) => l.filter((x) => x === 0).length));
  let output: number[];
  if (rest === '') {
    output = new Array<number>(broadcastAxes).fill(0);
    for (let code = 0; code < 128; code++) if (counts[code] === 1) output.push(code);
  } else {
    if (!rest.startsWith('->')) {
      throw new MatError("einstein sum subscript string does not contain proper '->' output specified");
    }
    // NumPy's Python front end (optimize=) sums the broadcast axes an output without '...' leaves out.
    output = outputLabels(rest.slice(2), broadcastAxes, counts, options.optimize !== false);
  }
  const out = options.out;
  if (out && out.ndim !== output.length) {
    throw new MatError(
      `out parameter does not have the correct number of dimensions, has ${out.ndim} but should have ${output.length}`,
    );
  }
  if (operands.length === 1 && !out) {
    const view = singleOperandView(operands[0], labels[0], output);
    if (view) return view;
  }
  const combined = operands.map((a, iop) => combineRepeats(a, labels[iop], iop));
  const iterLabels = [...output];
  if (!output.includes(0)) for (let b = 0; b < broadcastAxes; b++) iterLabels.push(0);
  for (let code = 0; code < 128; code++) {
    if (counts[code] > 0 && !output.includes(code)) iterLabels.push(code);
  }
  const axesOf = combined.map((c) => operandAxes(c.labels, iterLabels));
  // The iterator's shape: a length of 1 stretches to the others, as broadcasting does.
  const sizes = new Array<number>(iterLabels.length).fill(1);
  let mismatch = false;
  combined.forEach((c, iop) => {
    axesOf[iop].forEach((axis, i) => {
      if (axis < 0) return;
      const d = c.shape[axis];
      if (sizes[i] === 1) sizes[i] = d;
      else if (d !== sizes[i] && d !== 1) mismatch = true;
    });
  });
  out?.shape.forEach((d, i) => {
    if (sizes[i] === 1) sizes[i] = d;
    else if (d !== sizes[i] && d !== 1) mismatch = true;
  });
  if (mismatch) {
    let shapes = combined
      .map((c, iop) => {
        const remapped = axesOf[iop].map((axis) => (axis >= 0 && axis < c.shape.length ? c.shape[axis] : -1));
        return shapeString(c.shape, '->') + shapeString(remapped, ' ');
      })
      .join('');
    if (out) {
      const remapped = iterLabels.map((_, i) => (i < out.ndim ? out.shape[i] : -1));
      shapes += shapeString(out.shape, '->') + shapeString(remapped, ' ');
    }
    throw new MatError(
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${shapes}`,
    );
  }
  const reduced = out?.shape.findIndex((d, i) => d === 1 && sizes[i] !== 1) ?? -1;
  if (reduced >= 0) {
    throw new MatError(
      `output operand requires a reduction along dimension ${reduced}, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape.`,
    );
  }
  // The output array takes part in the common dtype, as an operand of NumPy's iterator.
  const dtype = options.dtype ?? commonDType(out ? [...operands, out] : operands);
  operands.forEach((a, iop) => {
    if (!canCast(a.dtype, dtype, options.casting)) {
      throw new MatError(
        `Iterator operand ${iop} dtype could not be cast from dtype('${a.dtype}') to dtype('${dtype}') according to the rule '${options.casting}'`,
        'TypeError',
      );
    }
  });
  if (out && !canCast(dtype, out.dtype, options.casting)) {
    throw new MatError(
      `Iterator requested dtype could not be cast from dtype('${dtype}') to dtype('${out.dtype}'), the operand ${operands.length} dtype, according to the rule '${options.casting}'`,
      'TypeError',
    );
  }
  const spans = combined.map((c, iop) => {
    const axes: number[] = [];
    const steps: number[] = [];
    axesOf[iop].forEach((axis, i) => {
      if (axis < 0) return;
      axes.push(i);
      steps.push(c.shape[axis] === 1 ? 0 : c.steps[axis]);
    });
    return { axes, steps };
  });
  // NumPy's Python path (optimize=) first sums each operand over the labels no other operand or the
  // output has, in the operand's own dtype (bools by "or"), before multiplying operands together.
  const sumsAlone = options.optimize !== false && options.dtype === undefined && operands.length > 1;
  const terms = spans.map(({ axes, steps }, iop): Term => {
    const a = operands[iop];
    let term: Term = { data: a.data, axes, steps };
    if (sumsAlone) {
      const alone = axes.filter(
        (axis) => axis >= output.length && spans.every((other, k) => k === iop || !other.axes.includes(axis)),
      );
      if (alone.length > 0) {
        const kept = axes.filter((axis) => !alone.includes(axis));
        term = contract([term], kept, sizes, a.dtype, false);
      }
    }
    if (a.dtype === dtype) return term;
    return { ...term, data: astype(new NDArray(term.data, [term.data.length], a.dtype), dtype).data };
  });
  const outputAxes = output.map((_, i) => i);
  // That path multiplies two operands (bmm) where nothing is summed, so a product's -0 stays;
  // the C path adds every product to a zeroed output.
  const signedZeros = options.optimize !== false && terms.length === 2 && isFloatDType(dtype);
  const result = contractAll(terms, outputAxes, sizes, dtype, signedZeros);
  if (dtype === 'int64') checkInt64(result.data);
  return {
    kind: 'array',
    array: new NDArray(
      result.data,
      outputAxes.map((i) => sizes[i]),
      dtype,
    ),
  };
}

/**
 * The terms contracted down to one over `keep` (in that order): two at a
 * time while more than two remain, the pair whose result is smallest first.
 */
function contractAll(
  terms: Term[],
  keep: readonly number[],
  sizes: readonly number[],
  dtype: DType,
  signedZeros: boolean,
): Term {
  const pending = [...terms];
  while (pending.length > 2) {
    let best: [number, number] = [0, 1];
    let bestSize = Number.POSITIVE_INFINITY;
    for (let i = 0; i < pending.length; i++) {
      for (let j = i + 1; j < pending.length; j++) {
        const size = shapeSize(keptAxes(pending, i, j, keep).map((axis) => sizes[axis]));
        if (size < bestSize) {
          bestSize = size;
          best = [i, j];
        }
      }
    }
    const [i, j] = best;
    const kept = keptAxes(pending, i, j, keep);
    const merged = contract([pending[i], pending[j]], kept, sizes, dtype, signedZeros);
    pending.splice(j, 1);
    pending.splice(i, 1, merged);
  }
  return contract(pending, keep, sizes, dtype, signedZeros && pending.length > 1);
}

/** Axes of terms i and j still needed after contracting them: in the output or in another term. */
function keptAxes(terms: readonly Term[], i: number, j: number, keep: readonly number[]): number[] {
  const needed = new Set(keep);
  terms.forEach((t, k) => {
    if (k !== i && k !== j) for (const axis of t.axes) needed.add(axis);
  });
  const axes = new Set([...terms[i].axes, ...terms[j].axes]);
  return [...axes].filter((axis) => needed.has(axis)).sort((x, y) => x - y);
}

/**
 * Sum of products of `terms` over every axis they span, kept axes outer (in
 * `keep` order, the result's row-major layout), summed axes inner. Bools
 * multiply by "and" and add by "or".
 */
function contract(
  terms: readonly Term[],
  keep: readonly number[],
  sizes: readonly number[],
  dtype: DType,
  signedZeros: boolean,
): Term {
  const summed = [...new Set(terms.flatMap((t) => t.axes))]
    .filter((axis) => !keep.includes(axis))
    .sort((x, y) => x - y);
  const outShape = keep.map((axis) => sizes[axis]);
  const outStrides = stridesOf(outShape);
  const out = allocate(shapeSize(outShape));
  // Each element then gets one product, added to -0: the product itself, its sign of zero kept.
  if (signedZeros && summed.length === 0) out.fill(-0);
  const stepOf = (t: Term, axis: number) => {
    const at = t.axes.indexOf(axis);
    return at < 0 ? 0 : t.steps[at];
  };
  const outStepOf = (axis: number) => {
    const at = keep.indexOf(axis);
    return at < 0 ? 0 : outStrides[at];
  };
  // The innermost loop runs along the longest axis every operand and the output walk with a step of
  // 0 or 1 (a @ b runs along b's rows, not its columns); each element still adds its products in order.
  let loop = [...keep, ...summed];
  const unit = (step: number) => step === 0 || step === 1;
  const innermost = loop
    .filter((axis) => unit(outStepOf(axis)) && terms.every((t) => unit(stepOf(t, axis))))
    .reduce<number | undefined>(
      (best, axis) => (best === undefined || sizes[axis] > sizes[best] ? axis : best),
      undefined,
    );
  if (innermost !== undefined) loop = [...loop.filter((axis) => axis !== innermost), innermost];
  const shape = loop.map((axis) => sizes[axis]);
  const total = shapeSize(shape);
  // Per loop axis, each term's step and the output's step.
  const termSteps = terms.map((t) => loop.map((axis) => stepOf(t, axis)));
  const outSteps = loop.map(outStepOf);
  const n = loop.length;
  const count = terms.length;
  if (total > 0) {
    const inner = n === 0 ? 1 : shape[n - 1];
    const innerSteps = termSteps.map((s) => (n === 0 ? 0 : s[n - 1]));
    const innerOut = n === 0 ? 0 : outSteps[n - 1];
    const offsets = new Float64Array(count);
    const counter = new Array<number>(n).fill(0);
    let o = 0;
    for (let done = 0; done < total; done += inner) {
      if ((done & 0xffff) < inner) checkDeadline();
      if (count === 1) {
        const data = terms[0].data;
        const step = innerSteps[0];
        for (let t = 0, p = offsets[0], q = o; t < inner; t++, p += step, q += innerOut) out[q] += data[p];
      } else if (count === 2) {
        const [a, b] = [terms[0].data, terms[1].data];
        const [sa, sb] = innerSteps;
        for (
          let t = 0, p = offsets[0], r = offsets[1], q = o;
          t < inner;
          t++, p += sa, r += sb, q += innerOut
        ) {
          out[q] += a[p] * b[r];
        }
      } else {
        for (let t = 0; t < inner; t++) {
          let product = 1;
          for (let k = 0; k < count; k++) product *= terms[k].data[offsets[k] + t * innerSteps[k]];
          out[o + t * innerOut] += product;
        }
      }
      // Advance the odometer over every axis but the innermost.
      for (let axis = n - 2; axis >= 0; axis--) {
        counter[axis]++;
        for (let k = 0; k < count; k++) offsets[k] += termSteps[k][axis];
        o += outSteps[axis];
        if (counter[axis] < shape[axis]) break;
        for (let k = 0; k < count; k++) offsets[k] -= termSteps[k][axis] * shape[axis];
        o -= outSteps[axis] * shape[axis];
        counter[axis] = 0;
      }
    }
  }
  if (dtype === 'bool') for (let i = 0; i < out.length; i++) out[i] = out[i] !== 0 ? 1 : 0;
  // Narrow ints wrap; float32 sums in doubles rounded once (NumPy's float32 loops sum in float32,
  // so the last digit may differ).
  roundInto(out, dtype);
  return { data: out, axes: [...keep], steps: [...outStrides] };
}

const PYTHON_SYMBOLS = /^[A-Za-z]$/;

/**
 * The checks of NumPy's Python einsum (`optimize=` other than False), which
 * run before the C ones and word their errors differently.
 */
export function checkPythonSubscripts(subscripts: string, operands: readonly NDArray[], path: string): void {
  const text = subscripts.replaceAll(' ', '');
  for (const s of text) {
    if (!'.,->'.includes(s) && !PYTHON_SYMBOLS.test(s))
      throw new MatError(`Character ${s} is not a valid symbol.`);
  }
  if (text.includes('-') || text.includes('>')) {
    const count = (c: string) => text.split(c).length - 1;
    if (count('-') > 1 || count('>') > 1 || count('->') !== 1) {
      throw new MatError("Subscripts can only contain one '->'.");
    }
  }
  const [inputs, output] = text.includes('->') ? text.split('->') : [text, undefined];
  const terms = inputs.split(',');
  let longest = 0;
  const expanded = terms.map((term, i) => {
    if (!term.includes('.')) return term;
    if (term.split('.').length - 1 !== 3 || term.split('...').length - 1 !== 1) {
      throw new MatError('Invalid Ellipses.');
    }
    const operand = operands[i];
    const ellipsisCount =
      operand === undefined || operand.ndim === 0 ? 0 : Math.max(operand.ndim, 1) - (term.length - 3);
    if (ellipsisCount < 0) throw new MatError('Ellipses lengths do not match.');
    longest = Math.max(longest, ellipsisCount);
    return term.replace('...', '#'.repeat(ellipsisCount));
  });
  const letters = expanded.join('');
  const outputTerm = output?.replace('...', '#'.repeat(longest)) ?? '';
  for (const c of outputTerm) {
    if (c === '#') continue;
    if (outputTerm.split(c).length !== 2) {
      throw new MatError(`Output character ${c} appeared more than once in the output.`);
    }
    if (!letters.includes(c)) throw new MatError(`Output character ${c} did not appear in the input`);
  }
  if (terms.length !== operands.length) {
    throw new MatError('Number of einsum subscripts must be equal to the number of operands.');
  }
  const sizes = new Map<string, number>();
  expanded.forEach((term, t) => {
    const shape = operands[t].shape;
    if (shape.length !== term.length) {
      throw new MatError(
        `Einstein sum subscript ${expanded.join(',')[t]} does not contain the correct number of indices for operand ${t}.`,
      );
    }
    [...term].forEach((c, k) => {
      if (c === '#') return;
      const d = shape[k];
      const known = sizes.get(c);
      if (known === undefined || known === 1) sizes.set(c, d);
      else if (d !== 1 && d !== known) {
        throw new MatError(
          `Size of label '${c}' for operand ${t} (${known}) does not match previous terms (${d}).`,
        );
      }
    });
  });
  // A path is searched for only with three operands or more and something to sum.
  const kept = outputTerm || [...new Set(letters)].filter((c) => letters.split(c).length === 2).join('');
  const summed = [...new Set(letters)].some((c) => !kept.includes(c));
  const searched = path !== 'none' && path !== 'explicit' && path !== 'greedy' && path !== 'optimal';
  if (searched && operands.length > 2 && summed) {
    throw new MatError(`('Path name %s not found', '${path}')`, 'KeyError');
  }
}
