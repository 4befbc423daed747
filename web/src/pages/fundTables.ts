import type { Api } from '../api.js';
import type { Fund, FundDetail } from '../types.js';
import { day, label, money, type Money } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { mapLimit } from '../ui/mapLimit.js';
import { dataTable } from '../ui/table.js';

interface ClaimRow {
  readonly id: string;
  readonly period: string;
  readonly activity: string;
  readonly amount: Money | null;
  readonly approved: Money | null;
  readonly status: string;
  readonly submittedAt: string;
  readonly paidAt: string | null;
}

/** A partner's MDF funds with their balances, and every claim against them (one request per fund). */
export const fundsSection = async (
  el: HTMLElement,
  api: Api,
  signal: AbortSignal,
  partnerId: string,
  withClaims: boolean,
) => {
  const funds = (await api.all<Fund>(`/mdf/funds?partnerId=${encodeURIComponent(partnerId)}`, signal)).items;
  const details = withClaims
    ? await mapLimit(funds, 6, (f) => api.get<FundDetail>(`/mdf/funds/${encodeURIComponent(f.id)}`, signal))
    : [];
  setHtml(
    el,
    html`<div id="funds-table"></div>${withClaims ? html`<h3>Claims</h3><div id="claims-table"></div>` : ''}`,
  );
  dataTable<Fund>(
    el.querySelector('#funds-table') as HTMLElement,
    {
      id: 'funds',
      caption: 'MDF funds',
      csvName: `mdf-funds-${partnerId}`,
      rowKey: (f) => f.id,
      sort: { key: 'period', dir: 'desc' },
      statePrefix: 'funds.',
      filters: [
        {
          key: 'status',
          label: 'Status',
          options: ['open', 'expired', 'closed'].map((s) => ({ value: s, label: label(s) })),
          test: (f, v) => f.status === v,
        },
      ],
      columns: [
        { key: 'period', label: 'Period', value: (f) => f.period },
        { key: 'status', label: 'Status', value: (f) => f.status, cell: (f) => label(f.status) },
        {
          key: 'allocated',
          label: 'Allocated',
          numeric: true,
          value: (f) => f.balances.allocated?.amountMinor ?? null,
          money: (f) => f.balances.allocated,
          cell: (f) => money(f.balances.allocated),
        },
        {
          key: 'committed',
          label: 'Committed',
          numeric: true,
          value: (f) => f.balances.committed?.amountMinor ?? null,
          money: (f) => f.balances.committed,
          cell: (f) => money(f.balances.committed),
        },
        {
          key: 'claimed',
          label: 'Claimed',
          numeric: true,
          value: (f) => f.balances.claimed?.amountMinor ?? null,
          money: (f) => f.balances.claimed,
          cell: (f) => money(f.balances.claimed),
        },
        {
          key: 'paid',
          label: 'Paid',
          numeric: true,
          value: (f) => f.balances.paid?.amountMinor ?? null,
          money: (f) => f.balances.paid,
          cell: (f) => money(f.balances.paid),
        },
        {
          key: 'available',
          label: 'Available',
          numeric: true,
          value: (f) => f.balances.available?.amountMinor ?? null,
          money: (f) => f.balances.available,
          cell: (f) => money(f.balances.available),
        },
        { key: 'expires', label: 'Expires', value: (f) => day(f.expiresAt) },
      ],
      empty: 'No MDF fund has been allocated.',
    },
    funds,
  );
  if (!withClaims) return;
  const claims: ClaimRow[] = details.flatMap((f) =>
    f.claims.map((c) => ({
      id: c.id,
      period: f.period,
      activity: f.requests.find((r) => r.id === c.requestId)?.activity ?? '–',
      amount: c.amount,
      approved: c.approvedAmount,
      status: c.status,
      submittedAt: c.submittedAt,
      paidAt: c.paidAt,
    })),
  );
  dataTable<ClaimRow>(
    el.querySelector('#claims-table') as HTMLElement,
    {
      id: 'claims',
      caption: 'MDF claims',
      csvName: `mdf-claims-${partnerId}`,
      rowKey: (c) => c.id,
      sort: { key: 'submitted', dir: 'desc' },
      pageSize: 50,
      statePrefix: 'claims.',
      search: { label: 'Search', text: (c) => `${c.activity} ${c.id}` },
      filters: [
        {
          key: 'status',
          label: 'Status',
          options: [...new Set(claims.map((c) => c.status))].sort().map((s) => ({ value: s, label: label(s) })),
          test: (c, v) => c.status === v,
        },
      ],
      columns: [
        { key: 'period', label: 'Fund', value: (c) => c.period },
        { key: 'activity', label: 'Activity', value: (c) => c.activity, cell: (c) => label(c.activity) },
        {
          key: 'amount',
          label: 'Claimed',
          numeric: true,
          value: (c) => c.amount?.amountMinor ?? null,
          money: (c) => c.amount,
          cell: (c) => money(c.amount),
        },
        {
          key: 'approved',
          label: 'Approved',
          numeric: true,
          value: (c) => c.approved?.amountMinor ?? null,
          money: (c) => c.approved,
          cell: (c) => money(c.approved),
        },
        { key: 'status', label: 'Status', value: (c) => c.status, cell: (c) => label(c.status) },
        { key: 'submitted', label: 'Submitted', value: (c) => day(c.submittedAt) },
        { key: 'paid', label: 'Paid', value: (c) => (c.paidAt ? day(c.paidAt) : null), cell: (c) => day(c.paidAt) },
      ],
      empty: 'No claim yet.',
    },
    claims,
  );
};
