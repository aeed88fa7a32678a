"""The NumPy side of the benchmark suite (bench/run.ts starts and drives it).

One python3 process answers one JSON request per stdin line with one JSON
line on stdout, so the suite can alternate between our engine and NumPy
without paying NumPy's import for every repetition. NumPy times its own
work with time.perf_counter: what is reported is NumPy's loop, not the pipe.

Requests (all fields but "cmd" depend on the command):
  {"cmd": "info"}                         versions, OpenBLAS core and threads
  {"cmd": "train", "epochs", "seed"}      the seed notebook's loop (cell In [12])
  {"cmd": "op", "kind", "a", "b", "out", "minSeconds", "threads", "settle"}
        kind: "matmul" (a @ b), "pinv" (np.linalg.pinv(a)), "mul" (a * b);
        a, b: raw little-endian float64 files of n x n values; out: where
        to write the result (for the agreement check) or null
  {"cmd": "exec", "path", "minSeconds", "values"}   exec() of a Python
        file (the generated .mat file runs as Python too), timed as a
        notebook cell; with "values", also every number and array it bound
  {"cmd": "quit"}

Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (the suite does):
on this workplace they are set on some processors for old OpenBLAS builds
and slow down a current NumPy. "info" reports the core OpenBLAS picked.
"""

import contextlib
import ctypes
import glob
import io
import json
import os
import platform
import sys
import time

import numpy as np

# The notebook's training loop lives once, in the fixtures' reference trainer.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "fixtures"))
import nn_reference  # noqa: E402


def _openblas():
    """NumPy's bundled OpenBLAS (scipy-openblas), for its core name and thread count."""
    libs = os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs")
    for path in sorted(glob.glob(os.path.join(libs, "*openblas*"))):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas_", "64_"), ("openblas_", ""), ("openblas_", "64_")):
            try:
                corename = getattr(lib, prefix + "get_corename" + suffix)
                config = getattr(lib, prefix + "get_config" + suffix)
                get_threads = getattr(lib, prefix + "get_num_threads" + suffix)
                set_threads = getattr(lib, prefix + "set_num_threads" + suffix)
            except AttributeError:
                continue
            corename.restype = ctypes.c_char_p
            config.restype = ctypes.c_char_p
            return {
                "corename": lambda f=corename: f().decode(),
                "config": lambda f=config: f().decode(),
                "get_threads": get_threads,
                "set_threads": set_threads,
            }
    return None


OPENBLAS = _openblas()
DEFAULT_THREADS = OPENBLAS["get_threads"]() if OPENBLAS else None


def info(_req):
    return {
        "numpy": np.__version__,
        "python": platform.python_version(),
        "openblasCore": OPENBLAS["corename"]() if OPENBLAS else None,
        "openblasConfig": OPENBLAS["config"]() if OPENBLAS else None,
        "openblasThreads": DEFAULT_THREADS,
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE"),
    }


def train(req):
    """The seed notebook's loop (cell In [12]), run by the fixtures' reference trainer."""
    X, y = nn_reference.SEED_X, nn_reference.SEED_Y
    # Seeding and the four initial draws are timed too: microseconds against the loop's milliseconds.
    start = time.perf_counter()
    trained = nn_reference.train(X, y, hidden=3, lr=0.1, epochs=req["epochs"], seed=req["seed"], record_loss=False)
    seconds = time.perf_counter() - start
    answer = {"seconds": seconds}
    for name in ("output", "wh", "bh", "wout", "bout"):
        answer[name] = trained[name].ravel().tolist()
    return answer


_arrays = {}


def _load(path):
    """A square float64 matrix from a raw file (cached: the suite reuses its inputs)."""
    if path not in _arrays:
        data = np.fromfile(path, dtype="<f8")
        n = int(round(len(data) ** 0.5))
        _arrays[path] = data.reshape(n, n)
    return _arrays[path]


def _timed(fn, min_seconds):
    """Seconds per call of fn: batches double until one lasts min_seconds."""
    fn()  # warm-up (and the result, for callers that want it)
    iters = 1
    while True:
        start = time.perf_counter()
        for _ in range(iters):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds or iters >= 1 << 24:
            return elapsed / iters, iters
        iters = iters * 2 if elapsed < min_seconds / 8 else max(iters + 1, int(iters * min_seconds / elapsed * 1.1))


def op(req):
    a = _load(req["a"])
    b = _load(req["b"]) if req.get("b") else None
    kind = req["kind"]
    if kind == "matmul":
        fn = lambda: a @ b  # noqa: E731
    elif kind == "pinv":
        fn = lambda: np.linalg.pinv(a)  # noqa: E731
    elif kind == "mul":
        fn = lambda: a * b  # noqa: E731
    else:
        raise ValueError(f"unknown op {kind}")
    threads = req.get("threads")
    if threads and OPENBLAS:
        OPENBLAS["set_threads"](threads)
    try:
        seconds, iters = _timed(fn, req.get("minSeconds", 0.1))
    finally:
        if threads and OPENBLAS:
            OPENBLAS["set_threads"](DEFAULT_THREADS)
    if req.get("out"):
        np.ascontiguousarray(fn(), dtype="<f8").tofile(req["out"])
    return {"seconds": seconds, "iters": iters}


def run_file(req):
    with open(req["path"], encoding="utf-8") as f:
        code = compile(f.read(), req["path"], "exec")

    # What the file prints goes to a buffer, as a notebook's output would: stdout is the reply channel.
    def fn():
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, {"__name__": "__bench__"})

    seconds, iters = _timed(fn, req.get("minSeconds", 0.1))
    answer = {"seconds": seconds, "iters": iters}
    if req.get("values"):
        # Every array or number the file bound, flattened, for the agreement check.
        scope = {"__name__": "__bench__"}
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, scope)
        answer["values"] = {
            name: np.asarray(v, dtype=np.float64).ravel().tolist()
            for name, v in scope.items()
            if isinstance(v, (np.ndarray, np.generic, int, float)) and not name.startswith("__")
        }
    return answer


COMMANDS = {"info": info, "train": train, "op": op, "exec": run_file}


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        if req["cmd"] == "quit":
            break
        try:
            answer = COMMANDS[req["cmd"]](req)
            # OpenBLAS's threads spin for a while after a call; let them go
            # to sleep before the other side's turn, so they steal no core.
            if req.get("settle"):
                time.sleep(req["settle"])
            answer["ok"] = True
        except Exception as e:  # reported to the suite, which shows it
            answer = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
