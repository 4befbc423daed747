import { barChart } from '../charts/barChart.js';
import { href } from '../router.js';
import type { DealMetrics, Scorecard } from '../types.js';
import { count, money, pct, regionName, type Money } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { dataTable } from '../ui/table.js';

export interface RegionRow {
  readonly region: string;
  readonly partners: number;
  readonly registered: number;
  readonly open: number;
  readonly won: number;
  readonly closed: number;
  readonly conflicted: number;
  readonly wonValue: Money | null;
}

/** Partners' registration metrics summed per region (the pipeline route answers per partner). */
export const regionRows = (metrics: readonly DealMetrics[], partners: ReadonlyMap<string, Scorecard>): RegionRow[] => {
  const by = new Map<
    string,
    {
      partners: number;
      registered: number;
      open: number;
      won: number;
      closed: number;
      conflicted: number;
      wonValue: Money | null;
    }
  >();
  for (const m of metrics) {
    const region = partners.get(m.partnerId)?.region ?? 'unknown';
    const r = by.get(region) ?? {
      partners: 0,
      registered: 0,
      open: 0,
      won: 0,
      closed: 0,
      conflicted: 0,
      wonValue: null,
    };
    r.partners += 1;
    r.registered += m.registered;
    r.open += m.open;
    r.won += m.won;
    r.closed += m.registered - m.open;
    r.conflicted += m.conflicted;
    const value = m.wonValue[0];
    if (value)
      r.wonValue = {
        currency: value.currency,
        amountMinor: (r.wonValue?.currency === value.currency ? r.wonValue.amountMinor : 0) + value.amountMinor,
      };
    by.set(region, r);
  }
  return [...by].map(([region, r]) => ({ region, ...r }));
};

export const regionTable = (el: HTMLElement, rows: readonly RegionRow[]) => {
  setHtml(
    el,
    html`${barChart(
      'region',
      'Registrations by region',
      rows.map((r) => ({
        label: regionName(r.region),
        value: r.registered,
        display: `${count(r.registered)} · ${count(r.open)} open`,
      })),
    )}<div id="region-table"></div>`,
  );
  dataTable<RegionRow>(
    el.querySelector('#region-table') as HTMLElement,
    {
      id: 'regions',
      caption: 'Registrations by region',
      csvName: 'pipeline-by-region',
      rowKey: (r) => r.region,
      sort: { key: 'registered', dir: 'desc' },
      columns: [
        { key: 'region', label: 'Region', value: (r) => r.region, cell: (r) => regionName(r.region) },
        { key: 'partners', label: 'Partners', numeric: true, value: (r) => r.partners },
        {
          key: 'registered',
          label: 'Registrations',
          numeric: true,
          value: (r) => r.registered,
          cell: (r) => count(r.registered),
        },
        { key: 'open', label: 'Open', numeric: true, value: (r) => r.open, cell: (r) => count(r.open) },
        { key: 'won', label: 'Won', numeric: true, value: (r) => r.won, cell: (r) => count(r.won) },
        {
          key: 'conversion',
          label: 'Conversion',
          numeric: true,
          value: (r) => (r.closed ? Math.round((r.won / r.closed) * 10_000) / 100 : null),
          cell: (r) => pct(r.closed ? (r.won / r.closed) * 100 : null),
        },
        {
          key: 'conflicts',
          label: 'Conflicts',
          numeric: true,
          value: (r) => r.conflicted,
          cell: (r) => count(r.conflicted),
        },
        {
          key: 'value',
          label: 'Won value',
          numeric: true,
          value: (r) => r.wonValue?.amountMinor ?? null,
          money: (r) => r.wonValue,
          cell: (r) => money(r.wonValue),
        },
      ],
    },
    rows,
  );
};

/** Every partner's registration metrics, with its region (filter) and a link to its page. */
export const pipelinePartners = (
  el: HTMLElement,
  metrics: readonly DealMetrics[],
  partners: ReadonlyMap<string, Scorecard>,
) => {
  const regionOf = (m: DealMetrics) => partners.get(m.partnerId)?.region ?? '';
  dataTable<DealMetrics>(
    el,
    {
      id: 'pipeline-partners',
      caption: 'Registration metrics per partner',
      csvName: 'pipeline-partners',
      rowKey: (m) => m.partnerId,
      sort: { key: 'registered', dir: 'desc' },
      pageSize: 100,
      statePrefix: '',
      rowHref: (m) => href(`/partners/${m.partnerId}`),
      search: { label: 'Search partner', text: (m) => m.partnerName ?? m.partnerId },
      filters: [
        {
          key: 'region',
          label: 'Region',
          options: [...new Set(metrics.map(regionOf))]
            .filter(Boolean)
            .sort()
            .map((r) => ({ value: r, label: regionName(r) })),
          test: (m, v) => regionOf(m) === v,
        },
      ],
      columns: [
        {
          key: 'partner',
          label: 'Partner',
          value: (m) => m.partnerName ?? m.partnerId,
          wrap: true,
          cell: (m) => html`<a href="${href(`/partners/${m.partnerId}`)}">${m.partnerName ?? m.partnerId}</a>`,
        },
        { key: 'region', label: 'Region', value: regionOf, cell: (m) => regionName(regionOf(m)) },
        {
          key: 'registered',
          label: 'Registered',
          numeric: true,
          value: (m) => m.registered,
          cell: (m) => count(m.registered),
        },
        { key: 'open', label: 'Open', numeric: true, value: (m) => m.open, cell: (m) => count(m.open) },
        { key: 'won', label: 'Won', numeric: true, value: (m) => m.won, cell: (m) => count(m.won) },
        { key: 'lost', label: 'Lost', numeric: true, value: (m) => m.lost, cell: (m) => count(m.lost) },
        { key: 'expired', label: 'Expired', numeric: true, value: (m) => m.expired, cell: (m) => count(m.expired) },
        {
          key: 'conflictRate',
          label: 'Conflict rate',
          numeric: true,
          value: (m) => m.conflictRate,
          cell: (m) => pct(m.conflictRate === null ? null : m.conflictRate * 100),
        },
        {
          key: 'approvalRate',
          label: 'Approval rate',
          numeric: true,
          value: (m) => m.approvalRate,
          cell: (m) => pct(m.approvalRate === null ? null : m.approvalRate * 100),
        },
        { key: 'hours', label: 'Median h to approval', numeric: true, value: (m) => m.medianHoursToApproval },
        {
          key: 'conversion',
          label: 'Conversion',
          numeric: true,
          value: (m) => m.leadConversion,
          cell: (m) => pct(m.leadConversion === null ? null : m.leadConversion * 100),
        },
        {
          key: 'value',
          label: 'Won value',
          numeric: true,
          value: (m) => m.wonValue[0]?.amountMinor ?? null,
          money: (m) => m.wonValue[0] ?? null,
          cell: (m) => money(m.wonValue[0]),
        },
      ],
    },
    metrics,
  );
};
