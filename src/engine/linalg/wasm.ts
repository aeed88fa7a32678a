/**
 * The numeric kernels in WebAssembly SIMD, assembled here from opcodes (no
 * binary blob to trust, no build step): `tile`, the matrix-product
 * micro-kernel, and `dot`/`rot`, the two inner loops of the Jacobi SVD.
 *
 * Why: V8 runs scalar JavaScript loops at about 2.5 GFLOP/s; with f64x2
 * lanes and no bounds checks the same loop runs at about 10 GFLOP/s, close
 * to NumPy's OpenBLAS on this kind of machine. Each lane accumulates one
 * element of C as `c += a·b` for p = 0, 1, ... (multiply, then add; no
 * fused multiply-add), exactly the operations of the JavaScript kernel,
 * so both give bit-identical results and the choice between them is only
 * about speed. Where WebAssembly is unavailable (say, a webview whose CSP
 * forbids it) `simdKernel()` returns null and the JavaScript kernel runs.
 *
 * The kernel, in WebAssembly text:
 *
 *   (func (export "tile") (param $ap $bp $cp $k $tiles $ldc i32)
 *     ;; for each 4-column tile t < $tiles:            (C block: 4 × 4·$tiles)
 *     ;;   acc0..acc7 = 0                              (row r: acc2r = cols 0-1, acc2r+1 = cols 2-3)
 *     ;;   for p < $k:  b0, b1 = B panel t, row p      (4 doubles at $bp, then $bp += 32)
 *     ;;                a = splat(A panel, row p, col r)
 *     ;;                acc2r += a·b0;  acc2r+1 += a·b1
 *     ;;   store acc rows at $cp + r·$ldc; $cp += 32
 *   )
 *
 * A panel: 4 rows of A interleaved (`Ap[4p + r]`); B panels: 4 columns of B
 * interleaved, one after the other (`Bp[4k·t + 4p + c]`).
 *
 * `dot` keeps four partial sums, so its rounding differs from a plain loop;
 * the SVD needs accuracy there, not a particular order. With it the SVD
 * runs about 3× faster than in JavaScript.
 */

// The project compiles against ES2022 without the DOM lib, whose typings
// carry WebAssembly's; this is the part of that global the kernel uses.
interface WasmModule {
  readonly __wasmModule?: never;
}
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Instance: new (module: WasmModule, imports: object) => { readonly exports: Record<string, unknown> };
};

const I32 = 0x7f;
const V128 = 0x7b;
const F64 = 0x7c;

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32 = (v: number) => [0x41, ...sleb(v)];
const ADD = [0x6a];
const SUB = [0x6b];
const SHL = [0x74];
const LT_U = [0x49];
const NE = [0x47];
const AND = [0x71];
const GE_U = [0x4f];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = [0x0b];
const BR_IF = (depth: number) => [0x0d, ...uleb(depth)];
const F64_LOAD = [0x2b, 3, 0];
const F64_STORE = [0x39, 3, 0];
const F64_ADD = [0xa0];
const F64_SUB = [0xa1];
const F64_MUL = [0xa2];
const simd = (op: number) => [0xfd, ...uleb(op)];
const V128_LOAD = (offset: number) => [...simd(0x00), 4, ...uleb(offset)];
const LOAD64_SPLAT = (offset: number) => [...simd(0x0a), 3, ...uleb(offset)];
const V128_STORE = (offset: number) => [...simd(0x0b), 4, ...uleb(offset)];
const ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const F64X2_SPLAT = simd(0x14);
const LANE = (lane: number) => [...simd(0x21), lane];
const F64X2_ADD = simd(0xf0);
const F64X2_SUB = simd(0xf1);
const F64X2_MUL = simd(0xf2);

type Emit = (...parts: number[][]) => void;

function func(build: (emit: Emit) => void): number[] {
  const body: number[] = [];
  build((...parts) => {
    for (const part of parts) body.push(...part);
  });
  return body;
}

/** `tile(ap, bp, cp, k, tiles, ldc)`: one block row of C, as described above. */
function tileBody(): number[] {
  const [AP, BP, CP, K, TILES, LDC] = [0, 1, 2, 3, 4, 5];
  const [APTR, BPTR, CPTR, PEND, ROW] = [6, 7, 8, 9, 10];
  const ACC = 11; // 8 accumulators: 11..18
  const [B0, B1, A] = [19, 20, 21];
  return func((emit) => {
    emit(get(BP), set(BPTR), get(CP), set(CPTR), get(AP), get(K), i32(5), SHL, ADD, set(PEND));
    emit(LOOP); // over tiles
    for (let r = 0; r < 8; r++) emit(ZERO, set(ACC + r));
    emit(get(AP), set(APTR));
    emit(LOOP); // over p
    emit(get(BPTR), V128_LOAD(0), set(B0), get(BPTR), V128_LOAD(16), set(B1));
    for (let r = 0; r < 4; r++) {
      emit(get(APTR), LOAD64_SPLAT(8 * r), set(A));
      emit(get(ACC + 2 * r), get(A), get(B0), F64X2_MUL, F64X2_ADD, set(ACC + 2 * r));
      emit(get(ACC + 2 * r + 1), get(A), get(B1), F64X2_MUL, F64X2_ADD, set(ACC + 2 * r + 1));
    }
    emit(get(APTR), i32(32), ADD, set(APTR), get(BPTR), i32(32), ADD, set(BPTR));
    emit(get(APTR), get(PEND), LT_U, BR_IF(0), END);
    emit(get(CPTR), set(ROW));
    for (let r = 0; r < 4; r++) {
      emit(get(ROW), get(ACC + 2 * r), V128_STORE(0), get(ROW), get(ACC + 2 * r + 1), V128_STORE(16));
      if (r < 3) emit(get(ROW), get(LDC), ADD, set(ROW));
    }
    emit(get(CPTR), i32(32), ADD, set(CPTR));
    emit(get(TILES), i32(1), SUB, tee(TILES), i32(0), NE, BR_IF(0), END);
    emit(END);
  });
}

/**
 * `dot(x, y, len) -> f64`: Σ x[i]·y[i] with four running sums (lanes of two
 * f64x2), then the scalar tail. For the SVD, which needs accuracy, not a
 * particular summation order.
 */
function dotBody(): number[] {
  const [X, Y, LEN] = [0, 1, 2];
  const [END4, ENDALL] = [3, 4];
  const [S0, S1] = [5, 6];
  const T = 7;
  return func((emit) => {
    emit(get(X), get(LEN), i32(-4), AND, i32(3), SHL, ADD, set(END4));
    emit(get(X), get(LEN), i32(3), SHL, ADD, set(ENDALL));
    emit(BLOCK, get(X), get(END4), GE_U, BR_IF(0), LOOP);
    emit(get(S0), get(X), V128_LOAD(0), get(Y), V128_LOAD(0), F64X2_MUL, F64X2_ADD, set(S0));
    emit(get(S1), get(X), V128_LOAD(16), get(Y), V128_LOAD(16), F64X2_MUL, F64X2_ADD, set(S1));
    emit(get(X), i32(32), ADD, set(X), get(Y), i32(32), ADD, set(Y));
    emit(get(X), get(END4), LT_U, BR_IF(0), END, END);
    emit(BLOCK, get(X), get(ENDALL), GE_U, BR_IF(0), LOOP);
    emit(get(T), get(X), F64_LOAD, get(Y), F64_LOAD, F64_MUL, F64_ADD, set(T));
    emit(get(X), i32(8), ADD, set(X), get(Y), i32(8), ADD, set(Y));
    emit(get(X), get(ENDALL), LT_U, BR_IF(0), END, END);
    emit(get(S0), LANE(0), get(S0), LANE(1), F64_ADD, get(S1), LANE(0), get(S1), LANE(1), F64_ADD, F64_ADD);
    emit(get(T), F64_ADD, END);
  });
}

/** `rot(x, y, len, c, s)`: x, y ← c·x − s·y, s·x + c·y (a plane rotation of two rows). */
function rotBody(): number[] {
  const [X, Y, LEN, C, S] = [0, 1, 2, 3, 4];
  const [END2, ENDALL] = [5, 6];
  const [CV, SV, A, B] = [7, 8, 9, 10];
  const [SA, SB] = [11, 12];
  return func((emit) => {
    emit(get(X), get(LEN), i32(-2), AND, i32(3), SHL, ADD, set(END2));
    emit(get(X), get(LEN), i32(3), SHL, ADD, set(ENDALL));
    emit(get(C), F64X2_SPLAT, set(CV), get(S), F64X2_SPLAT, set(SV));
    emit(BLOCK, get(X), get(END2), GE_U, BR_IF(0), LOOP);
    emit(get(X), V128_LOAD(0), set(A), get(Y), V128_LOAD(0), set(B));
    emit(get(X), get(CV), get(A), F64X2_MUL, get(SV), get(B), F64X2_MUL, F64X2_SUB, V128_STORE(0));
    emit(get(Y), get(SV), get(A), F64X2_MUL, get(CV), get(B), F64X2_MUL, F64X2_ADD, V128_STORE(0));
    emit(get(X), i32(16), ADD, set(X), get(Y), i32(16), ADD, set(Y));
    emit(get(X), get(END2), LT_U, BR_IF(0), END, END);
    emit(BLOCK, get(X), get(ENDALL), GE_U, BR_IF(0));
    emit(get(X), F64_LOAD, set(SA), get(Y), F64_LOAD, set(SB));
    emit(get(X), get(C), get(SA), F64_MUL, get(S), get(SB), F64_MUL, F64_SUB, F64_STORE);
    emit(get(Y), get(S), get(SA), F64_MUL, get(C), get(SB), F64_MUL, F64_ADD, F64_STORE, END);
    emit(END);
  });
}

function assemble(): Uint8Array {
  const locals = (...groups: [number, number][]) =>
    vec(groups.map(([count, type]) => [...uleb(count), type]));
  const fn = (localDecls: number[], body: number[]) => {
    const code = [...localDecls, ...body];
    return [...uleb(code.length), ...code];
  };
  const types = [
    [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([])],
    [0x60, ...vec([[I32], [I32], [I32]]), ...vec([[F64]])],
    [0x60, ...vec([[I32], [I32], [I32], [F64], [F64]]), ...vec([])],
  ];
  const exported = (label: string, index: number) => [...name(label), 0x00, ...uleb(index)];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([uleb(0), uleb(1), uleb(2)])),
    ...section(7, vec([exported('tile', 0), exported('dot', 1), exported('rot', 2)])),
    ...section(
      10,
      vec([
        fn(locals([5, I32], [11, V128]), tileBody()),
        fn(locals([2, I32], [2, V128], [1, F64]), dotBody()),
        fn(locals([2, I32], [4, V128], [2, F64]), rotBody()),
      ]),
    ),
  ]);
}

/** One instance of the kernel with its own memory, sized for one product. */
export interface SimdKernel {
  /** A view of the instance's memory, in doubles. */
  readonly f64: Float64Array;
  /** One block row of a product; addresses and `ldc` are in bytes. */
  tile(ap: number, bp: number, cp: number, k: number, tiles: number, ldc: number): void;
  /** Σ x[i]·y[i] over `len` doubles at byte addresses x and y. */
  dot(x: number, y: number, len: number): number;
  /** Rotates `len` doubles at x and y: x, y ← c·x − s·y, s·x + c·y. */
  rot(x: number, y: number, len: number, c: number, s: number): void;
}

let compiled: WasmModule | null | undefined;
let enabled = true;

/** Runs `fn` with the SIMD kernel switched off (tests cover the JavaScript paths this way). */
export function withoutSimd<T>(fn: () => T): T {
  const before = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = before;
  }
}

let shared: SimdKernel | null = null;

/** Memory kept between calls (4 MiB); larger products get a throw-away instance. */
const SHARED_BYTES = 4 << 20;

/**
 * A kernel whose memory holds at least `bytes`, or null without
 * WebAssembly SIMD. Small requests reuse one instance; large ones get
 * their own, which the garbage collector frees with its memory.
 */
export function simdKernel(bytes: number): SimdKernel | null {
  if (!enabled) return null;
  if (compiled === undefined) {
    try {
      const code = assemble();
      compiled = WebAssembly.validate(code) ? new WebAssembly.Module(code) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  try {
    if (bytes <= SHARED_BYTES) {
      shared ??= instantiate(compiled, SHARED_BYTES);
      return shared;
    }
    return instantiate(compiled, bytes);
  } catch {
    // Memory the engine cannot reserve: the JavaScript kernel needs none.
    return null;
  }
}

function instantiate(module: WasmModule, bytes: number): SimdKernel {
  const pages = Math.ceil(bytes / 65536);
  const memory = new WebAssembly.Memory({ initial: pages });
  const instance = new WebAssembly.Instance(module, { env: { mem: memory } });
  const { tile, dot, rot } = instance.exports as unknown as Omit<SimdKernel, 'f64'>;
  return { f64: new Float64Array(memory.buffer), tile, dot, rot };
}
