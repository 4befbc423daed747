import { periodOf } from '../../domain/shared/period.js';
import type { SqlDb } from '../sql/sqlDb.js';

/** The period (`YYYY-Qn`) of an ISO instant. */
export const periodAt = (instant: string): string => periodOf(new Date(instant));

type Counter =
  | 'deals_registered' | 'deals_conflicted' | 'deals_approved' | 'deals_rejected' | 'deals_withdrawn' | 'deals_won' | 'deals_lost'
  | 'deals_expired' | 'mdf_approved_minor' | 'mdf_paid_minor';

/** Adds `delta` to one counter of a partner's period row, creating the row when it is the first fact of the period. */
export const bump = (db: SqlDb, partnerId: string, period: string, column: Counter, delta = 1) =>
  db.run(
    `INSERT INTO scorecard_periods (partner_id, period, ${column}) VALUES (?, ?, ?)
     ON CONFLICT (partner_id, period) DO UPDATE SET ${column} = scorecard_periods.${column} + excluded.${column}`,
    [partnerId, period, delta],
  );

export const ensurePeriod = (db: SqlDb, partnerId: string, period: string) =>
  db.run('INSERT INTO scorecard_periods (partner_id, period) VALUES (?, ?) ON CONFLICT (partner_id, period) DO NOTHING', [partnerId, period]);

/**
 * Won revenue and attainment of a period row: revenue counts in the quota's currency (or, without a
 * quota, the currency of the period's first win); attainment is won / quota in percent, 2 decimals.
 */
export const refreshRevenue = async (db: SqlDb, partnerId: string, period: string, fallbackCurrency?: string) => {
  const row = await db.get<{ quota_minor: number | null; quota_currency: string | null; currency: string | null }>(
    'SELECT quota_minor, quota_currency, currency FROM scorecard_periods WHERE partner_id = ? AND period = ?',
    [partnerId, period],
  );
  if (!row) return;
  const currency = row.quota_currency ?? row.currency ?? fallbackCurrency ?? null;
  const revenue = currency
    ? await db.get<{ won_minor: number }>('SELECT won_minor FROM scorecard_revenue WHERE partner_id = ? AND period = ? AND currency = ?', [
      partnerId, period, currency,
    ])
    : undefined;
  const won = Number(revenue?.won_minor ?? 0);
  const quota = row.quota_minor === null ? null : Number(row.quota_minor);
  const attainment = quota && quota > 0 ? Math.round((won / quota) * 10_000) / 100 : null;
  await db.run('UPDATE scorecard_periods SET currency = ?, won_minor = ?, attainment_pct = ? WHERE partner_id = ? AND period = ?', [
    currency, won, attainment, partnerId, period,
  ]);
};

/** Median seconds from registration to approval of the deals a partner had approved in a period. */
export const refreshApprovalMedian = async (db: SqlDb, partnerId: string, period: string) => {
  const count = await db.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM scorecard_deals WHERE partner_id = ? AND approved_period = ?', [partnerId, period],
  );
  const n = Number(count?.n ?? 0);
  let median: number | null = null;
  if (n > 0) {
    const middle = await db.all<{ s: number }>(
      `SELECT approval_seconds AS s FROM scorecard_deals WHERE partner_id = ? AND approved_period = ?
       ORDER BY approval_seconds LIMIT ? OFFSET ?`,
      [partnerId, period, n % 2 === 1 ? 1 : 2, Math.floor((n - 1) / 2)],
    );
    median = Math.round(middle.reduce((sum, r) => sum + Number(r.s), 0) / middle.length);
  }
  await db.run('UPDATE scorecard_periods SET approval_median_seconds = ? WHERE partner_id = ? AND period = ?', [median, partnerId, period]);
};
