/**
 * Complex numbers as pairs of doubles, with the formulas of the libraries
 * whose digits we reproduce: CPython's complexobject.c for Python's complex,
 * NumPy's loops (and the C library under them) for complex arrays.
 */

export interface Complex {
  readonly re: number;
  readonly im: number;
}

/** The product, as CPython's _Py_c_prod and NumPy's multiply loop compute it. */
export function cmul(a: Complex, b: Complex): Complex {
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

/** CPython's _Py_c_quot (Smith's method, dividing by the denominator); the caller refuses a zero divisor. */
export function cdiv(a: Complex, b: Complex): Complex {
  const absRe = Math.abs(b.re);
  const absIm = Math.abs(b.im);
  if (absRe >= absIm) {
    const ratio = b.im / b.re;
    const denom = b.re + b.im * ratio;
    return { re: (a.re + a.im * ratio) / denom, im: (a.im - a.re * ratio) / denom };
  }
  if (absIm >= absRe) {
    const ratio = b.re / b.im;
    const denom = b.re * ratio + b.im;
    return { re: (a.re * ratio + a.im) / denom, im: (a.im * ratio - a.re) / denom };
  }
  return { re: Number.NaN, im: Number.NaN };
}

/** The element-wise functions with a complex loop (ops/complexArrays.ts) (each is also a NumPy built-in of that name). */
export const COMPLEX_UNARY_NAMES = [
  'sqrt',
  'exp',
  'log',
  'square',
  'reciprocal',
  'negative',
  'positive',
  'conjugate',
  'sign',
  'sin',
  'cos',
  'tan',
  'sinh',
  'cosh',
  'tanh',
] as const;

export type ComplexUnaryName = (typeof COMPLEX_UNARY_NAMES)[number];
