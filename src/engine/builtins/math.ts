import { MatError } from '../errors';
import type { ArithmeticOp, ReduceKind, UnaryMathName } from '../ops';
import { absolute, binary, clip, maximum, minimum, nonzero, reduce, round, unaryMath, where } from '../ops';
import { optional, required, toArray, toAxis, toBool, toInt } from './convert';
import { type BuiltinImpl, params } from './registry';

/** Element-wise arithmetic under NumPy's ufunc names (`np.multiply(a, b)` is `a * b`). */
function ufunc2(name: string, op: ArithmeticOp): BuiltinImpl {
  return {
    name,
    params: params('x1', 'x2'),
    call: (args) => binary(op, toArray(required(args, 'x1'), 'x1'), toArray(required(args, 'x2'), 'x2')),
  };
}

function ufunc1(name: string, fn: UnaryMathName): BuiltinImpl {
  return {
    name,
    params: params('x'),
    call: (args) => unaryMath(fn, toArray(required(args, 'x'), 'x')),
  };
}

function reduction(name: string, kind: ReduceKind): BuiltinImpl {
  return {
    name,
    params: params('a', 'axis?', 'keepdims?'),
    call: (args) => {
      const keep = optional(args, 'keepdims');
      return reduce(
        kind,
        toArray(required(args, 'a'), 'a'),
        toAxis(optional(args, 'axis')),
        keep ? toBool(keep) : false,
      );
    },
  };
}

/** `argmax`/`argmin`: like a reduction, but `keepdims` is keyword-only, as in NumPy. */
function argReduction(name: 'argmax' | 'argmin'): BuiltinImpl {
  return {
    name,
    params: params('a', 'axis?', '*keepdims?'),
    call: (args) => {
      const keep = optional(args, 'keepdims');
      return reduce(
        name,
        toArray(required(args, 'a'), 'a'),
        toAxis(optional(args, 'axis')),
        keep ? toBool(keep) : false,
      );
    },
  };
}

/** Arithmetic, element-wise functions and reductions. */
export const MATH_BUILTINS: readonly BuiltinImpl[] = [
  ufunc2('add', '+'),
  ufunc2('subtract', '-'),
  ufunc2('multiply', '*'),
  ufunc2('divide', '/'),
  ufunc2('true_divide', '/'),
  ufunc2('floor_divide', '//'),
  ufunc2('power', '**'),
  ufunc2('mod', '%'),
  ufunc2('remainder', '%'),
  ufunc1('exp', 'exp'),
  ufunc1('log', 'log'),
  ufunc1('log2', 'log2'),
  ufunc1('log10', 'log10'),
  ufunc1('sqrt', 'sqrt'),
  ufunc1('sin', 'sin'),
  ufunc1('cos', 'cos'),
  ufunc1('tan', 'tan'),
  ufunc1('tanh', 'tanh'),
  ufunc1('floor', 'floor'),
  ufunc1('ceil', 'ceil'),
  ufunc1('sign', 'sign'),
  {
    name: 'abs',
    params: params('x'),
    call: (args) => absolute(toArray(required(args, 'x'), 'x')),
  },
  {
    name: 'absolute',
    params: params('x'),
    call: (args) => absolute(toArray(required(args, 'x'), 'x')),
  },
  {
    name: 'maximum',
    params: params('x1', 'x2'),
    call: (args) => maximum(toArray(required(args, 'x1'), 'x1'), toArray(required(args, 'x2'), 'x2')),
  },
  {
    name: 'minimum',
    params: params('x1', 'x2'),
    call: (args) => minimum(toArray(required(args, 'x1'), 'x1'), toArray(required(args, 'x2'), 'x2')),
  },
  {
    name: 'clip',
    params: params('a', 'a_min?', 'a_max?', '*min?', '*max?'),
    call: (args) => {
      const lo = optional(args, 'a_min') ?? optional(args, 'min');
      const hi = optional(args, 'a_max') ?? optional(args, 'max');
      return clip(
        toArray(required(args, 'a'), 'a'),
        lo ? toArray(lo, 'a_min') : null,
        hi ? toArray(hi, 'a_max') : null,
      );
    },
  },
  {
    name: 'round',
    params: params('a', 'decimals?'),
    call: (args) => {
      const decimals = optional(args, 'decimals');
      return round(toArray(required(args, 'a'), 'a'), decimals ? toInt(decimals, 'decimals') : 0);
    },
  },
  {
    name: 'where',
    params: params('condition', 'x?', 'y?'),
    call: (args) => {
      const condition = toArray(required(args, 'condition'), 'condition');
      const x = args.named.get('x');
      const y = args.named.get('y');
      // where(condition) alone is nonzero(condition); None is a value here, as in NumPy.
      if (x === undefined && y === undefined) return { kind: 'tuple', items: nonzero(condition) };
      if (x === undefined || y === undefined) {
        throw new MatError('either both or neither of x and y should be given', 'ValueError');
      }
      return where(condition, toArray(x, 'x'), toArray(y, 'y'));
    },
  },
  reduction('sum', 'sum'),
  reduction('prod', 'prod'),
  reduction('mean', 'mean'),
  reduction('std', 'std'),
  reduction('var', 'var'),
  reduction('max', 'max'),
  reduction('amax', 'max'),
  reduction('min', 'min'),
  reduction('amin', 'min'),
  reduction('all', 'all'),
  reduction('any', 'any'),
  argReduction('argmax'),
  argReduction('argmin'),
];
