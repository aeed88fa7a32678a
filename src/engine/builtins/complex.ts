import { componentDType, isComplexDType } from '../dtypes';
import { NDArray } from '../ndarray';
import { complexAngle, complexUnary, imagPart, realPart } from '../ops/complexArrays';
import { isPythonScalar, pyBool, pyFloat, pyInt, type Value } from '../values';
import { optional, required, toArray, toBool, toNumber } from './convert';
import { outArgument, ufuncOut } from './out';
import type { BuiltinImpl } from './registry';
import { params } from './registry';

/**
 * `np.real`, `np.imag`, `np.conj`, `np.angle` and the tests of complexness.
 * `np.real(x)` is `x.real`: a Python number gives a Python number, an array
 * its real parts (NumPy returns a view; here the parts share the array's memory).
 */

function pythonPart(x: NDArray, part: 're' | 'im'): Value {
  if (x.im) return pyFloat(part === 're' ? x.data[0] : x.imag[0]);
  if (part === 're') return x;
  return x.dtype === 'float64' ? pyFloat(0) : pyInt(0);
}

/** `x.real` of an array: itself when real, its real parts when complex. */
export function realOf(a: NDArray): NDArray {
  return a.im ? realPart(a) : a;
}

/** `x.imag` of an array: its imaginary parts, or zeros of its dtype. */
export function imagOf(a: NDArray): NDArray {
  return a.im ? a.im : new NDArray(new Float64Array(a.size), a.shape, a.dtype);
}

function conjugate(name: string): BuiltinImpl {
  return {
    name,
    params: params('x', 'out?'),
    call: (args) => {
      const x = toArray(required(args, 'x'), 'x');
      return ufuncOut(name, [x], x.im ? complexUnary('conjugate', x) : x.copy(), outArgument(args));
    },
  };
}

function isComplexValue(x: NDArray): boolean {
  return isComplexDType(x.dtype);
}

export const COMPLEX_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'real',
    params: params('val'),
    call: (args) => {
      const val = required(args, 'val');
      if (isPythonScalar(val)) return pythonPart(val, 're');
      return realOf(toArray(val, 'val'));
    },
  },
  {
    name: 'imag',
    params: params('val'),
    call: (args) => {
      const val = required(args, 'val');
      if (isPythonScalar(val)) return pythonPart(val, 'im');
      return imagOf(toArray(val, 'val'));
    },
  },
  conjugate('conj'),
  conjugate('conjugate'),
  {
    name: 'angle',
    params: params('z', 'deg?'),
    call: (args) => {
      const deg = optional(args, 'deg');
      return complexAngle(toArray(required(args, 'z'), 'z'), deg !== undefined && toBool(deg, 'deg'));
    },
  },
  {
    name: 'iscomplex',
    params: params('x'),
    call: (args) => {
      const x = toArray(required(args, 'x'), 'x');
      const im = imagPart(x).data;
      const out = new Float64Array(x.size);
      for (let i = 0; i < out.length; i++) out[i] = im[i] !== 0 ? 1 : 0;
      return new NDArray(out, x.shape, 'bool');
    },
  },
  {
    name: 'isreal',
    params: params('x'),
    call: (args) => {
      const x = toArray(required(args, 'x'), 'x');
      const im = imagPart(x).data;
      const out = new Float64Array(x.size);
      for (let i = 0; i < out.length; i++) out[i] = im[i] === 0 ? 1 : 0;
      return new NDArray(out, x.shape, 'bool');
    },
  },
  {
    name: 'iscomplexobj',
    params: params('x'),
    call: (args) => pyBool(isComplexValue(toArray(required(args, 'x'), 'x'))),
  },
  {
    name: 'isrealobj',
    params: params('x'),
    call: (args) => pyBool(!isComplexValue(toArray(required(args, 'x'), 'x'))),
  },
  {
    name: 'real_if_close',
    params: params('a', 'tol?'),
    call: (args) => {
      const a = toArray(required(args, 'a'), 'a');
      if (!a.im) return a;
      const tolValue = optional(args, 'tol');
      let tol = tolValue === undefined ? 100 : toNumber(tolValue, 'tol');
      // A tolerance above 1 counts machine epsilons of the part type.
      if (tol > 1) tol *= componentDType(a.dtype) === 'float32' ? 2 ** -23 : 2 ** -52;
      const im = a.imag;
      for (let i = 0; i < im.length; i++) if (!(Math.abs(im[i]) < tol)) return a;
      return new NDArray(a.data.slice(), a.shape, componentDType(a.dtype));
    },
  },
];
