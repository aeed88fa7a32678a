import { castValue, sumDType } from '../dtypes';
import { MatError } from '../errors';
import { type DType, NDArray } from '../ndarray';
import type { ArithmeticOp, ReduceKind, UnaryMathName } from '../ops';
import {
  absolute,
  binary,
  clip,
  maximum,
  meanInDType,
  minimum,
  nonzero,
  reduce,
  reduceInDType,
  round,
  spreadInDType,
  unaryMath,
  where,
} from '../ops';
import { UFUNC_NAMES } from '../ops/elementwise';
import { isArray } from '../values';
import { optional, required, toArray, toAxis, toBool, toDType, toInt, toNumber } from './convert';
import { outArgument, reductionOut, ufuncOut } from './out';
import { type BoundArgs, type BuiltinImpl, params } from './registry';

/** Element-wise arithmetic under NumPy's ufunc names (`np.multiply(a, b)` is `a * b`). */
function ufunc2(name: string, op: ArithmeticOp): BuiltinImpl {
  return {
    name,
    params: params('x1', 'x2', 'out?'),
    call: (args) => {
      const inputs = [toArray(required(args, 'x1'), 'x1'), toArray(required(args, 'x2'), 'x2')];
      return ufuncOut(UFUNC_NAMES[op], inputs, binary(op, inputs[0], inputs[1]), outArgument(args));
    },
  };
}

function ufunc1(name: string, fn: UnaryMathName): BuiltinImpl {
  return {
    name,
    params: params('x', 'out?'),
    call: (args) => {
      const x = toArray(required(args, 'x'), 'x');
      return ufuncOut(name, [x], unaryMath(fn, x), outArgument(args));
    },
  };
}

/** The ufunc behind each reduction, as NumPy names it in its `out=` messages. */
const REDUCTION_UFUNC: Readonly<Record<Exclude<ReduceKind, 'argmax' | 'argmin'>, string>> = {
  sum: 'add',
  prod: 'multiply',
  mean: 'add',
  std: 'add',
  var: 'add',
  max: 'maximum',
  min: 'minimum',
  all: 'logical_and',
  any: 'logical_or',
};

/** `where=`: undefined when left out or Python's True (NumPy's no-mask default), else the mask. */
function whereOf(args: BoundArgs): NDArray | undefined {
  const value = args.named.get('where');
  if (value === undefined) return undefined;
  if (isArray(value) && value.python && value.ndim === 0 && value.dtype === 'bool' && value.data[0] !== 0) {
    return undefined;
  }
  // NumPy reads None as a mask of False.
  if (!isArray(value) && value.kind === 'none') return NDArray.scalar(0, 'bool');
  return toArray(value, 'where');
}

/** `ddof`, or `correction` (its Array-API name); NumPy refuses both at once. */
function ddofOf(args: BoundArgs): number {
  const ddofValue = optional(args, 'ddof');
  const ddof = ddofValue === undefined ? 0 : toNumber(ddofValue, 'ddof');
  const correctionValue = optional(args, 'correction');
  if (correctionValue === undefined) return ddof;
  if (ddofValue !== undefined && ddof !== 0) {
    throw new MatError("ddof and correction can't be provided simultaneously.");
  }
  return toNumber(correctionValue, 'correction');
}

/** `initial=` cast into the result's dtype, as NumPy casts it (truncated for ints, nonzero for bools). */
function initialOf(args: BoundArgs, dtype: DType): number | undefined {
  const value = optional(args, 'initial');
  if (value === undefined) return undefined;
  const x = toNumber(value, 'initial');
  return castValue(x, dtype);
}

const REDUCTION_PARAMS: Record<string, readonly string[]> = {
  sum: ['a', 'axis?', 'dtype?', 'out?', 'keepdims?', 'initial?', 'where?'],
  prod: ['a', 'axis?', 'dtype?', 'out?', 'keepdims?', 'initial?', 'where?'],
  mean: ['a', 'axis?', 'dtype?', 'out?', 'keepdims?', '*where?'],
  std: ['a', 'axis?', 'dtype?', 'out?', 'ddof?', 'keepdims?', '*where?', '*mean?', '*correction?'],
  var: ['a', 'axis?', 'dtype?', 'out?', 'ddof?', 'keepdims?', '*where?', '*mean?', '*correction?'],
  max: ['a', 'axis?', 'out?', 'keepdims?', 'initial?', 'where?'],
  min: ['a', 'axis?', 'out?', 'keepdims?', 'initial?', 'where?'],
  all: ['a', 'axis?', 'out?', 'keepdims?', '*where?'],
  any: ['a', 'axis?', 'out?', 'keepdims?', '*where?'],
};

/**
 * NumPy's reductions with their keywords: `dtype=` (sum, prod, mean, std,
 * var), `ddof=` (std, var), `initial=` (sum, prod, max, min), `where=`
 * and `out=`.
 */
function reduction(name: string, kind: Exclude<ReduceKind, 'argmax' | 'argmin'>): BuiltinImpl {
  return {
    name,
    params: params(...REDUCTION_PARAMS[kind]),
    call: (args) => {
      const a = toArray(required(args, 'a'), 'a');
      const axis = toAxis(optional(args, 'axis'));
      const keep = optional(args, 'keepdims');
      const keepdims = keep ? toBool(keep) : false;
      const result = reduceWith(name, kind, args, a, axis, keepdims);
      return reductionOut(REDUCTION_UFUNC[kind], a, axis, keepdims, result, outArgument(args));
    },
  };
}

function reduceWith(
  name: string,
  kind: Exclude<ReduceKind, 'argmax' | 'argmin'>,
  args: BoundArgs,
  a: NDArray,
  axis: number | number[] | null,
  keepdims: boolean,
): NDArray {
  const mask = whereOf(args);
  const dtype = toDType(optional(args, 'dtype'));
  switch (kind) {
    case 'sum':
    case 'prod': {
      const into = dtype ?? sumDType(a.dtype);
      return reduceInDType(kind, a, axis, keepdims, dtype, initialOf(args, into), mask);
    }
    case 'mean':
      return meanInDType(a, axis, keepdims, dtype, mask);
    case 'std':
    case 'var':
      if (optional(args, 'mean') !== undefined) {
        throw new MatError(`${name}'s mean= is not supported in .mat files`, 'TypeError');
      }
      return spreadInDType(kind, a, axis, keepdims, ddofOf(args), dtype, mask);
    case 'max':
    case 'min':
      return reduce(kind, a, axis, keepdims, { initial: initialOf(args, a.dtype), where: mask });
    default:
      return reduce(kind, a, axis, keepdims, { where: mask });
  }
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
  ...['round', 'around'].map(
    (name): BuiltinImpl => ({
      name,
      params: params('a', 'decimals?'),
      call: (args) => {
        const decimals = optional(args, 'decimals');
        return round(toArray(required(args, 'a'), 'a'), decimals ? toInt(decimals, 'decimals') : 0);
      },
    }),
  ),
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
