import type { Database } from '../../projections/readModels/database.js';

/**
 * Columns of a scorecard row: the partner, its period figures and the previous period's revenue in the
 * same currency.
 */
export const scorecardColumns = `
  sp.partner_id, sp.name, sp.country, sp.region, sp.type, sp.parent_partner_id, sp.status, sp.tier,
  sp.channel_manager_id, sp.applied_at, sp.activated_at, sp.status_changed_at, sp.first_deal_at, sp.first_win_at,
  sp.employee_count, sp.points_balance, sp.certified_expiries, sp.line_expiries, sp.ready_until, sp.updated_at,
  p.period AS figures_period, p.quota_minor, p.quota_currency, p.currency, p.won_minor, p.attainment_pct,
  p.deals_registered, p.deals_conflicted, p.deals_approved, p.deals_rejected, p.deals_withdrawn, p.deals_won,
  p.deals_lost, p.deals_expired,
  p.approval_median_seconds, p.mdf_currency, p.mdf_allocated_minor, p.mdf_approved_minor, p.mdf_paid_minor,
  pr.won_minor AS previous_won_minor`;

/** Joins for `scorecardColumns`; parameters: the period, then the previous period. */
export const scorecardJoins = `
  FROM scorecard_partners sp
  LEFT JOIN scorecard_periods p ON p.partner_id = sp.partner_id AND p.period = ?
  LEFT JOIN scorecard_revenue pr ON pr.partner_id = sp.partner_id AND pr.period = ? AND pr.currency = p.currency`;

export type ScorecardRow = Database['scorecard_partners'] &
  Omit<Database['scorecard_periods'], 'partner_id' | 'period'> & {
    figures_period: string | null;
    previous_won_minor: number | null;
  };

const figureColumns = [
  'quota_minor',
  'quota_currency',
  'currency',
  'won_minor',
  'attainment_pct',
  'deals_registered',
  'deals_conflicted',
  'deals_approved',
  'deals_rejected',
  'deals_withdrawn',
  'deals_won',
  'deals_lost',
  'deals_expired',
  'approval_median_seconds',
  'mdf_currency',
  'mdf_allocated_minor',
  'mdf_approved_minor',
  'mdf_paid_minor',
] as const;
type Figures = Omit<Database['scorecard_periods'], 'partner_id' | 'period'>;

/**
 * Splits a joined row into the partner and its period figures (undefined when it has none in the
 * period). Copies by a list of columns: object rest with this many exclusions is slow on V8.
 */
export const splitRow = (r: ScorecardRow) => {
  let figures: Figures | undefined;
  if (r.figures_period !== null) {
    const f: Record<string, unknown> = {};
    for (const c of figureColumns) f[c] = r[c];
    figures = f as unknown as Figures;
  }
  return {
    partner: r as Database['scorecard_partners'],
    figures,
    previousWonMinor: r.previous_won_minor === null ? null : Number(r.previous_won_minor),
  };
};
