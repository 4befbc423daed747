import { withQuery } from '../api.js';
import type { PageContext } from '../app.js';
import { barChart } from '../charts/barChart.js';
import { go, currentRoute } from '../router.js';
import type { DealMetrics, Pipeline, Scorecard } from '../types.js';
import { count, label, money, type Money } from '../ui/format.js';
import { card } from '../ui/card.js';
import { html, option, setHtml } from '../ui/html.js';
import { periodDates, periodOf, periodsUpTo } from '../ui/periods.js';
import { section } from '../ui/states.js';
import { dataTable } from '../ui/table.js';
import { tile, tiles } from '../ui/tiles.js';
import { expiringSection } from './dealTables.js';
import { pipelinePartners, regionRows, regionTable } from './pipelineTables.js';

const first = (list: readonly Money[]) => list[0] ?? null;

/**
 * The deal pipeline of the partners the viewer sees: by stage, product line and region, every partner's
 * registration metrics, and the protections that end soonest. Product line and registration period
 * filter on the server; region and search filter the tables.
 */
export const pipelinePage = {
  title: 'Pipeline',
  render: async ({ api, route, signal, root }: PageContext) => {
    const productLine = route.query.get('productLine') ?? '';
    const registered = route.query.get('registered') ?? '';
    const window = registered ? periodDates(registered) : {};
    const query = { productLine, ...window };
    const [pipeline, settings, scorecards] = await Promise.all([
      api.get<Pipeline>(withQuery('/dashboards/pipeline', { ...query, limit: 500 }), signal),
      api.get<{ productLines: string[] }>('/channel/settings', signal),
      api.all<Scorecard>('/scorecards', signal),
    ]);
    let metrics = [...pipeline.partners.items];
    for (let cursor = pipeline.partners.nextCursor; cursor; ) {
      const next = await api.get<Pipeline>(withQuery('/dashboards/pipeline', { ...query, limit: 500, cursor }), signal);
      metrics = [...metrics, ...next.partners.items];
      cursor = next.partners.nextCursor;
    }
    const partners = new Map(scorecards.items.map((s) => [s.partnerId, s]));
    const t = pipeline.totals;
    const open = t.byStatus
      .filter((s) => s.status === 'submitted' || s.status === 'approved')
      .reduce((n, s) => n + s.count, 0);
    const periods = periodsUpTo(periodOf(pipeline.asOf), 8).reverse();
    setHtml(
      root,
      html`<div class="page-head">
        <h1 tabindex="-1">Pipeline</h1>
        <form class="filters" id="pipeline-filters">
          <label>Product line <select name="productLine" id="pipeline-line"><option value="">All</option>
            ${settings.productLines.map((l) => option(l, label(l), l === productLine))}</select></label>
          <label>Registered <select name="registered" id="pipeline-registered"><option value="">Any time</option>
            ${periods.map((p) => option(p, `in ${p}`, p === registered))}</select></label>
        </form>
      </div>
      ${tiles([
        tile(
          'registered',
          'Registrations',
          count(t.registered),
          registered ? `registered in ${registered}` : 'all time',
        ),
        tile('open', 'Open', count(open), 'submitted or approved'),
        tile('protected', 'Protected now', count(t.protectionActive), 'approved, protection running'),
        tile('conflicted', 'Channel conflicts', count(t.conflicted), 'collided with another partner'),
      ])}
      <div class="row">
        <section class="card" aria-labelledby="stage-title"><h2 id="stage-title">By stage</h2>
          ${barChart(
            'stage',
            'Registrations by stage',
            t.byStatus.map((s) => ({
              label: label(s.status),
              value: s.count,
              display: `${count(s.count)} · ${money(first(s.estimatedValue))}`,
            })),
          )}
          <div id="stage-table"></div></section>
        <section class="card" aria-labelledby="line-title"><h2 id="line-title">By product line</h2>
          ${barChart(
            'line',
            'Registrations by product line',
            t.byProductLine.map((l) => ({
              label: label(l.productLine),
              value: l.count,
              display: `${count(l.count)} · ${money(first(l.estimatedValue))}`,
            })),
          )}
          <div id="line-table"></div></section>
      </div>
      ${card('region-part', 'By region', { titleId: 'region-title' })}
      ${card('pipeline-partners-part', 'Partners', { titleId: 'pp-title' })}
      ${card('pipeline-expiring', 'Protections ending within 30 days', { titleId: 'exp-title' })}`,
    );
    root.querySelector('#pipeline-filters')?.addEventListener('change', (e) => {
      const select = e.target as HTMLSelectElement;
      go(currentRoute().path, { ...Object.fromEntries(currentRoute().query), [select.name]: select.value });
    });
    dataTable(
      root.querySelector('#stage-table') as HTMLElement,
      {
        id: 'stages',
        caption: 'Registrations by stage',
        csvName: 'pipeline-by-stage',
        rowKey: (s) => s.status,
        sort: { key: 'count', dir: 'desc' },
        columns: [
          { key: 'status', label: 'Stage', value: (s) => s.status, cell: (s) => label(s.status) },
          { key: 'count', label: 'Registrations', numeric: true, value: (s) => s.count, cell: (s) => count(s.count) },
          {
            key: 'value',
            label: 'Estimated value',
            numeric: true,
            value: (s) => first(s.estimatedValue)?.amountMinor ?? null,
            money: (s) => first(s.estimatedValue),
            cell: (s) => money(first(s.estimatedValue)),
          },
        ],
      },
      t.byStatus,
    );
    dataTable(
      root.querySelector('#line-table') as HTMLElement,
      {
        id: 'lines',
        caption: 'Registrations by product line',
        csvName: 'pipeline-by-product-line',
        rowKey: (l) => l.productLine,
        sort: { key: 'count', dir: 'desc' },
        columns: [
          { key: 'line', label: 'Product line', value: (l) => l.productLine, cell: (l) => label(l.productLine) },
          { key: 'count', label: 'Registrations', numeric: true, value: (l) => l.count, cell: (l) => count(l.count) },
          {
            key: 'open',
            label: 'Open',
            numeric: true,
            value: (l) => (l.statuses.submitted ?? 0) + (l.statuses.approved ?? 0),
          },
          { key: 'won', label: 'Won', numeric: true, value: (l) => l.statuses.won ?? 0 },
          {
            key: 'value',
            label: 'Estimated value',
            numeric: true,
            value: (l) => first(l.estimatedValue)?.amountMinor ?? null,
            money: (l) => first(l.estimatedValue),
            cell: (l) => money(first(l.estimatedValue)),
          },
        ],
      },
      t.byProductLine,
    );
    const regions = regionRows(metrics, partners);
    regionTable(root.querySelector('#region-part') as HTMLElement, regions);
    pipelinePartners(root.querySelector('#pipeline-partners-part') as HTMLElement, metrics as DealMetrics[], partners);
    await section(root.querySelector('#pipeline-expiring') as HTMLElement, 'protections', () =>
      expiringSection(root.querySelector('#pipeline-expiring') as HTMLElement, api, signal, {
        now: pipeline.asOf,
        id: 'pipeline-expiring-deals',
        withinDays: 30,
        withPartner: true,
        productLine: productLine || undefined,
      }),
    );
  },
};
