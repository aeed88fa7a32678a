import { DEFAULT_SEED } from '../constants';
import { ABSTRACT_SCALAR_TYPES, NUMPY_SCALAR_TYPES } from '../dtypes';
import { BUILDING } from './buildingCatalog';
import { COMPLEX } from './complexCatalog';
import { NUMERICS } from './numericsCatalog';
import { POLYNOMIAL } from './polynomialCatalog';
import { SHAPING } from './shapingCatalog';
import { SORTING } from './sortingCatalog';

/**
 * What the editor knows of the built-ins without loading them: names,
 * modules, signatures and one-line docs. Pure data with no kernels, so hover
 * and completion keep the extension host's bundle small; the engine's
 * registry (./index.ts) pairs each entry with its implementation and refuses
 * to load when the two disagree.
 */

/** One built-in as the editor shows it. */
export interface BuiltinInfo {
  /** Qualified name without `np.`: `dot`, `linalg.pinv`, `random.seed`. */
  readonly name: string;
  /** Python-style signature shown in hovers and signature help. */
  readonly signature: string;
  /** One line of documentation. */
  readonly doc: string;
  /** Also reachable without its `linalg.`/`random.` prefix (true unless a bare name would clash). */
  readonly bare?: boolean;
}

/** An entry from its signature, which starts with the qualified name. */
function info(signature: string, doc: string, options: { bare?: boolean } = {}): BuiltinInfo {
  const name = signature.slice(0, signature.indexOf('('));
  return options.bare === undefined ? { name, signature, doc } : { name, signature, doc, bare: options.bare };
}

/** Creating arrays and changing their shape (./arrays.ts). */
const ARRAYS: readonly BuiltinInfo[] = [
  info(
    'array(object, dtype=None)',
    'An array from a (nested) list of numbers, e.g. array([[1, 2], [3, 4]]).',
  ),
  info('asarray(a, dtype=None)', 'The input as an array.'),
  info('copy(a)', 'A copy of the array.'),
  info('zeros(shape, dtype=float)', 'An array of the given shape filled with zeros, e.g. zeros((2, 3)).'),
  info('ones(shape, dtype=float)', 'An array of the given shape filled with ones, e.g. ones((2, 3)).'),
  info('zeros_like(a, dtype=None)', 'Zeros with the shape and dtype of a.'),
  info('ones_like(a, dtype=None)', 'Ones with the shape and dtype of a.'),
  info('full(shape, fill_value, dtype=None)', 'An array of the given shape filled with fill_value.'),
  info('eye(N, M=None, k=0, dtype=float)', 'A 2-D array with ones on the k-th diagonal and zeros elsewhere.'),
  info('identity(n, dtype=float)', 'The n×n identity matrix.'),
  info(
    'arange(start, stop=None, step=None, dtype=None)',
    'Evenly spaced values in [start, stop), e.g. arange(5) is [0 1 2 3 4].',
  ),
  info(
    'linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None)',
    'num evenly spaced numbers from start to stop.',
  ),
  info('reshape(a, shape)', 'The same data with a new shape; one dimension may be -1.'),
  info(
    'transpose(a, axes=None)',
    'The array with its axes reversed (rows become columns), or permuted by axes.',
  ),
  info('ravel(a)', 'The array flattened to 1-D.'),
  info('shares_memory(a, b)', 'True when a and b have an element in common memory (a view and its base).'),
  info('may_share_memory(a, b)', "True when the memory extents of a and b overlap (NumPy's quick check)."),
  info('concatenate(arrays, axis=0)', 'Joins arrays along an existing axis.'),
  info('stack(arrays, axis=0)', 'Joins arrays along a new axis.'),
  info('vstack(tup)', 'Stacks arrays vertically (row-wise).'),
  info('hstack(tup)', 'Stacks arrays horizontally (column-wise).'),
  info('shape(a)', 'The shape of an array, as a tuple.'),
];

/** Arithmetic, element-wise functions and reductions (./math.ts). */
const MATH: readonly BuiltinInfo[] = [
  info('add(x1, x2, out=None)', 'Element-wise sum, with broadcasting (same as x1 + x2).'),
  info('subtract(x1, x2, out=None)', 'Element-wise difference, with broadcasting (same as x1 - x2).'),
  info(
    'multiply(x1, x2, out=None)',
    'Element-wise (Hadamard) product, with broadcasting (same as x1 * x2) — not the matrix product.',
  ),
  info('divide(x1, x2, out=None)', 'Element-wise true division (same as x1 / x2); always gives floats.'),
  info('true_divide(x1, x2, out=None)', 'Element-wise true division (same as x1 / x2).'),
  info('floor_divide(x1, x2, out=None)', 'Element-wise floor division (same as x1 // x2).'),
  info('power(x1, x2, out=None)', 'Element-wise power (same as x1 ** x2).'),
  info('mod(x1, x2, out=None)', 'Element-wise remainder with the sign of the divisor (same as x1 % x2).'),
  info(
    'remainder(x1, x2, out=None)',
    'Element-wise remainder with the sign of the divisor (same as x1 % x2).',
  ),
  info('exp(x, out=None)', 'Element-wise e**x.'),
  info('log(x, out=None)', 'Element-wise natural logarithm.'),
  info('log2(x, out=None)', 'Element-wise base-2 logarithm.'),
  info('log10(x, out=None)', 'Element-wise base-10 logarithm.'),
  info('sqrt(x, out=None)', 'Element-wise non-negative square root.'),
  info('sin(x, out=None)', 'Element-wise sine (radians).'),
  info('cos(x, out=None)', 'Element-wise cosine (radians).'),
  info('tan(x, out=None)', 'Element-wise tangent (radians).'),
  info('tanh(x, out=None)', 'Element-wise hyperbolic tangent.'),
  info('floor(x, out=None)', 'Element-wise floor.'),
  info('ceil(x, out=None)', 'Element-wise ceiling.'),
  info('sign(x, out=None)', 'Element-wise sign: -1, 0 or 1.'),
  info('abs(x)', 'Element-wise absolute value.'),
  info('absolute(x)', 'Element-wise absolute value.'),
  info('maximum(x1, x2)', 'Element-wise maximum of two arrays, with broadcasting (NaN wins).'),
  info('minimum(x1, x2)', 'Element-wise minimum of two arrays, with broadcasting (NaN wins).'),
  info(
    'clip(a, a_min, a_max)',
    'Limits the values to the interval [a_min, a_max] (either may be None; also min=, max=).',
  ),
  info('round(a, decimals=0)', 'Rounds to the given number of decimals (halves to even, as NumPy does).'),
  info('around(a, decimals=0)', 'np.round under its older name.'),
  info(
    'where(condition, x=None, y=None)',
    'Chooses x where the condition is True and y elsewhere, with broadcasting; with the condition alone, nonzero(condition).',
  ),
  info(
    'sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=0, where=True)',
    'Sum of the elements, over all of them or along an axis.',
  ),
  info(
    'prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=1, where=True)',
    'Product of the elements, over all of them or along an axis.',
  ),
  info(
    'mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True)',
    'Arithmetic mean, over all elements or along an axis.',
  ),
  info(
    'std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True, mean=None, correction=None)',
    'Standard deviation (population by default; ddof=1 for the sample one), over all elements or along an axis.',
  ),
  info(
    'var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True, mean=None, correction=None)',
    'Variance (population by default; ddof=1 for the sample one), over all elements or along an axis.',
  ),
  info(
    'max(a, axis=None, out=None, keepdims=False, initial=None, where=True)',
    'Largest element, over all elements or along an axis.',
  ),
  info(
    'amax(a, axis=None, out=None, keepdims=False, initial=None, where=True)',
    'Largest element, over all elements or along an axis.',
  ),
  info(
    'min(a, axis=None, out=None, keepdims=False, initial=None, where=True)',
    'Smallest element, over all elements or along an axis.',
  ),
  info(
    'amin(a, axis=None, out=None, keepdims=False, initial=None, where=True)',
    'Smallest element, over all elements or along an axis.',
  ),
  info('all(a, axis=None, out=None, keepdims=False, *, where=True)', 'True when every element is non-zero.'),
  info('any(a, axis=None, out=None, keepdims=False, *, where=True)', 'True when some element is non-zero.'),
  info('argmax(a, axis=None)', 'Index of the largest element (in the flattened array when axis is None).'),
  info('argmin(a, axis=None)', 'Index of the smallest element (in the flattened array when axis is None).'),
];

/** Products and `np.linalg` (./linalg.ts). */
const LINALG: readonly BuiltinInfo[] = [
  info('dot(a, b)', 'Dot product: the matrix product for 2-D arrays, the inner product for 1-D ones.'),
  info('matmul(x1, x2)', 'Matrix product (same as x1 @ x2), broadcast over stacks of matrices.'),
  info('outer(a, b)', 'Outer product of two vectors: out[i, j] = a[i] * b[j].'),
  info('trace(a, offset=0)', 'Sum along the diagonal.'),
  info('linalg.inv(a)', 'The inverse of a square matrix (LinAlgError when it is singular).', { bare: true }),
  info(
    'linalg.pinv(a, rcond=None)',
    'Moore–Penrose pseudo-inverse, computed from the SVD; works for any shape and rank.',
    { bare: true },
  ),
  info('linalg.det(a)', 'Determinant of a square matrix.', { bare: true }),
  info('linalg.solve(a, b)', 'Solves a @ x = b for x (a square and non-singular).', { bare: true }),
  info(
    'linalg.matrix_rank(A, tol=None, hermitian=False, *, rtol=None)',
    'Rank of a matrix: the number of singular values above a tolerance.',
    { bare: true },
  ),
  info(
    'linalg.norm(x, ord=None, axis=None, keepdims=False)',
    'Vector or matrix norm (2-norm for vectors, Frobenius for matrices by default).',
    { bare: true },
  ),
  info(
    'linalg.slogdet(a)',
    'Sign and natural log of the absolute determinant, as SlogdetResult(sign, logabsdet): no overflow for large matrices.',
  ),
  info(
    'linalg.svd(a, full_matrices=True, compute_uv=True, hermitian=False)',
    'Singular value decomposition a = U @ np.diag(S) @ Vh, as SVDResult(U, S, Vh); S descending. Only S with compute_uv=False.',
  ),
  info(
    "linalg.qr(a, mode='reduced')",
    "QR factorisation a = Q @ R (Q orthonormal, R upper triangular), as QRResult(Q, R); mode 'complete', 'r' (R only) or 'raw'.",
  ),
  info(
    'linalg.cholesky(a, *, upper=False)',
    'Cholesky factor L of a symmetric positive-definite matrix, a = L @ L.T (LinAlgError otherwise); upper=True gives L.T.',
  ),
  info(
    'linalg.lstsq(a, b, rcond=None)',
    'Least-squares solution of a @ x ≈ b: (x, residuals, rank, singular values); the minimum-norm x when a is rank-deficient.',
  ),
  info(
    'linalg.matrix_power(a, n)',
    'The square matrix a raised to the integer power n (n = 0: identity; n < 0: powers of the inverse).',
  ),
  info(
    'linalg.multi_dot(arrays, *, out=None)',
    'The product of two or more arrays in one call, multiplied in the cheapest order.',
  ),
  info(
    'linalg.cond(x, p=None)',
    'Condition number: largest over smallest singular value (p=None), or ‖x‖·‖inv(x)‖ in the norm p.',
  ),
  info(
    "linalg.eigh(a, UPLO='L')",
    'Eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric matrix, as EighResult(eigenvalues, eigenvectors).',
  ),
  info("linalg.eigvalsh(a, UPLO='L')", 'Eigenvalues of a symmetric matrix, ascending.'),
  info(
    'linalg.eig(a)',
    'Eigenvalues and right eigenvectors (unit columns) of a square matrix, as EigResult(eigenvalues, eigenvectors); real results only here.',
  ),
  info('linalg.eigvals(a)', "Eigenvalues of a square matrix, in LAPACK's order (real results only here)."),
];

/** NumPy's legacy global generator, `np.random` (./random.ts). */
const RANDOM: readonly BuiltinInfo[] = [
  info(
    'random.seed(seed=None)',
    `Seeds NumPy's global generator; the same seed gives the same draws as NumPy (no seed: ${DEFAULT_SEED}, for reproducible files).`,
    { bare: true },
  ),
  info(
    'random.uniform(low=0.0, high=1.0, size=None)',
    'Draws uniformly from [low, high); size gives the shape, e.g. uniform(size=(4, 3)).',
    { bare: true },
  ),
  info('random.rand(d0, d1, ...)', 'Uniform draws from [0, 1) in the given shape, e.g. rand(2, 3).', {
    bare: true,
  }),
  info('random.random_sample(size=None)', 'Uniform draws from [0, 1).', { bare: true }),
  info('random.random(size=None)', 'Uniform draws from [0, 1).', { bare: false }),
  info('random.randn(d0, d1, ...)', 'Standard normal draws in the given shape, e.g. randn(2, 3).', {
    bare: true,
  }),
  info(
    'random.normal(loc=0.0, scale=1.0, size=None)',
    'Normal (Gaussian) draws with mean loc and standard deviation scale.',
    { bare: true },
  ),
  info(
    'random.randint(low, high=None, size=None, dtype=int)',
    'Random integers from [low, high) (from [0, low) when high is omitted).',
    { bare: true },
  ),
  info('random.standard_normal(size=None)', 'Standard normal draws (mean 0, standard deviation 1).', {
    bare: false,
  }),
  info('random.standard_exponential(size=None)', 'Exponential draws with scale 1.', { bare: false }),
  info('random.exponential(scale=1.0, size=None)', 'Exponential draws with mean scale.', { bare: false }),
  info('random.gamma(shape, scale=1.0, size=None)', 'Gamma draws with the given shape and scale.', {
    bare: false,
  }),
  info('random.standard_gamma(shape, size=None)', 'Gamma draws with the given shape and scale 1.', {
    bare: false,
  }),
  info('random.beta(a, b, size=None)', 'Beta draws on [0, 1] with shape parameters a and b.', {
    bare: false,
  }),
  info(
    'random.lognormal(mean=0.0, sigma=1.0, size=None)',
    'exp of normal draws with mean mean and standard deviation sigma.',
    { bare: false },
  ),
  info('random.laplace(loc=0.0, scale=1.0, size=None)', 'Laplace (double exponential) draws.', {
    bare: false,
  }),
  info('random.logistic(loc=0.0, scale=1.0, size=None)', 'Logistic draws.', { bare: false }),
  info('random.binomial(n, p, size=None)', 'Number of successes in n trials of probability p.', {
    bare: false,
  }),
  info('random.poisson(lam=1.0, size=None)', 'Poisson draws with mean lam.', { bare: false }),
  info('random.geometric(p, size=None)', 'Number of trials up to the first success (probability p).', {
    bare: false,
  }),
  info(
    'random.multinomial(n, pvals, size=None)',
    'Counts of n trials falling into categories of probabilities pvals.',
    { bare: false },
  ),
  info(
    "random.multivariate_normal(mean, cov, size=None, check_valid='warn', tol=1e-8)",
    "Samples of the N-dimensional normal with mean mean (length N) and covariance cov (N×N), in shape size + (N,); check_valid='raise' rejects a cov that is not symmetric positive-semidefinite. rng.multivariate_normal also takes method='svd', 'eigh' or 'cholesky'.",
    { bare: false },
  ),
  info('random.permutation(x)', 'A shuffled copy of x (along the first axis), or of arange(x) for an int.', {
    bare: false,
  }),
  info('random.shuffle(x)', 'Shuffles an array (along its first axis) or a list in place; returns None.', {
    bare: false,
  }),
  info(
    'random.choice(a, size=None, replace=True, p=None)',
    'Random picks from a (or from arange(a) for an int), with or without replacement, optionally weighted by p.',
    { bare: false },
  ),
  info(
    'random.default_rng(seed=None)',
    `A new Generator (PCG64), NumPy's recommended source of random numbers: rng.random(), rng.normal(), rng.integers(), rng.choice()... (no seed: ${DEFAULT_SEED}, for reproducible files).`,
    { bare: false },
  ),
];

/** NumPy's print options, as program state (./printing.ts). */
const PRINTING: readonly BuiltinInfo[] = [
  info(
    'set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, *, legacy=None, override_repr=None)',
    'How arrays print from here on: digits after the point (precision), suppress=True for no scientific notation of small values, threshold/edgeitems for summaries, linewidth. Results shown in the editor follow too.',
  ),
  info('get_printoptions()', 'The current print options, as a dict.'),
  info(
    'printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, *, legacy=None, override_repr=None)',
    'Print options for the body of a with block only: with np.printoptions(precision=3): print(a)',
  ),
];

/** NumPy's floating-point error handling, as program state (./errorHandling.ts). */
const ERROR_HANDLING: readonly BuiltinInfo[] = [
  info(
    'seterr(all=None, divide=None, over=None, under=None, invalid=None)',
    "How floating-point errors are handled from here on ('ignore', 'warn', 'raise', 'call', 'print', 'log'); returns the old settings. divide='raise' makes 1.0 / np.zeros(2) a FloatingPointError.",
  ),
  info(
    'geterr()',
    "The current floating-point error handling, as a dict: {'divide': 'warn', 'over': 'warn', 'under': 'ignore', 'invalid': 'warn'}.",
  ),
  info(
    'errstate(*, call=<unspecified>, all=None, divide=None, over=None, under=None, invalid=None)',
    "Floating-point error handling for the body of a with block only: with np.errstate(divide='ignore'): r = a / b",
  ),
  info(
    'seterrcall(func)',
    "The function 'call' mode calls with the error and its flag (func(err, flag)); returns the old one.",
  ),
  info('geterrcall()', 'The function seterrcall set, or None.'),
];

/** dtype objects and machine limits (./typeInfo.ts). */
const TYPE_INFO: readonly BuiltinInfo[] = [
  info(
    'dtype(dtype, align=False, copy=False)',
    "A dtype object: np.dtype('float32'), np.dtype('i4'), np.dtype(a.dtype).",
  ),
  info(
    'issubdtype(arg1, arg2)',
    'Whether the first dtype is the second or below it: np.issubdtype(a.dtype, np.floating), np.issubdtype(np.int8, np.integer).',
  ),
  info('finfo(dtype)', 'Machine limits of a float type: eps, max, min, tiny, resolution, precision, bits.'),
  info('iinfo(int_type)', 'Machine limits of an integer type: min, max, bits.'),
  info(
    'promote_types(type1, type2)',
    'The smallest dtype both types cast to safely (np.promote_types(np.int8, np.uint8) is int16).',
  ),
  info(
    'result_type(*arrays_and_dtypes)',
    'The dtype NumPy gives an operation on these arrays and dtypes (Python numbers are weak).',
  ),
  info(
    'can_cast(from_, to, casting="safe")',
    "Whether a cast between dtypes is allowed under the casting rule ('no', 'equiv', 'safe', 'same_kind', 'unsafe').",
  ),
];

/** The seed notebook's network (./train.ts). */
const TRAIN: readonly BuiltinInfo[] = [
  info(
    'train(X, y, hidden=3, lr=0.1, epochs=5000, seed=None)',
    "Trains the seed notebook's sigmoid network (one hidden layer) by gradient descent; returns output, loss, wh, bh, wout, bout.",
  ),
];

/** Python's own functions that NumPy code uses (./python.ts). */
const PYTHON: readonly BuiltinInfo[] = [
  info(
    "print(*values, sep=' ', end='\\n')",
    'Shows the values the way Python prints them (arrays in NumPy block form).',
  ),
  info('len(obj)', 'Number of items: of a list, tuple, string or dict, or along the first axis of an array.'),
  info('range(start, stop, step)', 'The integers from start (0) up to, not including, stop, by step (1).'),
  info('enumerate(iterable, start=0)', 'Pairs (index, item) of an iterable.'),
  info('zip(*iterables)', 'Tuples of the items at the same position in each iterable, up to the shortest.'),
  info('sorted(iterable, *, key=None, reverse=False)', 'A new sorted list of the items.'),
  info('reversed(seq)', 'The items of a sequence in reverse order.'),
  info('sum(iterable, start=0)', "Python's sum of the items (for arrays, np.sum adds every element)."),
  info('min(iterable, *args, key=None, default)', "Python's smallest item (np.min for an array's elements)."),
  info('max(iterable, *args, key=None, default)', "Python's largest item (np.max for an array's elements)."),
  info('abs(x)', 'Absolute value.'),
  info('round(number, ndigits=None)', "Python's rounding: halves to even; an int without ndigits."),
  info('pow(base, exp, mod=None)', 'base ** exp (modulo mod when given).'),
  info('hex(x)', 'An int in hexadecimal: hex(255) is "0xff".'),
  info('oct(x)', 'An int in octal: oct(8) is "0o10".'),
  info('bin(x)', 'An int in binary: bin(5) is "0b101".'),
  info('divmod(a, b)', 'The pair (a // b, a % b).'),
  info('all(iterable)', 'True when every item is true.'),
  info('any(iterable)', 'True when some item is true.'),
  info('map(function, *iterables)', 'The function applied to each item.'),
  info('filter(function, iterable)', 'The items for which the function is true.'),
  info('isinstance(obj, classinfo)', 'Is obj of this type (or one of a tuple of types)?'),
  info('type(obj)', "The object's type."),
  info('str(object)', 'The text print shows for object.'),
  info('repr(obj)', "Python's repr of obj."),
  info('list(iterable)', 'A new list of the items.'),
  info('tuple(iterable)', 'A tuple of the items.'),
  info(
    'dict(mapping)',
    'A new dict, from a mapping or (key, value) pairs, plus keyword arguments as entries.',
  ),
  info('set(iterable)', 'A new set of the items.'),
  info('format(value, format_spec)', 'The value formatted by a format spec, such as format(x, ".3f").'),
  info('chr(i)', 'The character with this code point.'),
  info('ord(c)', 'The code point of a character.'),
  info('callable(obj)', 'Can obj be called?'),
  info('hash(obj)', "Python's hash of a hashable value (the same for equal values)."),
  info('slice(start, stop, step)', 'A slice object, as a[start:stop:step] uses.'),
  info('iter(obj)', 'An iterator over obj.'),
  info('next(iterator, default)', 'The next item of an iterator.'),
];

/** Every NumPy built-in by qualified name (`dot`, `linalg.pinv`, `random.seed`), in the registry's order. */
export const BUILTIN_CATALOG: ReadonlyMap<string, BuiltinInfo> = new Map(
  [
    ...ARRAYS,
    ...SHAPING,
    ...BUILDING,
    ...MATH,
    ...SORTING,
    ...NUMERICS,
    ...POLYNOMIAL,
    ...COMPLEX,
    ...LINALG,
    ...RANDOM,
    ...PRINTING,
    ...ERROR_HANDLING,
    ...TYPE_INFO,
    ...TRAIN,
  ].map((entry) => [entry.name, entry]),
);

/** Python's own functions that a NumPy user writes alongside (`print`, `len`). Not under `np.`. */
export const PYTHON_CATALOG: ReadonlyMap<string, BuiltinInfo> = new Map(
  PYTHON.map((entry) => [entry.name, entry]),
);

/**
 * Python's built-ins carry the qualified name `builtins.sum`: NumPy has a
 * `sum` too, and a bare `sum` is Python's.
 */
export const PYTHON_PREFIX = 'builtins.';

/** Looks up a built-in (NumPy's or Python's) by the qualified name a builtin value carries. */
export function builtinInfo(name: string): BuiltinInfo | undefined {
  if (name.startsWith(PYTHON_PREFIX)) return PYTHON_CATALOG.get(name.slice(PYTHON_PREFIX.length));
  return BUILTIN_CATALOG.get(name);
}

/** The modules a file can reach: `np`, `np.linalg`, `np.random`. */
export const MODULES = ['numpy', 'numpy.linalg', 'numpy.random'] as const;
export type ModuleName = (typeof MODULES)[number];

const PREFIX: Readonly<Record<ModuleName, string>> = {
  numpy: '',
  'numpy.linalg': 'linalg.',
  'numpy.random': 'random.',
};

/** Constants and dtypes reachable as `np.X` and as bare names (their values live in ./index.ts). */
export const CONSTANT_NAMES: readonly string[] = [
  'pi',
  'e',
  'inf',
  'nan',
  'euler_gamma',
  'newaxis',
  'True_',
  'False_',
  // np.float32, np.uint8, np.single, …: NumPy's scalar types, which are also dtypes.
  ...Object.keys(NUMPY_SCALAR_TYPES),
  // np.floating, np.integer, …: the abstract classes above them (isinstance, np.issubdtype).
  ...Object.keys(ABSTRACT_SCALAR_TYPES),
  'r_',
  'c_',
  'mgrid',
  'ogrid',
];
const CONSTANTS = new Set(CONSTANT_NAMES);

/** Python's type names, usable as dtypes (`dtype=float`) and as conversions (`float(x)`). */
export const PYTHON_TYPE_NAMES: readonly string[] = ['float', 'int', 'bool', 'complex'];
const PYTHON_TYPES = new Set(PYTHON_TYPE_NAMES);

/** `np.bool`: NumPy's own name for the bool dtype (a bare `bool` is Python's type). */
export const NUMPY_BOOL = 'numpy.bool';

/**
 * What a name denotes, without its value: a built-in (by qualified name), a
 * module, a constant (one of CONSTANT_NAMES) or a type (one of
 * PYTHON_TYPE_NAMES, or NUMPY_BOOL).
 */
export type NameRef =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'module'; readonly name: ModuleName }
  | { readonly kind: 'constant'; readonly name: string }
  | { readonly kind: 'type'; readonly name: string };

/** What `module.member` denotes (`np.dot`, `np.linalg`, `np.pi`), or undefined. */
export function resolveModuleMember(module: ModuleName, member: string): NameRef | undefined {
  if (module === 'numpy') {
    if (member === 'linalg') return { kind: 'module', name: 'numpy.linalg' };
    if (member === 'random') return { kind: 'module', name: 'numpy.random' };
    if (CONSTANTS.has(member)) return { kind: 'constant', name: member };
    if (member === 'bool') return { kind: 'type', name: NUMPY_BOOL };
    if (member === 'ndarray') return { kind: 'builtin', name: 'ndarray' };
  }
  const qualified = PREFIX[module] + member;
  if (BUILTIN_CATALOG.has(qualified)) return { kind: 'builtin', name: qualified };
  return undefined;
}

/** Names of a module's members, for completion and "did you mean". */
export function moduleMemberNames(module: ModuleName): string[] {
  const prefix = PREFIX[module];
  const names = [...BUILTIN_CATALOG.keys()]
    .filter((name) => (prefix ? name.startsWith(prefix) : !name.includes('.')))
    .map((name) => name.slice(prefix.length));
  if (module === 'numpy') names.push('linalg', 'random', 'ndarray', ...CONSTANT_NAMES);
  return names;
}

/**
 * What a bare name denotes: NumPy functions without `np.` (and without
 * `linalg.`/`random.` where marked), Python's functions and types, the
 * module names themselves, and NumPy's constants.
 */
export function resolveBareName(name: string): NameRef | undefined {
  if (name === 'np' || name === 'numpy') return { kind: 'module', name: 'numpy' };
  if (name === 'linalg') return { kind: 'module', name: 'numpy.linalg' };
  if (name === 'random') return { kind: 'module', name: 'numpy.random' };
  if (PYTHON_CATALOG.has(name)) return { kind: 'builtin', name: PYTHON_PREFIX + name };
  if (PYTHON_TYPES.has(name)) return { kind: 'type', name };
  if (BUILTIN_CATALOG.has(name) || name === 'ndarray') return { kind: 'builtin', name };
  for (const prefix of ['linalg.', 'random.']) {
    const entry = BUILTIN_CATALOG.get(prefix + name);
    if (entry?.bare) return { kind: 'builtin', name: entry.name };
  }
  if (CONSTANTS.has(name)) return { kind: 'constant', name };
  // Python's own constant for `...` (einsum's sublists use it); not a member of numpy.
  return name === 'Ellipsis' ? { kind: 'constant', name } : undefined;
}

/** Every bare name the language knows, for completion and "did you mean". */
export function bareBuiltinNames(): string[] {
  const names = new Set<string>([
    'np',
    'numpy',
    'linalg',
    'random',
    ...PYTHON_CATALOG.keys(),
    ...PYTHON_TYPE_NAMES,
  ]);
  for (const entry of BUILTIN_CATALOG.values()) {
    const dot = entry.name.indexOf('.');
    if (dot < 0) names.add(entry.name);
    else if (entry.bare) names.add(entry.name.slice(dot + 1));
  }
  for (const name of CONSTANT_NAMES) names.add(name);
  return [...names];
}
