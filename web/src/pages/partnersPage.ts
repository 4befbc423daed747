import { withQuery } from '../api.js';
import type { PageContext } from '../app.js';
import { href } from '../router.js';
import type { Scorecard, ScorecardList } from '../types.js';
import { plural } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { periodLabel, progress } from '../ui/periods.js';
import { onPeriodChange, periodPicker } from '../ui/periodPicker.js';
import { dataTable } from '../ui/table.js';
import { scorecardColumns, scorecardFilters } from './partnerColumns.js';

/**
 * Every partner the viewer sees, with its scorecard for a period: search, filters, sorting, CSV; a row
 * leads to the partner's page.
 */
export const partnersPage = {
  title: 'Partners',
  render: async ({ api, route, signal, root }: PageContext) => {
    const period = route.query.get('period') ?? undefined;
    const first = await api.get<ScorecardList>(withQuery('/scorecards', { period, limit: 500 }), signal);
    const rest = first.nextCursor
      ? await api.all<Scorecard>(`/scorecards?period=${first.period}`, signal, { from: first.nextCursor })
      : { items: [] };
    const rows = [...first.items, ...rest.items];
    const pr = progress(first.period, first.asOf);
    setHtml(
      root,
      html`<div class="page-head">
        <h1 tabindex="-1">Partners <small data-testid="partner-count">${plural(rows.length, 'partner')}</small></h1>
        <p class="muted">${periodLabel(pr)}${pr.partial ? ': quota, won revenue and deals are to date' : ''}</p>
        ${periodPicker('partners-period', first.period, first.asOf)}
      </div>
      <section class="card" aria-label="Partner scorecards"><div id="partners-table"></div></section>`,
    );
    onPeriodChange(root);
    dataTable<Scorecard>(
      root.querySelector('#partners-table') as HTMLElement,
      {
        id: 'partners',
        caption: `Partner scorecards, ${first.period}`,
        csvName: `partners-${first.period}`,
        rowKey: (s) => s.partnerId,
        sort: { key: 'attainment', dir: 'desc' },
        statePrefix: '',
        pageSize: 100,
        rowHref: (s) => href(`/partners/${s.partnerId}`, { period: first.period }),
        search: { label: 'Search', text: (s) => `${s.name} ${s.country} ${s.partnerId}` },
        filters: scorecardFilters(rows),
        columns: scorecardColumns(first.period),
      },
      rows,
    );
  },
};
