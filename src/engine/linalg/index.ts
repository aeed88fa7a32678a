/**
 * NumPy's linear algebra for the `.mat` language: products (`dot`,
 * `matmul`/`@`, `inner`, `outer`, `vdot`, `trace`) and `numpy.linalg`
 * (`inv`, `det`, `solve`, `svd`, `pinv`, `matrix_rank`, `norm`).
 * Arguments are evaluated arrays (Python scalars as 0-d arrays); results
 * are new arrays; user mistakes throw `MatError` with NumPy's message.
 */
export { gemm } from './gemm';
export { det, inv, solve } from './lu';
export { type NormOrder, norm } from './norm';
export { matrixRank, PINV_DEFAULT_RCOND, pinv } from './pinv';
export { dot, inner, matmul, outer, trace, vdot } from './products';
export { type SvdResult, svd } from './svd';
