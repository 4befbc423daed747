import { escape, label, money, pct } from './format.js';
import type { Scorecard } from './types.js';

interface Column {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
  /** The value sorted on; null sorts last either way. */
  readonly value: (s: Scorecard) => string | number | null;
  readonly cell: (s: Scorecard) => string;
}

const tierRank: Record<string, number> = { registered: 0, silver: 1, gold: 2, platinum: 3 };

const columns: readonly Column[] = [
  { key: 'name', label: 'Partner', value: (s) => s.name.toLowerCase(), cell: (s) => escape(s.name) },
  { key: 'region', label: 'Region', value: (s) => s.region, cell: (s) => escape(s.region) },
  { key: 'tier', label: 'Tier', value: (s) => (s.tier ? tierRank[s.tier] ?? -1 : null), cell: (s) => `<span class="tier">${escape(s.tier ?? '–')}</span>` },
  { key: 'status', label: 'Status', value: (s) => s.status, cell: (s) => escape(label(s.status)) },
  { key: 'quota', label: 'Quota', numeric: true, value: (s) => s.quota?.amountMinor ?? null, cell: (s) => escape(money(s.quota)) },
  { key: 'won', label: 'Won', numeric: true, value: (s) => s.wonRevenue?.amountMinor ?? null, cell: (s) => escape(money(s.wonRevenue)) },
  { key: 'attainment', label: 'Attainment', numeric: true, value: (s) => s.attainmentPct, cell: (s) => pct(s.attainmentPct) },
  { key: 'growth', label: 'Growth', numeric: true, value: (s) => s.growthPct, cell: (s) => pct(s.growthPct) },
  { key: 'dealsWon', label: 'Deals won', numeric: true, value: (s) => s.deals.won, cell: (s) => String(s.deals.won) },
  { key: 'conversion', label: 'Conversion', numeric: true, value: (s) => s.leadConversionPct, cell: (s) => pct(s.leadConversionPct) },
  { key: 'certified', label: 'Certified', numeric: true, value: (s) => s.certifiedPeople, cell: (s) => String(s.certifiedPeople) },
  { key: 'readiness', label: 'Ready to sell', numeric: true, value: (s) => s.readyProductLines.length, cell: (s) => escape(s.readyProductLines.join(', ') || '–') },
  { key: 'mdf', label: 'MDF used', numeric: true, value: (s) => s.mdf?.utilisationPct ?? null, cell: (s) => pct(s.mdf?.utilisationPct ?? null) },
];

const compare = (a: string | number | null, b: string | number | null, dir: 1 | -1) => {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a < b ? -1 : a > b ? 1 : 0) * dir;
};

/** The partner table: click a heading to sort by it, again to reverse. */
export const renderPartnerTable = (table: HTMLTableElement, rows: readonly Scorecard[]) => {
  let sortKey = 'attainment';
  let dir: 1 | -1 = -1;
  const draw = () => {
    const column = columns.find((c) => c.key === sortKey) ?? columns[0];
    const sorted = [...rows].sort((a, b) => compare(column.value(a), column.value(b), dir) || a.partnerId.localeCompare(b.partnerId));
    const head = columns.map((c) => {
      const sort = c.key === sortKey ? (dir === 1 ? 'ascending' : 'descending') : 'none';
      return `<th data-key="${c.key}" aria-sort="${sort}" class="${c.numeric ? 'num' : ''}">${c.label}</th>`;
    }).join('');
    const body = sorted.map((s) => `<tr data-partner-id="${escape(s.partnerId)}">${columns.map((c) => `<td data-col="${c.key}" class="${c.numeric ? 'num' : ''}">${c.cell(s)}</td>`).join('')}</tr>`).join('');
    table.innerHTML = `<thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
  };
  table.onclick = (event) => {
    const th = (event.target as HTMLElement).closest('th');
    if (!th?.dataset.key) return;
    if (th.dataset.key === sortKey) dir = dir === 1 ? -1 : 1;
    else {
      sortKey = th.dataset.key;
      dir = columns.find((c) => c.key === sortKey)?.numeric ? -1 : 1;
    }
    draw();
  };
  draw();
};
