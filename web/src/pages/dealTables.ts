import type { Api } from '../api.js';
import { withQuery } from '../api.js';
import type { Deal } from '../types.js';
import { count, day, daysUntil, known, label, money } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { dataTable, type Column } from '../ui/table.js';

const statuses = ['submitted', 'approved', 'won', 'lost', 'expired', 'rejected', 'withdrawn'];

const conflictBadge = html` <span class="badge downgrade" title="collided with another registration">conflict</span>`;

const protection = (d: Deal, now: string) =>
  d.protectionActive && d.protectedUntil
    ? `until ${day(d.protectedUntil)} (${daysUntil(d.protectedUntil, now)} d)`
    : '–';

const dealColumns = (now: string, withPartner: boolean): Column<Deal>[] => [
  {
    key: 'customer',
    label: 'Customer',
    value: (d) => d.customer.name,
    wrap: true,
    cell: (d) =>
      html`${d.customer.name} <span class="muted small">${d.customer.domain}</span>${d.conflict ? conflictBadge : ''}`,
  },
  ...(withPartner
    ? [{ key: 'partner', label: 'Partner', value: (d: Deal) => d.partnerName ?? d.partnerId, wrap: true }]
    : []),
  { key: 'line', label: 'Product line', value: (d) => d.productLine, cell: (d) => label(d.productLine) },
  {
    key: 'value',
    label: 'Estimated',
    numeric: true,
    value: (d) => d.estimatedValue.amountMinor,
    money: (d) => d.estimatedValue,
    cell: (d) => money(d.estimatedValue),
  },
  { key: 'status', label: 'Status', value: (d) => d.status, cell: (d) => label(d.status) },
  { key: 'registered', label: 'Registered', value: (d) => day(d.registeredAt) },
  { key: 'close', label: 'Expected close', value: (d) => d.expectedCloseDate },
  {
    key: 'protection',
    label: 'Protection',
    value: (d) => (d.protectionActive ? d.protectedUntil : null),
    cell: (d) => protection(d, now),
  },
  {
    key: 'won',
    label: 'Won',
    numeric: true,
    value: (d) => d.wonAmount?.amountMinor ?? null,
    money: (d) => known(d.wonAmount),
    cell: (d) => money(known(d.wonAmount)),
  },
];

/** Registrations fetched at first (the table shows 50): a partner may have thousands; more on demand. */
const FIRST = 200;
const MORE = 500;

/**
 * Deal registrations (newest first, the latest 200, then 500 more at a time): filter by status,
 * product line and protection, search by customer, CSV of the loaded rows.
 */
export const dealsSection = async (
  el: HTMLElement,
  api: Api,
  signal: AbortSignal,
  o: { partnerId?: string; now: string; id: string; withPartner?: boolean },
) => {
  const base = withQuery('/deals', { partnerId: o.partnerId });
  let page = await api.get<{ items: Deal[]; nextCursor: string | null }>(withQuery(base, { limit: FIRST }), signal);
  let rows: Deal[] = [...page.items];
  const loadedNote = html`<span class="muted" id="${o.id}-loaded"></span>`;
  const olderButton = html`<button type="button" class="secondary" id="${o.id}-older"
    hidden>Load ${MORE} older registrations</button>`;
  setHtml(el, html`<div id="${o.id}-table"></div><p class="more">${loadedNote} ${olderButton}</p>`);
  const table = dataTable<Deal>(
    el.querySelector(`#${o.id}-table`) as HTMLElement,
    {
      id: o.id,
      caption: 'Deal registrations',
      csvName: `deals${o.partnerId ? `-${o.partnerId}` : ''}`,
      rowKey: (d) => d.id,
      pageSize: 50,
      sort: { key: 'registered', dir: 'desc' },
      statePrefix: `${o.id}.`,
      search: {
        label: 'Search customer',
        text: (d) => `${d.customer.name} ${d.customer.domain} ${d.partnerName ?? ''}`,
      },
      filters: [
        {
          key: 'status',
          label: 'Status',
          options: statuses.map((s) => ({ value: s, label: label(s) })),
          test: (d, v) => d.status === v,
        },
        {
          key: 'line',
          label: 'Product line',
          options: [...new Set(rows.map((d) => d.productLine))].sort().map((l) => ({ value: l, label: label(l) })),
          test: (d, v) => d.productLine === v,
        },
        {
          key: 'protection',
          label: 'Protection',
          options: [
            { value: 'active', label: 'Protected now' },
            { value: 'soon', label: 'Ends within 30 days' },
          ],
          test: (d, v) => d.protectionActive && (v === 'active' || daysUntil(d.protectedUntil ?? o.now, o.now) <= 30),
        },
      ],
      columns: dealColumns(o.now, o.withPartner ?? false),
    },
    rows,
  );
  const older = el.querySelector(`#${o.id}-older`) as HTMLButtonElement;
  const loaded = el.querySelector(`#${o.id}-loaded`) as HTMLElement;
  const status = () => {
    older.hidden = page.nextCursor === null;
    loaded.textContent = page.nextCursor
      ? `The latest ${count(rows.length)} registrations are loaded.`
      : `All ${count(rows.length)} registrations are loaded.`;
  };
  older.addEventListener('click', async () => {
    older.disabled = true;
    try {
      page = await api.get(withQuery(base, { limit: MORE, cursor: page.nextCursor }));
      rows = [...rows, ...page.items];
      table.update(rows);
      status();
    } catch (e) {
      loaded.textContent = `Could not load older registrations: ${(e as Error).message}`;
    } finally {
      older.disabled = false;
    }
  });
  status();
};

/** Approved registrations whose protection ends within `withinDays`, soonest first. */
export const expiringSection = async (
  el: HTMLElement,
  api: Api,
  signal: AbortSignal,
  o: { partnerId?: string; productLine?: string; now: string; id: string; withinDays: number; withPartner?: boolean },
) => {
  const page = await api.all<Deal>(
    withQuery('/dashboards/expiring-protections', {
      partnerId: o.partnerId,
      productLine: o.productLine,
      withinDays: o.withinDays,
    }),
    signal,
    { max: 500 },
  );
  const found = `${count(page.items.length)}${page.complete ? '' : '+'}`;
  const soonest = page.complete ? '' : ' (the 500 soonest)';
  setHtml(
    el,
    html`<p>${found} protections end within ${o.withinDays} days${soonest}.</p><div id="${o.id}-table"></div>`,
  );
  dataTable<Deal>(
    el.querySelector(`#${o.id}-table`) as HTMLElement,
    {
      id: o.id,
      caption: `Protections ending within ${o.withinDays} days`,
      csvName: `expiring-protections${o.partnerId ? `-${o.partnerId}` : ''}`,
      rowKey: (d) => d.id,
      pageSize: 25,
      sort: { key: 'until', dir: 'asc' },
      statePrefix: `${o.id}.`,
      search: {
        label: 'Search customer',
        text: (d) => `${d.customer.name} ${d.customer.domain} ${d.partnerName ?? ''}`,
      },
      filters: [
        {
          key: 'line',
          label: 'Product line',
          options: [...new Set(page.items.map((d) => d.productLine))]
            .sort()
            .map((l) => ({ value: l, label: label(l) })),
          test: (d, v) => d.productLine === v,
        },
      ],
      columns: [
        { key: 'customer', label: 'Customer', value: (d) => d.customer.name, wrap: true },
        ...(o.withPartner
          ? [{ key: 'partner', label: 'Partner', value: (d: Deal) => d.partnerName ?? d.partnerId, wrap: true }]
          : []),
        { key: 'line', label: 'Product line', value: (d) => d.productLine, cell: (d) => label(d.productLine) },
        {
          key: 'value',
          label: 'Estimated',
          numeric: true,
          value: (d) => d.estimatedValue.amountMinor,
          money: (d) => d.estimatedValue,
          cell: (d) => money(d.estimatedValue),
        },
        { key: 'until', label: 'Protected until', value: (d) => d.protectedUntil, cell: (d) => day(d.protectedUntil) },
        { key: 'left', label: 'Days left', numeric: true, value: (d) => daysUntil(d.protectedUntil ?? o.now, o.now) },
        { key: 'extensions', label: 'Extensions', numeric: true, value: (d) => d.extensionCount },
      ],
      empty: `No protection ends within ${o.withinDays} days.`,
    },
    page.items,
  );
};
