import type { CertifiedTrend, ChannelHealth, WonRevenue } from '../types.js';
import { count, growth, money, pct, signed } from '../ui/format.js';
import { html, type Html } from '../ui/html.js';
import type { Progress } from '../ui/periods.js';
import { tile, tiles } from '../ui/tiles.js';

interface Input {
  readonly health: ChannelHealth;
  readonly progress: Progress;
  readonly certified: CertifiedTrend;
  /** Won revenue of the previous period's same first days, when the period is running. */
  readonly comparison?: WonRevenue;
  readonly lfl?: { readonly period: string; readonly days: number };
}

const change = (v: number | null, against: string): Html =>
  v === null
    ? html`nothing won ${against} to compare`
    : html`<span class="${v >= 0 ? 'up' : 'down'}">${signed(v)}</span> vs ${against}`;

/**
 * The KPI tiles of a period. A running period is compared like for like (its first N days with the
 * previous period's first N days), never with a whole period; a manager's figures are about their
 * partners and the channel's desired count is said to be the channel's.
 */
export const overviewTiles = ({ health, progress: pr, certified, comparison, lfl }: Input): Html => {
  const k = health.managed ?? health;
  const q = health.quadrant;
  const toDate = pr.partial ? ' to date' : '';
  const won = k.revenue.won;
  const revenueSub = (() => {
    if (!won) return html`no won revenue yet`;
    if (lfl && comparison) {
      const before = comparison.byCurrency.find((c) => c.currency === won.currency)?.amountMinor ?? 0;
      return change(growth(won.amountMinor, before), `${lfl.period} days 1–${lfl.days} (same days)`);
    }
    return change(k.revenue.growthPct, k.previousPeriod);
  })();
  const latest = certified.items[certified.items.length - 1];
  const desired = count(q.desiredPartnerCount);
  const partnersSub = health.managed
    ? html`your partners; the channel has ${count(health.partners.active)} active of ${desired} desired`
    : html`of ${desired} desired (${pct(q.partnerCoveragePct, 0)})`;
  const scope = health.managed ? ' · your partners' : '';
  const threshold = q.quotaAttainmentThresholdPct;
  return tiles([
    tile('partners', `Active partners${scope}`, count(k.partners.active), partnersSub),
    tile(
      'quota',
      `Achieving quota${toDate}${scope}`,
      pct(k.quota.achievingPct),
      `${count(k.quota.achieving)} of ${count(k.quota.withQuota)} with a quota; threshold ${threshold}%`,
    ),
    tile('revenue', `Won revenue${toDate}${scope}`, money(won), revenueSub),
    tile(
      'conversion',
      `Deal conversion${toDate}${scope}`,
      pct(k.leads.conversionPct),
      `${count(k.leads.won)} won of ${count(k.leads.closed)} closed registrations`,
    ),
    tile(
      'ready',
      `Ready to sell${scope}`,
      pct(k.readiness.readySharePct),
      `${count(k.readiness.ready)} of ${count(k.partners.active)} active partners, now`,
    ),
    tile(
      'certified',
      `Certified people${scope}`,
      count(latest?.certifiedPeople ?? null),
      `of ${count(latest?.employees ?? null)} partner employees${latest?.partial ? ', now' : ''}`,
    ),
  ]);
};
