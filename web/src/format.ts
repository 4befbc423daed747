/** Display helpers: money in its currency (compact), percentages, and HTML escaping. */
export const money = (m: { amountMinor: number; currency: string } | null | undefined): string => {
  if (!m) return '–';
  const { digits, compact } = moneyFormat(m.currency);
  return compact.format(m.amountMinor / 10 ** digits);
};

/** Building a NumberFormat is costly: once per currency (its minor digits and its compact format). */
const moneyFormats = new Map<string, { readonly digits: number; readonly compact: Intl.NumberFormat }>();
const moneyFormat = (currency: string) => {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = {
      digits: new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2,
      compact: new Intl.NumberFormat('en', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }),
    };
    moneyFormats.set(currency, format);
  }
  return format;
};

export const pct = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined ? '–' : `${v.toFixed(digits)}%`);

export const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export const label = (slug: string): string => slug.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
