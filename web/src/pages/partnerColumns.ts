import { href } from '../router.js';
import type { Scorecard } from '../types.js';
import { count, label, money, pct, regionName } from '../ui/format.js';
import { html } from '../ui/html.js';
import type { Column, Filter } from '../ui/table.js';

const tierRank: Record<string, number> = { registered: 0, silver: 1, gold: 2, platinum: 3 };
const options = (values: readonly string[], show: (v: string) => string = label) =>
  [...new Set(values)].sort().map((v) => ({ value: v, label: show(v) }));

/** The partner table's columns (sized to fit 1,400 px: the ready lines are a count, listed on hover and in CSV). */
export const scorecardColumns = (period: string): Column<Scorecard>[] => [
  {
    key: 'name',
    label: 'Partner',
    value: (s) => s.name.toLowerCase(),
    cell: (s) => html`<a href="${href(`/partners/${s.partnerId}`, { period })}">${s.name}</a>`,
    wrap: true,
  },
  { key: 'region', label: 'Region', value: (s) => s.region, cell: (s) => regionName(s.region) },
  {
    key: 'tier',
    label: 'Tier',
    value: (s) => (s.tier ? (tierRank[s.tier] ?? -1) : null),
    cell: (s) => html`<span class="tier">${s.tier ?? '–'}</span>`,
  },
  { key: 'status', label: 'Status', value: (s) => s.status, cell: (s) => label(s.status) },
  {
    key: 'quota',
    label: 'Quota',
    numeric: true,
    value: (s) => s.quota?.amountMinor ?? null,
    money: (s) => s.quota,
    cell: (s) => money(s.quota),
  },
  {
    key: 'won',
    label: 'Won',
    numeric: true,
    value: (s) => s.wonRevenue?.amountMinor ?? null,
    money: (s) => s.wonRevenue,
    cell: (s) => money(s.wonRevenue),
  },
  {
    key: 'attainment',
    label: 'Attainment',
    numeric: true,
    value: (s) => s.attainmentPct,
    cell: (s) => pct(s.attainmentPct),
  },
  { key: 'growth', label: 'Growth', numeric: true, value: (s) => s.growthPct, cell: (s) => pct(s.growthPct) },
  { key: 'dealsWon', label: 'Deals won', numeric: true, value: (s) => s.deals.won, cell: (s) => count(s.deals.won) },
  {
    key: 'conversion',
    label: 'Conversion',
    numeric: true,
    value: (s) => s.leadConversionPct,
    cell: (s) => pct(s.leadConversionPct),
  },
  {
    key: 'certified',
    label: 'Certified',
    numeric: true,
    value: (s) => s.certifiedPeople,
    cell: (s) => count(s.certifiedPeople),
  },
  {
    key: 'readiness',
    label: 'Ready lines',
    numeric: true,
    value: (s) => s.readyProductLines.length,
    cell: (s) => {
      const lines = s.readyProductLines.join(', ') || 'none';
      return html`<span title="${lines}">${s.readyProductLines.length}</span><span class="sr-only">: ${lines}</span>`;
    },
  },
  {
    key: 'mdf',
    label: 'MDF used',
    numeric: true,
    value: (s) => s.mdf?.utilisationPct ?? null,
    cell: (s) => pct(s.mdf?.utilisationPct ?? null),
  },
];

export const scorecardFilters = (rows: readonly Scorecard[]): Filter<Scorecard>[] => [
  {
    key: 'region',
    label: 'Region',
    options: options(
      rows.map((s) => s.region),
      regionName,
    ),
    test: (s, v) => s.region === v,
  },
  {
    key: 'tier',
    label: 'Tier',
    options: options(rows.map((s) => s.tier ?? '').filter(Boolean)),
    test: (s, v) => s.tier === v,
  },
  { key: 'status', label: 'Status', options: options(rows.map((s) => s.status)), test: (s, v) => s.status === v },
  { key: 'type', label: 'Type', options: options(rows.map((s) => s.type)), test: (s, v) => s.type === v },
  {
    key: 'quota',
    label: 'Quota',
    options: [
      { value: 'achieved', label: 'Achieved' },
      { value: 'missed', label: 'Not (yet) achieved' },
      { value: 'none', label: 'No quota' },
    ],
    test: (s, v) =>
      v === 'none' ? s.achievedQuota === null : v === 'achieved' ? s.achievedQuota === true : s.achievedQuota === false,
  },
];
