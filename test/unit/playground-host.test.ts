import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { nodeWorkerHost } from '../../src/editor/nodeTransport';
import { SEED_CONFIG } from '../../src/playground/defaults';
import { ExtractClient } from '../../src/playground/extractClient';
import { answer } from '../../src/playground/extractWorker';
import { contentSecurityPolicy, escapeAttribute, makeNonce, playgroundHtml } from '../../src/playground/html';
import { sameSource } from '../../src/webview/series';
import { bundleWorker } from './worker-bundle';

const SEED_MAT = readFileSync(new URL('../../examples/seed.mat', import.meta.url), 'utf8');
const CALL = SEED_MAT.indexOf('train(');

describe('panel HTML', () => {
  const parts = {
    cspSource: 'https://webview.example',
    nonce: 'abc123',
    scriptUri: 'https://webview.example/dist/webview/playground.js',
    styleUri: 'https://webview.example/dist/webview/playground.css',
    initial: {
      source: { config: SEED_CONFIG, rng: null },
      origin: { uri: 'file:///w/a"b.mat', offset: 3, label: '</script><script>alert(1)</script>' },
    },
  };
  const html = playgroundHtml(parts);

  test('has a strict CSP: nothing inline, no eval, no network, one nonce', () => {
    const csp = contentSecurityPolicy(parts.cspSource, parts.nonce);
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|http:/);
    assert.ok(html.includes(`content="${escapeAttribute(csp)}"`));
    assert.equal(html.match(/<script /g)?.length, 1);
    assert.match(
      html,
      /<script nonce="abc123" src="https:\/\/webview\.example\/dist\/webview\/playground\.js"><\/script>/,
    );
    assert.doesNotMatch(html, /style="/);
  });

  test('passes the initial state escaped in a data attribute, never as script text', () => {
    const attribute = /data-initial="([^"]*)"/.exec(html)?.[1];
    assert.ok(attribute);
    assert.doesNotMatch(attribute, /[<>"]/);
    const decoded = attribute
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), parts.initial);
    assert.equal(html.split('</script>').length, 2, 'the label did not end the script element');
  });

  test('nonces are fresh and long', () => {
    const a = makeNonce();
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.notEqual(a, makeNonce());
  });
});

describe('playground worker', () => {
  test('finds the call again after text moved, or says it is gone', () => {
    const moved = `# a new first line\n${SEED_MAT}`;
    const inside = answer({ id: 1, kind: 'extract', key: 'a', text: SEED_MAT, offset: CALL + 4 });
    assert.equal(inside.kind === 'extract' && inside.offset, CALL);
    const shifted = answer({ id: 2, kind: 'extract', key: 'b', text: moved, offset: CALL + 19 });
    assert.ok(shifted.kind === 'extract' && shifted.result.ok);
    const gone = answer({ id: 3, kind: 'extract', key: 'c', text: 'x = 1\n', offset: 0 });
    assert.deepEqual(gone, {
      id: 3,
      kind: 'extract',
      offset: null,
      result: { ok: false, message: 'The train(...) call this panel follows is gone from the file.' },
    });
  });

  test('answers rewrites', () => {
    const response = answer({
      id: 4,
      kind: 'rewrite',
      text: SEED_MAT,
      offset: CALL,
      edit: { param: 'epochs', value: 10 },
    });
    assert.equal(response.kind, 'rewrite');
    if (response.kind === 'rewrite')
      assert.ok(response.result.ok && response.result.replacement?.newText === '10');
  });
});

describe('ExtractClient (a real worker thread)', () => {
  // The worker as the build bundles it (dist/playgroundWorker.js).
  const bundle = bundleWorker('src/playground/extractWorker.ts', 'playgroundWorker.js');
  const worker = bundle.file;
  const clients: ExtractClient[] = [];
  after(() => {
    for (const client of clients) client.dispose();
    bundle.remove();
  });

  test('extracts and rewrites off the main thread', async () => {
    const client = new ExtractClient(nodeWorkerHost(worker), 30_000);
    clients.push(client);
    const { offset, result } = await client.extract('seed', SEED_MAT, CALL);
    assert.equal(offset, CALL);
    assert.ok(result.ok);
    assert.deepEqual(result.source.config, SEED_CONFIG);
    const rewrite = await client.rewrite(SEED_MAT, CALL, { param: 'lr', value: 0.2 });
    assert.ok(rewrite.ok && rewrite.replacement?.newText === '0.2');
  });

  test('replaces a worker that takes too long, and the next request works', async () => {
    const client = new ExtractClient(nodeWorkerHost(worker), 1);
    clients.push(client);
    await assert.rejects(client.extract('slow', SEED_MAT, CALL), /took longer than 0.001 s/);
    const patient = new ExtractClient(nodeWorkerHost(worker), 30_000);
    clients.push(patient);
    assert.ok((await patient.extract('seed', SEED_MAT, CALL)).result.ok);
  });

  test('refuses work once disposed', async () => {
    const client = new ExtractClient(nodeWorkerHost(worker), 30_000);
    client.dispose();
    await assert.rejects(client.extract('x', 'train([[1]], [[1]])', 0), /closed/);
  });
});

describe('sameSource', () => {
  const rng = { key: new Array(624).fill(1), pos: 3, hasGauss: false, gauss: 0 };
  test('compares settings and data, and the generator only when seed is None', () => {
    const a = { config: SEED_CONFIG, rng };
    assert.ok(sameSource(a, { config: { ...SEED_CONFIG }, rng: { ...rng } }));
    assert.ok(!sameSource(a, { config: SEED_CONFIG, rng: null }));
    assert.ok(!sameSource(a, { config: { ...SEED_CONFIG, lr: 0.2 }, rng }));
    assert.ok(
      !sameSource(a, {
        config: {
          ...SEED_CONFIG,
          X: [
            [1, 0, 1, 0],
            [1, 0, 1, 1],
            [0, 1, 0, 0],
          ],
        },
        rng,
      }),
    );
    const seeded = { ...SEED_CONFIG, seed: 4 };
    assert.ok(sameSource({ config: seeded, rng }, { config: seeded, rng: null }));
  });
});
