import type { Api } from '../api.js';
import { href } from '../router.js';
import type { Lead, Plan } from '../leadTypes.js';
import { count, label, money, pct, regionName, type Money } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { dataTable } from '../ui/table.js';

const hoursLeft = (lead: Lead, now: string) =>
  lead.acceptBy === null ? null : Math.round((Date.parse(lead.acceptBy) - Date.parse(now)) / 3_600_000);

const deadline = (lead: Lead, now: string) => {
  const left = hoursLeft(lead, now);
  if (left === null) return '–';
  if (lead.acceptOverdue || left <= 0) return html`<span class="badge downgrade">past the deadline</span>`;
  return left < 12 ? html`<span class="badge downgrade">${left} h left</span>` : `${left} h left`;
};

/**
 * Leads in a table: customer, product line, region, holder (vendor staff), status and the time left to
 * accept. The API decides which leads the viewer sees; this only draws them.
 */
export const leadsTable = (el: HTMLElement, leads: readonly Lead[], id: string, now: string, vendor: boolean) =>
  dataTable<Lead>(
    el,
    {
      id,
      caption: vendor ? 'Open leads' : 'Leads to accept',
      csvName: id,
      rowKey: (l) => l.id,
      sort: { key: 'acceptBy', dir: 'asc' },
      pageSize: 50,
      search: { label: 'Search', text: (l) => `${l.customer.name} ${l.customer.domain} ${l.partnerName ?? ''}` },
      columns: [
        { key: 'customer', label: 'Customer', value: (l) => l.customer.name, wrap: true },
        { key: 'line', label: 'Product line', value: (l) => l.productLine, cell: (l) => label(l.productLine) },
        { key: 'region', label: 'Region', value: (l) => l.region, cell: (l) => regionName(l.region) },
        ...(vendor
          ? [
              {
                key: 'partner',
                label: 'Partner',
                value: (l: Lead) => l.partnerName,
                cell: (l: Lead) =>
                  l.partnerId
                    ? html`<a href="${href(`/partners/${l.partnerId}`)}">${l.partnerName ?? l.partnerId}</a>`
                    : '–',
              },
            ]
          : []),
        { key: 'status', label: 'Status', value: (l) => l.status, cell: (l) => label(l.status) },
        {
          key: 'value',
          label: 'Estimated value',
          numeric: true,
          value: (l) => l.estimatedValue?.amountMinor ?? null,
          money: (l) => l.estimatedValue,
          cell: (l) => money(l.estimatedValue),
        },
        { key: 'acceptBy', label: 'Accept by', value: (l) => l.acceptBy, cell: (l) => deadline(l, now) },
      ],
      empty: vendor ? 'No open leads.' : 'No leads wait for your answer.',
    },
    leads,
  );

/** The partner home's leads waiting for an answer (assigned to the viewer's partner, oldest deadline first). */
export const leadsToAcceptSection = async (el: HTMLElement, api: Api, signal: AbortSignal, now: string) => {
  const { items } = await api.all<Lead>('/leads?status=assigned', signal, { max: 500 });
  setHtml(
    el,
    html`<p>${items.length ? `${count(items.length)} to accept or decline before the deadline.` : ''}</p>
      <div id="leads-to-accept-table"></div>`,
  );
  leadsTable(el.querySelector('#leads-to-accept-table') as HTMLElement, items, 'leads-to-accept', now, false);
};

const gone = (elapsedPct: number) => html`<span class="muted small">(${pct(elapsedPct, 0)} of the period gone)</span>`;
const standing = (o: Plan['objectives'][number]) => {
  if (o.met) return html`<span class="badge upgrade">met</span>`;
  return o.onTrack
    ? html`<span class="badge upgrade">on track</span>`
    : html`<span class="badge downgrade">behind</span>`;
};
const figure = (v: Money | number, kind: string) => (kind === 'revenue' ? money(v as Money) : count(v as number));

/** The partner's business plans: each objective's target, actual figure and progress against the period. */
export const plansSection = async (el: HTMLElement, api: Api, signal: AbortSignal, partnerId: string) => {
  const { items } = await api.get<{ items: Plan[] }>(
    `/partners/${encodeURIComponent(partnerId)}/plans?limit=4`,
    signal,
  );
  if (!items.length) {
    setHtml(el, html`<p class="muted">No business plan agreed yet.</p>`);
    return;
  }
  setHtml(
    el,
    html`${items.map(
      (plan) => html`<div class="plan" data-plan="${plan.period}">
        <h3>${plan.period} · ${label(plan.status)} ${gone(plan.elapsedPct)}</h3>
        <ul class="objectives">${plan.objectives.map(
          (o) => html`<li data-objective="${o.kind}">
            <span>${label(o.kind)}</span>: ${figure(o.actual, o.kind)} of ${figure(o.target, o.kind)}
            <progress max="100" value="${String(Math.min(100, o.progressPct))}"></progress> ${pct(o.progressPct, 0)}
            ${standing(o)}
          </li>`,
        )}</ul>
      </div>`,
    )}`,
  );
};
