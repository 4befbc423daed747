/** Display helpers: money in its currency (compact), percentages, and HTML escaping. */
export const money = (m: { amountMinor: number; currency: string } | null | undefined): string => {
  if (!m) return '–';
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat('en', { style: 'currency', currency: m.currency, notation: 'compact', maximumFractionDigits: 1 }).format(m.amountMinor / 10 ** digits);
};

export const pct = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined ? '–' : `${v.toFixed(digits)}%`);

export const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export const label = (slug: string): string => slug.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
