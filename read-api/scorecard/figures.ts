import { previousPeriod } from '../../domain/shared/index.js';

/**
 * Small helpers of the scorecard routes. The KPIs themselves, and their arithmetic, are defined once in
 * projections/analytics/channelKpis.ts, shared with the analytics views.
 */
export { pct } from '../../projections/analytics/kpiArithmetic.js';

export const money = (amountMinor: number | null | undefined, currency: string | null | undefined) =>
  currency && amountMinor !== null && amountMinor !== undefined ? { amountMinor: Number(amountMinor), currency } : null;

/** The last `n` periods up to and including `period`, oldest first. */
export const periodsUpTo = (period: string, n: number): string[] => {
  const out: string[] = [];
  for (let p = period; out.length < n; p = previousPeriod(p)) out.unshift(p);
  return out;
};
