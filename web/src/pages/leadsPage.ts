import { withQuery } from '../api.js';
import type { PageContext } from '../app.js';
import type { Lead, LeadDashboard, LeadFigures } from '../leadTypes.js';
import { href } from '../router.js';
import { card } from '../ui/card.js';
import { count, pct, regionName, signed } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { onPeriodChange, periodPicker } from '../ui/periodPicker.js';
import { section } from '../ui/states.js';
import { dataTable, type Column } from '../ui/table.js';
import { tile, tiles } from '../ui/tiles.js';
import { leadsTable } from './leadTables.js';

type Row = LeadFigures & { readonly key: string; readonly name: string; readonly link?: string };

const hours = (h: number | null) => (h === null ? '–' : `${h.toFixed(1)} h`);
const columns: readonly Column<Row>[] = [
  {
    key: 'name',
    label: 'Name',
    value: (r) => r.name,
    cell: (r) => (r.link ? html`<a href="${r.link}">${r.name}</a>` : r.name),
  },
  ...(['assigned', 'accepted', 'declined', 'lapsed', 'converted', 'won'] as const).map((k) => ({
    key: k,
    label: k[0].toUpperCase() + k.slice(1),
    numeric: true,
    value: (r: Row) => r[k],
    cell: (r: Row) => count(r[k]),
  })),
  {
    key: 'median',
    label: 'Median to accept',
    numeric: true,
    value: (r) => r.medianHoursToAccept,
    cell: (r) => hours(r.medianHoursToAccept),
  },
  {
    key: 'conversion',
    label: 'Conversion',
    numeric: true,
    value: (r) => r.conversionPct,
    cell: (r) => pct(r.conversionPct),
  },
  {
    key: 'yearBefore',
    label: 'A year earlier',
    numeric: true,
    value: (r) => r.previousYearConversionPct,
    cell: (r) => pct(r.previousYearConversionPct),
  },
];

/**
 * Vendor-sourced leads (DESIGN §13) for vendor staff: the period's offers, answers and conversions
 * against the same period a year earlier, by region and by partner, and the leads still open now.
 */
export const leadsPage = {
  title: 'Leads',
  render: async ({ api, route, signal, root }: PageContext) => {
    const period = route.query.get('period') ?? undefined;
    const d = await api.get<LeadDashboard>(withQuery('/dashboards/leads', { period, limit: 500 }), signal);
    const c = d.channel;
    const change =
      c.conversionChangePts === null
        ? 'no figure a year earlier'
        : `${signed(c.conversionChangePts)} pts vs ${d.previousYearPeriod}`;
    setHtml(
      root,
      html`<div class="page-head">
        <h1 tabindex="-1">Leads</h1>
        ${periodPicker('leads-period', d.period, d.asOf)}
      </div>
      ${tiles([
        tile('assigned', `Offered in ${d.period}`, count(c.assigned), `${count(c.registered)} registered`),
        tile('accepted', 'Accepted', count(c.accepted), `${count(c.declined)} declined, ${count(c.lapsed)} lapsed`),
        tile('conversion', 'Lead conversion', pct(c.conversionPct), change),
        tile('median', 'Median time to accept', hours(c.medianHoursToAccept), `${count(c.won)} converted leads won`),
      ])}
      ${card('lead-regions', 'By region')}
      ${card('lead-partners', 'By partner')}
      ${card('open-leads', 'Open leads')}`,
    );
    onPeriodChange(root);
    const part = (id: string) => root.querySelector(`#${id}`) as HTMLElement;
    const table = (id: string, caption: string, rows: Row[]) => {
      dataTable<Row>(
        part(id),
        {
          id: `${id}-table`,
          caption,
          csvName: id,
          rowKey: (r) => r.key,
          columns,
          sort: { key: 'assigned', dir: 'desc' },
          pageSize: 50,
          statePrefix: `${id}.`,
        },
        rows,
      );
    };
    await Promise.all([
      section(part('lead-regions'), 'regions', async () =>
        table(
          'lead-regions',
          'Leads by region',
          d.regions.map((r) => ({ ...r, key: r.region, name: regionName(r.region) })),
        ),
      ),
      section(part('lead-partners'), 'partners', async () =>
        table(
          'lead-partners',
          'Leads by partner',
          d.partners.items.map((p) => ({
            ...p,
            key: p.partnerId,
            name: p.name ?? p.partnerId,
            link: href(`/partners/${p.partnerId}`),
          })),
        ),
      ),
      section(part('open-leads'), 'open leads', async () => {
        const [assigned, accepted] = await Promise.all([
          api.all<Lead>('/leads?status=assigned', signal, { max: 1000 }),
          api.all<Lead>('/leads?status=accepted', signal, { max: 1000 }),
        ]);
        leadsTable(part('open-leads'), [...assigned.items, ...accepted.items], 'open-leads-table', d.asOf, true);
      }),
    ]);
  },
};
