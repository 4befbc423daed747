import { escape, money, pct } from './format.js';
import type { Kpis, Quadrant } from './types.js';

const tile = (id: string, label: string, value: string, sub: string) =>
  `<div class="tile" data-tile="${id}"><div class="label">${escape(label)}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;

const trend = (growth: number | null) =>
  growth === null ? 'no previous revenue to compare' : `<span class="${growth >= 0 ? 'up' : 'down'}">${growth >= 0 ? '▲' : '▼'} ${pct(Math.abs(growth))}</span> vs previous period`;

/** KPI tiles: partners vs desired, share achieving quota, revenue and growth, lead conversion, ready to sell. */
export const renderTiles = (el: HTMLElement, k: Kpis, q: Quadrant, scope: string) => {
  el.innerHTML = [
    tile('partners', `Active partners${scope}`, String(k.partners.active), `desired ${q.desiredPartnerCount} (channel)`),
    tile('quota', `Achieving quota${scope}`, pct(k.quota.achievingPct), `${k.quota.achieving} of ${k.quota.withQuota} with a quota; threshold ${q.quotaAttainmentThresholdPct}%`),
    tile('revenue', `Won revenue${scope}`, escape(money(k.revenue.won)), trend(k.revenue.growthPct)),
    tile('conversion', `Lead conversion${scope}`, pct(k.leads.conversionPct), `${k.leads.won} won of ${k.leads.closed} closed; ${k.leads.registered} registered`),
    tile('ready', `Ready to sell${scope}`, pct(k.readiness.readySharePct), `${k.readiness.ready} of ${k.partners.active} active partners, now`),
  ].join('');
};
