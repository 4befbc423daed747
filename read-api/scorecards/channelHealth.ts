import type { ChannelSettings } from '../../domain/channel/index.js';
import { periodBounds, previousPeriod } from '../../domain/shared/index.js';
import type { SqlDb } from '../../projections/sql/sqlDb.js';
import { closedDeals, growthPct, pct } from './figures.js';
import type { Scope } from './scorecardScope.js';

export const quadrants = ['emerging_growth', 'scaling', 'sub_optimized', 'continuous_improvement'] as const;
export type Quadrant = (typeof quadrants)[number];

interface Row {
  partner_id: string; status: string; tier: string | null; ready_until: string | null;
  quota_minor: number | null; won_minor: number | null; deals_registered: number | null; deals_won: number | null; deals_lost: number | null;
  deals_expired: number | null; deals_rejected: number | null; deals_withdrawn: number | null;
}

/** Statuses at an instant of the past, from the projection's status history (latest change before it). */
const statusesAt = async (db: SqlDb, at: string) => {
  const rows = await db.all<{ partner_id: string; status: string }>(
    `SELECT h.partner_id, h.status FROM scorecard_partner_status h
     WHERE h.changed_at < ? AND NOT EXISTS (
       SELECT 1 FROM scorecard_partner_status l WHERE l.partner_id = h.partner_id AND l.changed_at < ? AND l.position > h.position)`,
    [at, at],
  );
  return new Map(rows.map((r) => [r.partner_id, r.status]));
};

/**
 * The KPIs of channel health over the partners in `scope` for a period (README, "Channel health"):
 * partners active at the period's end (now, for the running period), the share of those with a quota
 * who achieved it, won revenue and its growth, lead conversion, and the share ready to sell now.
 */
export const channelKpis = async (db: SqlDb, scope: Scope, period: string, now: Date) => {
  const previous = previousPeriod(period);
  const end = periodBounds(period).end;
  const running = now.getTime() < end.getTime();
  const rows = await db.all<Row>(
    `SELECT sp.partner_id, sp.status, sp.tier, sp.ready_until, p.quota_minor, p.won_minor, p.deals_registered, p.deals_won, p.deals_lost,
       p.deals_expired, p.deals_rejected, p.deals_withdrawn
     FROM scorecard_partners sp LEFT JOIN scorecard_periods p ON p.partner_id = sp.partner_id AND p.period = ?
     WHERE ${scope.sql}`,
    [period, ...scope.params],
  );
  const past = running ? undefined : await statusesAt(db, end.toISOString());
  const nowIso = now.toISOString();
  const byStatus: Record<string, number> = {};
  const byTier: Record<string, number> = {};
  let active = 0, withQuota = 0, achieving = 0, ready = 0, registered = 0, won = 0, closed = 0;
  for (const r of rows) {
    const status = past ? past.get(r.partner_id) : r.status;
    if (!status) continue;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    registered += Number(r.deals_registered ?? 0);
    won += Number(r.deals_won ?? 0);
    closed += closedDeals({
      deals_won: r.deals_won ?? 0, deals_lost: r.deals_lost ?? 0, deals_expired: r.deals_expired ?? 0, deals_rejected: r.deals_rejected ?? 0,
      deals_withdrawn: r.deals_withdrawn ?? 0,
    });
    if (status !== 'active') continue;
    active += 1;
    if (r.tier) byTier[r.tier] = (byTier[r.tier] ?? 0) + 1;
    if (r.ready_until !== null && r.ready_until > nowIso) ready += 1;
    if (r.quota_minor !== null && Number(r.quota_minor) > 0) {
      withQuota += 1;
      if (Number(r.won_minor ?? 0) >= Number(r.quota_minor)) achieving += 1;
    }
  }
  const revenueRows = await db.all<{ period: string; currency: string; won: number; deals: number }>(
    `SELECT r.period, r.currency, SUM(r.won_minor) AS won, SUM(r.deals_won) AS deals
     FROM scorecard_revenue r JOIN scorecard_partners sp ON sp.partner_id = r.partner_id
     WHERE r.period IN (?, ?) AND ${scope.sql} GROUP BY r.period, r.currency`,
    [period, previous, ...scope.params],
  );
  const currencies = [...new Set(revenueRows.map((r) => r.currency))].sort();
  const wonIn = (p: string, c: string) => Number(revenueRows.find((r) => r.period === p && r.currency === c)?.won ?? 0);
  const byCurrency = currencies
    .map((c) => ({ currency: c, wonMinor: wonIn(period, c), previousWonMinor: wonIn(previous, c), growthPct: growthPct(wonIn(period, c), wonIn(previous, c)) }))
    .sort((a, b) => b.wonMinor - a.wonMinor || b.previousWonMinor - a.previousWonMinor || a.currency.localeCompare(b.currency));
  const headline = byCurrency[0];
  return {
    period,
    previousPeriod: previous,
    partners: { active, byStatus, activeByTier: byTier },
    quota: { withQuota, achieving, achievingPct: pct(achieving, withQuota) },
    revenue: {
      currency: headline?.currency ?? null,
      won: headline ? { amountMinor: headline.wonMinor, currency: headline.currency } : null,
      previousWon: headline ? { amountMinor: headline.previousWonMinor, currency: headline.currency } : null,
      growthPct: headline?.growthPct ?? null,
      byCurrency,
    },
    leads: { registered, won, closed, conversionPct: pct(won, closed) },
    readiness: { ready, readySharePct: pct(ready, active) },
  };
};
export type ChannelKpis = Awaited<ReturnType<typeof channelKpis>>;

/**
 * The channel quadrant (DESIGN §5): enough partners (active >= desiredPartnerCount) on one axis, the
 * share of partners achieving quota against `quotaAttainmentThresholdPct` on the other. No partner
 * with a quota counts as below the threshold.
 */
export const quadrantOf = (kpis: ChannelKpis, settings: ChannelSettings) => {
  const desired = settings.desiredPartnerCount;
  const threshold = settings.quotaAttainmentThresholdPct;
  const enoughPartners = kpis.partners.active >= desired;
  const performing = kpis.quota.achievingPct !== null && kpis.quota.achievingPct >= threshold;
  const name: Quadrant = enoughPartners ? (performing ? 'continuous_improvement' : 'sub_optimized') : performing ? 'scaling' : 'emerging_growth';
  return {
    name,
    activePartners: kpis.partners.active,
    desiredPartnerCount: desired,
    partnerCoveragePct: pct(kpis.partners.active, desired),
    achievingQuotaPct: kpis.quota.achievingPct,
    quotaAttainmentThresholdPct: threshold,
    enoughPartners,
    performing,
  };
};
