import { greatest, millisBetween, real, roundWhole, sql, type Expr } from './analyticsSql.js';

/**
 * The arithmetic every KPI shares, twice: in TypeScript for the API's figures and in SQL for the
 * analytics views. Each pair performs the same floating-point operations in the same order and rounds
 * halves away from zero (SQL's ROUND), so the API and the views give the same figure to the last digit
 * (tests/projections/kpiArithmetic.property.test.ts runs both on random inputs).
 */

/** Rounds halves away from zero, like SQL's ROUND (Math.round alone rounds -2.5 to -2). */
const roundWholeTs = (x: number): number => Math.sign(x) * Math.round(Math.abs(x)) || 0;

/** part / whole in percent, two decimals; null when the whole is zero (or absent). */
export const pct = (part: number, whole: number): number | null =>
  whole > 0 ? roundWholeTs((part / whole) * 10_000) / 100 : null;

export const pctSql = (part: Expr, whole: Expr): Expr =>
  sql`CASE WHEN ${whole} > 0 THEN ${roundWhole(sql`${real(part)} / ${whole} * 10000`)} / 100 END`;

/** Change from `previous` to `current` in percent, two decimals; null without a previous figure to grow from. */
export const growthPct = (current: number, previous: number | null | undefined): number | null =>
  previous !== null && previous !== undefined && previous > 0
    ? roundWholeTs(((current - previous) / previous) * 10_000) / 100
    : null;

export const growthPctSql = (current: Expr, previous: Expr): Expr =>
  sql`CASE WHEN ${previous} > 0
    THEN ${roundWhole(sql`${real(sql`${current} - ${previous}`)} / ${previous} * 10000`)} / 100 END`;

/** Days (one decimal, never negative) from one ISO instant to another; null until both exist. */
export const days = (from: string | null, to: string | null): number | null =>
  from && to ? Math.max(0, roundWholeTs(((Date.parse(to) - Date.parse(from)) / 86_400_000) * 10) / 10) : null;

/** The same over two stored instants (null when either is). */
export const daysSql = (from: string, to: string): Expr =>
  sql`CASE WHEN ${from} IS NOT NULL AND ${to} IS NOT NULL
    THEN ${greatest('0', sql`${roundWhole(sql`${real(millisBetween(from, to))} / 86400000 * 10`)} / 10`)} END`;

/** Seconds as hours, two decimals. */
export const hours = (seconds: number): number => roundWholeTs((seconds / 3600) * 100) / 100;

export const hoursSql = (seconds: Expr): Expr => sql`${roundWhole(sql`${real(seconds)} / 3600 * 100`)} / 100`;
