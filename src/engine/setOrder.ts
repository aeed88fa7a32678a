import { isFloatDType } from './dtypes';
import { NDArray } from './ndarray';
import type { SetValue, Value } from './values';

/**
 * The order CPython iterates a set in, so `print({3, 1, 2})` prints
 * `{1, 2, 3}` as Python does. A set's items are kept in insertion order;
 * this replays those insertions into CPython 3.11's hash table
 * (Objects/setobject.c: linear probes, then perturbed probing; growth when
 * 3/5 full) with Python's hashes of numbers and tuples of them
 * (Python/pyhash.c, Objects/tupleobject.c), and reads the table in slot
 * order. Strings, None and other objects hash differently in every Python
 * process (or by address): a set holding one keeps insertion order, which is
 * as good as any order Python could print.
 */

const MASK64 = (1n << 64n) - 1n;
const HASH_BITS = 61n;
const MODULUS = (1n << HASH_BITS) - 1n;
const MINUS_ONE = MASK64; // (Py_uhash_t)-1
const MINUS_TWO = MASK64 - 1n;
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5n;
const MIN_SIZE = 8;

/** Python's hash of an int, as an unsigned 64-bit value. */
function intHash(n: bigint): bigint {
  const magnitude = (n < 0n ? -n : n) % MODULUS;
  const signed = n < 0n ? -magnitude : magnitude;
  return BigInt.asUintN(64, signed === -1n ? -2n : signed);
}

/** Python's hash of a float that is not a whole number (`_Py_HashDouble`). */
function floatHash(v: number): bigint | undefined {
  if (Number.isNaN(v)) return undefined; // by identity since 3.10
  if (!Number.isFinite(v)) return BigInt.asUintN(64, v > 0 ? 314159n : -314159n);
  if (Number.isInteger(v)) return intHash(BigInt(v));
  let [m, e] = frexp(v);
  let sign = 1n;
  if (m < 0) {
    sign = -1n;
    m = -m;
  }
  let x = 0n;
  while (m) {
    x = ((x << 28n) & MODULUS) | (x >> (HASH_BITS - 28n));
    m *= 268435456.0;
    e -= 28;
    const y = Math.floor(m);
    m -= y;
    x += BigInt(y);
    if (x >= MODULUS) x -= MODULUS;
  }
  const shift = BigInt(e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61));
  x = ((x << shift) & MODULUS) | (x >> (HASH_BITS - shift));
  x = BigInt.asUintN(64, x * sign);
  return x === MINUS_ONE ? MINUS_TWO : x;
}

/** C's frexp: v = m * 2**e with 0.5 <= |m| < 1. */
function frexp(v: number): [number, number] {
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(v))) + 1);
  let m = v * 2 ** -e;
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  return [m, e];
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

/** Python's hash of a value, unsigned 64-bit, or undefined when it varies between processes. */
export function pythonHash(value: Value): bigint | undefined {
  if (value instanceof NDArray) {
    if (value.ndim !== 0) return undefined;
    if (value.big !== undefined) return intHash(value.big);
    const x = value.data[0];
    return isFloatDType(value.dtype) ? floatHash(x) : intHash(BigInt(x));
  }
  if (value.kind !== 'tuple') return undefined;
  let acc = XXPRIME_5;
  for (const item of value.items) {
    const lane = pythonHash(item);
    if (lane === undefined) return undefined;
    acc = (acc + lane * XXPRIME_2) & MASK64;
    acc = ((acc << 31n) | (acc >> 33n)) & MASK64;
    acc = (acc * XXPRIME_1) & MASK64;
  }
  acc = (acc + (BigInt(value.items.length) ^ (XXPRIME_5 ^ 3527539n))) & MASK64;
  return acc === MINUS_ONE ? 1546275796n : acc;
}

/**
 * A key's hash for probing: a small non-negative whole number as a number
 * (its hash is itself, and the probing arithmetic stays exact below 2**53),
 * anything else as Python's 64-bit hash.
 */
function slotHash(value: Value): number | bigint | undefined {
  if (value instanceof NDArray && value.ndim === 0 && value.big === undefined) {
    const x = value.data[0];
    if (Number.isInteger(x) && x >= 0 && x < SMALL_HASH) return x;
  }
  return pythonHash(value);
}

const SMALL_HASH = 2 ** 48;

/** Finds the slot a new key goes to in a table without dummies (`set_insert_clean`). */
function cleanSlot(table: readonly (number | undefined)[], hash: number | bigint): number {
  const size = table.length;
  const mask = size - 1;
  if (typeof hash === 'number') {
    let perturb = hash;
    let i = hash % size;
    for (;;) {
      if (table[i] === undefined) return i;
      if (i + LINEAR_PROBES <= mask) {
        for (let j = 1; j <= LINEAR_PROBES; j++) if (table[i + j] === undefined) return i + j;
      }
      perturb = Math.floor(perturb / 32);
      i = (i * 5 + 1 + perturb) % size;
    }
  }
  let perturb = hash;
  let i = Number(hash & BigInt(mask));
  for (;;) {
    if (table[i] === undefined) return i;
    if (i + LINEAR_PROBES <= mask) {
      for (let j = 1; j <= LINEAR_PROBES; j++) if (table[i + j] === undefined) return i + j;
    }
    perturb >>= PERTURB_SHIFT;
    i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(mask));
  }
}

/** The items of `set` in the order CPython would iterate them. */
export function setItems(set: SetValue): Value[] {
  const items = [...set.entries.values()];
  const keys = [...set.entries.keys()];
  const hashes: (number | bigint)[] = [];
  for (const item of items) {
    const hash = slotHash(item);
    if (hash === undefined) return items;
    hashes.push(hash);
  }
  const indexOf = new Map(keys.map((key, index) => [key, index]));
  // Slots hold indices into `items`. A literal's table is where it starts; the rest is added.
  let table: (number | undefined)[] = set.layout
    ? set.layout.map((key) => (key === undefined ? undefined : indexOf.get(key)))
    : new Array(MIN_SIZE).fill(undefined);
  const placed = new Set(table.filter((k) => k !== undefined));
  let used = placed.size;
  keys.forEach((_, index) => {
    if (placed.has(index)) return;
    table[cleanSlot(table, hashes[index])] = index;
    used++;
    if (used * 5 >= (table.length - 1) * 3)
      table = resized(table, used > 50000 ? used * 2 : used * 4, hashes);
  });
  return table.filter((k): k is number => k !== undefined).map((k) => items[k]);
}

/** `set_table_resize`: a table of the smallest size above `minused`, refilled in slot order. */
function resized(
  table: readonly (number | undefined)[],
  minused: number,
  hashes: readonly (number | bigint)[],
) {
  let size = MIN_SIZE;
  while (size <= minused) size *= 2;
  const out: (number | undefined)[] = new Array(size).fill(undefined);
  for (const k of table) if (k !== undefined) out[cleanSlot(out, hashes[k])] = k;
  return out;
}

/** The table CPython builds by adding `hashes` one by one to an empty set (slots hold indices). */
function addedTable(hashes: readonly (number | bigint)[], order: readonly number[]): (number | undefined)[] {
  let table: (number | undefined)[] = new Array(MIN_SIZE).fill(undefined);
  let used = 0;
  for (const k of order) {
    table[cleanSlot(table, hashes[k])] = k;
    used++;
    if (used * 5 >= (table.length - 1) * 3)
      table = resized(table, used > 50000 ? used * 2 : used * 4, hashes);
  }
  return table;
}

/**
 * The table of a set display of three or more constants (`{10, 2, 33}`),
 * as slot-by-slot indices into `items`, or undefined when an item's hash
 * varies between Python processes. CPython compiles the display to a
 * frozenset constant, which the compiler builds again from its own
 * iteration order when it merges constants, and merges that into an empty
 * set: a table sized for twice the items, a copy of the frozenset's when the
 * sizes agree, else its items inserted in slot order.
 */
export function constantSetLayout(items: readonly Value[]): (number | undefined)[] | undefined {
  const hashes: (number | bigint)[] = [];
  for (const item of items) {
    const hash = slotHash(item);
    if (hash === undefined) return undefined;
    hashes.push(hash);
  }
  const built = addedTable(
    hashes,
    items.map((_, k) => k),
  );
  const frozen = addedTable(
    hashes,
    built.filter((k): k is number => k !== undefined),
  );
  let size = MIN_SIZE;
  if (items.length * 5 >= (MIN_SIZE - 1) * 3) while (size <= items.length * 2) size *= 2;
  if (size === frozen.length) return frozen;
  const out: (number | undefined)[] = new Array(size).fill(undefined);
  for (const k of frozen) if (k !== undefined) out[cleanSlot(out, hashes[k])] = k;
  return out;
}
