import type { BuiltinInfo } from './catalog';

function info(signature: string, doc: string): BuiltinInfo {
  return { name: signature.slice(0, signature.indexOf('(')), signature, doc };
}

/** `np.poly1d` and the polynomial functions that take or give one (./polynomial.ts): names, signatures, docs. */
export const POLYNOMIAL: readonly BuiltinInfo[] = [
  info(
    'poly1d(c_or_r, r=False, variable=None)',
    'A polynomial from its coefficients (highest power first), or from its roots with r=True: p(x) evaluates it; p.coeffs, p.order, p.roots, p.deriv(), p.integ(); + - * ** and / by a number.',
  ),
  info(
    'poly(seq_of_zeros)',
    'The coefficients of the monic polynomial with these roots (of its characteristic polynomial for a square matrix).',
  ),
  info(
    'roots(p)',
    'The roots of the polynomial with coefficients p, as the eigenvalues of its companion matrix (real roots only here).',
  ),
  info('polyadd(a1, a2)', 'The sum of two polynomials (coefficient arrays or poly1d).'),
  info('polysub(a1, a2)', 'The difference a1 - a2 of two polynomials (coefficient arrays or poly1d).'),
  info('polymul(a1, a2)', 'The product of two polynomials (coefficient arrays or poly1d).'),
  info('polydiv(u, v)', 'Polynomial long division: the quotient and the remainder of u / v.'),
  info('polyder(p, m=1)', 'The m-th derivative of the polynomial p.'),
  info(
    'polyint(p, m=1, k=None)',
    'The m-th antiderivative of the polynomial p; k gives the integration constants (zeros by default).',
  ),
];
