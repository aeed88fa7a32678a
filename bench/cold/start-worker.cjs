// Cold start of the evaluation engine, in a fresh Node process:
//   requireMs  `require` of dist/worker.js on the main thread (the bundle
//              loads the whole engine, then stops: it must run in a worker);
//   readyMs    a worker thread of dist/worker.js started until its 'ready'
//              message, as the extension starts it;
//   emptyMs    the same for an empty worker (the thread's own cost).
// Prints one JSON line. Usage: node bench/cold/start-worker.cjs <dist/worker.js> <require|ready|empty>
const { Worker } = require('node:worker_threads');

const [bundle, what] = process.argv.slice(2);
if (what === 'require') {
  const t0 = performance.now();
  let error = null;
  try {
    require(bundle);
  } catch (e) {
    error = String(e?.message ?? e);
  }
  const t1 = performance.now();
  process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, error })}\n`);
} else {
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const t0 = performance.now();
  const worker =
    what === 'empty'
      ? new Worker("require('node:worker_threads').parentPort.postMessage({ type: 'ready' });", {
          eval: true,
        })
      : new Worker(bundle, { workerData: { shared } });
  worker.once('message', (message) => {
    const t1 = performance.now();
    process.stdout.write(`${JSON.stringify({ readyMs: t1 - t0, message })}\n`);
    void worker.terminate();
  });
  worker.once('error', (e) => {
    process.stdout.write(`${JSON.stringify({ error: String(e) })}\n`);
    process.exit(1);
  });
}
