import { previousPeriod } from '../../domain/shared/index.js';

/** Small, shared arithmetic of the KPIs (definitions in the README). */

/** A percentage with two decimals, or null when the base is zero. */
export const pct = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null;

/** Growth in percent from `previous` to `current`; null without a previous figure to grow from. */
export const growthPct = (current: number, previous: number | null | undefined): number | null =>
  previous !== null && previous !== undefined && previous > 0
    ? Math.round(((current - previous) / previous) * 10_000) / 100
    : null;

export const money = (amountMinor: number | null | undefined, currency: string | null | undefined) =>
  currency && amountMinor !== null && amountMinor !== undefined ? { amountMinor: Number(amountMinor), currency } : null;

export const days = (from: string | null, to: string | null): number | null =>
  from && to ? Math.max(0, Math.round(((Date.parse(to) - Date.parse(from)) / 86_400_000) * 10) / 10) : null;

export interface Outcomes {
  readonly deals_won: number;
  readonly deals_lost: number;
  readonly deals_expired: number;
  readonly deals_rejected: number;
  readonly deals_withdrawn: number;
}
/** Deals that reached an outcome in the period: won, lost, expired, rejected or withdrawn. */
export const closedDeals = (r: Outcomes): number =>
  Number(r.deals_won) +
  Number(r.deals_lost) +
  Number(r.deals_expired) +
  Number(r.deals_rejected) +
  Number(r.deals_withdrawn);

/** The last `n` periods up to and including `period`, oldest first. */
export const periodsUpTo = (period: string, n: number): string[] => {
  const out: string[] = [];
  for (let p = period; out.length < n; p = previousPeriod(p)) out.unshift(p);
  return out;
};
