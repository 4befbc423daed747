/** Display helpers: money in its currency (compact or full), percentages, dates, labels, plurals. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** Building a NumberFormat is costly: once per currency (its minor digits, compact and full formats). */
const moneyFormats = new Map<
  string,
  { readonly digits: number; readonly compact: Intl.NumberFormat; readonly full: Intl.NumberFormat }
>();
const moneyFormat = (currency: string) => {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = {
      digits: new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2,
      compact: new Intl.NumberFormat('en', {
        style: 'currency',
        currency,
        notation: 'compact',
        maximumFractionDigits: 1,
      }),
      full: new Intl.NumberFormat('en', { style: 'currency', currency }),
    };
    moneyFormats.set(currency, format);
  }
  return format;
};

export const money = (m: Money | null | undefined): string => {
  if (!m) return '–';
  const { digits, compact } = moneyFormat(m.currency);
  return compact.format(m.amountMinor / 10 ** digits);
};

/** Major units as a plain number (CSV, charts). */
export const major = (m: Money | null | undefined): number | null =>
  m ? m.amountMinor / 10 ** moneyFormat(m.currency).digits : null;

export const moneyFull = (m: Money | null | undefined): string =>
  m ? moneyFormat(m.currency).full.format(major(m) ?? 0) : '–';

export const pct = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined ? '–' : `${v.toFixed(digits)}%`;

const integer = new Intl.NumberFormat('en');
export const count = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : integer.format(n);

/** `3 partners`, `1 partner`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

export const label = (slug: string | null | undefined): string =>
  slug ? slug.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) : '–';

/** `2026-06-20` from an instant or a date. */
export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '–');

const DAY = 86_400_000;
/** Whole days from `now` to `iso` (negative when past). */
export const daysUntil = (iso: string, now: string): number => Math.floor((Date.parse(iso) - Date.parse(now)) / DAY);

export const signed = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : `${v >= 0 ? '▲' : '▼'} ${Math.abs(v).toFixed(1)}%`;

/** Growth in percent, or null without a base (same rule as the API's growthPct). */
export const growth = (current: number, previous: number | null | undefined): number | null =>
  previous !== null && previous !== undefined && previous > 0
    ? Math.round(((current - previous) / previous) * 10_000) / 100
    : null;

/** Regions are slugs: short ones are acronyms (`emea` → EMEA), longer ones words. */
export const regionName = (slug: string | null | undefined): string =>
  !slug ? '–' : slug.length <= 5 ? slug.toUpperCase() : label(slug.replace(/-/g, ' '));

/** Money whose currency may be missing (a won amount before the win): null then. */
export const known = (m: { amountMinor: number; currency: string | null } | null | undefined): Money | null =>
  m?.currency ? { amountMinor: m.amountMinor, currency: m.currency } : null;
