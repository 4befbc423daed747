import { trendChart } from '../charts/trendChart.js';
import type { ScorecardDetail, WonRevenue } from '../types.js';
import { count, growth, major, money, pct, signed, type Money } from '../ui/format.js';
import { html, setHtml, type Html } from '../ui/html.js';
import { progress, type Progress } from '../ui/periods.js';
import { dataTable } from '../ui/table.js';
import { tile, tiles } from '../ui/tiles.js';

type TrendRow = ScorecardDetail['trend'][number] & { partial: boolean };

const versus = (v: number | null, against: string): Html =>
  v === null
    ? html`nothing won ${against}`
    : html`<span class="${v >= 0 ? 'up' : 'down'}">${signed(v)}</span> vs ${against}`;

/**
 * A partner's scorecard: the period's KPI tiles (a running period compared like for like) and the
 * eight-period trend of won revenue, quota and attainment, as small multiples and a table.
 */
export const scorecardSection = (
  el: HTMLElement,
  s: ScorecardDetail,
  pr: Progress,
  lfl?: { period: string; days: number; won: WonRevenue },
) => {
  const toDate = pr.partial ? ' to date' : '';
  const won = s.wonRevenue;
  const growthLine = (() => {
    if (!won) return html`nothing won yet`;
    if (lfl)
      return versus(
        growth(won.amountMinor, lfl.won.byCurrency.find((c) => c.currency === won.currency)?.amountMinor ?? 0),
        `${lfl.period} days 1–${lfl.days} (same days)`,
      );
    return versus(s.growthPct, s.previousPeriod);
  })();
  const rows: TrendRow[] = s.trend.map((t) => ({ ...t, partial: progress(t.period, s.asOf).partial }));
  const currency = won?.currency ?? rows.find((r) => r.quota)?.quota?.currency ?? null;
  const asMoney = (v: number) => money(currency ? { amountMinor: Math.round(v), currency } : null);
  const amount = (m: Money | null) => (m && (!currency || m.currency === currency) ? m.amountMinor : null);
  const points = (f: (r: TrendRow) => number | null) =>
    rows.map((r) => ({ period: r.period, value: f(r), partial: r.partial }));
  setHtml(
    el,
    html`${tiles([
      tile('won', `Won revenue${toDate}`, money(won), growthLine),
      tile(
        'attainment',
        `Attainment${toDate}`,
        pct(s.attainmentPct),
        s.quota ? `of a ${money(s.quota)} quota${s.achievedQuota ? ', achieved' : ''}` : 'no quota this period',
      ),
      tile(
        'deals',
        `Deals${toDate}`,
        count(s.deals.won),
        `won; ${count(s.deals.registered)} registered, ${count(s.deals.approved)} approved`,
      ),
      tile(
        'conversion',
        `Deal conversion${toDate}`,
        pct(s.leadConversionPct),
        s.medianHoursToApproval === null
          ? 'no approval this period'
          : `median ${s.medianHoursToApproval} h to approval`,
      ),
      tile('certified', 'Certified people', count(s.certifiedPeople), `of ${count(s.employeeCount)} employees, now`),
      tile(
        'first-deal',
        'Time to first deal',
        s.timeToFirstDealDays === null ? '–' : `${s.timeToFirstDealDays} d`,
        s.timeToFirstWinDays === null ? 'no win yet' : `first win after ${s.timeToFirstWinDays} d`,
      ),
    ])}
    <div class="multiples">
      ${trendChart({
        id: 'partner-won',
        title: 'Won revenue',
        points: points((r) => amount(r.wonRevenue)),
        format: asMoney,
      })}
      ${trendChart({
        id: 'partner-quota',
        title: 'Quota',
        points: points((r) => amount(r.quota)),
        format: asMoney,
        partialWord: 'this quarter',
      })}
      ${trendChart({
        id: 'partner-attainment',
        title: 'Attainment',
        points: points((r) => r.attainmentPct),
        format: (v) => pct(v, 0),
        reference: { value: 100, label: 'quota' },
      })}
    </div>
    <details class="trend-table"><summary>The trend as a table</summary><div id="scorecard-trend"></div></details>`,
  );
  dataTable<TrendRow>(
    el.querySelector('#scorecard-trend') as HTMLElement,
    {
      id: 'scorecard-trend-table',
      caption: 'Scorecard trend',
      csvName: `scorecard-trend-${s.partnerId}`,
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
          key: 'quota',
          label: 'Quota',
          numeric: true,
          value: (r) => major(r.quota),
          money: (r) => r.quota,
          cell: (r) => money(r.quota),
        },
        {
          key: 'won',
          label: 'Won',
          numeric: true,
          value: (r) => major(r.wonRevenue),
          money: (r) => r.wonRevenue,
          cell: (r) => money(r.wonRevenue),
        },
        {
          key: 'attainment',
          label: 'Attainment',
          numeric: true,
          value: (r) => r.attainmentPct,
          cell: (r) => pct(r.attainmentPct),
        },
      ],
    },
    rows,
  );
};
