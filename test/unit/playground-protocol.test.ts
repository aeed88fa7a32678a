import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SEED_CONFIG } from '../../src/playground/defaults';
import { parseHostMessage, parsePersistedState, parseWebviewMessage } from '../../src/playground/messages';
import type { RngState } from '../../src/playground/protocol';
import { type Checked, validateConfig, validateEdit } from '../../src/playground/validate';

function ok<T>(checked: Checked<T>): { value: T; notes: readonly string[] } {
  if (!checked.ok) assert.fail(`refused: ${checked.error}`);
  return checked;
}

function refused<T>(checked: Checked<T>, match: RegExp): void {
  assert.equal(checked.ok, false, `accepted: ${JSON.stringify(checked)}`);
  if (!checked.ok) assert.match(checked.error, match);
}

const source = { config: SEED_CONFIG, rng: null };
const rng: RngState = {
  key: Array.from({ length: 624 }, (_, i) => i * 7919),
  pos: 624,
  hasGauss: false,
  gauss: 0,
};

describe('webview → host messages', () => {
  test('every kind is accepted in its proper shape', () => {
    assert.deepEqual(ok(parseWebviewMessage({ type: 'ready' })).value, { type: 'ready' });
    const edit = ok(
      parseWebviewMessage({ type: 'edit', requestId: 3, basis: 2, edit: { param: 'lr', value: 0.5 } }),
    );
    assert.deepEqual(edit.value, { type: 'edit', requestId: 3, basis: 2, edit: { param: 'lr', value: 0.5 } });
    const copy = ok(parseWebviewMessage({ type: 'copyNumpy', source: { config: SEED_CONFIG, rng } }));
    assert.deepEqual(copy.value, { type: 'copyNumpy', source: { config: SEED_CONFIG, rng } });
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    assert.deepEqual(ok(parseWebviewMessage({ type: 'saveChart', png })).value, { type: 'saveChart', png });
  });

  test('unknown kinds and non-objects are refused', () => {
    refused(parseWebviewMessage({ type: 'launchMissiles' }), /unknown message type "launchMissiles"/);
    refused(parseWebviewMessage(null), /message must be an object/);
    refused(parseWebviewMessage('ready'), /message must be an object/);
    refused(parseWebviewMessage([{ type: 'ready' }]), /message must be an object/);
    refused(parseWebviewMessage({}), /unknown message type/);
  });

  test('each edit is checked for its parameter', () => {
    const edit = (param: unknown, value: unknown) =>
      parseWebviewMessage({ type: 'edit', requestId: 1, basis: 0, edit: { param, value } });
    refused(edit('lr', '0.1'), /lr must be a number, got a string/);
    refused(edit('lr', Number.NaN), /lr must be a finite number, got NaN/);
    refused(edit('lr', Number.POSITIVE_INFINITY), /finite/);
    refused(edit('lr', 0), /lr must be greater than 0/);
    refused(edit('lr', -0.5), /greater than 0/);
    refused(edit('hidden', 2.5), /hidden must be an integer/);
    refused(edit('epochs', null), /epochs must be a number, got null/);
    refused(edit('seed', -1), /seed must be between 0 and 2\*\*32 - 1/);
    refused(edit('seed', 2 ** 32), /seed must be between/);
    refused(edit('seed', 1.5), /seed must be an integer/);
    refused(edit('momentum', 0.9), /unknown argument "momentum"/);
    refused(edit('X', [[1, 2], [3]]), /X rows must all have the same length/);
    refused(edit('X', []), /X needs at least one row/);
    refused(edit('y', [[1, Number.NaN]]), /y\[0\]\[1\] must be a finite number/);
    refused(edit('X', [[1, '2']]), /X\[0\]\[1\] must be a number/);
    refused(edit('X', 'rows'), /X must be a list of rows/);
    assert.deepEqual(ok(edit('seed', null)).value, {
      type: 'edit',
      requestId: 1,
      basis: 0,
      edit: { param: 'seed', value: null },
    });
    refused(
      parseWebviewMessage({ type: 'edit', requestId: '1', basis: 0, edit: { param: 'lr', value: 1 } }),
      /requestId/,
    );
  });

  test('out-of-range numbers are clamped, with a note saying so', () => {
    const lr = ok(validateEdit({ param: 'lr', value: 250 }));
    assert.deepEqual(lr.value, { param: 'lr', value: 100 });
    assert.deepEqual(lr.notes, ['lr=250 is above 100: using 100']);
    assert.deepEqual(ok(validateEdit({ param: 'hidden', value: 0 })).value, { param: 'hidden', value: 1 });
    assert.deepEqual(ok(validateEdit({ param: 'hidden', value: 65 })).value, { param: 'hidden', value: 64 });
    assert.deepEqual(ok(validateEdit({ param: 'epochs', value: 0 })).value, { param: 'epochs', value: 1 });
    const epochs = ok(validateEdit({ param: 'epochs', value: 5e7 }));
    assert.deepEqual(epochs.value, { param: 'epochs', value: 1_000_000 });
    assert.match(epochs.notes[0], /epochs=50000000 is above 1000000/);
    // In range: no note, the value untouched.
    assert.deepEqual(ok(validateEdit({ param: 'lr', value: 1e-9 })).notes, []);
    assert.deepEqual(ok(validateEdit({ param: 'lr', value: 100 })).value, { param: 'lr', value: 100 });
  });

  test('huge arrays are refused before they are walked', () => {
    let touched = 0;
    const row = new Proxy([1, 2], {
      get(target, key, receiver) {
        touched++;
        return Reflect.get(target, key, receiver);
      },
    });
    const tooManyRows = Array.from({ length: 201 }, () => row);
    refused(
      validateEdit({ param: 'X', value: tooManyRows }),
      /X has 201 rows; the playground takes at most 200/,
    );
    assert.equal(touched, 0);
    refused(validateEdit({ param: 'X', value: [new Array(65).fill(0)] }), /X has 65 columns; .* at most 64/);
    refused(validateEdit({ param: 'X', value: new Array(10_000_000) }), /10000000 rows/);
    assert.equal(
      ok(validateEdit({ param: 'X', value: Array.from({ length: 200 }, () => new Array(64).fill(0.5)) }))
        .value.param,
      'X',
    );
  });

  test('a whole configuration needs one row of y per row of X', () => {
    refused(
      validateConfig({ ...SEED_CONFIG, y: [[1], [0]] }),
      /y needs one row per row of X: X has 3 rows, y has 2/,
    );
    refused(validateConfig({ ...SEED_CONFIG, hidden: undefined }), /hidden must be a number/);
    assert.deepEqual(ok(validateConfig(SEED_CONFIG)).value, SEED_CONFIG);
  });

  test('generator states and PNGs are checked', () => {
    const copy = (r: unknown) =>
      parseWebviewMessage({ type: 'copyNumpy', source: { config: SEED_CONFIG, rng: r } });
    refused(copy({ ...rng, key: rng.key.slice(1) }), /624 words/);
    refused(copy({ ...rng, key: [...rng.key.slice(1), 2 ** 32] }), /\[0, 2\*\*32\)/);
    refused(copy({ ...rng, pos: 625 }), /rng.pos/);
    refused(copy({ ...rng, hasGauss: 'no' }), /hasGauss/);
    refused(
      parseWebviewMessage({ type: 'saveChart', png: 'data:text/html,<script>' }),
      /base64 PNG data URL/,
    );
    refused(parseWebviewMessage({ type: 'saveChart', png: 42 }), /png must be a string/);
    refused(
      parseWebviewMessage({ type: 'saveChart', png: `data:image/png;base64,${'A'.repeat(16_000_001)}` }),
      /too long/,
    );
  });
});

describe('host → webview messages', () => {
  test('every kind is accepted in its proper shape', () => {
    const origin = { uri: 'file:///w/seed.mat', offset: 120, label: 'seed.mat:73' };
    const message = {
      type: 'source',
      id: 4,
      source,
      origin,
      notes: ['lr=250 is above 100: using 100'],
      external: false,
    };
    assert.deepEqual(ok(parseHostMessage(message)).value, message);
    assert.deepEqual(ok(parseHostMessage({ type: 'sourceError', message: 'gone', origin: null })).value, {
      type: 'sourceError',
      message: 'gone',
      origin: null,
    });
    assert.deepEqual(
      ok(parseHostMessage({ type: 'editResult', requestId: 2, ok: false, message: 'no' })).value,
      {
        type: 'editResult',
        requestId: 2,
        ok: false,
        message: 'no',
      },
    );
    assert.deepEqual(ok(parseHostMessage({ type: 'notice', level: 'warning', message: 'hm' })).value, {
      type: 'notice',
      level: 'warning',
      message: 'hm',
    });
  });

  test('bad shapes are refused', () => {
    refused(
      parseHostMessage({
        type: 'source',
        id: 1,
        source,
        origin: { uri: 3, offset: 0, label: '' },
        notes: [],
      }),
      /origin.uri/,
    );
    refused(parseHostMessage({ type: 'source', id: 1, source, origin: null, notes: 'x' }), /notes/);
    refused(
      parseHostMessage({
        type: 'source',
        id: 1,
        source: { config: { ...SEED_CONFIG, lr: Number.NaN }, rng: null },
        origin: null,
        notes: [],
      }),
      /lr must be a finite number/,
    );
    refused(parseHostMessage({ type: 'eval', code: '1' }), /unknown message type/);
  });
});

describe('persisted state', () => {
  test('round-trips through JSON, NaN losses of a diverged run included', () => {
    const state = {
      version: 1,
      source,
      origin: null,
      logScale: true,
      history: [{ label: 'lr=0.1', epochs: [1, 2, 3], loss: [0.3, 0.2, Number.NaN] }],
    };
    const back = ok(parsePersistedState(JSON.parse(JSON.stringify(state)))).value;
    assert.equal(back.logScale, true);
    assert.deepEqual(back.history[0].epochs, [1, 2, 3]);
    assert.ok(Number.isNaN(back.history[0].loss[2]));
  });

  test('an unknown or broken state is refused (the panel starts afresh)', () => {
    refused(parsePersistedState(undefined), /state must be an object/);
    refused(parsePersistedState({ version: 2 }), /unknown state version/);
    refused(
      parsePersistedState({
        version: 1,
        source,
        origin: null,
        logScale: false,
        history: [{ label: 'a', epochs: [1], loss: [] }],
      }),
      /one length/,
    );
  });
});
