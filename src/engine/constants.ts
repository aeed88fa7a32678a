/** The fixed seed a file's global generator starts from, so a file is reproducible without `np.random.seed`. */
export const DEFAULT_SEED = 0;
