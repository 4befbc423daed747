import { trendChart } from '../charts/trendChart.js';
import type { CertifiedTrend, ChannelHealth, Kpis } from '../types.js';
import { count, major, money, pct, type Money } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { progress } from '../ui/periods.js';
import { dataTable } from '../ui/table.js';

interface Row {
  readonly period: string;
  readonly partial: boolean;
  readonly active: number;
  readonly achievingPct: number | null;
  readonly won: Money | null;
  readonly conversionPct: number | null;
  readonly certified: number | null;
}

/** Won revenue of a period in the headline currency of the latest one (so that the line is one currency). */
const wonIn = (k: Kpis, currency: string | null): Money | null => {
  if (!currency) return k.revenue.won;
  const c = k.revenue.byCurrency.find((b) => b.currency === currency);
  return { amountMinor: c?.wonMinor ?? 0, currency };
};

/**
 * Small multiples over eight periods (revenue, partners at quota, deal conversion, active partners,
 * certified people) and the same figures as a table with CSV export. Lead conversion joins once leads exist.
 */
export const overviewTrends = (
  el: HTMLElement,
  series: readonly ChannelHealth[],
  certified: CertifiedTrend,
  current: ChannelHealth,
) => {
  const kpis = (h: ChannelHealth) => h.managed ?? h;
  const currency = kpis(current).revenue.currency;
  const certifiedOf = new Map(certified.items.map((c) => [c.period, c.certifiedPeople]));
  const rows: Row[] = series.map((h) => ({
    period: h.period,
    partial: progress(h.period, current.asOf).partial,
    active: kpis(h).partners.active,
    achievingPct: kpis(h).quota.achievingPct,
    won: wonIn(kpis(h), currency),
    conversionPct: kpis(h).leads.conversionPct,
    certified: certifiedOf.get(h.period) ?? null,
  }));
  const points = (f: (r: Row) => number | null) =>
    rows.map((r) => ({ period: r.period, value: f(r), partial: r.partial }));
  const moneyOf = (v: number) => money(currency ? { amountMinor: Math.round(v), currency } : null);
  setHtml(
    el,
    html`<div class="multiples">
      ${trendChart({
        id: 'revenue',
        title: 'Won revenue',
        points: points((r) => r.won?.amountMinor ?? null),
        format: moneyOf,
      })}
      ${trendChart({
        id: 'quota',
        title: 'Partners achieving quota',
        points: points((r) => r.achievingPct),
        format: (v) => pct(v, 0),
        reference: { value: current.quadrant.quotaAttainmentThresholdPct, label: 'threshold' },
      })}
      ${trendChart({
        id: 'conversion',
        title: 'Deal conversion',
        points: points((r) => r.conversionPct),
        format: (v) => pct(v, 0),
        note: 'Won of closed registrations; lead conversion joins once leads exist.',
      })}
      ${trendChart({
        id: 'active',
        title: 'Active partners',
        points: points((r) => r.active),
        format: (v) => count(Math.round(v)),
        partialWord: 'now',
        reference: current.managed ? undefined : { value: current.quadrant.desiredPartnerCount, label: 'desired' },
      })}
      ${trendChart({
        id: 'certified',
        title: 'Certified people',
        points: points((r) => r.certified),
        format: (v) => count(Math.round(v)),
        partialWord: 'now',
      })}
    </div>
    <details class="trend-table"><summary>The figures as a table</summary><div id="trend-table"></div></details>`,
  );
  dataTable<Row>(
    el.querySelector('#trend-table') as HTMLElement,
    {
      id: 'trend-figures',
      caption: 'KPIs per period',
      csvName: 'channel-trends',
      rowKey: (r) => r.period,
      sort: { key: 'period', dir: 'desc' },
      columns: [
        {
          key: 'period',
          label: 'Period',
          value: (r) => r.period,
          cell: (r) => `${r.period}${r.partial ? ' (to date)' : ''}`,
        },
        {
          key: 'active',
          label: 'Active partners',
          numeric: true,
          value: (r) => r.active,
          cell: (r) => count(r.active),
        },
        {
          key: 'achieving',
          label: 'Achieving quota %',
          numeric: true,
          value: (r) => r.achievingPct,
          cell: (r) => pct(r.achievingPct),
        },
        {
          key: 'won',
          label: 'Won revenue',
          numeric: true,
          value: (r) => major(r.won),
          money: (r) => r.won,
          cell: (r) => money(r.won),
        },
        {
          key: 'conversion',
          label: 'Deal conversion %',
          numeric: true,
          value: (r) => r.conversionPct,
          cell: (r) => pct(r.conversionPct),
        },
        {
          key: 'certified',
          label: 'Certified people',
          numeric: true,
          value: (r) => r.certified,
          cell: (r) => count(r.certified),
        },
      ],
    },
    rows,
  );
};
