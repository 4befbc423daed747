import { periodOf } from '../../domain/shared/period.js';
import { sqlText } from '../../infra/sql/tableStatements.js';
import { t } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';

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
  | 'deals_registered'
  | 'deals_conflicted'
  | 'deals_rejected'
  | 'deals_withdrawn'
  | 'deals_lost'
  | 'deals_expired'
  | 'mdf_approved_minor'
  | 'mdf_paid_minor';

/** Adds `delta` to one counter of a partner's period row, creating the row when it is the first fact of the period. */
export const bump = (db: ReadModelDb, partnerId: string, period: string, column: Counter, delta = 1) => {
  const counter: Partial<Record<Counter, number>> = { [column]: delta };
  return db.upsert('scorecard_periods', { partner_id: partnerId, period, ...counter }, { add: [column] });
};

const { scorecard_periods: p, scorecard_revenue: r } = t;

/** Attainment in percent with two decimals, in integer arithmetic (rounded half up), null without a quota. */
const attainment = (won: string, quota: string) =>
  `CASE WHEN ${quota} > 0 THEN ((${won}) * 10000 + ${quota} / 2) / ${quota} / 100.0 END`;

/** The period row's revenue in the quota's currency (or, without a quota, the currency of the period's first win). */
const won = `COALESCE((SELECT r.${r.won_minor} FROM ${r.$} r WHERE r.${r.partner_id} = ${p.$}.${p.partner_id}
  AND r.${r.period} = ${p.$}.${p.period}
  AND r.${r.currency} = COALESCE(${p.$}.${p.quota_currency}, ${p.$}.${p.currency})), 0)`;
const REFRESH_REVENUE = sqlText(
  `UPDATE ${p.$} SET ${p.currency} = COALESCE(${p.quota_currency}, ${p.currency}), ${p.won_minor} = ${won},
     ${p.attainment_pct} = ${attainment(won, p.quota_minor)}
   WHERE ${p.partner_id} = ? AND ${p.period} = ?`,
);

/** Won revenue and attainment of a period row from its revenue per currency, after the quota changed. */
export const refreshRevenue = (db: ReadModelDb, partnerId: string, period: string) =>
  db.execute(REFRESH_REVENUE, [partnerId, period]);

const added = `CASE WHEN COALESCE(${p.$}.${p.currency}, excluded.${p.currency}) = excluded.${p.currency}
  THEN excluded.${p.won_minor} ELSE 0 END`;
const ADD_WIN = sqlText(
  `INSERT INTO ${p.$} (${p.partner_id}, ${p.period}, ${p.deals_won}, ${p.currency}, ${p.won_minor})
   VALUES (?, ?, 1, ?, ?)
   ON CONFLICT (${p.partner_id}, ${p.period}) DO UPDATE SET ${p.deals_won} = ${p.$}.${p.deals_won} + 1,
     ${p.currency} = COALESCE(${p.$}.${p.currency}, excluded.${p.currency}),
     ${p.won_minor} = ${p.$}.${p.won_minor} + ${added},
     ${p.attainment_pct} = ${attainment(`${p.$}.${p.won_minor} + ${added}`, `${p.$}.${p.quota_minor}`)}`,
);

/** A win in the period: one more deal won, its amount added when it is in the row's currency, attainment with it. */
export const addWin = (db: ReadModelDb, partnerId: string, period: string, currency: string, amountMinor: number) =>
  db.execute(ADD_WIN, [partnerId, period, currency, amountMinor]);

const { scorecard_deals: d } = t;
const APPROVALS = sqlText<{ n: number }>(
  `SELECT COUNT(*) AS n FROM ${d.$} WHERE ${d.partner_id} = ? AND ${d.approved_period} = ?`,
);

/**
 * An approval in the period: the count of deals approved in it, and the median seconds from
 * registration to approval over them (the deal row is already updated).
 */
export const recordApproval = async (db: ReadModelDb, partnerId: string, period: string) => {
  const n = Number((await db.queryOne(APPROVALS, [partnerId, period]))?.n ?? 0);
  const middle = await db.select(
    'scorecard_deals',
    ['approval_seconds'],
    { partner_id: partnerId, approved_period: period },
    {
      orderBy: ['approval_seconds'],
      limit: n % 2 === 1 ? 1 : 2,
      offset: Math.floor((n - 1) / 2),
    },
  );
  const median = middle.length
    ? Math.round(middle.reduce((sum, r) => sum + Number(r.approval_seconds), 0) / middle.length)
    : null;
  await db.upsert(
    'scorecard_periods',
    { partner_id: partnerId, period, deals_approved: n, approval_median_seconds: median },
    {
      set: ['deals_approved', 'approval_median_seconds'],
    },
  );
};
