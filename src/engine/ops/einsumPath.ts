/**
 * NumPy's `einsum_path` (numpy/_core/einsumfunc.py): the order in which
 * einsum contracts its operands two at a time — NumPy's greedy search or
 * its exhaustive 'optimal' one, or a path the program gives — and the
 * report NumPy prints about it (FLOP counts, scaling, the largest
 * intermediate, one line per contraction). Ported step by step, ties
 * broken as Python's `min` breaks them, so the paths are NumPy's.
 */
import { MatError } from '../errors';
import { type FormatArg, formatValue, percentFormat } from '../format/python';
import { checkDeadline } from '../limits';
import type { NDArray } from '../ndarray';

/** What `optimize=` asks for. */
export type EinsumPathRequest =
  /** No optimization (False or None): one contraction of every operand. */
  | { readonly kind: 'none' }
  /** A search by name ('greedy', 'optimal'), with `(name, memory_limit)`'s limit. */
  | { readonly kind: 'search'; readonly name: string; readonly memoryLimit?: number }
  /** `['einsum_path', (0, 1), ...]`: the contractions as given. */
  | { readonly kind: 'explicit'; readonly path: readonly (readonly number[])[] };

export interface EinsumPathResult {
  /** The contractions, each the operand positions it takes (before `'einsum_path'` is put in front). */
  readonly path: readonly (readonly number[])[];
  /** NumPy's report (`einsum_path(...)[1]`). */
  readonly report: string;
}

/** NumPy's einsum labels, capitals first. */
const SYMBOLS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The subscripts as NumPy's `_parse_einsum_input` writes them out: each
 * '...' replaced by labels no operand uses, and the implicit output made
 * explicit. (NumPy takes those labels in the order of a Python set, which
 * changes from run to run; they are taken from the end of the alphabet here.)
 * The subscripts were checked before (einsum's own checks).
 */
function expandSubscripts(
  subscripts: string,
  operands: readonly NDArray[],
): { inputs: string; output: string } {
  let text = subscripts.replaceAll(' ', '');
  if (text.includes('.')) {
    const used = new Set(text.replaceAll('.', '').replaceAll(',', '').replaceAll('->', ''));
    const unused = [...SYMBOLS].filter((c) => !used.has(c)).join('');
    const [inputPart, outputPart] = text.includes('->') ? text.split('->') : [text, undefined];
    let longest = 0;
    const terms = inputPart.split(',').map((term, i) => {
      if (!term.includes('.')) return term;
      const operand = operands[i];
      const count = operand.ndim === 0 ? 0 : Math.max(operand.ndim, 1) - (term.length - 3);
      longest = Math.max(longest, count);
      return term.replace('...', count === 0 ? '' : unused.slice(-count));
    });
    text = terms.join(',');
    const outEllipsis = longest === 0 ? '' : unused.slice(-longest);
    if (outputPart !== undefined) text += `->${outputPart.replace('...', outEllipsis)}`;
    else {
      const once = implicitOutput(text);
      const normal = [...once].filter((c) => !outEllipsis.includes(c)).sort();
      text += `->${outEllipsis}${normal.join('')}`;
    }
  }
  if (text.includes('->')) {
    const [inputs, output] = text.split('->');
    return { inputs, output };
  }
  return { inputs: text, output: implicitOutput(text) };
}

/** The labels seen once, in sorted order: einsum's implicit output. */
function implicitOutput(text: string): string {
  const letters = text.replaceAll(',', '');
  const counts = new Map<string, number>();
  for (const c of letters) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.keys()]
    .filter((c) => counts.get(c) === 1)
    .sort()
    .join('');
}

type Sizes = ReadonlyMap<string, number>;

function sizeOf(labels: Iterable<string>, sizes: Sizes): number {
  let size = 1;
  for (const c of labels) size *= sizes.get(c) ?? 1;
  return size;
}

/** NumPy's `_flop_count`. */
function flopCount(labels: ReadonlySet<string>, inner: boolean, terms: number, sizes: Sizes): number {
  const factor = Math.max(1, terms - 1) + (inner ? 1 : 0);
  return sizeOf(labels, sizes) * factor;
}

interface Contraction {
  /** The labels of the result. */
  readonly result: Set<string>;
  /** The operands left, the result last. */
  readonly remaining: Set<string>[];
  /** Labels summed away. */
  readonly removed: Set<string>;
  /** Every label the contraction involves. */
  readonly involved: Set<string>;
}

/** NumPy's `_find_contraction`. */
function findContraction(
  positions: readonly number[],
  inputs: readonly Set<string>[],
  output: ReadonlySet<string>,
): Contraction {
  const involved = new Set<string>();
  const kept = new Set(output);
  const remaining: Set<string>[] = [];
  inputs.forEach((labels, i) => {
    if (positions.includes(i)) for (const c of labels) involved.add(c);
    else {
      remaining.push(labels);
      for (const c of labels) kept.add(c);
    }
  });
  const result = new Set([...kept].filter((c) => involved.has(c)));
  const removed = new Set([...involved].filter((c) => !result.has(c)));
  remaining.push(result);
  return { result, remaining, removed, involved };
}

/** All pairs `(i, j)`, `i < j < n`, in itertools.combinations order. */
function* pairs(n: number): Generator<[number, number]> {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) yield [i, j];
}

/** NumPy's `_optimal_path`: every order of pairwise contractions, the cheapest kept. */
function optimalPath(
  inputs: readonly Set<string>[],
  output: ReadonlySet<string>,
  sizes: Sizes,
  memoryLimit: number,
): number[][] {
  let full: { cost: number; positions: number[][]; remaining: Set<string>[] }[] = [
    { cost: 0, positions: [], remaining: [...inputs] },
  ];
  const cheapest = () => full.reduce((best, r) => (r.cost < best.cost ? r : best));
  for (let iteration = 0; iteration < inputs.length - 1; iteration++) {
    const next: typeof full = [];
    for (const current of full) {
      checkDeadline();
      for (const pair of pairs(inputs.length - iteration)) {
        const c = findContraction(pair, current.remaining, output);
        if (sizeOf(c.result, sizes) > memoryLimit) continue;
        next.push({
          cost: current.cost + flopCount(c.involved, c.removed.size > 0, 2, sizes),
          positions: [...current.positions, pair],
          remaining: c.remaining,
        });
      }
    }
    if (next.length === 0) {
      const all = Array.from({ length: inputs.length - iteration }, (_, i) => i);
      return [...cheapest().positions, all];
    }
    full = next;
  }
  return cheapest().positions;
}

/** A candidate of the greedy search: its sort key, positions and the operands after it. */
interface Candidate {
  readonly sort: readonly [number, number];
  readonly positions: readonly [number, number];
  readonly remaining: Set<string>[];
}

/** NumPy's `_parse_possible_contraction`. */
function possibleContraction(
  positions: readonly [number, number],
  inputs: readonly Set<string>[],
  output: ReadonlySet<string>,
  sizes: Sizes,
  memoryLimit: number,
  pathCost: number,
  naiveCost: number,
): Candidate | undefined {
  const c = findContraction(positions, inputs, output);
  const newSize = sizeOf(c.result, sizes);
  if (newSize > memoryLimit) return undefined;
  const removedSize = sizeOf(inputs[positions[0]], sizes) + sizeOf(inputs[positions[1]], sizes) - newSize;
  const cost = flopCount(c.involved, c.removed.size > 0, positions.length, sizes);
  if (pathCost + cost > naiveCost) return undefined;
  return { sort: [-removedSize, cost], positions, remaining: c.remaining };
}

/** NumPy's `_update_other_results`: the candidates still valid after `best`, renumbered. */
function updateOtherResults(results: readonly Candidate[], best: Candidate): Candidate[] {
  const [bx, by] = best.positions;
  const out: Candidate[] = [];
  for (const { sort, positions, remaining } of results) {
    const [x, y] = positions;
    if (x === bx || x === by || y === bx || y === by) continue;
    const sets = [...remaining];
    sets.splice(by - +(by > x) - +(by > y), 1);
    sets.splice(bx - +(bx > x) - +(bx > y), 1);
    sets.splice(sets.length - 1, 0, best.remaining[best.remaining.length - 1]);
    out.push({
      sort,
      positions: [x - +(x > bx) - +(x > by), y - +(y > bx) - +(y > by)],
      remaining: sets,
    });
  }
  return out;
}

function lessThan(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** NumPy's `_greedy_path`: the pair that removes the most elements first, the cheapest among equals. */
function greedyPath(
  initial: readonly Set<string>[],
  output: ReadonlySet<string>,
  sizes: Sizes,
  memoryLimit: number,
): number[][] {
  if (initial.length === 1) return [[0]];
  if (initial.length === 2) return [[0, 1]];
  let inputs = [...initial];
  const all = Array.from({ length: inputs.length }, (_, i) => i);
  const whole = findContraction(all, inputs, output);
  const naiveCost = flopCount(whole.involved, whole.removed.size > 0, inputs.length, sizes);
  let candidates: Iterable<[number, number]> = pairs(inputs.length);
  let known: Candidate[] = [];
  let pathCost = 0;
  const path: number[][] = [];
  const consider = (positions: [number, number]) => {
    const result = possibleContraction(positions, inputs, output, sizes, memoryLimit, pathCost, naiveCost);
    if (result) known.push(result);
  };
  for (let iteration = 0; iteration < initial.length - 1; iteration++) {
    checkDeadline();
    for (const positions of candidates) {
      // Outer products only when nothing else is left.
      const [a, b] = positions;
      if ([...inputs[a]].every((c) => !inputs[b].has(c))) continue;
      consider(positions);
    }
    if (known.length === 0) {
      for (const positions of pairs(inputs.length)) consider(positions);
      if (known.length === 0) {
        path.push(Array.from({ length: inputs.length }, (_, i) => i));
        break;
      }
    }
    let best = known[0];
    for (const candidate of known) if (lessThan(candidate.sort, best.sort)) best = candidate;
    known = updateOtherResults(known, best);
    inputs = best.remaining;
    const newest = inputs.length - 1;
    candidates = Array.from({ length: newest }, (_, i): [number, number] => [i, newest]);
    path.push([...best.positions]);
    pathCost += best.sort[1];
  }
  return path;
}

const int = (value: number): FormatArg => ({ kind: 'int', value });
const str = (value: string): FormatArg => ({ kind: 'str', value });

/**
 * `np.einsum_path(subscripts, *operands, optimize=...)` once einsum's
 * checks passed: the contraction path and NumPy's report on it.
 */
export function einsumPath(
  subscripts: string,
  operands: readonly NDArray[],
  request: EinsumPathRequest,
): EinsumPathResult {
  const { inputs: inputSubscripts, output: outputSubscript } = expandSubscripts(subscripts, operands);
  const inputList = inputSubscripts.split(',');
  const inputSets = inputList.map((term) => new Set(term));
  const outputSet = new Set(outputSubscript);
  const indices = new Set(inputSubscripts.replaceAll(',', ''));
  const sizes = new Map<string, number>();
  inputList.forEach((term, t) => {
    [...term].forEach((c, k) => {
      const d = operands[t].shape[k];
      const known = sizes.get(c);
      if (known === undefined || known === 1) sizes.set(c, d);
    });
  });
  const largestOperand = Math.max(...[...inputList, outputSubscript].map((term) => sizeOf(term, sizes)));
  let path: number[][];
  if (request.kind === 'explicit') path = request.path.map((step) => [...step]);
  else if (
    request.kind === 'none' ||
    inputList.length <= 2 ||
    [...indices].every((c) => outputSet.has(c)) // nothing to sum: leave it to einsum
  ) {
    path = [inputList.map((_, i) => i)];
  } else {
    const memoryLimit = request.memoryLimit ?? largestOperand;
    if (request.name === 'greedy') path = greedyPath(inputSets, outputSet, sizes, memoryLimit);
    else if (request.name === 'optimal') path = optimalPath(inputSets, outputSet, sizes, memoryLimit);
    else throw new MatError(`('Path name %s not found', '${request.name}')`, 'KeyError');
  }

  const costs: number[] = [];
  const scales: number[] = [];
  const intermediates: number[] = [];
  const rows: { readonly text: string; readonly remaining: string }[] = [];
  let sets = inputSets;
  const terms = [...inputList];
  path.forEach((step, n) => {
    // Taken from the right, so that earlier positions stay where they are.
    const positions = [...step].sort((a, b) => b - a);
    const c = findContraction(positions, sets, outputSet);
    sets = c.remaining;
    costs.push(flopCount(c.involved, c.removed.size > 0, positions.length, sizes));
    scales.push(c.involved.size);
    intermediates.push(sizeOf(c.result, sizes));
    const taken = positions.map((p) => pop(terms, p));
    const result =
      n === path.length - 1
        ? outputSubscript
        : [...c.result]
            .sort((a, b) => (sizes.get(a) ?? 1) - (sizes.get(b) ?? 1) || (a < b ? -1 : a > b ? 1 : 0))
            .join('');
    terms.push(result);
    rows.push({ text: `${taken.join(',')}->${result}`, remaining: `${terms.join(',')}->${outputSubscript}` });
  });
  if (terms.length !== 1) {
    throw new MatError(
      `Invalid einsum_path is specified: ${terms.length - 1} more operands has to be contracted.`,
      'RuntimeError',
    );
  }

  const inner = inputList.reduce((total, term) => total + new Set(term).size, 0) - indices.size > 0;
  const naiveCost = flopCount(indices, inner, inputList.length, sizes);
  const optimizedCost = costs.reduce((a, b) => a + b, 0) + 1;
  const lines = [
    `  Complete contraction:  ${inputSubscripts}->${outputSubscript}`,
    `         Naive scaling:  ${indices.size}`,
    `     Optimized scaling:  ${Math.max(...scales)}`,
    `      Naive FLOP count:  ${formatValue(int(naiveCost), '.3e')}`,
    `  Optimized FLOP count:  ${formatValue(int(optimizedCost), '.3e')}`,
    `   Theoretical speedup:  ${formatValue({ kind: 'float', value: naiveCost / optimizedCost }, '3.3f')}`,
    `  Largest intermediate:  ${formatValue(int(Math.max(...intermediates)), '.3e')} elements`,
    '-'.repeat(74),
    percentFormat('%6s %24s %40s', [str('scaling'), str('current'), str('remaining')]),
    '-'.repeat(74),
  ];
  let report = lines.join('\n');
  rows.forEach((row, n) => {
    report += percentFormat('\n%4d    %24s %40s', [int(scales[n]), str(row.text), str(row.remaining)]);
  });
  return { path, report };
}

/** Python's `list.pop(i)`, negative positions from the end. */
function pop(items: string[], position: number): string {
  const i = position < 0 ? position + items.length : position;
  if (!Number.isInteger(i) || i < 0 || i >= items.length)
    throw new MatError('pop index out of range', 'IndexError');
  return items.splice(i, 1)[0];
}
