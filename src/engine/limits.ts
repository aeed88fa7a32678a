import { LimitError } from './errors';

/**
 * Size and time limits for one statement's work. The evaluator resets the
 * budget before each statement; numeric kernels allocate through
 * `allocate()` and call `checkDeadline()` inside long loops, so a runaway
 * statement stops with an error naming the limit instead of hanging or
 * exhausting memory.
 */
export interface Limits {
  /** Most array elements one statement may allocate in total. */
  readonly maxElements: number;
  /** Most milliseconds one statement may run. */
  readonly maxMilliseconds: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxElements: 50_000_000,
  maxMilliseconds: 5_000,
};

/** Where the time limit reads the time; tests swap in a clock they control. */
let clock: () => number = Date.now;

/**
 * Reads time from `now` instead of the system clock until the returned
 * function is called. Tests use a clock that advances on every reading, so
 * "stops at the time limit" means "keeps reading the clock", on any machine
 * however loaded.
 */
export function useClock(now: () => number): () => void {
  clock = now;
  return () => {
    clock = Date.now;
  };
}

const budget = {
  limits: DEFAULT_LIMITS,
  allocated: 0,
  /** Elements kept past a loop iteration (items added to lists): they stay counted. */
  retained: 0,
  deadline: Number.POSITIVE_INFINITY,
};

/**
 * Where a loop starts: each iteration's temporaries are freed when the next
 * begins, so the size limit counts what is alive, not every allocation of
 * a 5,000-epoch loop. What a loop keeps (list items) is counted by `retain`.
 */
export function loopMark(): { readonly allocated: number; readonly retained: number } {
  return { allocated: budget.allocated, retained: budget.retained };
}

/** Back to the loop's start, plus what it retained since. */
export function loopRestore(mark: { readonly allocated: number; readonly retained: number }): void {
  budget.allocated = mark.allocated + (budget.retained - mark.retained);
}

/** Counts `count` elements that outlive a loop iteration (appended to a list). */
export function retain(count: number): void {
  reserve(count);
  budget.retained += count;
}

/** Starts a fresh budget for one statement. */
export function resetBudget(limits: Limits = DEFAULT_LIMITS): void {
  budget.limits = limits;
  budget.allocated = 0;
  budget.retained = 0;
  budget.deadline = clock() + limits.maxMilliseconds;
  // tick() reads the clock every 16,384 ticks: counted from the statement's start, a statement
  // stops where it stopped before whatever ran earlier (an edit's re-run and a fresh run agree).
  ticks = 0;
}

/** Lifts every limit (used by code that runs outside a statement, such as tests of kernels). */
export function clearBudget(): void {
  budget.limits = { maxElements: Number.POSITIVE_INFINITY, maxMilliseconds: Number.POSITIVE_INFINITY };
  budget.allocated = 0;
  budget.deadline = Number.POSITIVE_INFINITY;
}

/** Counts `count` elements against the size limit without allocating (for other buffers). */
export function reserve(count: number): void {
  if (!Number.isFinite(count) || count < 0) {
    throw new LimitError(`array of ${count} elements is not a valid size`);
  }
  const total = budget.allocated + count;
  if (total > budget.limits.maxElements) {
    throw new LimitError(
      `size limit reached: this statement needs ${formatCount(total)} array elements, more than the limit of ${formatCount(budget.limits.maxElements)} (setting matrixPlayground.limits.maxElements)`,
    );
  }
  budget.allocated = total;
}

/** Buffers up to this many elements come from a shared slab (see `allocate`). */
const SLAB_ITEM = 64;
const SLAB_SIZE = 8192;
let slab = new Float64Array(SLAB_SIZE);
let slabUsed = 0;

/**
 * A zeroed buffer of `count` float64 elements, counted against the size limit.
 * Small buffers are cut from a slab: V8 gives each typed array over 64 bytes its
 * own ArrayBuffer, which costs more than the arithmetic of a loop over 3×4
 * arrays. A slab is never reused, only dropped when full; the garbage collector
 * frees it once none of its buffers is alive.
 */
export function allocate(count: number): Float64Array {
  reserve(count);
  if (count > SLAB_ITEM || count <= 8) return new Float64Array(count);
  if (slabUsed + count > SLAB_SIZE) {
    slab = new Float64Array(SLAB_SIZE);
    slabUsed = 0;
  }
  const out = new Float64Array(slab.buffer, slabUsed * 8, count);
  slabUsed += count;
  return out;
}

let ticks = 0;

/** `checkDeadline` every 16,384th call: for loops over items too cheap to check the clock on each. */
export function tick(): void {
  if ((++ticks & 0x3fff) === 0) checkDeadline();
}

/** Throws once the statement has run past its time limit. Cheap: call it in outer loops. */
export function checkDeadline(): void {
  if (clock() > budget.deadline) {
    throw new LimitError(
      `time limit reached: this statement ran longer than ${budget.limits.maxMilliseconds} ms (setting matrixPlayground.limits.maxMilliseconds)`,
    );
  }
}

function formatCount(n: number): string {
  // Past 2**53 a double's toLocaleString rounds to 17 digits and pads with zeros; BigInt prints it exactly.
  const whole = Math.round(n);
  return Number.isSafeInteger(whole) ? whole.toLocaleString('en-US') : BigInt(whole).toLocaleString('en-US');
}
