/** Award rules: points per whole currency unit of a won amount, exact, rounded down. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_POINTS, minorDigits, pointsForWonAmount } from '../../../domain/points/index.js';
import { money } from '../../../domain/shared/index.js';

const test = suite('points award rules');

test('minor unit digits come from ISO-4217', () => {
  assert.equal([minorDigits('EUR'), minorDigits('JPY'), minorDigits('BHD')], [2, 0, 3]);
});

test("points per whole unit, whatever the currency's minor unit", () => {
  assert.is(pointsForWonAmount(money(1_234_567, 'EUR'), 1), 12_345);
  assert.is(pointsForWonAmount(money(12_345, 'JPY'), 1), 12_345);
  assert.is(pointsForWonAmount(money(12_345_678, 'BHD'), 1), 12_345);
});

test('decimal rates are exact: 0.01 per unit of 1,000,000.00 is 10,000, never 9,999', () => {
  assert.is(pointsForWonAmount(money(100_000_000, 'EUR'), 0.01), 10_000);
  assert.is(pointsForWonAmount(money(30_000, 'EUR'), 0.07), 21);
  assert.is(pointsForWonAmount(money(100, 'EUR'), 2.5), 2);
  assert.is(pointsForWonAmount(money(10_000_000_000, 'USD'), 1e-7), 10);
});

test('fractions of a point are dropped; a zero rate or amount earns nothing', () => {
  assert.is(pointsForWonAmount(money(9_999, 'EUR'), 0.01), 0);
  assert.is(pointsForWonAmount(money(10_000, 'EUR'), 0.01), 1);
  assert.is(pointsForWonAmount(money(1_000_000, 'EUR'), 0), 0);
  assert.is(pointsForWonAmount(money(0, 'EUR'), 5), 0);
});

test('an award is capped at MAX_POINTS', () => {
  assert.is(pointsForWonAmount(money(Number.MAX_SAFE_INTEGER, 'JPY'), 1000), MAX_POINTS);
});

test.run();
