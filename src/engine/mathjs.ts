/**
 * The project's mathjs instance, built from only the factories it needs.
 * `import * as math from 'mathjs'` would create every function (about
 * 0.7 s at load); `create()` with a few dependency bundles keeps startup
 * small (bundled: about 210 kB, 30 ms to load), and the bundler drops the
 * rest of mathjs.
 *
 * The linear algebra in `./linalg` does not go through mathjs: its own
 * Float64Array kernels follow LAPACK's operation order, so results match
 * NumPy to a few ulps and often to the bit, where mathjs's `det` is far
 * off on ill-conditioned matrices (Hilbert 10: wrong by 35 orders of
 * magnitude); and they run 5-20× faster. This instance is the baseline they
 * are benchmarked against, and is here for any module that wants mathjs.
 */
import {
  create,
  detDependencies,
  invDependencies,
  lupDependencies,
  lusolveDependencies,
  matrixDependencies,
  multiplyDependencies,
} from 'mathjs';

/** A mathjs instance with `matrix`, `multiply`, `lup`, `lusolve`, `det` and `inv`. */
export const math = create({
  matrixDependencies,
  multiplyDependencies,
  lupDependencies,
  lusolveDependencies,
  detDependencies,
  invDependencies,
});
