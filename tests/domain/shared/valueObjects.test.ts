/**
 * Shared value objects (DESIGN §3): what each accepts and what it refuses. Refusals are zod
 * failures (never exceptions), so that bad input of any shape becomes a 4xx.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import {
  CountryCode,
  Email,
  Instant,
  IsoDate,
  MAX_AMOUNT_MINOR,
  Money,
  money,
  Period,
  periodBounds,
  periodOf,
  previousPeriod,
  Slug,
  Url,
} from '../../../domain/shared/index.js';

const test = suite('value objects');

const accepts = (schema: z.ZodType, value: unknown, expected: unknown = value) => {
  const result = schema.safeParse(value);
  assert.ok(
    result.success,
    `expected ${JSON.stringify(value)} to be accepted: ${result.error?.issues.map((i) => i.message).join('; ')}`,
  );
  assert.equal(result.data, expected);
};
const refuses = (schema: z.ZodType, value: unknown, message?: string) => {
  const result = schema.safeParse(value);
  assert.not.ok(result.success, `expected ${JSON.stringify(value)} to be refused`);
  if (message)
    assert.ok(
      result.error?.issues.some((i) => i.message.includes(message)),
      `expected an issue "${message}", got ${result.error?.issues.map((i) => i.message).join('; ')}`,
    );
};

// --- Money ---

test('Money: integer minor units in a known upper-case currency', () => {
  accepts(Money, { amountMinor: 0, currency: 'USD' });
  accepts(Money, { amountMinor: 123_45, currency: 'EUR' });
  accepts(Money, { amountMinor: 1, currency: 'JPY' });
  accepts(Money, { amountMinor: MAX_AMOUNT_MINOR, currency: 'USD' });
  assert.equal(money(500), { amountMinor: 500, currency: 'USD' });
});

test('Money: a negative amount is refused', () =>
  refuses(Money, { amountMinor: -1, currency: 'USD' }, 'must not be negative'));

test('Money: a fractional amount is refused (never floats)', () => {
  refuses(Money, { amountMinor: 10.5, currency: 'USD' }, 'integer');
  refuses(Money, { amountMinor: 0.1 + 0.2, currency: 'USD' });
});

test('Money: an amount beyond exact integers is refused', () => {
  refuses(Money, { amountMinor: MAX_AMOUNT_MINOR + 1, currency: 'USD' }, 'too large');
  refuses(Money, { amountMinor: 1e300, currency: 'USD' });
  refuses(Money, { amountMinor: Number.POSITIVE_INFINITY, currency: 'USD' });
  refuses(Money, { amountMinor: Number.NaN, currency: 'USD' });
});

test('Money: an amount given as a string is refused', () => refuses(Money, { amountMinor: '100', currency: 'USD' }));

test('Money: an unknown currency is refused', () => {
  refuses(Money, { amountMinor: 1, currency: 'ABC' }, 'unknown ISO-4217 currency');
  refuses(Money, { amountMinor: 1, currency: 'XYZ' }, 'unknown ISO-4217 currency');
});

test('Money: a lower-case or malformed currency is refused', () => {
  refuses(Money, { amountMinor: 1, currency: 'usd' }, 'upper-case');
  refuses(Money, { amountMinor: 1, currency: 'US' });
  refuses(Money, { amountMinor: 1, currency: 'USDX' });
  refuses(Money, { amountMinor: 1, currency: '' });
});

test('Money: missing or extra fields are refused', () => {
  refuses(Money, { amountMinor: 1 });
  refuses(Money, { currency: 'USD' });
  refuses(Money, { amountMinor: 1, currency: 'USD', amount: 0.01 });
  refuses(Money, 100);
});

// --- CountryCode ---

test('CountryCode: an assigned ISO-3166 alpha-2 code', () => {
  for (const c of ['US', 'DE', 'GB', 'JP', 'BR', 'ZA']) accepts(CountryCode, c);
});

test('CountryCode: lower-case, three-letter, unassigned and made-up codes are refused', () => {
  refuses(CountryCode, 'us', 'upper-case');
  refuses(CountryCode, 'USA');
  refuses(CountryCode, 'UK', 'unknown ISO-3166 country');
  refuses(CountryCode, 'XK', 'unknown ISO-3166 country');
  refuses(CountryCode, 'ZZ', 'unknown ISO-3166 country');
  refuses(CountryCode, '');
});

// --- IsoDate ---

test('IsoDate: a real calendar date, leap days included', () => {
  accepts(IsoDate, '2026-03-15');
  accepts(IsoDate, '2024-02-29');
  accepts(IsoDate, '2026-12-31');
});

test('IsoDate: a date that does not exist is refused', () => {
  refuses(IsoDate, '2026-02-30', 'not a calendar date');
  refuses(IsoDate, '2026-02-29', 'not a calendar date');
  refuses(IsoDate, '2026-04-31', 'not a calendar date');
  refuses(IsoDate, '2100-02-29', 'not a calendar date');
});

test('IsoDate: an impossible month or day is refused, not thrown', () => {
  for (const s of ['2026-00-10', '2026-13-01', '2026-01-00', '2026-01-32', '2026-99-99']) refuses(IsoDate, s);
});

test('IsoDate: other shapes are refused', () => {
  for (const s of ['2026-3-15', '15-03-2026', '2026/03/15', '2026-03-15T00:00:00Z', ''])
    refuses(IsoDate, s, 'must be a date');
  refuses(IsoDate, 20260315);
});

// --- Instant ---

test('Instant: ISO-8601 UTC, normalised to milliseconds', () => {
  accepts(Instant, '2026-11-27T10:00:00.000Z');
  accepts(Instant, '2026-11-27T10:00:00Z', '2026-11-27T10:00:00.000Z');
  accepts(Instant, '2026-11-27T10:00Z', '2026-11-27T10:00:00.000Z');
  accepts(Instant, '2026-11-27T10:00:00.5Z', '2026-11-27T10:00:00.500Z');
  accepts(Instant, '2024-02-29T23:59:59.999Z');
});

test('Instant: an offset other than Z, or no zone at all, is refused', () => {
  refuses(Instant, '2026-11-27T10:00:00+01:00', 'ending in Z');
  refuses(Instant, '2026-11-27T10:00:00', 'ending in Z');
  refuses(Instant, '2026-11-27', 'ending in Z');
  refuses(Instant, 'yesterday');
  refuses(Instant, 1_764_237_600_000);
});

test('Instant: an impossible time of day is refused', () => {
  for (const s of ['2026-11-27T25:00:00Z', '2026-11-27T10:60:00Z', '2026-11-27T10:00:60Z', '2026-13-01T00:00:00Z'])
    refuses(Instant, s);
});

test('Instant: a day that does not exist is refused, not rolled over into the next month', () => {
  refuses(Instant, '2026-02-30T00:00:00Z', 'not a real instant');
  refuses(Instant, '2026-02-29T12:00:00.000Z', 'not a real instant');
  refuses(Instant, '2026-04-31T00:00:00Z', 'not a real instant');
  refuses(Instant, '2026-11-27T24:00:00Z', 'not a real instant');
});

// --- Period ---

test('Period: a fiscal quarter YYYY-Qn', () => {
  for (const p of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) accepts(Period, p);
  for (const p of ['2026-Q0', '2026-Q5', '2026Q1', '2026-q1', '26-Q1', '2026-01', ''])
    refuses(Period, p, 'must be a period');
});

test('Period: of an instant, previous, bounds', () => {
  assert.is(periodOf(new Date('2026-01-01T00:00:00.000Z')), '2026-Q1');
  assert.is(periodOf(new Date('2026-06-30T23:59:59.999Z')), '2026-Q2');
  assert.is(periodOf(new Date('2026-12-31T23:59:59.999Z')), '2026-Q4');
  assert.is(previousPeriod('2026-Q3'), '2026-Q2');
  assert.is(previousPeriod('2026-Q1'), '2025-Q4');
  assert.equal(periodBounds('2026-Q4'), {
    start: new Date('2026-10-01T00:00:00.000Z'),
    end: new Date('2027-01-01T00:00:00.000Z'),
  });
});

// --- Slug ---

test('Slug: lower-case words joined by single dashes', () => {
  for (const s of ['emea', 'north-america', 'storage', 'tier-2', 'x']) accepts(Slug, s);
});

test('Slug: upper case, spaces, underscores, stray dashes, empty and overlong are refused', () => {
  for (const s of ['EMEA', 'north america', 'north_america', '-emea', 'emea-', 'north--america', '', 'é'])
    refuses(Slug, s);
  accepts(Slug, 'a'.repeat(64));
  refuses(Slug, 'a'.repeat(65), 'at most 64');
});

// --- Email ---

test('Email: an address, trimmed, case kept', () => {
  accepts(Email, 'ada@acme.example');
  accepts(Email, '  ada@acme.example ', 'ada@acme.example');
  accepts(Email, 'Ada.Lovelace+prm@Acme.Example');
});

test('Email: not an address is refused', () => {
  for (const s of ['', 'ada', 'ada@', '@acme.example', 'ada@@acme.example', 'ada acme@acme.example', 'ada@acme'])
    refuses(Email, s);
  refuses(Email, `${'a'.repeat(250)}@x.io`, 'at most 254');
});

// --- Url ---

test('Url: an http or https URL', () => {
  for (const u of ['https://acme.example', 'http://acme.example/partners?x=1', 'https://acme.example:8443/a#b'])
    accepts(Url, u);
});

test('Url: other schemes, bare hosts and junk are refused', () => {
  for (const u of [
    'ftp://acme.example',
    'javascript:alert(1)',
    'mailto:ada@acme.example',
    'acme.example',
    'https://',
    '',
    'not a url',
  ])
    refuses(Url, u);
  refuses(Url, `https://acme.example/${'a'.repeat(2048)}`, 'at most 2048');
});

test.run();
