import { escape, pct } from './format.js';
import type { Quadrant } from './types.js';

const W = 520;
const H = 380;
const M = { left: 56, right: 16, top: 16, bottom: 48 };

const names = {
  emerging_growth: 'Emerging growth',
  scaling: 'Scaling',
  sub_optimized: 'Sub-optimized',
  continuous_improvement: 'Continuous improvement',
} as const;

/**
 * The channel quadrant as an SVG: partners against the desired count across (the line at 100%), the
 * share of partners achieving quota up (the line at the threshold); the channel is the dot.
 */
export const renderQuadrant = (el: HTMLElement, q: Quadrant) => {
  const coverage = q.partnerCoveragePct ?? 100;
  const achieving = q.achievingQuotaPct ?? 0;
  const xMax = Math.max(200, Math.ceil((coverage + 20) / 50) * 50);
  const x = (v: number) => M.left + (Math.min(v, xMax) / xMax) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (Math.min(v, 100) / 100) * (H - M.top - M.bottom);
  const cells = [
    { name: 'emerging_growth', x0: 0, x1: 100, y0: 0, y1: q.quotaAttainmentThresholdPct },
    { name: 'scaling', x0: 0, x1: 100, y0: q.quotaAttainmentThresholdPct, y1: 100 },
    { name: 'sub_optimized', x0: 100, x1: xMax, y0: 0, y1: q.quotaAttainmentThresholdPct },
    { name: 'continuous_improvement', x0: 100, x1: xMax, y0: q.quotaAttainmentThresholdPct, y1: 100 },
  ] as const;
  const rects = cells.map((c) => `
    <rect class="cell" data-cell="${c.name}" x="${x(c.x0)}" y="${y(c.y1)}" width="${x(c.x1) - x(c.x0)}" height="${y(c.y0) - y(c.y1)}"
      fill="${c.name === q.name ? '#dbe8ff' : '#f7f8fb'}" stroke="#dfe3ea"/>
    <text x="${(x(c.x0) + x(c.x1)) / 2}" y="${(y(c.y0) + y(c.y1)) / 2}" text-anchor="middle" font-size="13"
      font-weight="${c.name === q.name ? 700 : 400}" fill="${c.name === q.name ? '#2d6cdf' : '#8a93a6'}">${names[c.name]}</text>`).join('');
  const ticks = [0, 50, 100, 150, 200, 250, 300].filter((t) => t <= xMax)
    .map((t) => `<text x="${x(t)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11" fill="#647089">${t}%</text>`).join('');
  const yTicks = [0, 25, 50, 75, 100].map((t) => `<text x="${M.left - 8}" y="${y(t) + 4}" text-anchor="end" font-size="11" fill="#647089">${t}%</text>`).join('');
  el.innerHTML = `
    <svg viewBox="0 0 ${W} ${H}" role="img" data-quadrant="${escape(q.name)}" aria-label="Channel quadrant: ${escape(names[q.name])}">
      ${rects}${ticks}${yTicks}
      <line x1="${x(100)}" y1="${y(0)}" x2="${x(100)}" y2="${y(100)}" stroke="#647089" stroke-dasharray="4 3"/>
      <line x1="${x(0)}" y1="${y(q.quotaAttainmentThresholdPct)}" x2="${x(xMax)}" y2="${y(q.quotaAttainmentThresholdPct)}" stroke="#647089" stroke-dasharray="4 3"/>
      <text x="${(W + M.left) / 2}" y="${H - 8}" text-anchor="middle" font-size="12" fill="#1d2433">active partners, % of the desired count</text>
      <text transform="translate(14 ${(H - M.bottom + M.top) / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#1d2433">partners achieving quota</text>
      <circle data-testid="quadrant-point" cx="${x(coverage)}" cy="${y(achieving)}" r="8" fill="#2d6cdf" stroke="#fff" stroke-width="2"/>
    </svg>
    <p data-testid="quadrant-name"><strong>${escape(names[q.name])}</strong>: ${q.activePartners} active of ${q.desiredPartnerCount} desired partners;
      ${pct(q.achievingQuotaPct)} of those with a quota achieved it (threshold ${q.quotaAttainmentThresholdPct}%).</p>`;
};
