import type { BuiltinInfo } from './catalog';

function info(signature: string, doc: string): BuiltinInfo {
  return { name: signature.slice(0, signature.indexOf('(')), signature, doc };
}

/**
 * Element-wise extras, NaN-ignoring reductions and numerics for data
 * (./numerics.ts): names, signatures, docs.
 */
export const NUMERICS: readonly BuiltinInfo[] = [
  info('trunc(x, out=None, *, dtype=None)', 'Element-wise truncation toward zero (integers stay integers).'),
  info('fix(x, out=None)', 'Rounds toward zero, element-wise (the same as trunc).'),
  info('rint(x, out=None, *, dtype=None)', 'Rounds to the nearest integer, halves to even; gives floats.'),
  info('square(x, out=None, *, dtype=None)', 'Element-wise x * x.'),
  info(
    'reciprocal(x, out=None, *, dtype=None)',
    "Element-wise 1 / x; for integers NumPy's integer result (1 / 2 is 0), so pass floats.",
  ),
  info('log1p(x, out=None, *, dtype=None)', 'Element-wise log(1 + x), accurate for tiny x.'),
  info('expm1(x, out=None, *, dtype=None)', 'Element-wise exp(x) - 1, accurate for tiny x.'),
  info(
    'hypot(x1, x2, out=None, *, dtype=None)',
    'Element-wise sqrt(x1**2 + x2**2) without overflow, with broadcasting.',
  ),
  info(
    'arctan2(x1, x2, out=None, *, dtype=None)',
    'Element-wise angle of the point (x2, x1) in radians, in [-pi, pi]: arctan(x1 / x2) in the right quadrant.',
  ),
  info('logical_and(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 and x2 (nonzero is true), as bools.'),
  info('logical_or(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 or x2 (nonzero is true), as bools.'),
  info(
    'logical_xor(x1, x2, out=None, *, dtype=None)',
    'Element-wise: exactly one of x1, x2 is true, as bools.',
  ),
  info('logical_not(x, out=None, *, dtype=None)', 'Element-wise not x (zero becomes True), as bools.'),
  info(
    'arcsin(x, out=None, *, dtype=None)',
    'Element-wise inverse sine in radians, in [-pi/2, pi/2] (nan outside [-1, 1]).',
  ),
  info(
    'arccos(x, out=None, *, dtype=None)',
    'Element-wise inverse cosine in radians, in [0, pi] (nan outside [-1, 1]).',
  ),
  info('arctan(x, out=None, *, dtype=None)', 'Element-wise inverse tangent in radians, in (-pi/2, pi/2).'),
  info('sinh(x, out=None, *, dtype=None)', 'Element-wise hyperbolic sine.'),
  info('cosh(x, out=None, *, dtype=None)', 'Element-wise hyperbolic cosine.'),
  info('arcsinh(x, out=None, *, dtype=None)', 'Element-wise inverse hyperbolic sine.'),
  info('arccosh(x, out=None, *, dtype=None)', 'Element-wise inverse hyperbolic cosine (nan below 1).'),
  info(
    'arctanh(x, out=None, *, dtype=None)',
    'Element-wise inverse hyperbolic tangent (nan outside [-1, 1], inf at 1).',
  ),
  info('exp2(x, out=None, *, dtype=None)', 'Element-wise 2**x, as floats.'),
  info('cbrt(x, out=None, *, dtype=None)', 'Element-wise cube root (real, so negative for negative x).'),
  info('degrees(x, out=None, *, dtype=None)', 'Converts radians to degrees: x * (180 / pi), element-wise.'),
  info('radians(x, out=None, *, dtype=None)', 'Converts degrees to radians: x * (pi / 180), element-wise.'),
  info('rad2deg(x, out=None, *, dtype=None)', 'Converts radians to degrees (the same as degrees).'),
  info('deg2rad(x, out=None, *, dtype=None)', 'Converts degrees to radians (the same as radians).'),
  info('fabs(x, out=None, *, dtype=None)', 'Element-wise absolute value as floats (no complex numbers).'),
  info('negative(x, out=None, *, dtype=None)', 'Element-wise -x.'),
  info('positive(x, out=None, *, dtype=None)', 'Element-wise +x (a copy).'),
  info('equal(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 == x2, as bools.'),
  info('not_equal(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 != x2, as bools.'),
  info('less(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 < x2, as bools.'),
  info('less_equal(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 <= x2, as bools.'),
  info('greater(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 > x2, as bools.'),
  info('greater_equal(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 >= x2, as bools.'),
  info('bitwise_and(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 & x2 of integers or bools.'),
  info('bitwise_or(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 | x2 of integers or bools.'),
  info('bitwise_xor(x1, x2, out=None, *, dtype=None)', 'Element-wise x1 ^ x2 of integers or bools.'),
  info(
    'invert(x, out=None, *, dtype=None)',
    'Element-wise ~x: bitwise not of integers, logical not of bools.',
  ),
  info(
    'left_shift(x1, x2, out=None, *, dtype=None)',
    'Element-wise x1 << x2: shifts the bits of integers left.',
  ),
  info(
    'right_shift(x1, x2, out=None, *, dtype=None)',
    'Element-wise x1 >> x2: shifts the bits of integers right.',
  ),
  info(
    'copysign(x1, x2, out=None, *, dtype=None)',
    'Element-wise magnitude of x1 with the sign of x2, as floats.',
  ),
  info(
    'fmod(x1, x2, out=None, *, dtype=None)',
    'Element-wise remainder with the sign of the dividend (C fmod), unlike mod.',
  ),
  info(
    'float_power(x1, x2, out=None, *, dtype=None)',
    'Element-wise x1**x2 computed in float64 (or wider) whatever the inputs.',
  ),
  info(
    'heaviside(x1, x2, out=None, *, dtype=None)',
    'Step function: 0 where x1 < 0, x2 where x1 == 0, 1 where x1 > 0.',
  ),
  info(
    'gcd(x1, x2, out=None, *, dtype=None)',
    'Element-wise greatest common divisor of integers (non-negative).',
  ),
  info(
    'lcm(x1, x2, out=None, *, dtype=None)',
    'Element-wise least common multiple of integers (non-negative).',
  ),
  info(
    'binary_repr(num, width=None)',
    "An integer's binary digits as a string; with width, a negative number in two's complement.",
  ),
  info(
    'nansum(a, axis=None, dtype=None, out=None, keepdims=False, initial=0)',
    'Sum treating nan as zero, over all elements or along an axis.',
  ),
  info(
    'nanprod(a, axis=None, dtype=None, out=None, keepdims=False, initial=1)',
    'Product treating nan as one, over all elements or along an axis.',
  ),
  info(
    'nanmean(a, axis=None, dtype=None, out=None, keepdims=False)',
    'Mean of the elements that are not nan (nan when there are none).',
  ),
  info(
    'nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, correction=None)',
    'Variance of the elements that are not nan, dividing by their count minus ddof.',
  ),
  info(
    'nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, correction=None)',
    'Standard deviation of the elements that are not nan, dividing by their count minus ddof.',
  ),
  info(
    'nanmax(a, axis=None, out=None, keepdims=False, initial=None)',
    'Largest element ignoring nan (nan for a slice that is all nan).',
  ),
  info(
    'nanmin(a, axis=None, out=None, keepdims=False, initial=None)',
    'Smallest element ignoring nan (nan for a slice that is all nan).',
  ),
  info(
    'nanargmax(a, axis=None, out=None, *, keepdims=False)',
    'Index of the largest element ignoring nan (ValueError for a slice that is all nan).',
  ),
  info(
    'nanargmin(a, axis=None, out=None, *, keepdims=False)',
    'Index of the smallest element ignoring nan (ValueError for a slice that is all nan).',
  ),
  info(
    'nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False)',
    'Median of the elements that are not nan, over all elements or along an axis.',
  ),
  info(
    "nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False, *, weights=None)",
    'The q-th percentile (q in [0, 100]) of the elements that are not nan, linearly interpolated.',
  ),
  info(
    'nancumsum(a, axis=None, dtype=None, out=None)',
    'Running sums treating nan as zero; axis=None runs over the flattened array.',
  ),
  info(
    'ptp(a, axis=None, out=None, keepdims=False)',
    'Peak to peak: max minus min, overall or along an axis.',
  ),
  info(
    'cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, *, dtype=None)',
    'Covariance matrix of the variables in the rows of m (columns with rowvar=False); divides by N - 1 unless bias or ddof.',
  ),
  info(
    'corrcoef(x, y=None, rowvar=True, *, dtype=None)',
    'Pearson correlation coefficients of the variables in the rows of x (columns with rowvar=False).',
  ),
  info(
    'histogram(a, bins=10, range=None, density=None, weights=None)',
    'Counts of the values in each bin, as the tuple (hist, bin_edges); bins is a number of equal bins or the edges.',
  ),
  info(
    'bincount(x, weights=None, minlength=0)',
    'How many times each non-negative integer occurs in x (or the sums of its weights), from 0 to max(x).',
  ),
  info(
    'interp(x, xp, fp, left=None, right=None, period=None)',
    'Piecewise-linear interpolation of the points (xp, fp) at x; xp increasing.',
  ),
  info(
    'gradient(f, *varargs, axis=None, edge_order=1)',
    'Numerical derivative: central differences inside, one-sided at the ends; one array per axis.',
  ),
  info(
    "convolve(a, v, mode='full')",
    "Discrete linear convolution of two 1-D arrays; mode 'full', 'same' or 'valid'.",
  ),
  info(
    'polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False)',
    'Least-squares polynomial fit of degree deg: coefficients, highest power first.',
  ),
  info('polyval(p, x)', 'Evaluates the polynomial with coefficients p (highest power first) at x.'),
];
