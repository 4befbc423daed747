import type { Money } from '../shared/index.js';
import { MAX_POINTS } from './events.js';

/** Digits of the currency's minor unit (EUR 2, JPY 0, BHD 3), from the runtime's ISO-4217 data. */
export const minorDigits = (currency: string): number => {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    // Building a NumberFormat costs tens of microseconds: once per currency is enough.
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
};
const digitsByCurrency = new Map<string, number>();

/** A decimal setting as an exact fraction: 0.01 -> 1/100, 2.5 -> 25/10 (no float rounding). */
const asFraction = (x: number): { num: bigint; den: bigint } => {
  const [mantissa, exponent = '0'] = x.toString().toLowerCase().split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  const shift = fraction.length - Number(exponent);
  const digits = BigInt(`${whole}${fraction}`);
  return shift >= 0 ? { num: digits, den: 10n ** BigInt(shift) } : { num: digits * 10n ** BigInt(-shift), den: 1n };
};

/**
 * Points for a won deal: `pointsPerWonAmountUnit` per whole currency unit of the amount, rounded
 * down, at most MAX_POINTS. Exact for any amount: integer arithmetic on the minor units.
 */
export const pointsForWonAmount = (amount: Money, pointsPerUnit: number): number => {
  if (pointsPerUnit <= 0 || amount.amountMinor <= 0) return 0;
  const { num, den } = asFraction(pointsPerUnit);
  const points = (BigInt(amount.amountMinor) * num) / (den * 10n ** BigInt(minorDigits(amount.currency)));
  return points > BigInt(MAX_POINTS) ? MAX_POINTS : Number(points);
};
