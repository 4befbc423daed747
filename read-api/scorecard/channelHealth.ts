import type { ChannelSettings } from '../../domain/channel/index.js';
import { periodBounds, previousPeriod } from '../../domain/shared/index.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import {
  channelQuadrant,
  registrationConversion,
  partnersAtQuota,
  quadrantNames,
  revenueGrowth,
  type QuadrantName,
} from '../../projections/analytics/channelKpis.js';
import { pct } from './figures.js';
import type { Scope } from './scorecardScope.js';

export const quadrants = quadrantNames;
export type Quadrant = QuadrantName;

interface Group {
  status: string;
  tier: string | null;
  n: number;
  with_quota: number;
  achieving: number;
  ready: number;
  registered: number;
  won: number;
  closed: number;
}

/**
 * Where each partner's status at the period's end comes from: the partner row for the running period,
 * the status history (the change before the end, whose next change is not) for a past one.
 */
const statusSource = (running: boolean, end: string) =>
  running
    ? { from: 'scorecard_partners sp', status: 'sp.status', where: '', params: [] as string[] }
    : {
        from: 'scorecard_partner_status h JOIN scorecard_partners sp ON sp.partner_id = h.partner_id',
        status: 'h.status',
        where: 'AND h.changed_at < ? AND (h.next_changed_at IS NULL OR h.next_changed_at >= ?)',
        params: [end, end],
      };

/**
 * The KPIs of channel health over the partners in `scope` for a period (README, "Channel health"):
 * partners active at the period's end (now, for the running period), the share of those with a quota
 * who achieved it, won revenue and its growth, lead conversion, and the share ready to sell now.
 * Two aggregate queries: one grouped by status and tier, one over revenue (running totals for the whole channel).
 */
export const channelKpis = async (db: SqlDb, scope: Scope, period: string, now: Date) => {
  const previous = previousPeriod(period);
  const end = periodBounds(period).end.toISOString();
  const source = statusSource(now.toISOString() < end, end);
  const active = `${source.status} = 'active'`;
  const groups = await db.all<Group>(
    `SELECT ${source.status} AS status, sp.tier AS tier, COUNT(*) AS n,
       SUM(CASE WHEN ${active} AND p.quota_minor > 0 THEN 1 ELSE 0 END) AS with_quota,
       SUM(CASE WHEN ${active} AND p.quota_minor > 0 AND p.won_minor >= p.quota_minor THEN 1 ELSE 0 END) AS achieving,
       SUM(CASE WHEN ${active} AND sp.ready_until > ? THEN 1 ELSE 0 END) AS ready,
       SUM(COALESCE(p.deals_registered, 0)) AS registered, SUM(COALESCE(p.deals_won, 0)) AS won,
       SUM(COALESCE(p.deals_won, 0) + COALESCE(p.deals_lost, 0) + COALESCE(p.deals_expired, 0)
         + COALESCE(p.deals_rejected, 0) + COALESCE(p.deals_withdrawn, 0)) AS closed
     FROM ${source.from} LEFT JOIN scorecard_periods p ON p.partner_id = sp.partner_id AND p.period = ?
     WHERE ${scope.sql} ${source.where}
     GROUP BY ${source.status}, sp.tier`,
    [now.toISOString(), period, ...scope.params, ...source.params],
  );
  const byStatus: Record<string, number> = {};
  const byTier: Record<string, number> = {};
  let activeCount = 0,
    withQuota = 0,
    achieving = 0,
    ready = 0,
    registered = 0,
    won = 0,
    closed = 0;
  for (const g of groups) {
    byStatus[g.status] = (byStatus[g.status] ?? 0) + Number(g.n);
    registered += Number(g.registered);
    won += Number(g.won);
    closed += Number(g.closed);
    if (g.status !== 'active') continue;
    activeCount += Number(g.n);
    if (g.tier) byTier[g.tier] = (byTier[g.tier] ?? 0) + Number(g.n);
    withQuota += Number(g.with_quota);
    achieving += Number(g.achieving);
    ready += Number(g.ready);
  }
  const revenueRows =
    scope.sql === '1 = 1'
      ? await db.all<{ period: string; currency: string; won: number }>(
          'SELECT period, currency, won_minor AS won FROM scorecard_channel_revenue WHERE period IN (?, ?)',
          [period, previous],
        )
      : await db.all<{ period: string; currency: string; won: number }>(
          `SELECT r.period, r.currency, SUM(r.won_minor) AS won
       FROM scorecard_revenue r JOIN scorecard_partners sp ON sp.partner_id = r.partner_id
       WHERE r.period IN (?, ?) AND ${scope.sql} GROUP BY r.period, r.currency`,
          [period, previous, ...scope.params],
        );
  const currencies = [...new Set(revenueRows.map((r) => r.currency))].sort();
  const wonIn = (p: string, c: string) => Number(revenueRows.find((r) => r.period === p && r.currency === c)?.won ?? 0);
  const byCurrency = currencies
    .map((c) => ({
      currency: c,
      wonMinor: wonIn(period, c),
      previousWonMinor: wonIn(previous, c),
      growthPct: revenueGrowth.of(wonIn(period, c), wonIn(previous, c)),
    }))
    .sort(
      (a, b) =>
        b.wonMinor - a.wonMinor || b.previousWonMinor - a.previousWonMinor || a.currency.localeCompare(b.currency),
    );
  const headline = byCurrency[0];
  return {
    period,
    previousPeriod: previous,
    partners: { active: activeCount, byStatus, activeByTier: byTier },
    quota: { withQuota, achieving, achievingPct: partnersAtQuota.of(achieving, withQuota) },
    revenue: {
      currency: headline?.currency ?? null,
      won: headline ? { amountMinor: headline.wonMinor, currency: headline.currency } : null,
      previousWon: headline ? { amountMinor: headline.previousWonMinor, currency: headline.currency } : null,
      growthPct: headline?.growthPct ?? null,
      byCurrency,
    },
    leads: { registered, won, closed, conversionPct: registrationConversion.of(won, closed) },
    readiness: { ready, readySharePct: pct(ready, activeCount) },
  };
};
export type ChannelKpis = Awaited<ReturnType<typeof channelKpis>>;

/** The channel quadrant (DESIGN §5), as `channelQuadrant` in channelKpis.ts defines it. */
export const quadrantOf = (kpis: ChannelKpis, settings: ChannelSettings) => {
  const desired = settings.desiredPartnerCount;
  const threshold = settings.quotaAttainmentThresholdPct;
  const enoughPartners = kpis.partners.active >= desired;
  const performing = channelQuadrant.performing(kpis.quota.achievingPct, threshold);
  const name: Quadrant = channelQuadrant.of(enoughPartners, performing);
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
