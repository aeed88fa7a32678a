/**
 * The digit fast path (the engine's correctly rounded conversions) gives
 * exactly what the BigInt Dragon4 gives, for every option the printer uses:
 * random doubles, short decimals, exact ties (k / 2^m), carries (0.99999…),
 * subnormals and powers of two.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  formatPositional,
  formatScientific,
  type TrimMode,
  withExactDigits,
} from '../../src/engine/format/dragon4';
import { floatFormatter, floatScalarText } from '../../src/engine/format/floating';
import { FC_SEED } from './property-helpers';

const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const shortDecimal = fc
  .tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: -12, max: 12 }))
  .map(([m, e]) => m * 10 ** e);
const dyadic = fc
  .tuple(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), fc.integer({ min: 0, max: 40 }))
  .map(([k, m]) => k / 2 ** m);
const nearCarry = fc
  .tuple(fc.integer({ min: 1, max: 15 }), fc.integer({ min: -20, max: 20 }), fc.boolean())
  .map(([nines, e, up]) => (1 - 10 ** -nines * (up ? 0.5 : 0.4999)) * 10 ** e);
const special = fc.constantFrom(
  0.001953125,
  0.125,
  0.5,
  2.5e-9,
  5e-9,
  1 + 2 ** -17,
  0.30000000000000004,
  2 ** -1022,
  2 ** -1074,
  1.627e-320,
  2 ** 52,
  2 ** 60,
  1e21,
  9.999999999999999e20,
  1e-4,
  1e16,
  123456789.125,
);
const value = fc.oneof(anyDouble, shortDecimal, dyadic, nearCarry, special);
const trim = fc.constantFrom<TrimMode>('none', 'leaveOneZero', 'zeros', 'dptZeros');
const digits = fc.integer({ min: -1, max: 20 });

function bothWays<T>(format: () => T): [T, T] {
  return [format(), withExactDigits(format)];
}

describe('the digit fast path', () => {
  test('positional output equals Dragon4', () => {
    fc.assert(
      fc.property(value, digits, digits, trim, (x, precision, minDigits, trimMode) => {
        const opt = { unique: true, precision, minDigits, trim: trimMode, padLeft: -1, padRight: -1 };
        const [fast, exact] = bothWays(() => formatPositional(x, opt));
        assert.equal(fast, exact, `${x} ${JSON.stringify(opt)}`);
      }),
      { seed: FC_SEED, numRuns: 30_000 },
    );
  });

  test('scientific output equals Dragon4', () => {
    fc.assert(
      fc.property(value, digits, digits, trim, (x, precision, minDigits, trimMode) => {
        const opt = { unique: true, precision, minDigits, trim: trimMode, padLeft: -1, expDigits: -1 };
        const [fast, exact] = bothWays(() => formatScientific(x, opt));
        assert.equal(fast, exact, `${x} ${JSON.stringify(opt)}`);
      }),
      { seed: FC_SEED, numRuns: 30_000 },
    );
  });

  test('array elements and scalars print the same', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 17 }),
        fc.boolean(),
        (values, precision, suppress) => {
          const [fast, exact] = bothWays(() => {
            const format = floatFormatter(values, precision, suppress);
            return [...values.map(format), ...values.map(floatScalarText)].join('|');
          });
          assert.equal(fast, exact);
        },
      ),
      { seed: FC_SEED, numRuns: 10_000 },
    );
  });

  test('the exact path really is another path (the comparison can fail)', () => {
    // A tie at the cutoff: Dragon4 rounds half to even, toFixed rounds half up.
    assert.equal(
      withExactDigits(() =>
        formatPositional(0.001953125, {
          unique: true,
          precision: 8,
          minDigits: -1,
          trim: 'zeros',
          padLeft: -1,
          padRight: -1,
        }),
      ),
      '0.00195312',
    );
    assert.equal((0.001953125).toFixed(8), '0.00195313');
  });
});
