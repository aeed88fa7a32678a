import { MatError } from '../errors';
import type { NDArray } from '../ndarray';
import { type Complex, cdiv, cmul } from '../ops/complexMath';
import { hypot } from '../ops/numerics';
import { pyBool, pyComplex, pyFloat, typeName, type Value } from '../values';
import type { PyArithOp } from './pyarith';

/**
 * Python's complex arithmetic (CPython's complexobject.c): an int or float
 * operand becomes a complex first, products and quotients are CPython's
 * formulas (Smith's division), and `**` by a small integer multiplies by
 * repeated squaring as CPython does, so every digit printed is Python's.
 */

/** A Python int, float, bool or complex as a complex number. */
export function asComplex(a: NDArray): Complex {
  if (a.big !== undefined) {
    const re = Number(a.big);
    if (!Number.isFinite(re)) throw new MatError('int too large to convert to float', 'OverflowError');
    return { re, im: 0 };
  }
  return { re: a.data[0], im: a.im ? a.im.data[0] : 0 };
}

function result(z: Complex): NDArray {
  return pyComplex(z.re, z.im);
}

const ONE: Complex = { re: 1, im: 0 };

function divide(a: Complex, b: Complex): Complex {
  if (b.re === 0 && b.im === 0) throw new MatError('complex division by zero', 'ZeroDivisionError');
  return cdiv(a, b);
}

/** CPython's c_powu: repeated squaring, one complex product at a time. */
function powUnsigned(x: Complex, n: number): Complex {
  let r = ONE;
  let p = x;
  for (let mask = 1; mask <= n; mask *= 2) {
    if (Math.floor(n / mask) % 2 === 1) r = cmul(r, p);
    p = cmul(p, p);
  }
  return r;
}

function zeroPower(): MatError {
  return new MatError('0.0 to a negative or complex power', 'ZeroDivisionError');
}

/** CPython's complex_pow: integer exponents up to 100 by products, others through polar form. */
export function complexPower(a: Complex, b: Complex): Complex {
  let p: Complex;
  if (b.im === 0 && b.re === Math.floor(b.re) && Math.abs(b.re) <= 100) {
    const n = b.re;
    if (n >= 0) p = powUnsigned(a, n);
    else {
      const d = powUnsigned(a, -n);
      if (d.re === 0 && d.im === 0) throw zeroPower();
      p = cdiv(ONE, d);
    }
  } else if (b.re === 0 && b.im === 0) p = ONE;
  else if (a.re === 0 && a.im === 0) {
    if (b.im !== 0 || b.re < 0) throw zeroPower();
    p = { re: 0, im: 0 };
  } else {
    const vabs = hypot(a.re, a.im);
    let len = vabs ** b.re;
    const at = Math.atan2(a.im, a.re);
    let phase = at * b.re;
    if (b.im !== 0) {
      len /= Math.exp(at * b.im);
      phase += b.im * Math.log(vabs);
    }
    p = { re: len * Math.cos(phase), im: len * Math.sin(phase) };
  }
  if (Math.abs(p.re) === Number.POSITIVE_INFINITY || Math.abs(p.im) === Number.POSITIVE_INFINITY) {
    throw new MatError('complex exponentiation', 'OverflowError');
  }
  return p;
}

/** `a op b` where one of two Python scalars is a complex. */
export function complexArith(op: PyArithOp, a: NDArray, b: NDArray): Value {
  const x = asComplex(a);
  const y = asComplex(b);
  switch (op) {
    case '+':
      return result({ re: x.re + y.re, im: x.im + y.im });
    case '-':
      return result({ re: x.re - y.re, im: x.im - y.im });
    case '*':
      return result(cmul(x, y));
    case '/':
      return result(divide(x, y));
    case '**':
      return result(complexPower(x, y));
    default:
      throw new MatError(
        `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
        'TypeError',
      );
  }
}

/** `-z`, `+z`; `~z` is Python's TypeError. */
export function complexUnary(op: '-' | '+' | '~', a: NDArray): NDArray {
  if (op === '~') throw new MatError("bad operand type for unary ~: 'complex'", 'TypeError');
  if (op === '+') return a;
  const z = asComplex(a);
  return pyComplex(-z.re, -z.im);
}

/** `==`/`!=` with a complex; ordering a complex is Python's TypeError. */
export function complexCompare(op: string, a: NDArray, b: NDArray): Value {
  if (op !== '==' && op !== '!=') {
    throw new MatError(
      `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
      'TypeError',
    );
  }
  const x = asComplex(a);
  const y = asComplex(b);
  const equal = x.re === y.re && x.im === y.im;
  return pyBool(op === '==' ? equal : !equal);
}

/** `abs(z)`: the modulus, or Python's OverflowError when it is too large for a float. */
export function complexAbs(a: NDArray): NDArray {
  const z = asComplex(a);
  const r = hypot(z.re, z.im);
  if (r === Number.POSITIVE_INFINITY && Number.isFinite(z.re) && Number.isFinite(z.im)) {
    throw new MatError('absolute value too large', 'OverflowError');
  }
  return pyFloat(r);
}
