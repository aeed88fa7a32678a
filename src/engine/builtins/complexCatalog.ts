import type { BuiltinInfo } from './catalog';

function info(signature: string, doc: string): BuiltinInfo {
  return { name: signature.slice(0, signature.indexOf('(')), signature, doc };
}

/** The functions of complex numbers (./complex.ts): names, signatures, docs. */
export const COMPLEX: readonly BuiltinInfo[] = [
  info('real(val)', 'The real parts of the elements (a real array is its own real part).'),
  info('imag(val)', 'The imaginary parts of the elements (zeros for a real array).'),
  info('conj(x, out=None)', 'The complex conjugate, element-wise: the imaginary parts negated.'),
  info('conjugate(x, out=None)', 'The complex conjugate, element-wise (the same as conj).'),
  info(
    'angle(z, deg=False)',
    'The angle of each complex number in radians (degrees with deg=True), from the positive real axis.',
  ),
  info('iscomplex(x)', 'Element-wise: is the imaginary part nonzero?'),
  info('isreal(x)', 'Element-wise: is the imaginary part zero?'),
  info('iscomplexobj(x)', 'Is x of a complex dtype (whatever its values)?'),
  info('isrealobj(x)', 'Is x of a real dtype (not complex)?'),
  info(
    'real_if_close(a, tol=100)',
    'The real parts when every imaginary part is within tol machine epsilons of zero; a unchanged otherwise.',
  ),
];
