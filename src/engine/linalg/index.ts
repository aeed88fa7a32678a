/**
 * NumPy's linear algebra for the `.mat` language: products (`dot`,
 * `matmul`/`@`, `inner`, `outer`, `vdot`, `trace`) and `numpy.linalg`
 * (`inv`, `det`, `slogdet`, `solve`, `lstsq`, `svd`, `pinv`, `qr`,
 * `cholesky`, `eig`, `eigvals`, `eigh`, `eigvalsh`, `matrix_rank`, `matrix_power`, `multi_dot`, `cond`, `norm`).
 * Arguments are evaluated arrays (Python scalars as 0-d arrays); results
 * are new arrays; user mistakes throw `MatError` with NumPy's message.
 */

export { cholesky } from './cholesky';
export { cond, type LeastSquares, lstsq, matrixPower, multiDot, svdHermitian } from './compose';
export { eig, eigvals } from './eig';
export { eigh, eigvalsh } from './eigh';
export { gemm } from './gemm';
export { svdLapack } from './gesdd';
export { det, inv, slogdet, solve } from './lu';
export { type NormOrder, norm } from './norm';
export { matrixRank, PINV_DEFAULT_RCOND, pinv } from './pinv';
export { dot, inner, matmul, outer, trace, vdot } from './products';
export { type QRResult, qr } from './qr';
export { type SvdResult, svd } from './svd';
