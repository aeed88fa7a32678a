/**
 * The matrix-product micro-kernel in WebAssembly SIMD, assembled here from
 * opcodes (no binary blob to trust, no build step).
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
 */

const I32 = 0x7f;
const V128 = 0x7b;

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
const LOOP = [0x03, 0x40];
const END = [0x0b];
const BR_IF_LOOP = [0x0d, 0x00];
const simd = (op: number) => [0xfd, ...uleb(op)];
const V128_LOAD = (offset: number) => [...simd(0x00), 4, ...uleb(offset)];
const LOAD64_SPLAT = (offset: number) => [...simd(0x0a), 3, ...uleb(offset)];
const V128_STORE = (offset: number) => [...simd(0x0b), 4, ...uleb(offset)];
const ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const F64X2_ADD = simd(0xf0);
const F64X2_MUL = simd(0xf2);

function assemble(): Uint8Array {
  // Parameters 0-5, then locals.
  const [AP, BP, CP, K, TILES, LDC] = [0, 1, 2, 3, 4, 5];
  const [APTR, BPTR, CPTR, PEND, ROW] = [6, 7, 8, 9, 10];
  const ACC = 11; // 8 accumulators: 11..18
  const [B0, B1, A] = [19, 20, 21];
  const body: number[] = [];
  const emit = (...parts: number[][]) => {
    for (const part of parts) body.push(...part);
  };
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
  emit(get(APTR), get(PEND), LT_U, BR_IF_LOOP, END);
  emit(get(CPTR), set(ROW));
  for (let r = 0; r < 4; r++) {
    emit(get(ROW), get(ACC + 2 * r), V128_STORE(0), get(ROW), get(ACC + 2 * r + 1), V128_STORE(16));
    if (r < 3) emit(get(ROW), get(LDC), ADD, set(ROW));
  }
  emit(get(CPTR), i32(32), ADD, set(CPTR));
  emit(get(TILES), i32(1), SUB, tee(TILES), i32(0), NE, BR_IF_LOOP, END);
  emit(END);
  const locals = vec([
    [...uleb(5), I32],
    [...uleb(11), V128],
  ]);
  const code = [...locals, ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([])]])),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([uleb(0)])),
    ...section(7, vec([[...name('tile'), 0x00, ...uleb(0)]])),
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
}

/** One instance of the kernel with its own memory, sized for one product. */
export interface SimdKernel {
  /** A view of the instance's memory, in doubles. */
  readonly f64: Float64Array;
  /** Runs the kernel; addresses and `ldc` are in bytes. */
  tile(ap: number, bp: number, cp: number, k: number, tiles: number, ldc: number): void;
}

let compiled: WebAssembly.Module | null | undefined;
let shared: SimdKernel | null = null;

/** Memory kept between calls; larger products get a throw-away instance. */
const SHARED_BYTES = 16 << 20;

/**
 * A kernel whose memory holds at least `bytes`, or null without
 * WebAssembly SIMD. Small requests reuse one instance; large ones get
 * their own, which the garbage collector frees with its memory.
 */
export function simdKernel(bytes: number): SimdKernel | null {
  if (compiled === undefined) {
    try {
      const code = assemble();
      compiled = WebAssembly.validate(code) ? new WebAssembly.Module(code) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  if (bytes <= SHARED_BYTES) {
    shared ??= instantiate(compiled, SHARED_BYTES);
    return shared;
  }
  return instantiate(compiled, bytes);
}

function instantiate(module: WebAssembly.Module, bytes: number): SimdKernel {
  const pages = Math.ceil(bytes / 65536);
  const memory = new WebAssembly.Memory({ initial: pages });
  const instance = new WebAssembly.Instance(module, { env: { mem: memory } });
  const tile = instance.exports.tile as SimdKernel['tile'];
  return { f64: new Float64Array(memory.buffer), tile };
}
