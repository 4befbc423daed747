import { href } from '../router.js';
import type { TierSignal } from '../types.js';
import { count, money, regionName } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { dataTable } from '../ui/table.js';

const tier = (name: string) => html`<span class="tier">${name}</span>`;

/** Tier signals as a table: each partner links to its page, where the tier can be judged. */
export const signalsTable = (
  el: HTMLElement,
  page: { items: readonly TierSignal[]; nextCursor: string | null },
  period: string,
) => {
  const up = page.items.filter((s) => s.signal === 'upgrade').length;
  const down = count(page.items.length - up);
  const first = page.nextCursor ? ' (the first 200)' : '';
  setHtml(el, html`<p>${count(up)} upgrade and ${down} downgrade signals${first}.</p><div id="signals-table"></div>`);
  dataTable<TierSignal>(
    el.querySelector('#signals-table') as HTMLElement,
    {
      id: 'signal-list',
      caption: 'Tier signals',
      csvName: `tier-signals-${period}`,
      rowKey: (s) => s.partnerId,
      pageSize: 25,
      sort: { key: 'name', dir: 'asc' },
      statePrefix: 'signals.',
      rowHref: (s) => href(`/partners/${s.partnerId}`, { period }),
      search: { label: 'Search', text: (s) => `${s.name} ${s.region}` },
      filters: [
        {
          key: 'signal',
          label: 'Signal',
          options: [
            { value: 'upgrade', label: 'Upgrade' },
            { value: 'downgrade', label: 'Downgrade' },
          ],
          test: (s, v) => s.signal === v,
        },
      ],
      columns: [
        {
          key: 'name',
          label: 'Partner',
          value: (s) => s.name,
          cell: (s) => html`<a href="${href(`/partners/${s.partnerId}`, { period })}">${s.name}</a>`,
        },
        {
          key: 'signal',
          label: 'Signal',
          value: (s) => `${s.signal} ${s.tier} ${s.suggestedTier}`,
          cell: (s) =>
            html`<span class="badge ${s.signal}">${s.signal}</span> ${tier(s.tier)} → ${tier(s.suggestedTier)}`,
        },
        { key: 'region', label: 'Region', value: (s) => s.region, cell: (s) => regionName(s.region) },
        {
          key: 'won',
          label: 'Won (4 quarters)',
          numeric: true,
          value: (s) => s.wonRevenue[0]?.amountMinor ?? 0,
          money: (s) => s.wonRevenue[0] ?? null,
          cell: (s) => money(s.wonRevenue[0]),
        },
      ],
    },
    page.items,
  );
};
