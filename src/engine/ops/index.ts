/**
 * The array operations of the language, NumPy-compatible: element-wise
 * arithmetic with broadcasting, math functions, reductions, shape changes,
 * indexing and array creation. Every function takes evaluated arrays and
 * returns a new array; user mistakes throw `MatError` with NumPy's wording.
 */
export * from './arrange';
export * from './broadcast';
export * from './building';
export * from './covariance';
export * from './create';
export * from './einsum';
export * from './elementwise';
export * from './histogram';
export * from './indexing';
export * from './nanReductions';
export * from './numerics';
export * from './polynomial';
export * from './quantileMethods';
export * from './reduce';
export * from './shape';
export * from './sorting';
export * from './statistics';
export * from './unary';
