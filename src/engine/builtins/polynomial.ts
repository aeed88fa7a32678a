import type { BinaryOp } from '../ast';
import { MatError } from '../errors';
import { formatArrayRepr } from '../format';
import { NDArray } from '../ndarray';
import {
  binary,
  getIndex,
  negative,
  polyCombine,
  polyder,
  polydiv,
  polyFromRoots,
  polyint,
  polymul,
  polynomialCoefficients,
  polyval,
  roots,
} from '../ops';
import { formatWithSpec } from '../run/formatting';
import { truthy } from '../run/pyops';
import {
  isArray,
  pyBool,
  pyFloat,
  pyInt,
  type RecordClass,
  type RecordValue,
  recordClass,
  typeName,
  type Value,
} from '../values';
import { optional, required, toArray, toInt, toNumber } from './convert';
import { type BuiltinImpl, params } from './registry';

/**
 * NumPy's `np.poly1d` class (a record whose class, POLY1D, gives it
 * Python's operators, calls, attributes, `p[k]` and `len`), and the
 * functions of numpy/lib/_polynomial_impl.py that take or give one:
 * `np.polyadd`, `polysub`, `polymul`, `polydiv`, `polyder`, `polyint`,
 * `roots`, `poly`, and `polyval` (which builtins/numerics.ts lists). As in
 * NumPy, a poly1d argument makes a poly1d result; arrays give arrays. The
 * numerics on coefficient arrays are ops/polynomial.ts.
 */

/** Is this value a `np.poly1d`? */
export function isPoly1d(value: Value): value is RecordValue {
  return recordClass(value) === POLY1D;
}

const coefficientsOf = (p: RecordValue) => p.fields.get('coeffs') as NDArray;
const variableOf = (p: RecordValue) => (p.fields.get('variable') as { value: string }).value;

/** `np.asarray(value)`, a Python number becoming a NumPy one (not weak, as NumPy's asarray makes it). */
function asArray(value: Value, what = 'argument'): NDArray {
  const array = toArray(value, what);
  if (array.weak) array.weak = false;
  return array;
}

/** `poly1d(coefficients, variable=variable)`: the coefficients trimmed of leading zeros. */
export function makePoly1d(coefficients: NDArray, variable = 'x'): RecordValue {
  const fields = new Map<string, Value>([
    ['coeffs', polynomialCoefficients(coefficients)],
    ['variable', { kind: 'string', value: variable }],
  ]);
  return { kind: 'record', typeName: 'poly1d', fields, pythonClass: POLY1D };
}

/** `poly1d(other)` inside poly1d's operators: a poly1d as it is, anything else as coefficients. */
function asPoly1d(value: Value): RecordValue {
  return isPoly1d(value) ? value : makePoly1d(asArray(value));
}

/** NumPy's `isscalar`: a Python or NumPy number (a 0-d array here). */
const isScalar = (value: Value) => isArray(value) && value.ndim === 0;

/** `np.polyval(p, x)`: an array of values, or a poly1d when x is one (NumPy composes the polynomials). */
export function polyvalOf(p: Value, x: Value): Value {
  const coefficients = asArray(p, 'p');
  if (!isPoly1d(x)) return polyval(coefficients, asArray(x, 'x'));
  if (coefficients.ndim === 0) throw new MatError('iteration over a 0-d array', 'TypeError');
  const inner = coefficientsOf(x);
  // Horner's scheme from Python's `y = 0`: y * x + pv, each step a poly1d.
  let y = polynomialCoefficients(binary('*', inner, weakZero()));
  for (let i = 0; i < coefficients.shape[0]; i++) {
    const term = getIndex(coefficients, [{ kind: 'int', value: i }]);
    y = polyCombine('+', polymul(y, inner), polynomialCoefficients(term));
  }
  return makePoly1d(y);
}

function weakZero(): NDArray {
  const zero = NDArray.scalar(0, 'int64');
  zero.weak = true;
  return zero;
}

/** `p ** n`: n a non-negative integer, the product of n copies of p. */
function power(p: RecordValue, exponent: Value): Value {
  const n = isScalar(exponent) ? (exponent as NDArray).data[0] : Number.NaN;
  if (!Number.isInteger(n) || n < 0) throw new MatError('Power to non-negative integers only.');
  // NumPy loops over range(val), which takes ints only.
  toInt(exponent);
  let result = NDArray.filled([1], 1, 'int64');
  for (let i = 0; i < n; i++) result = polymul(coefficientsOf(p), result);
  return makePoly1d(result);
}

/** poly1d's `__add__`, `__sub__`, `__mul__`, `__truediv__`, `__pow__`, `__eq__`, `__ne__` and their reflections. */
function poly1dBinary(self: RecordValue, op: BinaryOp, other: Value, reflected: boolean): Value | undefined {
  const own = coefficientsOf(self);
  const ordered = (a: NDArray, b: NDArray): [NDArray, NDArray] => (reflected ? [b, a] : [a, b]);
  switch (op) {
    case '+':
      return makePoly1d(polyCombine('+', own, coefficientsOf(asPoly1d(other))));
    case '-':
      return makePoly1d(polyCombine('-', ...ordered(own, coefficientsOf(asPoly1d(other)))));
    case '*':
      if (isScalar(other)) return makePoly1d(settle(binary('*', ...ordered(own, toArray(other)))));
      return makePoly1d(polymul(own, coefficientsOf(asPoly1d(other))));
    case '/': {
      if (isScalar(other)) return makePoly1d(settle(binary('/', ...ordered(own, toArray(other)))));
      const [u, v] = reflected ? [asPoly1d(other), self] : [self, asPoly1d(other)];
      const [quotient, remainder] = polydiv(coefficientsOf(u), coefficientsOf(v));
      return { kind: 'tuple', items: [makePoly1d(quotient), makePoly1d(remainder)] };
    }
    case '**':
      return reflected ? undefined : power(self, other);
    case '==':
    case '!=': {
      if (!isPoly1d(other)) return undefined;
      const theirs = coefficientsOf(other);
      const equal = own.size === theirs.size && own.data.every((c, i) => c === theirs.data[i]);
      // `__eq__` gives Python's False for different lengths, else a NumPy bool (an element-wise all());
      // `__ne__` is `not __eq__`, a Python bool.
      if (op === '!=' || own.size !== theirs.size) return pyBool(equal === (op === '=='));
      return NDArray.scalar(equal ? 1 : 0, 'bool');
    }
    default:
      return undefined;
  }
}

const settle = (a: NDArray) => {
  a.weak = false;
  return a;
};

/** Python's `'%.4g' % q` without a trailing `.0000`, as poly1d's `__str__` formats each coefficient. */
function formatCoefficient(q: number): string {
  const text = formatWithSpec(pyFloat(q), '.4g');
  return text.endsWith('.0000') ? text.slice(0, -'.0000'.length) : text;
}

/** poly1d's `__str__`: the terms on one line, `x**n` powers raised onto the line above. */
function poly1dText(p: RecordValue): string {
  const variable = variableOf(p);
  const all = coefficientsOf(p).data;
  let first = 0;
  while (first < all.length && all[first] === 0) first++;
  const coefficients = all.subarray(first);
  const n = coefficients.length - 1;
  let text = '0';
  for (let k = 0; k < coefficients.length; k++) {
    const coefficient = formatCoefficient(coefficients[k]);
    const power = n - k;
    let term: string;
    if (power === 0) term = coefficient !== '0' ? coefficient : k === 0 ? '0' : '';
    else if (power === 1) term = coefficient === '0' ? '' : `${coefficient} ${variable}`;
    else term = coefficient === '0' ? '' : `${coefficient} ${variable}**${power}`;
    if (k === 0) text = term;
    else if (term !== '') text = term.startsWith('-') ? `${text} - ${term.slice(1)}` : `${text} + ${term}`;
  }
  return raisePowers(text);
}

/** NumPy's `_raise_power`: each `**n` moves to a line of its own above the term, wrapped at 70 columns. */
function raisePowers(text: string, wrap = 70): string {
  const powerPattern = /\*\*([0-9]*)/g;
  let n = 0;
  let line1 = '';
  let line2 = '';
  let output = ' ';
  for (let match = powerPattern.exec(text); match !== null; match = powerPattern.exec(text)) {
    const power = match[1];
    const part = text.slice(n, match.index);
    n = match.index + match[0].length;
    const toAdd2 = part + ' '.repeat(power.length - 1);
    const toAdd1 = ' '.repeat(part.length - 1) + power;
    if (line2.length + toAdd2.length > wrap || line1.length + toAdd1.length > wrap) {
      output += `${line1}\n${line2}\n `;
      line1 = toAdd1;
      line2 = toAdd2;
    } else {
      line2 += toAdd2;
      line1 += toAdd1;
    }
  }
  return `${output}${line1}\n${line2}${text.slice(n)}`;
}

/** A method's argument by position or keyword, with Python's messages for extra ones. */
function methodArguments(
  method: string,
  names: readonly string[],
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
): (Value | undefined)[] {
  if (positional.length > names.length) {
    throw new MatError(
      `poly1d.${method}() takes from 1 to ${names.length + 1} positional arguments but ${positional.length + 1} were given`,
      'TypeError',
    );
  }
  for (const key of keywords.keys()) {
    if (!names.includes(key)) {
      throw new MatError(`poly1d.${method}() got an unexpected keyword argument '${key}'`, 'TypeError');
    }
  }
  return names.map((name, i) => {
    if (i < positional.length && keywords.has(name)) {
      throw new MatError(`poly1d.${method}() got multiple values for argument '${name}'`, 'TypeError');
    }
    return i < positional.length ? positional[i] : keywords.get(name);
  });
}

/** Python's `int(m)` of an order argument (a float is truncated, as `int(2.5)` is). */
const orderOf = (value: Value | undefined, fallback: number) =>
  value === undefined ? fallback : Math.trunc(toNumber(value, 'm'));

/** An integration constant `k`: None for zeros, else one or more numbers. */
const constantsOf = (value: Value | undefined) =>
  value === undefined || (!isArray(value) && value.kind === 'none') ? null : asArray(value, 'k');

/** `np.poly1d`'s behaviour as Python's data model sees it. */
const POLY1D: RecordClass = {
  str: poly1dText,
  // `poly1d(...)` around the coefficients' array repr without its `array(...)`.
  repr: (p, options) => `poly1d(${formatArrayRepr(coefficientsOf(p), options).slice('array('.length, -1)})`,
  attribute(p, name) {
    switch (name) {
      case 'c':
      case 'coef':
      case 'coefficients':
        return coefficientsOf(p);
      case 'order':
      case 'o':
        return pyInt(coefficientsOf(p).size - 1);
      case 'r':
      case 'roots':
        return roots(coefficientsOf(p));
      default:
        return undefined;
    }
  },
  methods: new Set(['deriv', 'integ']),
  callMethod(p, name, positional, keywords) {
    if (name === 'deriv') {
      const [m] = methodArguments(name, ['m'], positional, keywords);
      return makePoly1d(polyder(coefficientsOf(p), orderOf(m, 1)));
    }
    const [m, k] = methodArguments(name, ['m', 'k'], positional, keywords);
    return makePoly1d(polyint(coefficientsOf(p), orderOf(m, 1), constantsOf(k ?? pyInt(0))));
  },
  call(p, positional, keywords) {
    const [value] = methodArguments('__call__', ['val'], positional, keywords);
    if (value === undefined) {
      throw new MatError("poly1d.__call__() missing 1 required positional argument: 'val'", 'TypeError');
    }
    return polyvalOf(coefficientsOf(p), value);
  },
  binary: poly1dBinary,
  unary(p, op) {
    // NumPy's `poly1d(-self.coeffs)`: the variable goes back to x.
    if (op === '-') return makePoly1d(negative(coefficientsOf(p)));
    return op === '+' ? p : undefined;
  },
  getItem(p, key) {
    const power = toInt(key, 'index');
    const coefficients = coefficientsOf(p);
    const order = coefficients.size - 1;
    const value = power > order || power < 0 ? 0 : coefficients.data[order - power];
    return NDArray.scalar(value, coefficients.dtype);
  },
  length: (p) => coefficientsOf(p).size - 1,
  array: coefficientsOf,
};

/** A poly1d result when any argument was one (NumPy's `truepoly`), else the array. */
const polyIf = (truePoly: boolean, result: NDArray): Value => (truePoly ? makePoly1d(result) : result);

export const POLYNOMIAL_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'poly1d',
    params: params('c_or_r', 'r?', 'variable?'),
    call: (args) => {
      const source = required(args, 'c_or_r');
      const variableValue = optional(args, 'variable');
      if (variableValue !== undefined && (isArray(variableValue) || variableValue.kind !== 'string')) {
        throw new MatError(`variable must be a str, not ${typeName(variableValue)}`, 'TypeError');
      }
      const variable = variableValue?.value;
      if (isPoly1d(source)) return makePoly1d(coefficientsOf(source), variable ?? variableOf(source));
      const fromRoots = optional(args, 'r');
      let coefficients = asArray(source, 'c_or_r');
      if (fromRoots !== undefined && truthy(fromRoots)) {
        coefficients = polyFromRoots(coefficients) ?? NDArray.filled([1], 1, 'float64');
      }
      return makePoly1d(coefficients, variable);
    },
  },
  {
    name: 'poly',
    params: params('seq_of_zeros'),
    call: (args) => polyFromRoots(asArray(required(args, 'seq_of_zeros'), 'seq_of_zeros')) ?? pyFloat(1),
  },
  {
    name: 'roots',
    params: params('p'),
    call: (args) => roots(asArray(required(args, 'p'), 'p')),
  },
  ...(['polyadd', 'polysub'] as const).map(
    (name): BuiltinImpl => ({
      name,
      params: params('a1', 'a2'),
      call: (args) => {
        const [a1, a2] = [required(args, 'a1'), required(args, 'a2')];
        const sum = polyCombine(name === 'polyadd' ? '+' : '-', asArray(a1, 'a1'), asArray(a2, 'a2'));
        return polyIf(isPoly1d(a1) || isPoly1d(a2), sum);
      },
    }),
  ),
  {
    name: 'polymul',
    params: params('a1', 'a2'),
    call: (args) => {
      const [a1, a2] = [required(args, 'a1'), required(args, 'a2')];
      return polyIf(isPoly1d(a1) || isPoly1d(a2), polymul(asArray(a1, 'a1'), asArray(a2, 'a2')));
    },
  },
  {
    name: 'polydiv',
    params: params('u', 'v'),
    call: (args) => {
      const [u, v] = [required(args, 'u'), required(args, 'v')];
      const [quotient, remainder] = polydiv(asArray(u, 'u'), asArray(v, 'v'));
      const truePoly = isPoly1d(u) || isPoly1d(v);
      return { kind: 'tuple', items: [polyIf(truePoly, quotient), polyIf(truePoly, remainder)] };
    },
  },
  {
    name: 'polyder',
    params: params('p', 'm?'),
    call: (args) => {
      const p = required(args, 'p');
      return polyIf(isPoly1d(p), polyder(asArray(p, 'p'), orderOf(optional(args, 'm'), 1)));
    },
  },
  {
    name: 'polyint',
    params: params('p', 'm?', 'k?'),
    call: (args) => {
      const p = required(args, 'p');
      const m = orderOf(optional(args, 'm'), 1);
      return polyIf(isPoly1d(p), polyint(asArray(p, 'p'), m, constantsOf(optional(args, 'k'))));
    },
  },
];
