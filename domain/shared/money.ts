import { z } from 'zod';

// ISO-4217 codes known to the runtime's ICU data (Node ships full ICU); no hand-kept list to rot.
const currencies = new Set(Intl.supportedValuesOf('currency'));

/** Largest amount accepted: money must stay exact in a JavaScript number and in SQL integers. */
export const MAX_AMOUNT_MINOR = Number.MAX_SAFE_INTEGER;

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an upper-case ISO-4217 code')
  .refine((c) => currencies.has(c), 'unknown ISO-4217 currency');

/** Money in integer minor units (cents); never floats. */
export const Money = z.strictObject({
  amountMinor: z
    .number()
    .int('must be an integer number of minor units')
    .nonnegative('must not be negative')
    .max(MAX_AMOUNT_MINOR, 'too large'),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

export const money = (amountMinor: number, currency = 'USD'): Money => ({ amountMinor, currency });
