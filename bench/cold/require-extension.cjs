// Cold start of the extension bundle, in a fresh Node process: the time to
// `require` dist/extension.js with a stub `vscode` module, then the time of
// its `activate()` against that stub (the real VS Code's activation adds
// its own work; this is the extension's share). Prints one JSON line.
// Usage: node bench/cold/require-extension.cjs <dist/extension.js> '<JSON list of vscode.* names>'
// (the names the sources use; the bundle copies the module's own names).
const Module = require('node:module');

/** A stand-in for the whole vscode API: every name is a callable, constructible no-op. */
function stub(name) {
  // A class, not an arrow function: the stub must be constructible (`new vscode.EventEmitter()`).
  const target = class {};
  return new Proxy(target, {
    get(_, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => 0;
      if (key === 'get') return (_key, fallback) => fallback; // WorkspaceConfiguration.get
      if (key === 'fsPath' || key === 'path') return `/stub/${name}`;
      return stub(`${name}.${String(key)}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

const vscode = {};
for (const name of JSON.parse(process.argv[3] ?? '[]')) vscode[name] = stub(`vscode.${name}`);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const bundle = process.argv[2];
const t0 = performance.now();
const extension = require(bundle);
const t1 = performance.now();
const subscriptions = [];
let activateError = null;
try {
  extension.activate({ subscriptions, extensionUri: stub('extensionUri'), extensionPath: '/stub' });
} catch (e) {
  activateError = String(e?.stack ?? e);
}
const t2 = performance.now();
for (const s of subscriptions) {
  try {
    s.dispose?.();
  } catch {}
}
process.stdout.write(
  `${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, subscriptions: subscriptions.length, activateError })}\n`,
);
