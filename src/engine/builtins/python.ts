import { MatError } from '../errors';
import { NDArray } from '../ndarray';
import { isArray } from '../values';
import { required } from './convert';
import { type BuiltinImpl, params } from './registry';

/** Python's own functions that NumPy code uses. */
export const PYTHON_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'print',
    params: [],
    varargs: 'values',
    call: (args) => ({ kind: 'printed', values: args.rest }),
  },
  {
    name: 'len',
    params: params('obj'),
    call: (args) => {
      const value = required(args, 'obj');
      if (isArray(value)) {
        if (value.ndim === 0) throw new MatError('len() of unsized object', 'TypeError');
        return NDArray.scalar(value.shape[0], 'int64');
      }
      if (value.kind === 'tuple') return NDArray.scalar(value.items.length, 'int64');
      if (value.kind === 'string') return NDArray.scalar(value.value.length, 'int64');
      throw new MatError(`object of type '${value.kind}' has no len()`, 'TypeError');
    },
  },
];
