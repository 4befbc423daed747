import { periodOf } from '../../domain/shared/period.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';

/** The period (`YYYY-Qn`) of an ISO instant. */
export const periodAt = (instant: string): string => periodOf(new Date(instant));

/** The `n` periods after `period`, in order. */
export const nextPeriods = (period: string, n: number): string[] => {
  const out: string[] = [];
  let index = Number(period.slice(0, 4)) * 4 + Number(period.slice(6)) - 1;
  for (let i = 0; i < n; i++) {
    index += 1;
    out.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
  }
  return out;
};

type Counter =
  | 'deals_registered' | 'deals_conflicted' | 'deals_rejected' | 'deals_withdrawn' | 'deals_lost'
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

/** Attainment in percent with two decimals, in integer arithmetic (rounded half up), null without a quota. */
const attainment = (won: string, quota: string) => `CASE WHEN ${quota} > 0 THEN ((${won}) * 10000 + ${quota} / 2) / ${quota} / 100.0 END`;

/**
 * Won revenue and attainment of a period row from its revenue per currency, after the quota changed:
 * revenue counts in the quota's currency (or, without a quota, the currency of the period's first win).
 */
export const refreshRevenue = (db: SqlDb, partnerId: string, period: string) => {
  const won = `COALESCE((SELECT r.won_minor FROM scorecard_revenue r WHERE r.partner_id = scorecard_periods.partner_id
    AND r.period = scorecard_periods.period AND r.currency = COALESCE(scorecard_periods.quota_currency, scorecard_periods.currency)), 0)`;
  return db.run(
    `UPDATE scorecard_periods SET currency = COALESCE(quota_currency, currency), won_minor = ${won}, attainment_pct = ${attainment(won, 'quota_minor')}
     WHERE partner_id = ? AND period = ?`,
    [partnerId, period],
  );
};

/** A win in the period: one more deal won, its amount added when it is in the row's currency, attainment with it. */
export const addWin = (db: SqlDb, partnerId: string, period: string, currency: string, amountMinor: number) => {
  const added = 'CASE WHEN COALESCE(scorecard_periods.currency, excluded.currency) = excluded.currency THEN excluded.won_minor ELSE 0 END';
  return db.run(
    `INSERT INTO scorecard_periods (partner_id, period, deals_won, currency, won_minor) VALUES (?, ?, 1, ?, ?)
     ON CONFLICT (partner_id, period) DO UPDATE SET deals_won = scorecard_periods.deals_won + 1,
       currency = COALESCE(scorecard_periods.currency, excluded.currency), won_minor = scorecard_periods.won_minor + ${added},
       attainment_pct = ${attainment(`scorecard_periods.won_minor + ${added}`, 'scorecard_periods.quota_minor')}`,
    [partnerId, period, currency, amountMinor],
  );
};

/**
 * An approval in the period: the count of deals approved in it, and the median seconds from
 * registration to approval over them (the deal row is already updated).
 */
export const recordApproval = async (db: SqlDb, partnerId: string, period: string) => {
  const count = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM scorecard_deals WHERE partner_id = ? AND approved_period = ?', [partnerId, period]);
  const n = Number(count?.n ?? 0);
  const middle = await db.all<{ s: number }>(
    `SELECT approval_seconds AS s FROM scorecard_deals WHERE partner_id = ? AND approved_period = ?
     ORDER BY approval_seconds LIMIT ? OFFSET ?`,
    [partnerId, period, n % 2 === 1 ? 1 : 2, Math.floor((n - 1) / 2)],
  );
  const median = middle.length ? Math.round(middle.reduce((sum, r) => sum + Number(r.s), 0) / middle.length) : null;
  await db.run(
    `INSERT INTO scorecard_periods (partner_id, period, deals_approved, approval_median_seconds) VALUES (?, ?, ?, ?)
     ON CONFLICT (partner_id, period) DO UPDATE SET deals_approved = excluded.deals_approved, approval_median_seconds = excluded.approval_median_seconds`,
    [partnerId, period, n, median],
  );
};
