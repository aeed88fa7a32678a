/**
 * The project's mathjs instance, built from only the factories it needs.
 * `import * as math from 'mathjs'` would create every function (about
 * 0.7 s at load); `create()` with a few dependency bundles keeps startup
 * small, and the bundler drops the rest of mathjs.
 *
 * The linear algebra in `./linalg` does not go through mathjs: its own
 * Float64Array kernels follow LAPACK's operation order (so results match
 * NumPy to a few ulps) and run 10-20× faster than mathjs on nested
 * arrays. This instance is the reference they are measured against
 * (benchmarks, cross-checks in tests) and is available to other modules.
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
